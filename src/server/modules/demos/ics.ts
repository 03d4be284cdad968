import { type WallTime, zoneOffsetMs } from '../../../domain/time-zones.js';

/** iCalendar pieces the feed needs beyond ical-generator: text hygiene, zones, VTIMEZONE. */

/**
 * Text as it may enter an iCalendar TEXT value: line breaks as LF (ical-generator escapes
 * those as \n, and `\ ; ,`), every other control character dropped. Stored text is refused
 * control characters at the API, but older rows and other writers are not trusted.
 */
// oxlint-disable-next-line no-control-regex -- removing control characters is the point
const NON_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
export const icsText = (value: string): string =>
  value.replace(/\r\n?/g, '\n').replace(NON_TEXT, '');

/**
 * RFC 5545 §3.3.11 escaping for the properties ical-generator writes without escaping
 * (NAME, X-WR-CALNAME): a title with CRLF and `BEGIN:VEVENT` must stay one property.
 */
export const escapeIcsText = (value: string): string =>
  icsText(value)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');

/** iCalendar date-time in UTC: 20261127T130000Z */
const icsUtc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const icsOffset = (ms: number) => {
  const m = Math.round(ms / 60_000);
  const sign = m < 0 ? '-' : '+';
  const a = Math.abs(m);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
};

interface ZonedStub extends WallTime {
  timeZoneId: string;
  epochMilliseconds: number;
  toPlainDateTime: () => PlainStub;
  withTimeZone: (tz: string) => ZonedStub;
  toInstant: () => { epochMilliseconds: number };
  toJSON: () => string;
  toString: () => string;
}
interface PlainStub extends WallTime {
  toZonedDateTime: () => ZonedStub;
  toPlainDate: () => { year: number; month: number; day: number };
}

/**
 * An instant as a Temporal.ZonedDateTime look-alike, so ical-generator writes the local wall
 * time with its TZID whatever the server's own time zone is (a plain Date would be formatted
 * in the process's zone).
 */
export function zoned(ms: number, tz: string): ZonedStub {
  const wall = new Date(ms + zoneOffsetMs(ms, tz));
  const fields: WallTime = {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
  const self: ZonedStub = {
    ...fields,
    timeZoneId: tz,
    epochMilliseconds: ms,
    toPlainDateTime: () => ({
      ...fields,
      toZonedDateTime: () => self,
      toPlainDate: () => ({ year: fields.year, month: fields.month, day: fields.day }),
    }),
    withTimeZone: (other: string) => (other === tz ? self : zoned(ms, other)),
    toInstant: () => ({ epochMilliseconds: ms }),
    toJSON: () => new Date(ms).toISOString(),
    toString: () => new Date(ms).toISOString(),
  };
  return self;
}

/**
 * A VTIMEZONE for `tz` covering `fromMs`–`toMs`: each offset change found through Intl as
 * its own STANDARD/DAYLIGHT observance, so Outlook and Thunderbird place events right even
 * for zones they do not know by name.
 */
export function vtimezone(tz: string, fromMs: number, toMs: number): string {
  const HOUR = 3_600_000;
  const lines = ['BEGIN:VTIMEZONE', `TZID:${tz}`];
  const start = fromMs - 400 * 24 * HOUR;
  let prev = zoneOffsetMs(start, tz);
  const standard = (offset: number, jan: number) => offset <= jan;
  const janOffset = (ms: number) => zoneOffsetMs(Date.UTC(new Date(ms).getUTCFullYear(), 0, 1), tz);
  const transitions: { at: number; from: number; to: number }[] = [];
  for (let t = start; t < toMs + 400 * 24 * HOUR; t += 24 * HOUR) {
    const off = zoneOffsetMs(t, tz);
    if (off !== prev) {
      // Narrow down to the hour (offsets change on the hour or half hour in practice).
      let lo = t - 24 * HOUR;
      let hi = t;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * 60_000;
        if (zoneOffsetMs(mid, tz) === prev) lo = mid;
        else hi = mid;
      }
      transitions.push({ at: hi, from: prev, to: off });
      prev = off;
    }
  }
  if (transitions.length === 0) {
    const off = zoneOffsetMs(fromMs, tz);
    lines.push(
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      `TZOFFSETFROM:${icsOffset(off)}`,
      `TZOFFSETTO:${icsOffset(off)}`,
      'END:STANDARD',
    );
  }
  for (const x of transitions) {
    const kind = standard(x.to, janOffset(x.at)) ? 'STANDARD' : 'DAYLIGHT';
    lines.push(
      `BEGIN:${kind}`,
      // DTSTART is the local time before the change, per RFC 5545.
      `DTSTART:${icsUtc(x.at + x.from).slice(0, 15)}`,
      `TZOFFSETFROM:${icsOffset(x.from)}`,
      `TZOFFSETTO:${icsOffset(x.to)}`,
      `END:${kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return `${lines.join('\r\n')}\r\n`;
}
