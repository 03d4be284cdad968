/**
 * Who may do what with an initiative. Pure: takes the facts, returns a decision.
 */
export type OrgRole = 'admin' | 'member' | 'viewer';
export type MemberRole = 'owner' | 'deputy' | 'contributor' | 'observer';
export type Visibility = 'company' | 'members';

export interface Actor {
  id: string;
  role: OrgRole;
}

export interface InitiativeAccessFacts {
  visibility: Visibility;
  /** The actor's role in this initiative, or undefined when not a member. */
  memberRole: MemberRole | undefined;
}

export function canRead(actor: Actor, facts: InitiativeAccessFacts): boolean {
  if (actor.role === 'admin') return true;
  return facts.visibility === 'company' || facts.memberRole !== undefined;
}

/** Edit content: title, problem, benefit, tags, risk class. */
export function canEdit(actor: Actor, facts: InitiativeAccessFacts): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'viewer') return false;
  return (
    facts.memberRole === 'owner' ||
    facts.memberRole === 'deputy' ||
    facts.memberRole === 'contributor'
  );
}

/** Manage members, owners, visibility, status and move the stage. */
export function canManage(actor: Actor, facts: InitiativeAccessFacts): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'viewer') return false;
  return facts.memberRole === 'owner' || facts.memberRole === 'deputy';
}

export const canCreateInitiative = (actor: Actor): boolean => actor.role !== 'viewer';
