import { describe, expect, it } from 'vitest';
import type { Goal, GoalTerms } from '../../../contracts/goals.js';
import i18n from '../../i18n/index.js';
import { createFormatters, formatDay } from '../../i18n/format.js';
import { goalOverlay, FORECAST_KEY, PLAN_KEY } from './goal-chart.js';
import {
  changeLine,
  currentLine,
  describeTermChanges,
  forecastSentence,
  planShare,
  termsDiff,
  termsLine,
} from './goal-format.js';

const leads = { name: 'Abgeschlossene Leads', unit: 'Leads' };
const minutes = { name: 'Reaktionszeit auf Anfragen', unit: 'min' };
const metric = (id: string | null) =>
  id === 'm-leads' ? leads : id === 'm-time' ? minutes : undefined;

const v1: GoalTerms = {
  metricId: 'm-leads',
  baselineValue: 4,
  baselineDate: '2026-07-30',
  targetValue: 7,
  dueDate: '2027-01-31',
};

describe('version diff', () => {
  it('lists only the terms that changed, in reading order, and nothing for the first version', () => {
    expect(termsDiff(undefined, v1)).toEqual([]);
    expect(termsDiff(v1, { ...v1 })).toEqual([]);
    expect(termsDiff(v1, { ...v1, dueDate: '2027-02-28', targetValue: 8 })).toEqual([
      { field: 'targetValue', from: 7, to: 8 },
      { field: 'dueDate', from: '2027-01-31', to: '2027-02-28' },
    ]);
  });

  it('says in German what changed: "Zielwert: 7 Leads → 8 Leads"', async () => {
    await i18n.changeLanguage('de');
    const fmt = createFormatters('de');
    const lines = describeTermChanges(
      v1,
      { ...v1, targetValue: 8, baselineValue: 4.5, dueDate: '2027-02-28' },
      { t: i18n.t, fmt, metric },
    ).map(changeLine);
    expect(lines).toEqual([
      'Ausgangswert: 4\u00a0Leads → 4,5\u00a0Leads',
      'Zielwert: 7\u00a0Leads → 8\u00a0Leads',
      'Zieltermin: 31.01.2027 → 28.02.2027',
    ]);
  });

  it('names metrics and uses each version’s own unit when the metric changed', () => {
    const fmt = createFormatters('en');
    const changes = describeTermChanges(
      v1,
      { ...v1, metricId: 'm-time', baselineValue: 1400, targetValue: 420 },
      { t: i18n.t, fmt, metric },
    );
    expect(changes.map(changeLine)).toEqual([
      'Metric: Abgeschlossene Leads → Reaktionszeit auf Anfragen',
      'Baseline: 4\u00a0Leads → 1,400\u00a0min',
      'Target: 7\u00a0Leads → 420\u00a0min',
    ]);
  });

  it('says "empty" for a term that was not set', () => {
    const fmt = createFormatters('en');
    const [change] = describeTermChanges({ ...v1, dueDate: null }, v1, { t: i18n.t, fmt, metric });
    expect(change && changeLine(change)).toBe('Due date: empty → 31 Jan 2027');
  });
});

type ProgressGoal = Pick<
  Goal,
  'status' | 'metric' | 'baselineValue' | 'targetValue' | 'dueDate' | 'progress'
>;

const goal = (over: Partial<ProgressGoal['progress']> = {}, status: Goal['status'] = 'agreed') =>
  ({
    status,
    metric: {
      id: 'm-leads',
      name: 'Abgeschlossene Leads',
      unit: 'leads',
      direction: 'higher_is_better',
      period: 'week',
    },
    baselineValue: 4,
    targetValue: 8,
    dueDate: '2027-01-31',
    progress: {
      state: 'behind',
      current: { value: 5, periodStart: '2026-11-16', periodEnd: '2026-11-16' },
      plan: 6.2,
      completion: 0.25,
      forecast: { valueAtDue: 6.8, meetsTarget: false, basedOn: 8, clamped: false },
      needsDecision: false,
      rule: 'last_complete_period',
      inProgressPeriodStart: null,
      ...over,
    },
  }) satisfies ProgressGoal;

describe('progress sentences', () => {
  it('tells where the trend leads, in English and German', async () => {
    const g = goal();
    expect(forecastSentence(g, i18n.t, createFormatters('en'))).toBe(
      'At the current trend: 7\u00a0leads by 31 Jan 2027 — target 8\u00a0leads not reached',
    );
    await i18n.changeLanguage('de');
    expect(forecastSentence(g, i18n.t, createFormatters('de'))).toBe(
      'Beim aktuellen Trend: 7\u00a0leads bis 31.01.2027 – Zielwert 8\u00a0leads wird nicht erreicht',
    );
    expect(
      forecastSentence(
        goal({ forecast: { valueAtDue: 9.77, meetsTarget: true, basedOn: 8, clamped: false } }),
        i18n.t,
        createFormatters('de'),
      ),
    ).toBe(
      'Beim aktuellen Trend: 10\u00a0leads bis 31.01.2027 – Zielwert 8\u00a0leads wird erreicht',
    );
  });

  it('says when the forecast was held at what the metric can take', () => {
    expect(
      forecastSentence(
        goal({ forecast: { valueAtDue: 0, meetsTarget: false, basedOn: 4, clamped: true } }),
        i18n.t,
        createFormatters('en'),
      ),
    ).toMatch(
      /not reached \(the trend would go beyond what the metric can take; shown at its limit\)$/,
    );
  });

  it('forecasts nothing without a trend, once reached, or for a closed goal', () => {
    const fmt = createFormatters('en');
    expect(forecastSentence(goal({ forecast: null }), i18n.t, fmt)).toBeNull();
    expect(forecastSentence(goal({ state: 'achieved' }), i18n.t, fmt)).toBeNull();
    expect(forecastSentence(goal({}, 'missed'), i18n.t, fmt)).toBeNull();
  });

  it('puts the current value next to the plan for today, with the period', async () => {
    expect(currentLine(goal(), i18n.t, createFormatters('en'))).toBe(
      'Now 5\u00a0leads (W47, the last complete period) · plan for today 6\u00a0leads',
    );
    await i18n.changeLanguage('de');
    expect(currentLine(goal(), i18n.t, createFormatters('de'))).toBe(
      'Aktuell 5\u00a0leads (KW 47, der letzte abgeschlossene Zeitraum) · Plan für heute 6\u00a0leads',
    );
    expect(currentLine(goal({ current: null }), i18n.t, createFormatters('de'))).toBeNull();
  });

  it('writes the terms in one line and names what is still open', async () => {
    await i18n.changeLanguage('de');
    const fmt = createFormatters('de');
    expect(termsLine(goal(), i18n.t, fmt)).toBe('4\u00a0leads → 8\u00a0leads bis 31.01.2027');
    expect(termsLine({ ...goal(), targetValue: null, dueDate: null }, i18n.t, fmt)).toBe(
      '4\u00a0leads → offen bis offen',
    );
  });

  it('places the plan marker where the plan stands today', () => {
    expect(planShare(goal())).toBeCloseTo(0.55);
    expect(planShare({ ...goal(), baselineValue: null })).toBeNull();
  });

  it('formats calendar days without shifting them by a time zone', () => {
    expect(formatDay(createFormatters('de'), '2027-01-31')).toBe('31.01.2027');
    expect(formatDay(createFormatters('en'), '2027-01-31')).toBe('31 Jan 2027');
  });
});

describe('chart overlay', () => {
  const labels = { baseline: 'B', target: 'T', due: 'D', plan: 'Plan', forecast: 'Forecast' };
  type Overlay = ReturnType<typeof goalOverlay>;

  /** A weekly goal from 4 (4 Nov) to 8 (3 Dec), forecast to reach 9, drawn over `points`. */
  const weeklyOverlay = (points: { start: string; value: number }[], runningFrom?: string) =>
    goalOverlay({
      points,
      period: 'week',
      baselineValue: 4,
      baselineDate: '2026-11-04',
      targetValue: 8,
      dueDate: '2026-12-03',
      forecast: { valueAtDue: 9 },
      runningFrom,
      labels,
    });
  const valuesAt = (overlay: Overlay) => (start: string) =>
    overlay.rows.find((r) => r.start === start)?.values;

  it('draws the plan from the baseline’s period to the due date’s and the forecast from the last value', () => {
    const overlay = weeklyOverlay([
      { start: '2026-11-02', value: 4 },
      { start: '2026-11-09', value: 5 },
      { start: '2026-11-16', value: 6 },
    ]);
    const at = valuesAt(overlay);
    // Weeks of 2 Nov … 30 Nov: five rows, the plan straight from 4 to 8.
    expect(overlay.rows.map((r) => r.start)).toEqual([
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ]);
    expect(overlay.rows.map((r) => r.values[PLAN_KEY])).toEqual([4, 5, 6, 7, 8]);
    expect(at('2026-11-09')?.[FORECAST_KEY]).toBeUndefined();
    expect(at('2026-11-16')?.[FORECAST_KEY]).toBe(6);
    expect(at('2026-11-30')?.[FORECAST_KEY]).toBe(9);
    expect(overlay.referenceLines?.map((l) => l.y ?? l.x)).toEqual([4, 8, '2026-11-30']);
    expect(overlay.lines.map((l) => l.key)).toEqual([PLAN_KEY, FORECAST_KEY]);
  });

  it('starts the forecast at the last complete period, not the one still running', () => {
    const overlay = weeklyOverlay(
      [
        { start: '2026-11-02', value: 4 },
        { start: '2026-11-09', value: 6 },
        // This week has one day of data so far.
        { start: '2026-11-16', value: 1 },
      ],
      '2026-11-16',
    );
    const at = valuesAt(overlay);
    expect(at('2026-11-02')?.[FORECAST_KEY]).toBeUndefined();
    expect(at('2026-11-09')?.[FORECAST_KEY]).toBe(6);
    expect(at('2026-11-30')?.[FORECAST_KEY]).toBe(9);
  });

  it('shows only baseline and target while the terms are incomplete', () => {
    const overlay = goalOverlay({
      points: [],
      period: 'month',
      baselineValue: 18,
      baselineDate: null,
      targetValue: 10,
      dueDate: null,
      forecast: null,
      labels,
    });
    expect(overlay.rows).toEqual([]);
    expect(overlay.referenceLines?.map((l) => l.y)).toEqual([18, 10]);
  });
});
