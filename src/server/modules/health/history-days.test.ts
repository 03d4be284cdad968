import { describe, expect, it } from 'vitest';
import { historyDays } from './history.service.js';

/**
 * The history's days are the company's (Europe/Berlin) calendar days: "a week ago" is seven
 * calendar days back whatever the clocks did in between, at year end and over a leap day.
 */
describe('historyDays (Europe/Berlin)', () => {
  it.each([
    // Just after midnight in summer time, the week held the change to summer time (167 h).
    ['2026-03-29T22:30:00Z', '2026-03-30', '2026-03-23', '2025-12-30'],
    // Just before midnight in winter time, the week held the change back (169 h).
    ['2026-10-26T22:30:00Z', '2026-10-26', '2026-10-19', '2026-07-28'],
    // On the day of each change itself, early and late.
    ['2026-03-29T00:30:00Z', '2026-03-29', '2026-03-22', '2025-12-29'],
    ['2026-10-25T22:59:00Z', '2026-10-25', '2026-10-18', '2026-07-27'],
    // New Year's Eve / Day: 23:30 UTC on the 31st is already the 1st in Berlin.
    ['2026-12-31T23:30:00Z', '2027-01-01', '2026-12-25', '2026-10-03'],
    ['2026-12-31T22:59:59Z', '2026-12-31', '2026-12-24', '2026-10-02'],
    // Over a leap day (2028-02-29).
    ['2028-03-06T23:30:00Z', '2028-03-07', '2028-02-29', '2027-12-08'],
    ['2028-02-29T12:00:00Z', '2028-02-29', '2028-02-22', '2027-12-01'],
  ])('at %s: today %s, a week ago %s, the trend from %s', (at, today, weekAgo, from) => {
    expect(historyDays(new Date(at))).toEqual({ today, weekAgo, from });
  });
});
