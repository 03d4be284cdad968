/**
 * Collaboration health — the public entry point. Import from here, not from health/….
 *
 *   computeHealth(inputs, thresholds, now) → HealthResult
 *
 * `inputs` is one initiative's fact sheet (HealthInputs), `thresholds` the defaults or the
 * admin's merged overrides, `now` the point in time. The result has an Ampel, a score and
 * explained reasons per pillar, for the owners' view and overall. Texts for the reasons (de,
 * en) are in health-messages.ts. docs/HEALTH.md describes the rules and how to feed them.
 */
export { computeHealth } from './health/compute.js';
export { behindPlanPct } from './health/rules-goals.js';
export { CADENCE_INTERVAL_DAYS } from './health/rules-demos.js';
export { PERIOD_DAYS } from './health/rules-metrics.js';
export { NO_REQUIREMENTS, requirementsFor, STAGE_REQUIREMENTS } from './health/stages.js';
export {
  HEALTH_THRESHOLD_FIELDS,
  type ThresholdField,
  type ThresholdUnit,
} from './health/threshold-fields.js';
export {
  ampelOf,
  applyThresholdOverrides,
  DEFAULT_HEALTH_THRESHOLDS,
  type HealthThresholdOverrides,
  type HealthThresholds,
  type ThresholdGroup,
} from './health/thresholds.js';
export * from './health/types.js';
