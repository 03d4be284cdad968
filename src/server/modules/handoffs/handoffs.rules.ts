/**
 * The checks every handoff change goes through: the state machine, the people, the checklist;
 * and how the trail records it.
 */
import type { AuditAction } from '../../../contracts/audit.js';
import type {
  Deliverable,
  HandoffChecklistItem,
  UpdateHandoffBody,
} from '../../../contracts/handoffs.js';
import type { ChecklistItem } from '../../../contracts/stages.js';
import { decide, type HandoffState, roleIn } from '../../../domain/handoffs.js';
import { type OwningSide, otherSide, type Side } from '../../../domain/sides.js';
import type { Actor } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newId } from '../../db/ids.js';
import type { HandoffsTable } from '../../db/schema.js';
import {
  AppError,
  type FieldError,
  invalidField,
  invalidFields,
  versionConflict,
} from '../../http/problems.js';
import { entity, record } from '../audit/audit.service.js';
import { findPeople, personProblem } from '../people/people.service.js';
import { checkedOf, todayOf } from './handoffs.presenter.js';
import { loadHighRiskChecklist } from './high-risk.service.js';

const HIGH_RISK_PREFIX = 'high_risk.';

/** Runs a transition through the state machine: who, then which version, then when and what. */
export function authorise(
  row: HandoffsTable,
  actor: Parameters<typeof roleIn>[1],
  action: Parameters<typeof decide>[1],
  version: number,
  facts: Parameters<typeof decide>[3] = {},
): HandoffState {
  const role = roleIn(
    {
      senderId: row.sender_id,
      senderDeputyId: row.sender_deputy_id,
      receiverId: row.receiver_id,
      receiverDeputyId: row.receiver_deputy_id,
    },
    actor,
  );
  const d = decide(row.state, action, role, facts);
  if (!d.ok && d.status === 403) throw new AppError(403, d.code, d.message);
  if (version !== row.version) throw versionConflict('handoff');
  if (!d.ok)
    throw new AppError(
      d.status,
      d.code,
      d.message,
      d.field ? [{ pointer: `/body/${d.field}`, message: d.message, code: d.code }] : [],
    );
  return d.next;
}

/** The checklist the target stage demands, plus the admins' items for high-risk initiatives. */
export async function demandedChecklist(
  db: DbOrTrx,
  toStageId: string | null,
  riskClass: string,
): Promise<Omit<HandoffChecklistItem, 'checked'>[]> {
  const items: Omit<HandoffChecklistItem, 'checked'>[] = [];
  if (toStageId) {
    const stage = await db
      .selectFrom('stages')
      .select('checklist')
      .where('id', '=', toStageId)
      .executeTakeFirst();
    for (const c of JSON.parse(stage?.checklist ?? '[]') as ChecklistItem[])
      items.push({ ...c, source: 'stage' });
    if (riskClass === 'high' || riskClass === 'prohibited') {
      for (const c of (await loadHighRiskChecklist(db)).items)
        items.push({ ...c, id: `${HIGH_RISK_PREFIX}${c.id}`, source: 'high_risk' });
    }
  }
  return items;
}

/** Today's demands, keeping what was checked already. */
export function mergeChecklist(
  demanded: Omit<HandoffChecklistItem, 'checked'>[],
  checked: Set<string>,
): HandoffChecklistItem[] {
  return demanded.map((c) => ({ ...c, checked: checked.has(c.id) }));
}

export function checkedIds(
  demanded: Omit<HandoffChecklistItem, 'checked'>[],
  ids: string[],
  pointer = '/body/checked',
): Set<string> {
  const known = new Set(demanded.map((d) => d.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length)
    throw invalidFields([
      {
        pointer,
        message: `not items of this handoff's checklist: ${unknown.join(', ')}`,
        code: 'unknown_item',
      },
    ]);
  return new Set(ids);
}

export function deliverablesOf(
  input: NonNullable<UpdateHandoffBody['deliverables']>,
  before: Deliverable[] = [],
): Deliverable[] {
  const kept = new Set(before.map((d) => d.id));
  return input.map((d) => ({
    id: d.id && kept.has(d.id) ? d.id : newId(),
    title: d.title.trim(),
    kind: d.kind,
    link: (d.link ?? '').trim(),
    description: (d.description ?? '').trim(),
  }));
}

export interface People {
  senderId: string;
  senderDeputyId: string | null;
  receiverId: string;
  receiverDeputyId: string | null;
}

/**
 * Sender and receiver are fixed contact persons on the team: active members who may write,
 * the receivers from the side that takes the work over. Returns the receiving side.
 */
export async function validatePeople(
  db: DbOrTrx,
  initiativeId: string,
  toStageOwningSide: OwningSide | null,
  p: People,
): Promise<Side> {
  const errors: FieldError[] = [];
  const ids = [p.senderId, p.senderDeputyId, p.receiverId, p.receiverDeputyId].filter(
    (x): x is string => x !== null,
  );
  const people = new Map((await findPeople(db, ids)).map((x) => [x.id, x]));
  const roles = new Map(
    (
      await db
        .selectFrom('initiative_members')
        .select(['user_id', 'role'])
        .where('initiative_id', '=', initiativeId)
        .execute()
    ).map((m) => [m.user_id, m.role]),
  );
  const sender = people.get(p.senderId);
  const receivingSide: Side =
    toStageOwningSide === 'business' || toStageOwningSide === 'it'
      ? toStageOwningSide
      : otherSide(sender?.side ?? 'business');
  const check = (field: keyof People, id: string | null, side: Side | null) => {
    if (id === null) return;
    const x = people.get(id);
    const pointer = `/body/${field}`;
    if (!x) errors.push(personProblem.unknown(pointer));
    else if (x.disabled_at) errors.push(personProblem.disabled(pointer, x.name));
    else if (side && x.side !== side) errors.push(personProblem.wrongSide(pointer, side, x.name));
    else if (!roles.has(id)) errors.push(personProblem.notMember(pointer, x.name));
    else if (x.role === 'viewer' || roles.get(id) === 'observer')
      errors.push({
        pointer,
        message: `${x.name} only observes this initiative and cannot send or receive handoffs`,
        code: 'observer',
      });
  };
  check('senderId', p.senderId, null);
  check('senderDeputyId', p.senderDeputyId, sender?.side ?? null);
  check('receiverId', p.receiverId, receivingSide);
  check('receiverDeputyId', p.receiverDeputyId, receivingSide);
  const same = (field: keyof People, a: string | null, b: string | null, message: string) => {
    if (a !== null && a === b)
      errors.push({ pointer: `/body/${field}`, message, code: 'same_person' });
  };
  same('senderDeputyId', p.senderDeputyId, p.senderId, 'must be someone other than the sender');
  same('receiverId', p.receiverId, p.senderId, 'must be someone other than the sender');
  same(
    'receiverId',
    p.receiverId,
    p.senderDeputyId,
    'must be someone other than the sender’s deputy',
  );
  same(
    'receiverDeputyId',
    p.receiverDeputyId,
    p.receiverId,
    'must be someone other than the receiver',
  );
  same('receiverDeputyId', p.receiverDeputyId, p.senderId, 'must be someone other than the sender');
  if (errors.length) throw invalidFields(errors);
  return receivingSide;
}

export function dueDateOrThrow(dueDate: string, now: Date): void {
  if (dueDate < todayOf(now))
    throw invalidField('dueDate', 'must be today or later', 'in_the_past');
}

export const auditView = (h: HandoffsTable) => ({
  title: h.title,
  state: h.state,
  round: h.round,
  fromStageId: h.from_stage_id,
  toStageId: h.to_stage_id,
  senderId: h.sender_id,
  senderDeputyId: h.sender_deputy_id,
  receiverId: h.receiver_id,
  receiverDeputyId: h.receiver_deputy_id,
  dueDate: h.due_date,
  deliverables: (JSON.parse(h.deliverables) as Deliverable[]).map((d) => d.title),
  checked: checkedOf(h),
});

export async function audit(
  trx: DbOrTrx,
  actor: Actor,
  row: HandoffsTable,
  action: Extract<AuditAction, `handoff.${string}`>,
  now: Date,
  extra: { before?: unknown; after?: unknown } = {},
) {
  await record(trx, actor.id, now, entity('handoff', row), action, {
    ...extra,
  });
}
