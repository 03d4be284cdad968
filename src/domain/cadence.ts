/**
 * Demo cadences: weekly, every 2/3/4 weeks, or monthly on the n-th weekday ("second
 * Thursday", "last Friday"). Occurrences keep their local wall time across daylight-saving
 * changes; a time that does not exist on some occurrence (the spring DST gap) is refused.
 * Pure: no clock, no I/O.
 */
import { isTimeZone, isValidWallTime, type WallTime, zonedTimeToUtc } from './time-zones.js';
import type { Side } from './sides.js';

export const CADENCE_INTERVALS = [
  'weekly',
  'every_2_weeks',
  'every_3_weeks',
  'every_4_weeks',
  'monthly',
] as const;
export type CadenceInterval = (typeof CADENCE_INTERVALS)[number];

/** What a demo shows and hears: feedback by kind, and action items made from it. */
export const FEEDBACK_KINDS = ['praise', 'concern', 'idea', 'defect'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export const ACTION_STATUSES = ['open', 'in_progress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface CadenceRule {
  interval: CadenceInterval;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Monthly only: 1–4 for first…fourth, -1 for the last weekday of the month. */
  weekOfMonth: number | null;
  /** Local time HH:MM. */
  time: string;
  durationMinutes: number;
  timeZone: string;
  /** YYYY-MM-DD: the first day an occurrence may fall on. */
  startsOn: string;
}

export interface Occurrence {
  /** The local calendar day the rule puts it on (its identity; stays when moved). */
  date: string;
  /** UTC instants, ISO. */
  startsAt: string;
  endsAt: string;
}

/** What is wrong with a cadence rule. */
export const CADENCE_PROBLEMS = [
  'invalid_interval',
  'invalid_weekday',
  'impossible_monthly_rule',
  'only_monthly',
  'invalid_time',
  'invalid_duration',
  'unknown_time_zone',
  'invalid_date',
  'time_in_dst_gap',
] as const;

export interface CadenceProblem {
  field: keyof CadenceRule;
  code: (typeof CADENCE_PROBLEMS)[number];
  message: string;
}

export class CadenceError extends Error {
  constructor(readonly problems: CadenceProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.name = 'CadenceError';
  }
}

const DAY_MS = 86_400_000;
const WEEKS: Record<CadenceInterval, number> = {
  weekly: 1,
  every_2_weeks: 2,
  every_3_weeks: 3,
  every_4_weeks: 4,
  monthly: 0,
};
const toDays = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const fromDays = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** ISO weekday of a YYYY-MM-DD (1 = Monday). */
export const isoWeekday = (day: string): number =>
  ((new Date(toDays(day) * DAY_MS).getUTCDay() + 6) % 7) + 1;
export const addDays = (day: string, n: number): string => fromDays(toDays(day) + n);
export const daysBetween = (from: string, to: string): number => toDays(to) - toDays(from);

function parseDay(day: string): WallTime | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const t = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: 0, minute: 0, second: 0 };
  return isValidWallTime(t) ? t : undefined;
}

function parseTime(time: string): { hour: number; minute: number } | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) return undefined;
  const hour = +m[1]!;
  const minute = +m[2]!;
  return hour < 24 && minute < 60 ? { hour, minute } : undefined;
}

/** The UTC instant of a local day and time, or undefined in the spring DST gap. */
export function localToUtc(day: string, time: string, timeZone: string): number | undefined {
  const d = parseDay(day);
  const t = parseTime(time);
  if (!d || !t) return undefined;
  return zonedTimeToUtc({ ...d, hour: t.hour, minute: t.minute, second: 0 }, timeZone);
}

/** The n-th (or last, n = -1) given weekday of a month, as YYYY-MM-DD. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): string {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  if (n > 0) {
    const offset = (weekday - isoWeekday(first) + 7) % 7;
    return addDays(first, offset + 7 * (n - 1));
  }
  const nextMonth =
    month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  const last = addDays(nextMonth, -1);
  return addDays(last, -((isoWeekday(last) - weekday + 7) % 7));
}

/** The days the rule falls on from `from` to `to` (inclusive, local days). */
export function ruleDays(rule: CadenceRule, from: string, to: string): string[] {
  const start = from < rule.startsOn ? rule.startsOn : from;
  const out: string[] = [];
  if (start > to) return out;
  if (rule.interval === 'monthly') {
    let year = Number(start.slice(0, 4));
    let month = Number(start.slice(5, 7));
    for (;;) {
      const day = nthWeekdayOfMonth(year, month, rule.weekday, rule.weekOfMonth ?? 1);
      if (day > to) break;
      if (day >= start) out.push(day);
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
    return out;
  }
  // Weekly rules are anchored at the first matching weekday on or after startsOn.
  const anchor = addDays(rule.startsOn, (rule.weekday - isoWeekday(rule.startsOn) + 7) % 7);
  const step = WEEKS[rule.interval] * 7;
  const skip = Math.max(0, Math.ceil(daysBetween(anchor, start) / step));
  for (let day = addDays(anchor, skip * step); day <= to; day = addDays(day, step)) out.push(day);
  return out;
}

/** Checks a rule's shape; throws CadenceError listing every problem. */
export function validateRule(rule: CadenceRule): void {
  const problems: CadenceProblem[] = [];
  if (!(rule.interval in WEEKS))
    problems.push({
      field: 'interval',
      code: 'invalid_interval',
      message: 'must be weekly, every 2, 3 or 4 weeks, or monthly',
    });
  if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7)
    problems.push({
      field: 'weekday',
      code: 'invalid_weekday',
      message: 'must be 1 (Monday) to 7 (Sunday)',
    });
  if (rule.interval === 'monthly') {
    const n = rule.weekOfMonth;
    if (n === null || !Number.isInteger(n) || !(n === -1 || (n >= 1 && n <= 4)))
      problems.push({
        field: 'weekOfMonth',
        code: 'impossible_monthly_rule',
        message:
          'must be the first, second, third, fourth or last weekday of the month; a fifth one does not exist in every month',
      });
  } else if (rule.weekOfMonth !== null) {
    problems.push({
      field: 'weekOfMonth',
      code: 'only_monthly',
      message: 'is only used by monthly cadences',
    });
  }
  if (!parseTime(rule.time))
    problems.push({ field: 'time', code: 'invalid_time', message: 'must be a time like 14:00' });
  if (
    !Number.isInteger(rule.durationMinutes) ||
    rule.durationMinutes < 5 ||
    rule.durationMinutes > 480
  )
    problems.push({
      field: 'durationMinutes',
      code: 'invalid_duration',
      message: 'must be 5 to 480 minutes',
    });
  if (!isTimeZone(rule.timeZone))
    problems.push({
      field: 'timeZone',
      code: 'unknown_time_zone',
      message: 'is not a known time zone',
    });
  if (!parseDay(rule.startsOn))
    problems.push({
      field: 'startsOn',
      code: 'invalid_date',
      message: 'is not a date in the calendar',
    });
  if (problems.length) throw new CadenceError(problems);
  // A time that some occurrence skips (the spring DST gap) is refused outright: better a
  // clear error now than a demo that silently moves by an hour next March.
  const horizonEnd = addDays(rule.startsOn, 2 * 366);
  for (const day of ruleDays(rule, rule.startsOn, horizonEnd)) {
    if (localToUtc(day, rule.time, rule.timeZone) === undefined)
      throw new CadenceError([
        {
          field: 'time',
          code: 'time_in_dst_gap',
          message: `${rule.time} does not exist on ${day} in ${rule.timeZone} (the clocks jump forward); choose another time`,
        },
      ]);
  }
}

/** Occurrences with their UTC instants; the local time stays the same across DST. */
export function occurrences(rule: CadenceRule, from: string, to: string): Occurrence[] {
  const out: Occurrence[] = [];
  for (const date of ruleDays(rule, from, to)) {
    const start = localToUtc(date, rule.time, rule.timeZone);
    if (start === undefined) continue; // refused by validateRule; never stored
    out.push({
      date,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + rule.durationMinutes * 60_000).toISOString(),
    });
  }
  return out;
}

/** How far ahead occurrences are created. */
export const HORIZON_DAYS = 12 * 7;

import { type AnonymousConfidence, sideAverages } from './privacy.js';

export interface Vote {
  side: Side;
  confidence: number;
}

export type ConfidenceSummary = AnonymousConfidence;

export const DIVERGENCE = 1.5;

/**
 * Averages and counts of confidence votes per side. `minVotes`: fewer votes than that on a
 * side (or overall) show no average (3 in works-council mode, so no one's vote can be read
 * off an average).
 */
export function confidenceSummary(votes: Vote[], minVotes = 1): ConfidenceSummary {
  return sideAverages(votes, minVotes, DIVERGENCE);
}

export const OCCURRENCE_STATES = ['planned', 'held', 'skipped', 'cancelled'] as const;
export type OccurrenceState = (typeof OCCURRENCE_STATES)[number];

export interface AdherenceInput {
  state: OccurrenceState;
  /** Local day of the (possibly moved) occurrence. */
  day: string;
}

export interface Adherence {
  /**
   * Occurrences in the last 90 days that were not cancelled and whose day has ended, and today's
   * once held or skipped.
   */
  planned: number;
  held: number;
  skipped: number;
  /** Occurrences whose day passed without being held or skipped. */
  missed: number;
  /** held / planned; null when nothing was planned. */
  rate: number | null;
  lastHeldDay: string | null;
  daysSinceLastHeld: number | null;
  overdue: boolean;
  /** The earliest occurrence missed since the last held demo, and how many days ago it was. */
  overdueSince: string | null;
  daysOverdue: number | null;
}

export const ADHERENCE_WINDOW_DAYS = 90;

/** Adherence as of `today` (local day in the cadence's time zone). */
export function adherence(items: AdherenceInput[], today: string): Adherence {
  const windowStart = addDays(today, -ADHERENCE_WINDOW_DAYS);
  // Today's occurrence counts once it is decided (held or skipped): a demo held this morning is
  // in `held` as it is in `lastHeldDay`; one still planned today is not missed yet.
  const past = items.filter(
    (o) =>
      o.state !== 'cancelled' &&
      (o.day < today || (o.day === today && (o.state === 'held' || o.state === 'skipped'))),
  );
  const inWindow = past.filter((o) => o.day >= windowStart);
  const held = inWindow.filter((o) => o.state === 'held').length;
  const skipped = inWindow.filter((o) => o.state === 'skipped').length;
  const lastHeld = items
    .filter((o) => o.state === 'held' && o.day <= today)
    .map((o) => o.day)
    .sort()
    .at(-1);
  // A missed occurrence makes the cadence overdue until a later demo is held (or it is
  // recorded late, or marked skipped).
  const missedSinceLastHeld = past
    .filter((o) => o.state === 'planned' && (!lastHeld || o.day > lastHeld))
    .map((o) => o.day)
    .sort();
  const overdueSince = missedSinceLastHeld[0] ?? null;
  return {
    planned: inWindow.length,
    held,
    skipped,
    missed: inWindow.filter((o) => o.state === 'planned').length,
    rate: inWindow.length ? Math.round((held / inWindow.length) * 100) / 100 : null,
    lastHeldDay: lastHeld ?? null,
    daysSinceLastHeld: lastHeld ? daysBetween(lastHeld, today) : null,
    overdue: overdueSince !== null,
    overdueSince,
    daysOverdue: overdueSince ? daysBetween(overdueSince, today) : null,
  };
}
