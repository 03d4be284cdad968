import type { FormErrors } from '@mantine/form';
import type { TFunction } from 'i18next';
import type { Side } from '../../../contracts/common.js';
import {
  CreateHandoffBody,
  type DeliverableKind,
  type Handoff,
  type UpdateHandoffBody,
} from '../../../contracts/handoffs.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import type { Stage } from '../../../contracts/stages.js';
import { zodErrors } from '../../lib/validation.js';

/** The Select value for "no stage change". */
export const WITHIN_STAGE = 'within';

export interface DeliverableValues {
  id?: string | undefined;
  title: string;
  kind: DeliverableKind;
  link: string;
  description: string;
}

export interface HandoffFormValues {
  title: string;
  toStageId: string;
  senderDeputyId: string | null;
  receiverId: string | null;
  receiverDeputyId: string | null;
  dueDate: string;
  note: string;
  deliverables: DeliverableValues[];
}

export const emptyDeliverable = (): DeliverableValues => ({
  title: '',
  kind: 'specification',
  link: '',
  description: '',
});

const other = (side: Side): Side => (side === 'it' ? 'business' : 'it');

/** The side that takes the work over: the target stage's, else the other one. */
export function receivingSide(stage: Stage | undefined, senderSide: Side): Side {
  return stage && stage.owningSide !== 'both' ? stage.owningSide : other(senderSide);
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Sensible defaults: the next stage, its side's owner and deputy, a week to answer. */
export function defaultValues(
  initiative: Initiative,
  stages: Stage[],
  me: { id: string; side: Side },
  today = new Date(),
): HandoffFormValues {
  const next = stages
    .filter((s) => s.position > initiative.stage.position)
    .sort((a, b) => a.position - b.position)[0];
  const side = receivingSide(next, me.side);
  const owners = (s: Side) =>
    s === 'it'
      ? [initiative.itOwner, initiative.itDeputy]
      : [initiative.businessOwner, initiative.businessDeputy];
  const [rOwner, rDeputy] = owners(side).filter((p) => p !== null && p.id !== me.id);
  const [sOther] = owners(me.side).filter((p) => p !== null && p.id !== me.id);
  return {
    title: '',
    toStageId: next?.id ?? WITHIN_STAGE,
    senderDeputyId: side !== me.side ? (sOther?.id ?? null) : null,
    receiverId: rOwner?.id ?? null,
    receiverDeputyId: rDeputy?.id ?? null,
    dueDate: isoDay(new Date(today.getTime() + 7 * 86_400_000)),
    note: '',
    deliverables: [emptyDeliverable()],
  };
}

export function fromHandoff(h: Handoff): HandoffFormValues {
  return {
    title: h.title,
    toStageId: h.toStage?.id ?? WITHIN_STAGE,
    senderDeputyId: h.senderDeputy?.id ?? null,
    receiverId: h.receiver.id,
    receiverDeputyId: h.receiverDeputy?.id ?? null,
    dueDate: h.dueDate,
    note: h.note,
    deliverables: h.deliverables.map((d) => ({ ...d })),
  };
}

export function toCreateBody(v: HandoffFormValues): CreateHandoffBody {
  return {
    title: v.title,
    toStageId: v.toStageId === WITHIN_STAGE ? null : v.toStageId,
    senderDeputyId: v.senderDeputyId,
    receiverId: v.receiverId ?? '',
    receiverDeputyId: v.receiverDeputyId,
    dueDate: v.dueDate,
    note: v.note,
    deliverables: v.deliverables,
  };
}

export function toUpdateBody(v: HandoffFormValues, h: Handoff): UpdateHandoffBody {
  return {
    version: h.version,
    title: v.title,
    note: v.note,
    senderDeputyId: v.senderDeputyId,
    receiverId: v.receiverId ?? '',
    receiverDeputyId: v.receiverDeputyId,
    dueDate: v.dueDate,
    deliverables: v.deliverables,
  };
}

/** The server's own rules (the contract), with messages in the UI language. */
export function validateHandoff(v: HandoffFormValues, t: TFunction): FormErrors {
  const errors = zodErrors(CreateHandoffBody, toCreateBody(v), t);
  if (!v.receiverId) errors.receiverId = t('validation.required');
  for (const key of Object.keys(errors))
    if (/^deliverables\.\d+\.link$/.test(key)) errors[key] = t('handoffs.form.linkInvalid');
  return errors;
}
