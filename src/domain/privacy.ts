/**
 * Privacy rules that need no I/O: kinds of personal data with a retention period, and the
 * works-council rule for confidence votes (Tandem measures initiatives, never people).
 */
import type { Side } from './sides.js';

/** Kinds of personal data that are removed after a configurable number of days. */
export const RETENTION_KINDS = [
  'sessions',
  'login_attempts',
  'audit_detail',
  'event_deliveries',
  'calendar_feeds',
  'notifications',
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** Days each kind is kept, until an admin changes it (null: kept as long as the workspace). */
export const DEFAULT_RETENTION_DAYS: Record<RetentionKind, number | null> = {
  sessions: 30,
  login_attempts: 1,
  // The regular limitation period (§ 195 BGB): who changed what stays provable for 3 years.
  audit_detail: 1095,
  event_deliveries: 7,
  calendar_feeds: 90,
  notifications: 90,
};

/** Kinds kept as long as their subject exists (no clean-up by age). */
export const LASTING_KINDS = ['account', 'work_records', 'audit_trail'] as const;
export type LastingKind = (typeof LASTING_KINDS)[number];
export type DataKind = RetentionKind | LastingKind;

/** In works-council mode, an average is shown only from at least this many votes. */
export const MIN_VOTES_FOR_AVERAGE = 3;

export interface SideVote {
  side: Side;
  confidence: number;
}

export interface AnonymousConfidence {
  business: number | null;
  it: number | null;
  overall: number | null;
  votes: number;
  businessVotes: number;
  itVotes: number;
  divergent: boolean;
}

const avg = (xs: number[], min: number): number | null =>
  xs.length >= Math.max(min, 1)
    ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100
    : null;

/**
 * Per-side averages and counts of confidence votes. `minVotes` is 1 normally and
 * MIN_VOTES_FOR_AVERAGE in works-council mode: fewer votes than that show no average (a
 * single vote's average is the vote).
 */
export function sideAverages(
  votes: SideVote[],
  minVotes: number,
  divergence: number,
): AnonymousConfidence {
  const b = votes.filter((v) => v.side === 'business').map((v) => v.confidence);
  const i = votes.filter((v) => v.side === 'it').map((v) => v.confidence);
  const business = avg(b, minVotes);
  const it = avg(i, minVotes);
  return {
    business,
    it,
    overall: avg(
      votes.map((v) => v.confidence),
      minVotes,
    ),
    votes: votes.length,
    businessVotes: b.length,
    itVotes: i.length,
    divergent: business !== null && it !== null && Math.abs(business - it) >= divergence - 1e-9,
  };
}
