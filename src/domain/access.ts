/**
 * Who may do what with an initiative. Pure: takes the facts, returns a decision.
 */
import type { OrgRole } from './people.js';

export type { OrgRole } from './people.js';

/** A person's role in one initiative's team. */
export const MEMBER_ROLES = ['owner', 'deputy', 'contributor', 'observer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
/** The roles given by adding someone to the team; owners and deputies are set on the initiative. */
export const ASSIGNABLE_MEMBER_ROLES = ['contributor', 'observer'] as const;
export type AssignableMemberRole = (typeof ASSIGNABLE_MEMBER_ROLES)[number];

/** company: every signed-in person may read; members: only the team (and admins). */
export const VISIBILITIES = ['company', 'members'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface Actor {
  id: string;
  role: OrgRole;
}

export interface InitiativeAccessFacts {
  visibility: Visibility;
  /** The actor's role in this initiative, or undefined when not a member. */
  memberRole: MemberRole | undefined;
}

/**
 * A permission check that threw instead of deciding. The request is refused (403, see the
 * server's error handler): a check that cannot decide never lets anything through.
 */
export class AccessCheckError extends Error {
  constructor(
    readonly check: string,
    cause: unknown,
  ) {
    super(`The access check "${check}" failed`, { cause });
    this.name = 'AccessCheckError';
  }
}

/** A rule that fails closed: whatever it throws becomes an AccessCheckError. */
function rule<A extends unknown[]>(
  name: string,
  decide: (...args: A) => boolean,
): (...args: A) => boolean {
  return (...args) => {
    try {
      return decide(...args);
    } catch (err) {
      throw err instanceof AccessCheckError ? err : new AccessCheckError(name, err);
    }
  };
}

export const canRead = rule(
  'canRead',
  (actor: Actor, facts: InitiativeAccessFacts): boolean =>
    actor.role === 'admin' || facts.visibility === 'company' || facts.memberRole !== undefined,
);

/** Edit content: title, problem, benefit, tags, risk class. */
export const canEdit = rule('canEdit', (actor: Actor, facts: InitiativeAccessFacts): boolean => {
  if (actor.role === 'admin') return true;
  if (actor.role === 'viewer') return false;
  return (
    facts.memberRole === 'owner' ||
    facts.memberRole === 'deputy' ||
    facts.memberRole === 'contributor'
  );
});

/** Manage members, owners, visibility, status and move the stage. */
export const canManage = rule(
  'canManage',
  (actor: Actor, facts: InitiativeAccessFacts): boolean => {
    if (actor.role === 'admin') return true;
    if (actor.role === 'viewer') return false;
    return facts.memberRole === 'owner' || facts.memberRole === 'deputy';
  },
);

export const canCreateInitiative = rule(
  'canCreateInitiative',
  (actor: Actor): boolean => actor.role !== 'viewer',
);
