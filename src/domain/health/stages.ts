/**
 * What each stage of the default lifecycle demands of the pillars. Health is stage-aware:
 * an idea without a goal is normal, a pilot without an agreed goal is red.
 *
 * Why these levels (docs/HEALTH.md repeats the table):
 *  - Specification is where the goal is worked out: having none proposed yet is a warning.
 *  - From Build on, the sides build towards something: without an agreed goal they build
 *    blind (the article's first failure), so it is required. A metric should be defined
 *    before building and agreed before integration, when measuring starts to matter.
 *  - Demos are expected from Build on (feedback before the end) and required in the Pilot,
 *    where the business side judges real results. In Operation they remain expected.
 *  - From the Pilot on, an agreed metric without any measurement is a problem.
 */
import type { StageFacts, StageRequirements } from './types.js';

export const NO_REQUIREMENTS: StageRequirements = {
  goals: 'none',
  metrics: 'none',
  metricData: false,
  demoCadence: 'none',
};

/** Keyed by the default stages' keys (server/modules/stages/default-stages.ts). */
export const STAGE_REQUIREMENTS: Readonly<Record<string, StageRequirements>> = {
  idea: NO_REQUIREMENTS,
  specification: { goals: 'proposed', metrics: 'none', metricData: false, demoCadence: 'none' },
  build: { goals: 'agreed', metrics: 'defined', metricData: false, demoCadence: 'expected' },
  integration: { goals: 'agreed', metrics: 'agreed', metricData: false, demoCadence: 'expected' },
  pilot: { goals: 'agreed', metrics: 'agreed', metricData: true, demoCadence: 'required' },
  operation: { goals: 'agreed', metrics: 'agreed', metricData: true, demoCadence: 'expected' },
};

/**
 * The requirements of a stage: its own override, else the table's entry for its key, else
 * (an admin-added stage) the entry of the nearest known stage before it, else none.
 */
export function requirementsFor(stage: StageFacts): StageRequirements {
  if (stage.requires) return stage.requires;
  const own = STAGE_REQUIREMENTS[stage.key];
  if (own) return own;
  const before = [...(stage.precedingKeys ?? [])].reverse().find((k) => STAGE_REQUIREMENTS[k]);
  return (before && STAGE_REQUIREMENTS[before]) || NO_REQUIREMENTS;
}
