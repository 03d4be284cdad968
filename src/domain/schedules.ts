import { isTimeZone, zonedTimeToUtc, zoneOffsetMs } from './time-zones.js';

/**
 * When a periodic job is due: every N minutes (aligned to the UTC epoch, so every
 * instance and every restart agree on the slots), or daily / weekly at a wall-clock time
 * in a time zone (kept across daylight-saving changes).
 */
export type Schedule =
  | { every: { minutes: number } }
  | { daily: { at: string; timeZone: string } }
  | { weekly: { on: Weekday; at: string; timeZone: string } };

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A stable text for a schedule: stored beside the job, so a changed schedule is noticed. */
export function describeSchedule(s: Schedule): string {
  if ('every' in s) return `every ${s.every.minutes} min`;
  if ('daily' in s) return `daily ${s.daily.at} ${s.daily.timeZone}`;
  return `weekly ${s.weekly.on} ${s.weekly.at} ${s.weekly.timeZone}`;
}

/** Problems with a schedule (empty when valid): checked when a job is registered. */
export function scheduleProblems(s: Schedule): string[] {
  const problems: string[] = [];
  if ('every' in s) {
    const m = s.every.minutes;
    if (!Number.isInteger(m) || m < 1 || m > 7 * 24 * 60)
      problems.push('every.minutes must be a whole number from 1 to 10080');
    return problems;
  }
  const { at, timeZone } = 'daily' in s ? s.daily : s.weekly;
  if (!parseTime(at)) problems.push(`at must be HH:MM (00:00–23:59), not "${at}"`);
  if (!isTimeZone(timeZone)) problems.push(`unknown time zone "${timeZone}"`);
  if ('weekly' in s && !WEEKDAYS.includes(s.weekly.on))
    problems.push(`on must be one of ${WEEKDAYS.join(', ')}`);
  return problems;
}

function parseTime(at: string): { hour: number; minute: number } | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(at);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}

/** The local calendar date of an instant in a zone, as a UTC-midnight epoch (for day arithmetic). */
function localDay(epochMs: number, timeZone: string): number {
  const local = epochMs + zoneOffsetMs(epochMs, timeZone);
  return Math.floor(local / DAY) * DAY;
}

/**
 * The instant of `hour:minute` on a local date. A time that does not exist that day (the
 * spring gap, e.g. 02:30 in Berlin on the last Sunday of March) moves forward by the gap,
 * as clocks do; an ambiguous autumn time takes its first occurrence.
 */
function instantOn(dayMs: number, hour: number, minute: number, timeZone: string): number {
  const d = new Date(dayMs);
  const wall = {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour,
    minute,
    second: 0,
  };
  const exact = zonedTimeToUtc(wall, timeZone);
  if (exact !== undefined) return exact;
  // In the gap: the offset before the change applied to the wall time lands after it.
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, hour, minute);
  return naive - zoneOffsetMs(naive - DAY / 2, timeZone);
}

/**
 * The first time the schedule is due strictly after `after`. Missed slots are not
 * replayed: a scheduler that was down for three periods runs the job once, then here.
 */
export function nextOccurrence(s: Schedule, after: Date): Date {
  const t = after.getTime();
  if ('every' in s) {
    const step = s.every.minutes * MINUTE;
    return new Date((Math.floor(t / step) + 1) * step);
  }
  const { at, timeZone } = 'daily' in s ? s.daily : s.weekly;
  const time = parseTime(at);
  if (!time) throw new Error(`Invalid schedule time "${at}"`);
  const wantedWeekday = 'weekly' in s ? WEEKDAYS.indexOf(s.weekly.on) : undefined;
  // Scan local days from yesterday on (a zone ahead of UTC may still be "yesterday" locally).
  const start = localDay(t, timeZone) - DAY;
  for (let i = 0; i < 9; i += 1) {
    const day = start + i * DAY;
    // 1970-01-01 was a Thursday (index 3 from Monday).
    const weekday = (Math.floor(day / DAY) + 3) % 7;
    if (wantedWeekday !== undefined && weekday !== wantedWeekday) continue;
    const candidate = instantOn(day, time.hour, time.minute, timeZone);
    if (candidate > t) return new Date(candidate);
  }
  throw new Error('unreachable: a weekly slot exists within nine days');
}
