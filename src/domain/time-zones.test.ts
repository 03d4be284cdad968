import { describe, expect, it } from 'vitest';
import { isTimeZone, isValidWallTime, zonedTimeToUtc, zoneOffsetMs } from './time-zones.js';

const wall = (s: string) => {
  const [d, t = '00:00:00'] = s.split('T');
  const [year, month, day] = (d ?? '').split('-').map(Number) as [number, number, number];
  const [hour, minute, second = 0] = t.split(':').map(Number) as [number, number, number?];
  return { year, month, day, hour, minute, second };
};
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('zonedTimeToUtc', () => {
  it.each([
    ['2026-01-15T14:00', 'Europe/Berlin', '2026-01-15T13:00:00.000Z'],
    ['2026-07-15T14:00', 'Europe/Berlin', '2026-07-15T12:00:00.000Z'],
    ['2026-03-29T01:59', 'Europe/Berlin', '2026-03-29T00:59:00.000Z'],
    ['2026-03-29T02:30', 'Europe/Berlin', undefined], // spring gap: does not exist
    ['2026-03-29T03:00', 'Europe/Berlin', '2026-03-29T01:00:00.000Z'],
    ['2026-10-25T02:30', 'Europe/Berlin', '2026-10-25T00:30:00.000Z'], // ambiguous: the earlier one
    ['2026-11-01T01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['2026-06-01T00:00', 'UTC', '2026-06-01T00:00:00.000Z'],
  ])('%s in %s → %s', (w, tz, expected) => {
    expect(iso(zonedTimeToUtc(wall(w), tz))).toBe(expected);
  });

  it('knows the offsets', () => {
    expect(zoneOffsetMs(Date.parse('2026-07-01T00:00:00Z'), 'Europe/Berlin')).toBe(7_200_000);
    expect(zoneOffsetMs(Date.parse('2026-01-01T00:00:00Z'), 'Europe/Berlin')).toBe(3_600_000);
  });
});

describe('isValidWallTime', () => {
  it.each([
    ['2026-02-28T00:00', true],
    ['2026-02-29T00:00', false],
    ['2028-02-29T00:00', true],
    ['2026-04-31T00:00', false],
    ['2026-01-01T24:00', false],
  ])('%s → %s', (w, ok) => {
    expect(isValidWallTime(wall(w))).toBe(ok);
  });
});

describe('isTimeZone', () => {
  it.each(['Europe/Berlin', 'UTC', 'utc', 'europe/berlin', 'Etc/GMT-14', 'Etc/GMT+12', 'CET'])(
    'takes %s',
    (zone) => expect(isTimeZone(zone)).toBe(true),
  );
  it.each(['', ' ', 'Mars/Olympus_Mons', 'GMT+5', '+05:00', '-23:00', '+14:00', 'Europe/Berlin '])(
    'refuses %j',
    (zone) => expect(isTimeZone(zone)).toBe(false),
  );

  it('refuses offsets even where the engine takes them as zones (newer JavaScript engines do)', () => {
    const real = Intl.DateTimeFormat;
    // An engine that takes every string, as one would take "+05:00" or "-23:00".
    Intl.DateTimeFormat = function () {
      return undefined;
    } as unknown as typeof Intl.DateTimeFormat;
    try {
      expect(isTimeZone('+05:00')).toBe(false);
      expect(isTimeZone('-23:00')).toBe(false);
      expect(isTimeZone('Europe/Berlin')).toBe(true);
    } finally {
      Intl.DateTimeFormat = real;
    }
  });

  it('every zone it takes is 12 hours behind UTC to 14 ahead, from 1970 to 2100', () => {
    const zones = [
      ...Intl.supportedValuesOf('timeZone'),
      ...Array.from({ length: 27 }, (_, i) => `Etc/GMT${i <= 14 ? '-' : '+'}${Math.abs(i - 14)}`),
    ];
    expect(zones.length).toBeGreaterThan(300);
    const until = Date.UTC(2100, 0, 1);
    for (const zone of zones) {
      expect(isTimeZone(zone), zone).toBe(true);
      for (let at = 0; at < until; at += 97 * 86_400_000) {
        const hours = zoneOffsetMs(at, zone) / 3_600_000;
        if (hours < -12 || hours > 14) expect.fail(`${zone} is ${hours} h from UTC at ${at}`);
      }
    }
  });
});
