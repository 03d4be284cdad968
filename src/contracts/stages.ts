import { z } from 'zod';
import { OWNING_SIDES } from '../domain/sides.js';
import { line, text, Timestamp } from './common.js';

export const OwningSide = z.enum(OWNING_SIDES);
export type OwningSide = z.infer<typeof OwningSide>;

export const ChecklistItem = z.object({
  /** Stable id, kept when labels change. */
  id: z.string().min(1).max(60),
  labelEn: text(300),
  labelDe: text(300),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const Stage = z
  .object({
    id: z.string(),
    key: z.string(),
    nameEn: z.string(),
    nameDe: z.string(),
    position: z.number().int(),
    owningSide: OwningSide,
    /** What entering this stage requires. */
    checklist: z.array(ChecklistItem),
    /** Number of initiatives currently in this stage. */
    initiativeCount: z.number().int(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'Stage' });
export type Stage = z.infer<typeof Stage>;

const checklistInput = z
  .array(
    z.object({
      id: z.string().trim().min(1).max(60).optional(),
      labelEn: text(300),
      labelDe: text(300),
    }),
  )
  .max(30, 'must have at most 30 items');

export const CreateStageBody = z.object({
  nameEn: line(80),
  nameDe: line(80),
  owningSide: OwningSide,
  checklist: checklistInput.default([]),
  /** Insert before the stage at this position (0-based); default: at the end. */
  position: z.number().int().min(0).optional(),
});
export type CreateStageBody = z.input<typeof CreateStageBody>;

export const UpdateStageBody = z
  .object({ nameEn: line(80), nameDe: line(80), owningSide: OwningSide, checklist: checklistInput })
  .partial();
export type UpdateStageBody = z.input<typeof UpdateStageBody>;

export const ReorderStagesBody = z.object({
  /** Every stage id exactly once, in the new order. */
  ids: z.array(z.string()).min(1, 'must list every stage'),
});
export type ReorderStagesBody = z.infer<typeof ReorderStagesBody>;
