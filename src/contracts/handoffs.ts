import { z } from 'zod';
import {
  CHECKLIST_SOURCES,
  DELIVERABLE_KINDS,
  HANDOFF_EVENT_TYPES,
  HANDOFF_REFUSALS,
  HANDOFF_ROLES,
  HANDOFF_STATES,
  OFFERED_HANDOFF_ACTIONS,
  PARTIES,
  QUESTION_STATES,
} from '../domain/handoffs.js';
import { line, PersonRef, Side, text, Timestamp, webLink } from './common.js';
import { StageRef } from './initiatives.js';

export const HandoffState = z.enum(HANDOFF_STATES);
export type HandoffState = z.infer<typeof HandoffState>;

export const DeliverableKind = z.enum(DELIVERABLE_KINDS);
export type DeliverableKind = z.infer<typeof DeliverableKind>;

export const HandoffRole = z.enum(HANDOFF_ROLES);
export const HandoffAction = z.enum(OFFERED_HANDOFF_ACTIONS);

const day = z.iso.date('must be a date like 2026-11-27');

/** What is handed over. */
export const Deliverable = z.object({
  id: z.string(),
  title: z.string(),
  kind: DeliverableKind,
  /** A link (https://…) or empty. */
  link: z.string(),
  description: z.string(),
});
export type Deliverable = z.infer<typeof Deliverable>;

export const HandoffChecklistItem = z.object({
  id: z.string(),
  labelEn: z.string(),
  labelDe: z.string(),
  /** stage: what the target stage demands; high_risk: added for high-risk initiatives. */
  source: z.enum(CHECKLIST_SOURCES),
  checked: z.boolean(),
});
export type HandoffChecklistItem = z.infer<typeof HandoffChecklistItem>;

export const HandoffEvent = z.object({
  id: z.string(),
  type: z.enum(HANDOFF_EVENT_TYPES),
  /** Submission round (1 = first submission, 2 = first resubmission, …). */
  round: z.number().int(),
  actor: PersonRef.nullable(),
  reason: z.string().nullable(),
  /** Checklist items the receiver named as failed (returns). */
  failedItems: z.array(z.string()),
  at: Timestamp,
});
export type HandoffEvent = z.infer<typeof HandoffEvent>;

export const HandoffQuestion = z.object({
  id: z.string(),
  askedBy: PersonRef.nullable(),
  /** The side of the handoff that asked: the other one answers. */
  askedByParty: z.enum(PARTIES),
  text: z.string(),
  askedAt: Timestamp,
  state: z.enum(QUESTION_STATES),
  answer: z.string().nullable(),
  answeredBy: PersonRef.nullable(),
  answeredAt: Timestamp.nullable(),
  withdrawnAt: Timestamp.nullable(),
  /** Whether the current user may answer / withdraw it. */
  canAnswer: z.boolean(),
  canWithdraw: z.boolean(),
});
export type HandoffQuestion = z.infer<typeof HandoffQuestion>;

export const HandoffTimings = z.object({
  submittedAt: Timestamp.nullable(),
  firstResponseAt: Timestamp.nullable(),
  acceptedAt: Timestamp.nullable(),
  /** First submission to acceptance (or to now while open), in milliseconds. */
  leadTimeMs: z.number().nullable(),
  returns: z.number().int(),
  openQuestions: z.number().int(),
  oldestOpenQuestionMs: z.number().nullable(),
  overdue: z.boolean(),
  overdueDays: z.number().int(),
});
export type HandoffTimings = z.infer<typeof HandoffTimings>;

/** A handoff in lists: who hands what to whom, where it stands. */
export const HandoffSummary = z
  .object({
    id: z.string(),
    initiative: z.object({ id: z.string(), title: z.string(), department: z.string() }),
    title: z.string(),
    state: HandoffState,
    /** Submission round: 0 for a draft, 2+ once resubmitted. */
    round: z.number().int(),
    fromStage: StageRef,
    /** null: the work changes hands within the stage (e.g. a pilot for acceptance testing). */
    toStage: StageRef.nullable(),
    sender: PersonRef,
    senderDeputy: PersonRef.nullable(),
    receiver: PersonRef,
    receiverDeputy: PersonRef.nullable(),
    receiverSide: Side,
    dueDate: z.string(),
    timings: HandoffTimings,
    /** The current user's part in it. */
    myRole: HandoffRole,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'HandoffSummary' });
export type HandoffSummary = z.infer<typeof HandoffSummary>;

export const Handoff = HandoffSummary.extend({
  note: z.string(),
  deliverables: z.array(Deliverable),
  checklist: z.array(HandoffChecklistItem),
  events: z.array(HandoffEvent),
  questions: z.array(HandoffQuestion),
  /** Row version for optimistic concurrency: send it with every action. */
  version: z.number().int(),
  /** What the current user may do now: only actions that will succeed. */
  actions: z.array(HandoffAction),
  /**
   * Actions the current user's part allows now that something still stands in the way of
   * (accept while a question is open, submit without deliverables or with unchecked items),
   * with the refusal code and the reason in English: show them disabled and say why.
   */
  blockedActions: z.array(
    z.object({ action: HandoffAction, code: z.enum(HANDOFF_REFUSALS), reason: z.string() }),
  ),
}).meta({ id: 'Handoff' });
export type Handoff = z.infer<typeof Handoff>;

const link = webLink(true);

export const DeliverableInput = z.object({
  /** Keep the id when editing an existing deliverable. */
  id: z.string().max(60).optional(),
  title: line(200),
  kind: DeliverableKind,
  link: link.default(''),
  description: z.string().trim().max(4000, 'must be at most 4000 characters').default(''),
});
export type DeliverableInput = z.input<typeof DeliverableInput>;

const deliverables = z.array(DeliverableInput).max(30, 'must have at most 30 deliverables');
const optionalPerson = z.string().min(1).nullable();

export const CreateHandoffBody = z.object({
  title: line(200),
  note: z.string().trim().max(4000, 'must be at most 4000 characters').default(''),
  /** The stage the initiative enters on acceptance; null: a handoff within the current stage. */
  toStageId: z.string().min(1).nullable(),
  /** Defaults to you. */
  senderId: z.string().min(1).optional(),
  senderDeputyId: optionalPerson.default(null),
  receiverId: z.string().min(1, 'must be chosen'),
  receiverDeputyId: optionalPerson.default(null),
  /** The last day for the receiver's answer. */
  dueDate: day,
  deliverables: deliverables.default([]),
  /** Ids of checklist items checked already. */
  checked: z.array(z.string()).default([]),
});
export type CreateHandoffBody = z.input<typeof CreateHandoffBody>;

/** Changes a draft or a returned handoff (sender side). */
export const UpdateHandoffBody = z.object({
  version: z.number().int(),
  title: line(200).optional(),
  note: z.string().trim().max(4000, 'must be at most 4000 characters').optional(),
  senderDeputyId: optionalPerson.optional(),
  receiverId: z.string().min(1).optional(),
  receiverDeputyId: optionalPerson.optional(),
  dueDate: day.optional(),
  deliverables: deliverables.optional(),
  checked: z.array(z.string()).optional(),
});
export type UpdateHandoffBody = z.input<typeof UpdateHandoffBody>;

export const HandoffVersionBody = z.object({ version: z.number().int() });
export type HandoffVersionBody = z.infer<typeof HandoffVersionBody>;

export const ReturnHandoffBody = z.object({
  version: z.number().int(),
  reason: z.string().trim().max(4000, 'must be at most 4000 characters'),
  /** Checklist items that are not met; they are unchecked for the sender. */
  failedItems: z.array(z.string()).default([]),
});
export type ReturnHandoffBody = z.input<typeof ReturnHandoffBody>;

export const WithdrawHandoffBody = z.object({
  version: z.number().int(),
  reason: z.string().trim().max(4000, 'must be at most 4000 characters').default(''),
});
export type WithdrawHandoffBody = z.input<typeof WithdrawHandoffBody>;

export const AskQuestionBody = z.object({ version: z.number().int(), text: text(4000) });
export type AskQuestionBody = z.infer<typeof AskQuestionBody>;
export const AnswerQuestionBody = z.object({ version: z.number().int(), text: text(4000) });
export type AnswerQuestionBody = z.infer<typeof AnswerQuestionBody>;

export const QuestionParams = z.object({ id: z.string().min(1), questionId: z.string().min(1) });

/** "Waiting for me": what needs the current user, in three piles. */
export const HandoffsWaiting = z
  .object({
    /** Submitted to me (or to the person I deputise): accept, return or ask. */
    toReceive: z.array(HandoffSummary),
    /** Open questions the other side asked me. */
    toAnswer: z.array(HandoffSummary),
    /** Returned to me, and my drafts: fix and (re)submit. */
    toResubmit: z.array(HandoffSummary),
  })
  .meta({ id: 'HandoffsWaiting' });
export type HandoffsWaiting = z.infer<typeof HandoffsWaiting>;

/** Across the portfolio: handoffs that need attention. */
export const HandoffsAttention = z
  .object({
    overdue: z.array(HandoffSummary),
    /** Returned more than once. */
    reworked: z.array(HandoffSummary),
  })
  .meta({ id: 'HandoffsAttention' });
export type HandoffsAttention = z.infer<typeof HandoffsAttention>;

/** The extra checklist items high-risk initiatives (EU AI Act) get on every stage handoff. */
export const HighRiskChecklist = z
  .object({
    items: z.array(z.object({ id: z.string(), labelEn: z.string(), labelDe: z.string() })),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'HighRiskChecklist' });
export type HighRiskChecklist = z.infer<typeof HighRiskChecklist>;

export const UpdateHighRiskChecklistBody = z.object({
  items: z
    .array(
      z.object({
        id: z.string().trim().min(1).max(60).optional(),
        labelEn: text(300),
        labelDe: text(300),
      }),
    )
    .max(30, 'must have at most 30 items'),
});
export type UpdateHighRiskChecklistBody = z.input<typeof UpdateHighRiskChecklistBody>;
