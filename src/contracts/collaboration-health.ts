/**
 * Response schemas for collaboration health (domain/health.ts): an initiative's result with
 * its explained reasons, for the API, OpenAPI and the web. `HealthResultSchema` describes
 * exactly what computeHealth returns; a test parses computed results with it.
 * (contracts/liveness.ts is the server's own liveness check, not this.)
 */
import { z } from 'zod';
import { CADENCE_INTERVALS } from '../domain/cadence.js';
import {
  AMPELS,
  DEMO_CADENCE_REQUIREMENTS,
  GOAL_REQUIREMENTS,
  HEALTH_AREAS,
  type HealthLink,
  METRIC_REQUIREMENTS,
  OWNER_VIEWS,
  PILLARS,
  REASON_AREA_NAMES,
  type ReasonCode,
  type ReasonParamsByCode,
  REQUIREMENT_LEVELS,
} from '../domain/health.js';
import { PERIODS } from '../domain/periods.js';
import { Side } from './common.js';

export const Ampel = z.enum(AMPELS).meta({ id: 'Ampel' });
export const Pillar = z.enum(PILLARS);
export const HealthArea = z.enum(HEALTH_AREAS);
export const OwnerView = z.enum(OWNER_VIEWS);

const Localized = z.object({ de: z.string(), en: z.string() });
const Day = z.string().describe('YYYY-MM-DD');
const Level = z.enum(REQUIREMENT_LEVELS);
const Sides = z.array(Side);
const Stage = z.object({ stage: Localized, level: Level });
const HandoffNames = { handoff: z.string(), from: Localized, to: Localized.nullable() };

/** The parameters of each reason code; the compiler checks each against the domain type. */
const PARAMS = {
  'goals.none_proposed': Stage,
  'goals.none_agreed': Stage,
  'goals.signature_pending': z.object({ goal: z.string(), days: z.number(), waitingFor: Sides }),
  'goals.past_due': z.object({ goal: z.string(), dueDate: Day, days: z.number() }),
  'goals.behind_plan': z.object({
    goal: z.string(),
    metric: z.string().nullable(),
    unit: z.string(),
    behindPct: z.number(),
    current: z.number(),
    plan: z.number(),
  }),
  'goals.forecast_miss': z.object({
    goal: z.string(),
    unit: z.string(),
    forecast: z.number(),
    target: z.number(),
    dueDate: Day,
  }),
  'handoffs.answer_overdue': z.object({
    ...HandoffNames,
    days: z.number(),
    dueDate: Day,
    waitingFor: Side,
  }),
  'handoffs.returned_repeatedly': z.object({ ...HandoffNames, returns: z.number() }),
  'handoffs.question_open': z.object({
    ...HandoffNames,
    count: z.number(),
    days: z.number(),
    waitingFor: Side,
  }),
  'demos.no_cadence': Stage,
  'demos.adherence_low': z.object({
    held: z.number(),
    planned: z.number(),
    ratePct: z.number(),
    windowDays: z.number(),
  }),
  'demos.overdue': z.object({ days: z.number(), since: Day }),
  'demos.last_held_long_ago': z.object({
    days: z.number(),
    lastHeldDay: Day,
    interval: z.enum(CADENCE_INTERVALS),
  }),
  'demos.never_held': z.object({ days: z.number(), startsOn: Day }),
  'demos.one_sided_attendance': z.object({
    missingSide: Side,
    count: z.number(),
    of: z.number(),
  }),
  'demos.confidence_divergent': z.object({
    business: z.number(),
    it: z.number(),
    difference: z.number(),
    day: Day,
  }),
  'demos.action_items_overdue': z.object({
    count: z.number(),
    oldestDays: z.number(),
    oldestText: z.string(),
  }),
  'metrics.none_defined': Stage,
  'metrics.none_agreed': Stage,
  'metrics.definition_unsigned': z.object({
    metric: z.string(),
    days: z.number(),
    waitingFor: Sides,
  }),
  'metrics.no_data': z.object({ metric: z.string(), days: z.number() }),
  'metrics.data_stale': z.object({
    metric: z.string(),
    days: z.number(),
    lastDataDay: Day,
    period: z.enum(PERIODS),
  }),
  'metrics.push_silent': z.object({
    metric: z.string(),
    source: z.string(),
    days: z.number(),
    lastPushDay: Day,
  }),
  'owners.update_missing': z.object({ side: Side }),
  'owners.update_stale': z.object({ side: Side, days: z.number(), writtenDay: Day }),
  'owners.disagree': z.object({ business: OwnerView, it: OwnerView, steps: z.number() }),
  'owners.contradict_health': z.object({ side: Side, view: OwnerView, ampel: Ampel }),
  'overall.weakest': z.object({ ampel: Ampel, score: z.number(), areas: z.array(HealthArea) }),
  'overall.all_clear': z.object({ score: z.number() }),
} satisfies { [C in ReasonCode]: z.ZodType<ReasonParamsByCode[C]> };

export const HealthLinkSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('area'), area: HealthArea }),
    z.object({ kind: z.literal('goal'), goalId: z.string() }),
    z.object({
      kind: z.literal('handoff'),
      handoffId: z.string(),
      questionId: z.string().optional(),
    }),
    z.object({ kind: z.literal('demo'), occurrenceId: z.string() }),
    z.object({ kind: z.literal('actionItem'), feedbackId: z.string(), occurrenceId: z.string() }),
    z.object({ kind: z.literal('metric'), metricId: z.string() }),
    z.object({ kind: z.literal('pushSource'), metricId: z.string(), tokenId: z.string() }),
    z.object({ kind: z.literal('weeklyUpdate'), side: Side }),
  ])
  .meta({ id: 'HealthLink' }) satisfies z.ZodType<HealthLink>;

function reasonSchema<C extends ReasonCode>(code: C) {
  return z.object({
    code: z.literal(code),
    area: z.enum(REASON_AREA_NAMES),
    deduction: z.number().int().min(0).max(100),
    severity: Ampel,
    params: PARAMS[code],
    link: HealthLinkSchema,
  });
}

const CODES = Object.keys(PARAMS) as (keyof typeof PARAMS)[];

/** One explained deduction; `params` depend on `code` (see docs/HEALTH.md). */
export const HealthReasonSchema = z
  .discriminatedUnion(
    'code',
    CODES.map(reasonSchema) as unknown as [
      ReturnType<typeof reasonSchema>,
      ...ReturnType<typeof reasonSchema>[],
    ],
  )
  .meta({ id: 'HealthReason' });

export const AreaHealthSchema = z
  .object({
    area: HealthArea,
    ampel: Ampel,
    score: z.number().int().min(0).max(100),
    applicable: z.boolean(),
    reasons: z.array(HealthReasonSchema),
  })
  .meta({ id: 'AreaHealth' });

export const HealthResultSchema = z
  .object({
    initiativeId: z.string(),
    computedAt: z.string(),
    stage: z.object({
      key: z.string(),
      name: Localized,
      requires: z.object({
        goals: z.enum(GOAL_REQUIREMENTS),
        metrics: z.enum(METRIC_REQUIREMENTS),
        metricData: z.boolean(),
        demoCadence: z.enum(DEMO_CADENCE_REQUIREMENTS),
      }),
    }),
    overall: z.object({
      ampel: Ampel,
      score: z.number().int().min(0).max(100),
      weakest: z.array(HealthArea),
      reason: HealthReasonSchema,
    }),
    pillars: z.object({
      goals: AreaHealthSchema,
      handoffs: AreaHealthSchema,
      demos: AreaHealthSchema,
      metrics: AreaHealthSchema,
    }),
    owners: AreaHealthSchema,
  })
  .meta({ id: 'HealthResult' });

// ───────────── what the API sends: the result with every reason explained ─────────────

/** A reason's sentence in both languages and the app path of the thing to fix. */
const Explanation = {
  text: Localized.describe('The reason in plain words (describeReason)'),
  href: z.string().describe('The app path that opens the thing to fix (healthLinkPath)'),
};

const ExplainedReasonSchema = z
  .discriminatedUnion(
    'code',
    CODES.map((c) => reasonSchema(c).extend(Explanation)) as unknown as [
      ReturnType<typeof reasonSchema>,
      ...ReturnType<typeof reasonSchema>[],
    ],
  )
  .meta({ id: 'ExplainedHealthReason' });
/** One explained reason as the API sends it. */
export type ExplainedReason = HealthReasonOf & { text: { de: string; en: string }; href: string };
type HealthReasonOf = z.infer<typeof HealthReasonSchema>;

const ExplainedArea = AreaHealthSchema.extend({ reasons: z.array(ExplainedReasonSchema) });

/** GET /api/initiatives/:id/health: the computed health, each reason in words with its link. */
export const InitiativeHealth = HealthResultSchema.extend({
  overall: HealthResultSchema.shape.overall.extend({ reason: ExplainedReasonSchema }),
  pillars: z.object({
    goals: ExplainedArea,
    handoffs: ExplainedArea,
    demos: ExplainedArea,
    metrics: ExplainedArea,
  }),
  owners: ExplainedArea,
}).meta({ id: 'InitiativeHealth' });
export type InitiativeHealth = Omit<
  z.infer<typeof HealthResultSchema>,
  'overall' | 'pillars' | 'owners'
> & {
  overall: Omit<z.infer<typeof HealthResultSchema>['overall'], 'reason'> & {
    reason: ExplainedReason;
  };
  pillars: Record<z.infer<typeof Pillar>, ExplainedAreaHealth>;
  owners: ExplainedAreaHealth;
};
export type ExplainedAreaHealth = Omit<z.infer<typeof AreaHealthSchema>, 'reasons'> & {
  reasons: ExplainedReason[];
};

/** A reason as the history keeps it: enough to name it after it went away. */
export const RememberedReason = z.object({
  code: z.string(),
  area: z.string(),
  key: z.string().describe('code and link: the same reason on the same thing'),
  text: Localized,
  href: z.string(),
});
export type RememberedReason = z.infer<typeof RememberedReason>;

/** GET /api/initiatives/:id/health/history: the 90-day trend and what changed in a week. */
export const HealthHistory = z
  .object({
    trend: z.array(
      z.object({
        day: Day,
        ampel: Ampel,
        score: z.number(),
        areas: z.record(z.string(), z.object({ ampel: Ampel, score: z.number() })),
      }),
    ),
    /** Compared with the snapshot a week ago (or the oldest within the week); null without one. */
    since: Day.nullable(),
    appeared: z.array(RememberedReason),
    resolved: z.array(RememberedReason),
  })
  .meta({ id: 'HealthHistory' });
export type HealthHistory = z.infer<typeof HealthHistory>;

/**
 * GET /api/portfolio/history: the portfolio's 90-day trend from the nightly snapshots: per
 * day, how many of the initiatives the person may read (with the portfolio's filters on
 * department, stage, owner and risk class) were green, amber and red, and their mean score.
 */
export const PortfolioHistory = z
  .object({
    /** The first day the trend looks at (90 calendar days before today, Europe/Berlin). */
    from: Day,
    trend: z.array(
      z.object({
        day: Day,
        green: z.number().int(),
        amber: z.number().int(),
        red: z.number().int(),
        /** The mean overall score of that day's initiatives, rounded. */
        score: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'PortfolioHistory' });
export type PortfolioHistory = z.infer<typeof PortfolioHistory>;
