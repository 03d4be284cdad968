/**
 * The agreement mechanism shared by metric definitions and goals: versioned content
 * and signatures by side. A subject is *agreed* when at least one business member and
 * one IT member signed its current version. A change to the agreed content makes a new
 * version; signatures of older versions stay visible but no longer count.
 */
import type { MemberRole } from './access.js';
import type { OrgRole } from './people.js';
import type { Side } from './sides.js';

export type { Side } from './sides.js';

/** What is signed: a metric definition or a goal's terms. */
export const AGREEMENT_SUBJECTS = ['metric', 'goal'] as const;
export type AgreementSubject = (typeof AGREEMENT_SUBJECTS)[number];

export interface Signature {
  version: number;
  userId: string;
  userName: string;
  side: Side;
  signedAt: string;
}

export interface AgreementState {
  currentVersion: number;
  agreed: boolean;
  /** The signature of the current version per side, if any. */
  business: Signature | null;
  it: Signature | null;
  /** Sides whose signature on the current version is missing. */
  waitingFor: Side[];
}

export function agreementState(
  currentVersion: number,
  signatures: readonly Signature[],
): AgreementState {
  const current = signatures.filter((s) => s.version === currentVersion);
  const first = (side: Side) =>
    current
      .filter((s) => s.side === side)
      .sort((a, b) => a.signedAt.localeCompare(b.signedAt))[0] ?? null;
  const business = first('business');
  const it = first('it');
  const waitingFor: Side[] = [];
  if (!business) waitingFor.push('business');
  if (!it) waitingFor.push('it');
  return { currentVersion, agreed: waitingFor.length === 0, business, it, waitingFor };
}

export interface Signer {
  userId: string;
  side: Side;
  /** Org role: viewers never sign. */
  orgRole: OrgRole;
  /** Role in the initiative, undefined when not a member. Observers do not sign. */
  memberRole: MemberRole | undefined;
}

/** Why someone may not sign now. */
export const SIGN_REFUSALS = [
  'not_member',
  'wrong_side',
  'stale_version',
  'already_signed',
] as const;
export interface SignRefusal {
  code: (typeof SIGN_REFUSALS)[number];
  message: string;
}

/**
 * Whether `signer` may sign `version` for `side` now; undefined when allowed.
 * Pure, so the UI can say in advance why someone cannot sign.
 */
export function signRefusal(
  signer: Signer,
  side: Side,
  version: number,
  currentVersion: number,
  signatures: readonly Signature[],
): SignRefusal | undefined {
  if (
    signer.orgRole === 'viewer' ||
    signer.memberRole === undefined ||
    signer.memberRole === 'observer'
  ) {
    return {
      code: 'not_member',
      message: 'Only owners, deputies and contributors of this initiative sign',
    };
  }
  if (signer.side !== side) {
    return {
      code: 'wrong_side',
      message: `You belong to ${signer.side === 'it' ? 'IT' : 'the business side'} and can only sign for it`,
    };
  }
  if (version !== currentVersion) {
    return {
      code: 'stale_version',
      message: `Version ${version} is no longer current; version ${currentVersion} needs signing`,
    };
  }
  if (signatures.some((s) => s.version === version && s.userId === signer.userId)) {
    return { code: 'already_signed', message: 'You have already signed this version' };
  }
  return undefined;
}

/** True when any of the agreement-relevant fields differ (a new version is needed). */
export function needsNewVersion<T extends Record<string, unknown>>(
  before: T,
  after: T,
  keys: readonly (keyof T)[],
): boolean {
  return keys.some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
