import { z } from 'zod';
import { GOAL_OUTCOMES, GOAL_STATUSES, PROGRESS_STATES } from '../domain/goals.js';
import { line, PersonRef, Side, Timestamp } from './common.js';
import { AgreementView, Direction, Period, SignatureView } from './metrics.js';

export const GoalStatus = z.enum(GOAL_STATUSES);
export type GoalStatus = z.infer<typeof GoalStatus>;
export const ProgressState = z.enum(PROGRESS_STATES);

const day = z.iso.date('must be a date like 2026-11-27');
const finite = z
  .number({ message: 'must be a number' })
  .refine(Number.isFinite, 'must be a finite number');

/** The signed content: a change to any of these makes a new version. */
export const GoalTerms = z.object({
  metricId: z.string().nullable(),
  baselineValue: finite.nullable(),
  baselineDate: day.nullable(),
  targetValue: finite.nullable(),
  dueDate: day.nullable(),
});
export type GoalTerms = z.infer<typeof GoalTerms>;

export const GoalVersion = z.object({
  version: z.number().int(),
  content: GoalTerms,
  createdBy: PersonRef.nullable(),
  createdAt: Timestamp,
  signatures: z.array(SignatureView),
});

export const Goal = z
  .object({
    id: z.string(),
    initiative: z.object({ id: z.string(), title: z.string() }),
    statement: z.string(),
    rationale: z.string(),
    metric: z
      .object({
        id: z.string(),
        name: z.string(),
        unit: z.string(),
        direction: Direction,
        period: Period,
      })
      .nullable(),
    baselineValue: z.number().nullable(),
    baselineDate: z.string().nullable(),
    targetValue: z.number().nullable(),
    dueDate: z.string().nullable(),
    businessResponsible: PersonRef.nullable(),
    itResponsible: PersonRef.nullable(),
    status: GoalStatus,
    statusReason: z.string().nullable(),
    achievedAt: Timestamp.nullable(),
    agreement: AgreementView,
    /** What keeps the goal from being proposed (the quality gate); empty when ready. */
    gate: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
    progress: z.object({
      state: ProgressState,
      /**
       * The metric's value by `rule`: the last complete period (`periodStart` up to, not
       * including, `periodEnd`). "Achieved" and completion are measured on it.
       */
      current: z
        .object({ value: z.number(), periodStart: z.string(), periodEnd: z.string() })
        .nullable(),
      /** How `current` is read: the last complete period; the running one is left out. */
      rule: z.literal('last_complete_period'),
      /** The start of the period still running, left out of `current` and the forecast. */
      inProgressPeriodStart: z.string().nullable(),
      /** The plan value for today. */
      plan: z.number().nullable(),
      /** Share of the way from baseline to target (1 = reached). */
      completion: z.number().nullable(),
      /**
       * Where the trend of complete periods leads by the due date, kept within what the metric
       * can take (a count or a sum of values never negative stays at 0 or above; an average
       * within the metric's range); `clamped` says the trend led beyond and was held at the limit.
       */
      forecast: z
        .object({
          valueAtDue: z.number(),
          meetsTarget: z.boolean(),
          basedOn: z.number().int(),
          clamped: z.boolean(),
        })
        .nullable(),
      /** Past the due date without reaching the target: owners must decide. */
      needsDecision: z.boolean(),
    }),
    /** Row version for optimistic concurrency. */
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    permissions: z.object({
      edit: z.boolean(),
      /** Mark missed or dropped: owners and deputies. */
      decide: z.boolean(),
    }),
  })
  .meta({ id: 'Goal' });
export type Goal = z.infer<typeof Goal>;

export const GoalDetail = Goal.extend({ versions: z.array(GoalVersion) }).meta({
  id: 'GoalDetail',
});
export type GoalDetail = z.infer<typeof GoalDetail>;

const statement = line(500);
const rationale = z.string().trim().max(4000, 'must be at most 4000 characters');

/** A new goal starts as a draft; everything but the statement may still be missing. */
export const CreateGoalBody = z.object({
  statement,
  rationale: rationale.default(''),
  metricId: z.string().min(1).nullable().default(null),
  baselineValue: finite.nullable().default(null),
  baselineDate: day.nullable().default(null),
  targetValue: finite.nullable().default(null),
  dueDate: day.nullable().default(null),
  businessResponsibleId: z.string().min(1).nullable().default(null),
  itResponsibleId: z.string().min(1).nullable().default(null),
});
export type CreateGoalBody = z.input<typeof CreateGoalBody>;

export const UpdateGoalBody = z.object({
  /** The version you read; 409 when someone changed the goal meanwhile. */
  version: z.number().int(),
  statement: statement.optional(),
  rationale: rationale.optional(),
  metricId: z.string().min(1).nullable().optional(),
  baselineValue: finite.nullable().optional(),
  baselineDate: day.nullable().optional(),
  targetValue: finite.nullable().optional(),
  dueDate: day.nullable().optional(),
  businessResponsibleId: z.string().min(1).nullable().optional(),
  itResponsibleId: z.string().min(1).nullable().optional(),
});
export type UpdateGoalBody = z.input<typeof UpdateGoalBody>;

export const GoalVersionBody = z.object({ version: z.number().int() });
export const SignGoalBody = z.object({ version: z.number().int(), side: Side });
export const CloseGoalBody = z.object({
  version: z.number().int(),
  outcome: z.enum(GOAL_OUTCOMES),
  reason: z.string().trim().min(1, 'give the reason').max(2000, 'must be at most 2000 characters'),
});
export type CloseGoalBody = z.infer<typeof CloseGoalBody>;

export const ListGoalsQuery = z.object({
  status: GoalStatus.optional(),
  /** Proposed goals whose current version still lacks this side's signature. */
  waitingFor: Side.optional(),
  initiative: z.string().optional(),
});
export type ListGoalsQuery = z.infer<typeof ListGoalsQuery>;
