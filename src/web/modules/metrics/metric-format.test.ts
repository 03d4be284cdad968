import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition } from './fixtures.js';
import {
  definitionDiff,
  fillPeriods,
  formatOffset,
  isoWeek,
  localInputToIso,
  parseSource,
  periodLabel,
  periodTick,
  toLocalInput,
  yearAwareTicks,
  valueProblem,
} from './metric-format.js';

const v1 = definition();

describe('definitionDiff', () => {
  it('has nothing to compare for the first version', () => {
    expect(definitionDiff(undefined, v1)).toEqual([]);
  });

  it('lists the changed fields in reading order with old and new value', () => {
    const v2 = { ...v1, period: 'month' as const, name: 'Gewonnene Leads', maxValue: 500 };
    expect(definitionDiff(v1, v2)).toEqual([
      { field: 'name', from: 'Abgeschlossene Leads', to: 'Gewonnene Leads' },
      { field: 'maxValue', from: null, to: 500 },
      { field: 'period', from: 'week', to: 'month' },
    ]);
  });

  it('finds no change between equal versions', () => {
    expect(definitionDiff(v1, { ...v1 })).toEqual([]);
  });
});

describe('isoWeek', () => {
  it.each([
    ['2026-11-23', 2026, 48],
    ['2026-11-22', 2026, 47],
    ['2026-01-01', 2026, 1], // a Thursday
    ['2027-01-01', 2026, 53], // a Friday: still the last week of 2026
    ['2024-12-30', 2025, 1], // a Monday: week 1 of the next year
    ['2021-01-03', 2020, 53],
  ])('%s is week %i/%i', (day, year, week) => {
    expect(isoWeek(day)).toEqual({ year, week });
  });
});

describe('chart axis labels', () => {
  it('writes German days, calendar weeks and months', () => {
    expect(periodTick('2026-11-23', 'day', 'de')).toBe('23.11.');
    expect(periodTick('2026-11-23', 'week', 'de')).toBe('KW 48');
    expect(periodTick('2026-11-01', 'month', 'de')).toBe('Nov. 26');
  });

  it('writes English days, weeks and months', () => {
    expect(periodTick('2026-11-23', 'day', 'en')).toBe('23 Nov');
    expect(periodTick('2026-11-23', 'week', 'en')).toBe('W48');
    expect(periodTick('2026-11-01', 'month', 'en')).toBe('Nov 26');
  });

  it('never shifts a day by the viewer’s time zone', () => {
    // Period starts are calendar days; midnight UTC would be the day before in America.
    expect(periodTick('2026-01-01', 'day', 'de')).toBe('01.01.');
  });

  it('passes through values that are not days', () => {
    expect(periodTick('soon', 'week', 'de')).toBe('soon');
  });

  it('writes the year on the first tick and where the year changes', () => {
    const tick = yearAwareTicks('week', 'de');
    const ticks = ['2025-11-24', '2025-12-22', '2026-01-05', '2026-11-23'].map(tick);
    expect(ticks).toEqual(['KW 48/2025', 'KW 52', 'KW 2/2026', 'KW 48']);
    const en = yearAwareTicks('day', 'en');
    expect(['2025-12-31', '2026-01-01'].map(en)).toEqual(['31 Dec 2025', '1 Jan 2026']);
  });
});

describe('tooltip labels', () => {
  it('names the whole period', () => {
    // ICU versions differ in the spaces around the range dash.
    expect(periodLabel('2026-11-23', 'week', 'de')).toMatch(
      /^KW 48\/2026 · 23\.\s?–\s?29\.11\.2026$/,
    );
    expect(periodLabel('2026-11-23', 'week', 'en')).toMatch(/^Week 48, 23\s?–\s?29 Nov 2026$/);
    expect(periodLabel('2026-11-01', 'month', 'de')).toBe('November 2026');
    expect(periodLabel('2026-11-27', 'day', 'de')).toBe('Fr., 27.11.2026');
    expect(periodLabel('2026-11-27', 'day', 'en')).toBe('Fri, 27 Nov 2026');
  });
});

describe('formatOffset', () => {
  it.each([
    [60, '+01:00'],
    [120, '+02:00'],
    [0, '+00:00'],
    [-300, '-05:00'],
    [330, '+05:30'],
    [-570, '-09:30'],
  ])('%i minutes → %s', (minutes, text) => {
    expect(formatOffset(minutes)).toBe(text);
  });
});

describe('local date and time → ISO with offset', () => {
  const original = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Europe/Berlin';
  });
  afterAll(() => {
    process.env.TZ = original;
  });

  it('uses the offset of that instant: winter and summer time', () => {
    expect(localInputToIso('2026-11-27T14:00')).toBe('2026-11-27T14:00:00+01:00');
    expect(localInputToIso('2026-07-01T08:30')).toBe('2026-07-01T08:30:00+02:00');
    expect(Date.parse(localInputToIso('2026-11-27T14:00') ?? '')).toBe(
      Date.parse('2026-11-27T13:00:00Z'),
    );
  });

  it('keeps seconds when the browser sends them', () => {
    expect(localInputToIso('2026-11-27T14:00:05')).toBe('2026-11-27T14:00:05+01:00');
  });

  it('refuses empty, malformed, impossible and skipped times', () => {
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('27.11.2026 14:00')).toBeNull();
    expect(localInputToIso('2026-02-30T10:00')).toBeNull();
    // 29 March 2026, 02:30 does not exist in Berlin: the clocks jump from 2:00 to 3:00.
    expect(localInputToIso('2026-03-29T02:30')).toBeNull();
  });

  it('turns an instant back into the input’s local value', () => {
    expect(toLocalInput('2026-11-27T13:00:00Z')).toBe('2026-11-27T14:00');
    expect(localInputToIso(toLocalInput('2026-07-01T06:30:00Z'))).toBe('2026-07-01T08:30:00+02:00');
  });
});

describe('parseSource', () => {
  it('knows manual entries, CSV imports and machines', () => {
    expect(parseSource('manual')).toEqual({ kind: 'manual' });
    expect(parseSource('csv')).toEqual({ kind: 'csv' });
    expect(parseSource('api:CRM-Export')).toEqual({ kind: 'api', name: 'CRM-Export' });
    expect(parseSource('Kasse 3')).toEqual({ kind: 'other', name: 'Kasse 3' });
  });
});

describe('valueProblem', () => {
  it('checks whole numbers and the allowed range', () => {
    expect(valueProblem(3, v1)).toBeUndefined();
    expect(valueProblem(2.5, v1)).toBe('whole');
    expect(valueProblem(-1, v1)).toBe('below');
    expect(valueProblem(6, { valueType: 'decimal', minValue: 1, maxValue: 5 })).toBe('above');
    expect(valueProblem(4.5, { valueType: 'decimal', minValue: 1, maxValue: 5 })).toBeUndefined();
  });
});

describe('fillPeriods', () => {
  const point = (start: string, value: number) => ({ start, value, count: 1, sources: ['manual'] });

  it('puts empty periods between values, so the axis is to scale', () => {
    expect(
      fillPeriods([point('2026-11-20', 1), point('2026-11-23', 2)], 'day').map((p) => [
        p.start,
        p.value,
      ]),
    ).toEqual([
      ['2026-11-20', 1],
      ['2026-11-21', null],
      ['2026-11-22', null],
      ['2026-11-23', 2],
    ]);
  });

  it('steps by weeks and by months, across the year', () => {
    expect(
      fillPeriods([point('2026-12-21', 1), point('2027-01-04', 2)], 'week').map((p) => p.start),
    ).toEqual(['2026-12-21', '2026-12-28', '2027-01-04']);
    expect(
      fillPeriods([point('2026-11-01', 1), point('2027-02-01', 2)], 'month').map((p) => p.start),
    ).toEqual(['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01']);
  });

  it('leaves nothing empty and huge gaps alone', () => {
    expect(fillPeriods([], 'day')).toEqual([]);
    const far = [point('2000-01-01', 1), point('2026-01-01', 2)];
    expect(fillPeriods(far, 'day', 100)).toEqual(far);
  });
});
