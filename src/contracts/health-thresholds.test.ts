import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HEALTH_THRESHOLD_FIELDS, type ThresholdField } from '../domain/health/threshold-fields.js';
import {
  HealthThresholdOverridesSchema,
  HealthThresholdsSchema,
  mergeHealthThresholds,
} from './health-thresholds.js';
import { ampelOf, DEFAULT_HEALTH_THRESHOLDS } from '../domain/health/thresholds.js';

const fields = () =>
  Object.entries(HEALTH_THRESHOLD_FIELDS).flatMap(([group, fs]) =>
    Object.entries(fs as Record<string, ThresholdField>).map(
      ([key, f]) => [group, key, f] as const,
    ),
  );
const issues = (value: unknown) => {
  const r = HealthThresholdOverridesSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the defaults', () => {
  it('are valid against their own schema', () => {
    expect(HealthThresholdsSchema.parse(DEFAULT_HEALTH_THRESHOLDS)).toEqual(
      DEFAULT_HEALTH_THRESHOLDS,
    );
  });

  it('have a label in both languages and bounds for every field, the default within them', () => {
    const defaults = DEFAULT_HEALTH_THRESHOLDS as Record<string, Record<string, number>>;
    for (const [group, key, f] of fields()) {
      const value = defaults[group]?.[key];
      expect(value, `${group}.${key}`).toBeTypeOf('number');
      expect(value).toBeGreaterThanOrEqual(f.min);
      expect(value).toBeLessThanOrEqual(f.max);
      expect(f.labelEn.length).toBeGreaterThan(3);
      expect(f.labelDe.length).toBeGreaterThan(3);
      expect(f.labelDe).not.toBe(f.labelEn);
    }
    const counted = Object.values(defaults).reduce((n, g) => n + Object.keys(g).length, 0);
    expect(fields()).toHaveLength(counted);
  });

  it('give the Ampel from the score alone', () => {
    expect(ampelOf(100, DEFAULT_HEALTH_THRESHOLDS)).toBe('green');
    expect(ampelOf(0, DEFAULT_HEALTH_THRESHOLDS)).toBe('red');
  });

  it('make a single required-but-missing item red and a single expected one amber', () => {
    const t = DEFAULT_HEALTH_THRESHOLDS;
    expect(ampelOf(100 - t.stage.requiredMissingDeduction, t)).toBe('red');
    expect(ampelOf(100 - t.stage.expectedMissingDeduction, t)).toBe('amber');
    expect(ampelOf(100 - t.handoffs.returnedDeduction, t)).toBe('amber');
  });
});

describe('overrides', () => {
  it('merge over the defaults, field by field', () => {
    const t = mergeHealthThresholds({ goals: { signatureWaitDays: 5 }, ampel: { greenMin: 85 } });
    expect(t.goals.signatureWaitDays).toBe(5);
    expect(t.goals.signatureWaitLongDays).toBe(
      DEFAULT_HEALTH_THRESHOLDS.goals.signatureWaitLongDays,
    );
    expect(t.ampel).toEqual({ greenMin: 85, amberMin: 50 });
    expect(t.demos).toEqual(DEFAULT_HEALTH_THRESHOLDS.demos);
  });

  it('empty or absent overrides give the defaults', () => {
    expect(mergeHealthThresholds()).toEqual(DEFAULT_HEALTH_THRESHOLDS);
    expect(mergeHealthThresholds({ goals: {} })).toEqual(DEFAULT_HEALTH_THRESHOLDS);
  });

  it('do not change the defaults object', () => {
    mergeHealthThresholds({ goals: { signatureWaitDays: 2 } });
    expect(DEFAULT_HEALTH_THRESHOLDS.goals.signatureWaitDays).toBe(7);
  });

  it.each([
    // [override, the problem named with its path]
    [{ goals: { signatureWaitDays: 0 } }, 'goals.signatureWaitDays: must be at least 1'],
    [{ goals: { signatureWaitDays: 366 } }, 'goals.signatureWaitDays: must be at most 365'],
    [{ goals: { signatureWaitDays: 2.5 } }, 'goals.signatureWaitDays: must be a whole number'],
    [{ goals: { behindPlanDeduction: 101 } }, 'goals.behindPlanDeduction: must be at most 100'],
    [{ demos: { confidenceDivergence: 0.4 } }, 'demos.confidenceDivergence: must be at least 0.5'],
  ])('refuse %j', (override, problem) => {
    expect(issues(override)).toEqual([problem]);
    expect(() => mergeHealthThresholds(override)).toThrow(z.ZodError);
  });

  it('accept a fractional confidence divergence', () => {
    expect(
      mergeHealthThresholds({ demos: { confidenceDivergence: 1.25 } }).demos.confidenceDivergence,
    ).toBe(1.25);
  });

  it('refuse unknown groups and fields (a typo must not pass silently)', () => {
    expect(issues({ goal: { signatureWaitDays: 3 } })).toHaveLength(1);
    expect(issues({ goals: { signatureWaitDay: 3 } })).toHaveLength(1);
    expect(issues({ goals: { signatureWaitDays: '7' } })).toHaveLength(1);
  });

  it.each([
    // Changing one side of a pair blames the changed field.
    [{ ampel: { amberMin: 80 } }, 'ampel.amberMin: must be less than ampel.greenMin (80)'],
    [{ ampel: { greenMin: 50 } }, 'ampel.greenMin: must be greater than ampel.amberMin (50)'],
    [
      { goals: { signatureWaitDays: 21 } },
      'goals.signatureWaitDays: must be less than goals.signatureWaitLongDays (21)',
    ],
    [
      { handoffs: { returnedManyDeduction: 20 } },
      'handoffs.returnedManyDeduction: must be at least handoffs.returnedDeduction (25)',
    ],
    [
      { demos: { adherenceRedPct: 80 } },
      'demos.adherenceRedPct: must be less than demos.adherenceAmberPct (75)',
    ],
    [
      { demos: { oneSidedCount: 4 } },
      'demos.oneSidedCount: must be at most demos.attendanceLookback (3)',
    ],
    [
      { owners: { updateStaleDeduction: 20 } },
      'owners.updateStaleDeduction: must be at most owners.updateMissingDeduction (15)',
    ],
  ])('keep tiers in order: %j', (override, problem) => {
    expect(issues(override)).toEqual([problem]);
  });

  it('accept a pair moved together', () => {
    expect(issues({ ampel: { greenMin: 95, amberMin: 85 } })).toEqual([]);
    expect(issues({ goals: { signatureWaitDays: 21, signatureWaitLongDays: 28 } })).toEqual([]);
  });
});
