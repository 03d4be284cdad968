import { z } from 'zod';
import { Side, Timestamp } from './common.js';
import { Ampel } from './collaboration-health.js';
import { InitiativeSummary, MemberRole } from './initiatives.js';

/** What kind of thing waits for the signed-in person; the web turns each into a sentence. */
export const DESK_ITEM_KINDS = [
  'goal_signature',
  'metric_signature',
  'handoff_receive',
  'handoff_resubmit',
  'question_answer',
  'action_item',
  'metric_stale',
  'weekly_update',
] as const;
export const DeskItemKind = z.enum(DESK_ITEM_KINDS);
export type DeskItemKind = z.infer<typeof DeskItemKind>;

const Day = z.string().describe('YYYY-MM-DD');
const InitiativeRef = z.object({ id: z.string(), title: z.string() });

/**
 * One thing that waits for me. `subject` is the goal's statement, the metric's or handoff's
 * name, the question or the action item's text; with `kind`, `sides` and the dates it makes a
 * whole sentence ("Sign the goal “…” for IT — waiting since 3 days").
 */
export const DeskItem = z
  .object({
    /** Unique within the desk: kind and the thing's id. */
    key: z.string(),
    kind: DeskItemKind,
    initiative: InitiativeRef,
    subject: z.string(),
    /** Signatures: the side(s) I may sign for. Questions: the side that asked. */
    sides: z.array(Side),
    /** Since when it waits for me (proposed, submitted, returned, asked, last data, …). */
    since: Timestamp,
    dueDate: Day.nullable(),
    overdue: z.boolean(),
    /** Stale metrics: the metric's period in days. */
    periodDays: z.number().int().nullable(),
    /** The app path where it is done. */
    link: z.string(),
  })
  .meta({ id: 'DeskItem' });
export type DeskItem = z.infer<typeof DeskItem>;

export const DeskDemo = z
  .object({
    occurrenceId: z.string(),
    initiative: InitiativeRef,
    startsAt: Timestamp,
    endsAt: Timestamp,
    /** I present it. */
    presenting: z.boolean(),
    link: z.string(),
  })
  .meta({ id: 'DeskDemo' });
export type DeskDemo = z.infer<typeof DeskDemo>;

const DeskPillar = z.union([Ampel, z.literal('none')]);

/** An initiative's health in one line: the Ampel per pillar and why the overall is what it is. */
export const DeskHealth = z
  .object({
    ampel: Ampel,
    score: z.number(),
    reason: z.object({ en: z.string(), de: z.string() }),
    href: z.string(),
    /** Each pillar's Ampel; `none` while the pillar is not relevant yet in the stage. */
    pillars: z.object({
      goals: DeskPillar,
      handoffs: DeskPillar,
      demos: DeskPillar,
      metrics: DeskPillar,
    }),
  })
  .meta({ id: 'DeskHealth' });
export type DeskHealth = z.infer<typeof DeskHealth>;

export const DeskInitiative = z
  .object({
    initiative: InitiativeSummary,
    /** My part in it: owner, deputy, contributor, observer. */
    role: MemberRole,
    health: DeskHealth.nullable(),
    /** How many of the waiting items belong to it. */
    waiting: z.number().int(),
    link: z.string(),
  })
  .meta({ id: 'DeskInitiative' });
export type DeskInitiative = z.infer<typeof DeskInitiative>;

/** The sections of "what waits for me", in the order the desk shows them. */
export const DESK_SECTIONS = [
  'signatures',
  'handoffs',
  'questions',
  'actionItems',
  'staleMetrics',
  'updates',
] as const;
export type DeskSection = (typeof DESK_SECTIONS)[number];

export const Desk = z
  .object({
    waiting: z.object({
      signatures: z.array(DeskItem),
      handoffs: z.array(DeskItem),
      questions: z.array(DeskItem),
      actionItems: z.array(DeskItem),
      staleMetrics: z.array(DeskItem),
      updates: z.array(DeskItem),
    }),
    /** Everything in `waiting`, counted once. */
    total: z.number().int(),
    /** Planned demos of my initiatives in the next 7 days. */
    demos: z.array(DeskDemo),
    initiatives: z.array(DeskInitiative),
    generatedAt: Timestamp,
  })
  .meta({ id: 'Desk' });
export type Desk = z.infer<typeof Desk>;
