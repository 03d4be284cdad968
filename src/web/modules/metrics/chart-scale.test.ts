import { describe, expect, it } from 'vitest';
import { currentPeriodStart, markInProgress, valueAxis } from './chart-scale.js';

describe('currentPeriodStart', () => {
  it('is the period still running in the metric’s time zone', () => {
    // Sunday 29 November 2026, 23:30 UTC is already Monday 30 November in Berlin.
    const late = new Date('2026-11-29T23:30:00Z');
    expect(currentPeriodStart('week', 'Europe/Berlin', late)).toBe('2026-11-30');
    expect(currentPeriodStart('week', 'UTC', late)).toBe('2026-11-23');
    expect(currentPeriodStart('day', 'Europe/Berlin', late)).toBe('2026-11-30');
    expect(currentPeriodStart('month', 'America/New_York', new Date('2026-12-01T03:00:00Z'))).toBe(
      '2026-11-01',
    );
  });
});

describe('markInProgress', () => {
  const rows = [
    { start: '2026-11-16', value: 6 },
    { start: '2026-11-23', value: 8 },
    { start: '2026-11-30', value: 1 },
  ];

  it('takes the running period out of the line: the line ends at the last complete one', () => {
    expect(markInProgress(rows, '2026-11-30')).toEqual([
      { start: '2026-11-16', value: 6 },
      { start: '2026-11-23', value: 8 },
      { start: '2026-11-30', value: null, partial: 1, inProgress: true },
    ]);
  });

  it('leaves complete periods alone', () => {
    expect(markInProgress(rows, '2026-12-07')).toEqual(rows);
    expect(markInProgress(rows, undefined)).toEqual(rows);
    // Rows ahead (a goal's plan) are running or future, never part of the measured line.
    expect(markInProgress([{ start: '2026-12-07', value: null }], '2026-11-30')).toEqual([
      { start: '2026-12-07', value: null, inProgress: true },
    ]);
  });
});

describe('valueAxis', () => {
  it('draws a 1–5 score on its scale, starting at 1, a tick per step', () => {
    expect(valueAxis({ minValue: 1, maxValue: 5 })).toEqual({
      domain: [1, 5],
      ticks: [1, 2, 3, 4, 5],
    });
    // Also on a goal's chart, which otherwise follows the values.
    expect(valueAxis({ minValue: 1, maxValue: 5 }, { zoom: true }).domain).toEqual([1, 5]);
    expect(valueAxis({ minValue: 0, maxValue: 10 }).ticks).toHaveLength(11);
  });

  it('starts other metrics at zero, or at their lowest allowed value above it', () => {
    expect(valueAxis({ minValue: 0, maxValue: null })).toEqual({ domain: [0, 'auto'] });
    expect(valueAxis({ minValue: null, maxValue: null })).toEqual({ domain: [0, 'auto'] });
    expect(valueAxis({ minValue: 100, maxValue: null })).toEqual({ domain: [100, 'auto'] });
    // A wide range is no score: 0–600 minutes is not drawn up to 600.
    expect(valueAxis({ minValue: 0, maxValue: 600 })).toEqual({ domain: [0, 'auto'] });
    expect(valueAxis({ minValue: 0, maxValue: 600 }, { zoom: true })).toEqual({
      domain: ['auto', 'auto'],
    });
  });
});
