/**
 * The owners' weekly updates (issue 10): each week the business and the IT owner mark the
 * initiative on track / at risk / off track with a sentence. One per side per ISO week;
 * writing again the same week replaces it (the trail keeps the earlier one).
 */
import { z } from 'zod';
import { OwnerView } from './collaboration-health.js';
import { PersonRef, Side, Timestamp, text } from './common.js';

export const WeeklyUpdate = z
  .object({
    id: z.string(),
    initiativeId: z.string(),
    side: Side,
    week: z.string().describe('ISO week, e.g. 2026-W49'),
    view: OwnerView,
    text: z.string(),
    author: PersonRef.nullable(),
    writtenAt: Timestamp,
  })
  .meta({ id: 'WeeklyUpdate' });
export type WeeklyUpdate = z.infer<typeof WeeklyUpdate>;

export const WeeklyUpdates = z
  .object({
    /** The latest update of each side (null: never written). */
    latest: z.object({ business: WeeklyUpdate.nullable(), it: WeeklyUpdate.nullable() }),
    /** This week's ISO week, in the company's time zone. */
    currentWeek: z.string(),
    /** The sides the asking person may write (owner or deputy of that side). */
    canWrite: z.array(Side),
    /** The last 12 weeks, newest first. */
    history: z.array(WeeklyUpdate),
  })
  .meta({ id: 'WeeklyUpdates' });
export type WeeklyUpdates = z.infer<typeof WeeklyUpdates>;

export const WriteWeeklyUpdateBody = z
  .strictObject({
    side: Side,
    view: OwnerView,
    text: text(500),
  })
  .meta({ id: 'WriteWeeklyUpdateBody' });
export type WriteWeeklyUpdateBody = z.infer<typeof WriteWeeklyUpdateBody>;
