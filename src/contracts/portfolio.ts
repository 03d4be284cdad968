/**
 * The portfolio (issue 10): every initiative the person may read × the four pillars and the
 * owners' view, as compact rows for a heat map, with what waits for whom.
 */
import { z } from 'zod';
import { LANGUAGES } from '../domain/people.js';
import { RiskClass } from './initiatives.js';
import { Ampel, HealthArea } from './collaboration-health.js';
import { Side } from './common.js';

const Localized = z.object({ de: z.string(), en: z.string() });

/** One cell: an area's Ampel and score, and its largest reason in words. */
export const PortfolioCell = z.object({
  ampel: Ampel,
  score: z.number().int(),
  applicable: z.boolean(),
  /** How many reasons the area has. */
  reasons: z.number().int(),
  /**
   * The largest reason's sentence, null without reasons: in both languages, or only in the
   * one asked for with `lang` (the portfolio page asks for the app's; half the answer).
   */
  top: z.object({ de: z.string().optional(), en: z.string().optional() }).nullable(),
});
export type PortfolioCell = z.infer<typeof PortfolioCell>;

export const PortfolioRow = z
  .object({
    id: z.string(),
    title: z.string(),
    department: z.string(),
    stage: z.object({ id: z.string(), key: z.string(), name: Localized, position: z.number() }),
    riskClass: RiskClass,
    businessOwner: z.object({ id: z.string(), name: z.string() }),
    itOwner: z.object({ id: z.string(), name: z.string() }),
    overall: z.object({ ampel: Ampel, score: z.number().int(), weakest: z.array(HealthArea) }),
    areas: z.object({
      goals: PortfolioCell,
      handoffs: PortfolioCell,
      demos: PortfolioCell,
      metrics: PortfolioCell,
      owners: PortfolioCell,
    }),
  })
  .meta({ id: 'PortfolioRow' });
export type PortfolioRow = z.infer<typeof PortfolioRow>;

export const WAITING_KINDS = [
  'goal_signature',
  'metric_signature',
  'handoff_answer',
  'question_answer',
  'weekly_update',
] as const;
export const WaitingKind = z.enum(WAITING_KINDS);
export type WaitingKind = z.infer<typeof WaitingKind>;

/** "3 goals wait for IT's signature": a count of things waiting for one side. */
export const WaitingCount = z.object({ kind: WaitingKind, side: Side, count: z.number().int() });
export type WaitingCount = z.infer<typeof WaitingCount>;

export const Portfolio = z
  .object({
    computedAt: z.string(),
    rows: z.array(PortfolioRow),
    /** Over the rows shown (after the filters). */
    waiting: z.array(WaitingCount),
    /** How many rows of each Ampel (after the filters). */
    totals: z.object({ green: z.number(), amber: z.number(), red: z.number() }),
  })
  .meta({ id: 'Portfolio' });
export type Portfolio = z.infer<typeof Portfolio>;

export const PortfolioQuery = z.object({
  department: z.string().optional(),
  stage: z.string().optional().describe('stage id'),
  owner: z.string().optional().describe('a business or IT owner (or deputy)'),
  riskClass: RiskClass.optional(),
  health: Ampel.optional(),
  sort: z.enum(['worst', 'title']).optional(),
  lang: z
    .enum(LANGUAGES)
    .optional()
    .describe('the reason sentences (`top`) only in this language; both without it'),
});
export type PortfolioQuery = z.infer<typeof PortfolioQuery>;
