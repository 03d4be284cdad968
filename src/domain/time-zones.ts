/**
 * Wall-clock time in a time zone → UTC instant, without a date library: the zone's
 * offset is read from Intl and the guess corrected once (twice around DST changes).
 */
const FORMATS = {
  /** Every field as a number, for computing offsets. */
  parts: [
    'en-US',
    {
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    },
  ],
  /** YYYY-MM-DD */
  day: ['en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }],
  /** HH:MM, 24 hours */
  time: ['en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }],
} as const satisfies Record<string, readonly [string, Intl.DateTimeFormatOptions]>;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The company's time zone: "today" of health, reports and digests. */
export const COMPANY_TIME_ZONE = 'Europe/Berlin';

/**
 * Whether `timeZone` names a zone of the IANA time zone database (Europe/Berlin, UTC,
 * Etc/GMT-14), in any letter case. An offset such as "+05:00" or "-23:00", which newer
 * JavaScript engines take as a zone, is refused: a zone is a place's calendar, and the product
 * relies on no zone being more than 14 hours ahead of UTC or 12 hours behind (the latest
 * "today" of any zone bounds what health reads).
 */
export function isTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z]/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone's name as the IANA database spells it ("europe/berlin" → "Europe/Berlin"), for
 * storing: calendar apps read the stored name as the TZID of an invitation. A name that is
 * no zone (isTimeZone) is returned as it is, for the validation to refuse.
 */
export function canonicalTimeZone(timeZone: string): string {
  if (!isTimeZone(timeZone)) return timeZone;
  return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
}

/** One formatter per zone and format: making them is slow, using them is fast. */
export function formatterIn(timeZone: string, format: keyof typeof FORMATS): Intl.DateTimeFormat {
  const key = `${format}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    const [locale, options] = FORMATS[format];
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** HH:MM of an instant in a time zone. */
export const localTime = (epochMs: number, timeZone: string): string =>
  formatterIn(timeZone, 'time').format(epochMs);

/** Offset of `timeZone` from UTC at an instant, in milliseconds (Berlin in summer: +7_200_000). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatterIn(timeZone, 'parts').formatToParts(epochMs))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * The UTC instant of a wall-clock time in a zone, or undefined when that time does not
 * exist there (the spring DST gap). Ambiguous autumn times take the earlier instant.
 */
export function zonedTimeToUtc(t: WallTime, timeZone: string): number | undefined {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  const candidates = new Set<number>();
  for (const probe of [wall - 86_400_000 / 2, wall, wall + 86_400_000 / 2]) {
    candidates.add(wall - zoneOffsetMs(probe, timeZone));
  }
  const valid = [...candidates]
    .filter((utc) => utc + zoneOffsetMs(utc, timeZone) === wall)
    .sort((a, b) => a - b);
  return valid[0];
}

/** True when `t` is a real calendar date and time (no 31 February, no 25:00). */
export function isValidWallTime(t: WallTime): boolean {
  const d = new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
  return (
    d.getUTCFullYear() === t.year &&
    d.getUTCMonth() === t.month - 1 &&
    d.getUTCDate() === t.day &&
    d.getUTCHours() === t.hour &&
    d.getUTCMinutes() === t.minute &&
    d.getUTCSeconds() === t.second
  );
}
