/**
 * computeHealth: the fact sheet and a point in time in, an Ampel, a score and the reasons
 * per pillar and overall out. Pure: no clock, no I/O, no randomness; the same inputs, the
 * same thresholds and the same `now` always give the same result, whatever the order of
 * the input lists.
 *
 * Scoring: each area starts at 100; every reason deducts its points; the score never goes
 * below 0. The Ampel follows from the score alone (thresholds.ampel). Overall is the weakest
 * area — the lowest score among the four pillars and the owners' view — and one reason says
 * which area that is.
 */
import { localDay } from '../periods.js';
import { reason, type RuleContext } from './context.js';
import { demoReasons } from './rules-demos.js';
import { goalReasons } from './rules-goals.js';
import { handoffReasons } from './rules-handoffs.js';
import { metricReasons } from './rules-metrics.js';
import { ownerReasons } from './rules-owners.js';
import { requirementsFor } from './stages.js';
import { ampelOf, type HealthThresholds } from './thresholds.js';
import {
  type AreaHealth,
  type HealthArea,
  HEALTH_AREAS,
  type HealthInputs,
  type HealthReason,
  type HealthResult,
  type Pillar,
  PILLARS,
} from './types.js';

/** A stable order: largest deduction first, then by code, link and parameters. */
function compareReasons(a: HealthReason, b: HealthReason): number {
  return (
    b.deduction - a.deduction ||
    a.code.localeCompare(b.code) ||
    JSON.stringify(a.link).localeCompare(JSON.stringify(b.link)) ||
    JSON.stringify(a.params).localeCompare(JSON.stringify(b.params))
  );
}

function areaHealth(
  area: HealthArea,
  reasons: HealthReason[],
  applicable: boolean,
  t: HealthThresholds,
): AreaHealth {
  const score = Math.max(0, 100 - reasons.reduce((sum, r) => sum + r.deduction, 0));
  return {
    area,
    ampel: ampelOf(score, t),
    score,
    applicable,
    reasons: [...reasons].sort(compareReasons),
  };
}

function applicability(ctx: RuleContext): Record<Pillar, boolean> {
  const { inputs, requires } = ctx;
  return {
    goals: inputs.goals.length > 0 || requires.goals !== 'none',
    handoffs: inputs.handoffs.length > 0,
    demos:
      inputs.demos.cadence !== null ||
      inputs.demos.occurrences.length > 0 ||
      inputs.demos.openActionItems.length > 0 ||
      requires.demoCadence !== 'none',
    metrics: inputs.metrics.length > 0 || requires.metrics !== 'none',
  };
}

/**
 * The collaboration health of one initiative at `now`.
 * @param thresholds DEFAULT_HEALTH_THRESHOLDS, or the defaults merged with the admin's
 *   overrides (mergeHealthThresholds)
 * @param now the point in time to judge at; nothing here reads a clock
 */
export function computeHealth(
  inputs: HealthInputs,
  thresholds: HealthThresholds,
  now: Date,
): HealthResult {
  const t = thresholds;
  const requires = requirementsFor(inputs.stage);
  const ctx: RuleContext = {
    inputs,
    t,
    now,
    today: localDay(now.getTime(), inputs.timeZone),
    utcToday: now.toISOString().slice(0, 10),
    requires,
  };
  const applicable = applicability(ctx);
  const rules: Record<Pillar, (c: RuleContext) => HealthReason[]> = {
    goals: goalReasons,
    handoffs: handoffReasons,
    demos: demoReasons,
    metrics: metricReasons,
  };
  const pillars = Object.fromEntries(
    PILLARS.map((p) => [p, areaHealth(p, rules[p](ctx), applicable[p], t)]),
  ) as Record<Pillar, AreaHealth>;

  const dataAmpel = ampelOf(Math.min(...PILLARS.map((p) => pillars[p].score)), t);
  const owners = areaHealth('owners', ownerReasons(ctx, dataAmpel), true, t);

  const all: Record<HealthArea, AreaHealth> = { ...pillars, owners };
  const score = Math.min(...HEALTH_AREAS.map((a) => all[a].score));
  const ampel = ampelOf(score, t);
  const weakest = HEALTH_AREAS.filter((a) => all[a].score === score);
  const first = weakest[0] ?? 'goals';
  const overallReason =
    score === 100
      ? reason(ctx, 'overall.all_clear', { score }, 0, { kind: 'area', area: first })
      : reason(ctx, 'overall.weakest', { ampel, score, areas: weakest }, 0, {
          kind: 'area',
          area: first,
        });

  return {
    initiativeId: inputs.initiativeId,
    computedAt: now.toISOString(),
    stage: { key: inputs.stage.key, name: inputs.stage.name, requires },
    // The explanation carries the overall Ampel, not the severity of a zero deduction.
    overall: { ampel, score, weakest, reason: { ...overallReason, severity: ampel } },
    pillars,
    owners,
  };
}
