import { describe, expect, it } from 'vitest';
import { describeSchedule, nextOccurrence, type Schedule, scheduleProblems } from './schedules.js';

describe('nextOccurrence', () => {
  it.each<{ name: string; schedule: Schedule; after: string; expected: string }>([
    {
      name: 'every 15 minutes: the next quarter hour',
      schedule: { every: { minutes: 15 } },
      after: '2026-12-01T10:07:12.000Z',
      expected: '2026-12-01T10:15:00.000Z',
    },
    {
      name: 'every 15 minutes: exactly on a slot, the following one',
      schedule: { every: { minutes: 15 } },
      after: '2026-12-01T10:15:00.000Z',
      expected: '2026-12-01T10:30:00.000Z',
    },
    {
      name: 'daily 07:30 Berlin in winter (UTC+1), later today',
      schedule: { daily: { at: '07:30', timeZone: 'Europe/Berlin' } },
      after: '2026-12-01T05:00:00.000Z',
      expected: '2026-12-01T06:30:00.000Z',
    },
    {
      name: 'daily 07:30 Berlin, already past today: tomorrow',
      schedule: { daily: { at: '07:30', timeZone: 'Europe/Berlin' } },
      after: '2026-12-01T06:30:00.000Z',
      expected: '2026-12-02T06:30:00.000Z',
    },
    {
      name: 'daily 07:30 Berlin across the spring change: local time kept, UTC moves',
      schedule: { daily: { at: '07:30', timeZone: 'Europe/Berlin' } },
      after: '2027-03-28T00:00:00.000Z',
      expected: '2027-03-28T05:30:00.000Z',
    },
    {
      name: 'daily 02:30 Berlin on the spring change day: the missing time moves forward',
      schedule: { daily: { at: '02:30', timeZone: 'Europe/Berlin' } },
      after: '2027-03-27T23:00:00.000Z',
      expected: '2027-03-28T01:30:00.000Z',
    },
    {
      name: 'daily 02:30 Berlin on the autumn change day: the first of the two',
      schedule: { daily: { at: '02:30', timeZone: 'Europe/Berlin' } },
      after: '2026-10-25T00:00:00.000Z',
      expected: '2026-10-25T00:30:00.000Z',
    },
    {
      name: 'daily 08:00 Tokyo: local date ahead of UTC (07:00 there, so within the hour)',
      schedule: { daily: { at: '08:00', timeZone: 'Asia/Tokyo' } },
      after: '2026-12-01T22:00:00.000Z',
      expected: '2026-12-01T23:00:00.000Z',
    },
    {
      name: 'weekly Monday 07:00 Berlin from a Tuesday: next Monday',
      schedule: { weekly: { on: 'monday', at: '07:00', timeZone: 'Europe/Berlin' } },
      after: '2026-12-01T12:00:00.000Z',
      expected: '2026-12-07T06:00:00.000Z',
    },
    {
      name: 'weekly Monday 07:00 Berlin on Monday before the time: today',
      schedule: { weekly: { on: 'monday', at: '07:00', timeZone: 'Europe/Berlin' } },
      after: '2026-12-07T05:59:00.000Z',
      expected: '2026-12-07T06:00:00.000Z',
    },
    {
      name: 'weekly Friday 15:00 New York (UTC-5 in winter)',
      schedule: { weekly: { on: 'friday', at: '15:00', timeZone: 'America/New_York' } },
      after: '2026-12-04T19:59:00.000Z',
      expected: '2026-12-04T20:00:00.000Z',
    },
  ])('$name', ({ schedule, after, expected }) => {
    expect(nextOccurrence(schedule, new Date(after)).toISOString()).toBe(expected);
  });

  it('never returns the same instant twice when stepping from one slot to the next', () => {
    const s: Schedule = { daily: { at: '02:30', timeZone: 'Europe/Berlin' } };
    let t = new Date('2027-03-20T00:00:00.000Z');
    const seen: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      t = nextOccurrence(s, t);
      seen.push(t.toISOString());
    }
    expect(new Set(seen).size).toBe(20);
    expect(seen.every((x, i) => i === 0 || x > (seen[i - 1] ?? ''))).toBe(true);
  });
});

describe('scheduleProblems', () => {
  it.each<{ schedule: Schedule; problem: RegExp | null }>([
    { schedule: { every: { minutes: 5 } }, problem: null },
    { schedule: { every: { minutes: 0 } }, problem: /whole number/ },
    { schedule: { every: { minutes: 1.5 } }, problem: /whole number/ },
    { schedule: { daily: { at: '24:00', timeZone: 'Europe/Berlin' } }, problem: /HH:MM/ },
    { schedule: { daily: { at: '7:30', timeZone: 'Europe/Berlin' } }, problem: /HH:MM/ },
    { schedule: { daily: { at: '07:30', timeZone: 'Mars/Olympus' } }, problem: /time zone/ },
    {
      schedule: { weekly: { on: 'monday', at: '07:00', timeZone: 'Europe/Berlin' } },
      problem: null,
    },
  ])('$schedule', ({ schedule, problem }) => {
    const problems = scheduleProblems(schedule);
    if (problem === null) expect(problems).toEqual([]);
    else expect(problems.join('; ')).toMatch(problem);
  });

  it('describes schedules stably', () => {
    expect(
      describeSchedule({ weekly: { on: 'monday', at: '07:00', timeZone: 'Europe/Berlin' } }),
    ).toBe('weekly monday 07:00 Europe/Berlin');
  });
});
