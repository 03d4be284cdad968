import type { Side } from './sides.js';

/** People in the organisation: their role, language and account state. */
export const ORG_ROLES = ['admin', 'member', 'viewer'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** active: can sign in; invited: has not set a password yet; disabled: blocked. */
export const USER_STATES = ['active', 'invited', 'disabled'] as const;
export type UserState = (typeof USER_STATES)[number];

/** A person as a record names them (an author, a creator, an actor). */
export interface NamedPerson {
  id: string;
  name: string;
  side: Side;
  department: string | null;
}

/**
 * A person who may be gone (an author, a creator), from joined columns: null unless all of
 * them is known.
 */
export const knownPerson = (
  id: string | null,
  name: string | null,
  side: Side | null,
  department: string | null,
): NamedPerson | null => (id && name && side ? { id, name, side, department } : null);
