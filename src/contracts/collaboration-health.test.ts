import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { HealthResultSchema } from './collaboration-health.js';
import { computeHealth } from '../domain/health/compute.js';
import { inputsArb } from '../domain/health/test-support/arbitraries.js';
import { NOW } from '../domain/health/test-support/facts.js';
import { DEFAULT_HEALTH_THRESHOLDS } from '../domain/health/thresholds.js';
import type { HealthResult } from '../domain/health/types.js';

// A route may return a computed result where the schema's type is expected.
const fits = (r: HealthResult): z.infer<typeof HealthResultSchema> => r;

describe('the response schema (contracts/collaboration-health.ts)', () => {
  it('accepts every computed result and keeps it unchanged', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const result = computeHealth(inputs, DEFAULT_HEALTH_THRESHOLDS, NOW);
        expect(HealthResultSchema.parse(fits(result))).toEqual(result);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses parameters that do not belong to the code', () => {
    const result = computeHealth(
      {
        ...fc.sample(inputsArb, { numRuns: 1, seed: 3 })[0]!,
        stage: { key: 'pilot', name: { de: 'Pilotbetrieb', en: 'Pilot' }, position: 5 },
        goals: [],
      },
      DEFAULT_HEALTH_THRESHOLDS,
      NOW,
    );
    const reason = result.pillars.goals.reasons.find((r) => r.code === 'goals.none_agreed');
    expect(reason).toBeDefined();
    const broken = {
      ...result,
      pillars: {
        ...result.pillars,
        goals: { ...result.pillars.goals, reasons: [{ ...reason, params: { days: 3 } }] },
      },
    };
    expect(HealthResultSchema.safeParse(broken).success).toBe(false);
  });
});
