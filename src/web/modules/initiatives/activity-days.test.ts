import { describe, expect, it } from 'vitest';
import { dayHeading, dayOf, groupByDay } from './activity-days.js';

const words = { today: 'Heute', yesterday: 'Gestern' };

describe('activity days', () => {
  it('groups events by the calendar day of the reader’s time zone', () => {
    const events = [
      { id: 'a', occurredAt: '2026-12-01T08:00:00Z' },
      { id: 'b', occurredAt: '2026-11-30T23:30:00Z' }, // 1 December, 00:30 in Berlin
      { id: 'c', occurredAt: '2026-11-30T10:00:00Z' },
      { id: 'd', occurredAt: '2026-11-27T10:00:00Z' },
    ];
    expect(
      groupByDay(events, 'Europe/Berlin').map((g) => [g.day, g.items.map((e) => e.id)]),
    ).toEqual([
      ['2026-12-01', ['a', 'b']],
      ['2026-11-30', ['c']],
      ['2026-11-27', ['d']],
    ]);
    expect(groupByDay(events, 'UTC').map((g) => g.day)).toEqual([
      '2026-12-01',
      '2026-11-30',
      '2026-11-27',
    ]);
    expect(dayOf('2026-11-30T23:30:00Z', 'America/New_York')).toBe('2026-11-30');
  });

  it('heads each day with today, yesterday, or its weekday and date', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const zone = 'Europe/Berlin';
    expect(dayHeading('2026-12-01', now, zone, 'de', words)).toBe('Heute');
    expect(dayHeading('2026-11-30', now, zone, 'de', words)).toBe('Gestern');
    expect(dayHeading('2026-11-27', now, zone, 'de', words)).toBe('Freitag, 27.11.2026');
    expect(
      dayHeading('2026-11-27', now, zone, 'en', { today: 'Today', yesterday: 'Yesterday' }),
    ).toBe('Friday, 27 Nov 2026');
    // Across a month and a year boundary.
    expect(dayHeading('2026-12-31', new Date('2027-01-01T12:00:00Z'), zone, 'de', words)).toBe(
      'Gestern',
    );
  });
});
