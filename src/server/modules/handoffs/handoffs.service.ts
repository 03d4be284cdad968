import type { AuditAction } from '../../../contracts/audit.js';
import type {
  CreateHandoffBody,
  Deliverable,
  Handoff,
  HandoffChecklistItem,
  HandoffSummary,
  HandoffsAttention,
  HandoffsWaiting,
  UpdateHandoffBody,
} from '../../../contracts/handoffs.js';
import type { ChecklistItem } from '../../../contracts/stages.js';
import { canEdit } from '../../../domain/access.js';
import { decide, type HandoffState, roleIn } from '../../../domain/handoffs.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newId } from '../../db/ids.js';
import type { HandoffsTable } from '../../db/schema.js';
import {
  AppError,
  conflict,
  type FieldError,
  forbidden,
  invalidField,
  invalidFields,
  notFound,
  versionConflict,
} from '../../http/problems.js';
import { appendAudit } from '../audit/audit.service.js';
import { findPeople } from '../people/people.service.js';
import { changeStage } from '../initiatives/stage-change.service.js';
import { loadReadable, readableInitiativeIds } from '../initiatives/visibility.service.js';
import {
  parseChecklist,
  parseDeliverables,
  presentHandoffs,
  summarise,
  todayOf,
} from './handoffs.presenter.js';
import { loadHighRiskChecklist } from './high-risk.service.js';

type Side = 'business' | 'it';
const other = (side: Side): Side => (side === 'it' ? 'business' : 'it');
const HIGH_RISK_PREFIX = 'high_risk.';

// ───────────────────────────── loading and checking ─────────────────────────────

async function loadHandoff(db: DbOrTrx, actor: Actor, id: string) {
  const row = await db.selectFrom('handoffs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Handoff');
  const access = await loadReadable(db, actor, row.initiative_id, 'Handoff');
  // The actor as a party of the handoff, judged by their membership now (see roleIn).
  const party = { id: actor.id, role: actor.role, memberRole: access.facts.memberRole };
  return { row, access, party };
}

/** Runs a transition through the state machine: who, then which version, then when and what. */
function authorise(
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

/** Writes the change only if nobody else did meanwhile. */
async function writeHandoff(
  trx: DbOrTrx,
  row: HandoffsTable,
  set: Partial<HandoffsTable>,
  at: string,
): Promise<void> {
  const result = await trx
    .updateTable('handoffs')
    .set({ ...set, version: row.version + 1, updated_at: at })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw versionConflict('handoff');
}

/** The checklist the target stage demands, plus the admins' items for high-risk initiatives. */
async function demandedChecklist(
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
function mergeChecklist(
  demanded: Omit<HandoffChecklistItem, 'checked'>[],
  checked: Set<string>,
): HandoffChecklistItem[] {
  return demanded.map((c) => ({ ...c, checked: checked.has(c.id) }));
}

function checkedIds(
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

function deliverablesOf(
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

interface People {
  senderId: string;
  senderDeputyId: string | null;
  receiverId: string;
  receiverDeputyId: string | null;
}

/**
 * Sender and receiver are fixed contact persons on the team: active members who may write,
 * the receivers from the side that takes the work over. Returns the receiving side.
 */
async function validatePeople(
  db: DbOrTrx,
  initiativeId: string,
  toStageOwningSide: 'business' | 'it' | 'both' | null,
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
      : other(sender?.side ?? 'business');
  const sideName = (s: Side) => (s === 'it' ? 'IT' : 'the business side');
  const check = (field: keyof People, id: string | null, side: Side | null) => {
    if (id === null) return;
    const x = people.get(id);
    const pointer = `/body/${field}`;
    if (!x) errors.push({ pointer, message: 'is not a known person', code: 'unknown_person' });
    else if (x.disabled_at)
      errors.push({ pointer, message: `${x.name} is disabled`, code: 'disabled' });
    else if (side && x.side !== side)
      errors.push({
        pointer,
        message: `must be a person from ${sideName(side)}; ${x.name} is not`,
        code: 'wrong_side',
      });
    else if (!roles.has(id))
      errors.push({
        pointer,
        message: `${x.name} is not a member of this initiative`,
        code: 'not_member',
      });
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

function dueDateOrThrow(dueDate: string, now: Date): void {
  if (dueDate < todayOf(now))
    throw invalidField('dueDate', 'must be today or later', 'in_the_past');
}

async function stageOf(db: DbOrTrx, id: string) {
  return db.selectFrom('stages').selectAll().where('id', '=', id).executeTakeFirst();
}

const auditView = (h: HandoffsTable) => ({
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
  checked: parseChecklist(h)
    .filter((c) => c.checked)
    .map((c) => c.id),
});

async function audit(
  trx: DbOrTrx,
  actor: Actor,
  row: HandoffsTable,
  action: Extract<AuditAction, `handoff.${string}`>,
  now: Date,
  extra: { before?: unknown; after?: unknown } = {},
) {
  await appendAudit(trx, {
    actorId: actor.id,
    entityType: 'handoff',
    entityId: row.id,
    initiativeId: row.initiative_id,
    action,
    ...extra,
    at: now,
  });
}

async function event(
  trx: DbOrTrx,
  row: HandoffsTable,
  actor: Actor,
  type: 'submitted' | 'returned' | 'accepted' | 'withdrawn',
  round: number,
  at: string,
  reason: string | null = null,
  failedItems: string[] = [],
) {
  await trx
    .insertInto('handoff_events')
    .values({
      id: newId(),
      handoff_id: row.id,
      type,
      round,
      actor_id: actor.id,
      reason,
      failed_items: JSON.stringify(failedItems),
      occurred_at: at,
    })
    .execute();
}

// ───────────────────────────── reading ─────────────────────────────

export async function getHandoff(ctx: AppContext, actor: Actor, id: string): Promise<Handoff> {
  const { row } = await loadHandoff(ctx.db.kysely, actor, id);
  const [h] = await presentHandoffs(ctx.db.kysely, actor, [row], ctx.now());
  if (!h) throw notFound('Handoff');
  return h;
}

/** The chain of an initiative's handoffs, in the order they were started. */
export async function listInitiativeHandoffs(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string,
): Promise<Handoff[]> {
  await loadReadable(ctx.db.kysely, actor, initiativeId);
  const rows = await ctx.db.kysely
    .selectFrom('handoffs')
    .selectAll()
    .where('initiative_id', '=', initiativeId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return presentHandoffs(ctx.db.kysely, actor, rows, ctx.now());
}

/** Handoffs on initiatives the actor may read. */
const readableHandoffs = (db: DbOrTrx, actor: Actor) =>
  db
    .selectFrom('handoffs as h')
    .selectAll('h')
    .where('h.initiative_id', 'in', readableInitiativeIds(db, actor));

/** What waits for the actor: to receive, to answer, to (re)submit. */
export async function handoffsWaiting(ctx: AppContext, actor: Actor): Promise<HandoffsWaiting> {
  const rows = await readableHandoffs(ctx.db.kysely, actor)
    .where('h.state', 'in', ['draft', 'submitted', 'returned'])
    .where((eb) =>
      eb.or([
        eb('h.sender_id', '=', actor.id),
        eb('h.sender_deputy_id', '=', actor.id),
        eb('h.receiver_id', '=', actor.id),
        eb('h.receiver_deputy_id', '=', actor.id),
      ]),
    )
    .orderBy('h.due_date')
    .orderBy('h.created_at')
    .execute();
  const all = await presentHandoffs(ctx.db.kysely, actor, rows, ctx.now());
  const receiving = (h: Handoff) => h.myRole === 'receiver' || h.myRole === 'receiver_deputy';
  const sending = (h: Handoff) => h.myRole === 'sender' || h.myRole === 'sender_deputy';
  return {
    toReceive: all.filter((h) => h.state === 'submitted' && receiving(h)).map(summarise),
    toAnswer: all.filter((h) => h.questions.some((q) => q.canAnswer)).map(summarise),
    toResubmit: all
      .filter((h) => (h.state === 'returned' || h.state === 'draft') && sending(h))
      .map(summarise),
  };
}

/** Across the portfolio: overdue handoffs and those returned more than once. */
export async function handoffsAttention(ctx: AppContext, actor: Actor): Promise<HandoffsAttention> {
  const today = todayOf(ctx.now());
  const rows = await readableHandoffs(ctx.db.kysely, actor)
    .where((eb) =>
      eb.or([
        eb.and([eb('h.state', '=', 'submitted'), eb('h.due_date', '<', today)]),
        eb.and([eb('h.return_count', '>=', 2), eb('h.state', '!=', 'withdrawn')]),
      ]),
    )
    .orderBy('h.due_date')
    .execute();
  const all = (await presentHandoffs(ctx.db.kysely, actor, rows, ctx.now())).map(summarise);
  const byOverdue = (a: HandoffSummary, b: HandoffSummary) =>
    b.timings.overdueDays - a.timings.overdueDays;
  return {
    overdue: all.filter((h) => h.timings.overdue).sort(byOverdue),
    reworked: all
      .filter((h) => h.timings.returns >= 2)
      .sort((a, b) => b.timings.returns - a.timings.returns),
  };
}

// ───────────────────────────── writing ─────────────────────────────

export async function createHandoff(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string,
  body: CreateHandoffBody,
): Promise<Handoff> {
  const now = ctx.now();
  const at = now.toISOString();
  const id = newId();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row: initiative, facts } = await loadReadable(trx, actor, initiativeId);
    if (!canEdit(actor, facts))
      throw forbidden('Only owners, deputies and contributors of this initiative start handoffs');
    if (initiative.status !== 'active')
      throw conflict(
        `The initiative is ${initiative.status}; no handoffs now`,
        'initiative_inactive',
      );
    let owningSide: 'business' | 'it' | 'both' | null = null;
    if (body.toStageId) {
      const target = await stageOf(trx, body.toStageId);
      if (!target) throw invalidField('toStageId', 'is not a known stage', 'unknown_stage');
      if (target.id === initiative.stage_id)
        throw invalidField('toStageId', 'is already the current stage', 'same_stage');
      owningSide = target.owning_side;
    }
    const people: People = {
      senderId: body.senderId ?? actor.id,
      senderDeputyId: body.senderDeputyId ?? null,
      receiverId: body.receiverId,
      receiverDeputyId: body.receiverDeputyId ?? null,
    };
    const receiverSide = await validatePeople(trx, initiativeId, owningSide, people);
    dueDateOrThrow(body.dueDate, now);
    const demanded = await demandedChecklist(trx, body.toStageId ?? null, initiative.risk_class);
    const checklist = mergeChecklist(demanded, checkedIds(demanded, body.checked ?? []));
    const row: HandoffsTable = {
      id,
      initiative_id: initiativeId,
      title: body.title,
      note: body.note ?? '',
      from_stage_id: initiative.stage_id,
      to_stage_id: body.toStageId ?? null,
      sender_id: people.senderId,
      sender_deputy_id: people.senderDeputyId,
      receiver_id: people.receiverId,
      receiver_deputy_id: people.receiverDeputyId,
      receiver_side: receiverSide,
      due_date: body.dueDate,
      deliverables: JSON.stringify(deliverablesOf(body.deliverables ?? [])),
      checklist: JSON.stringify(checklist),
      state: 'draft',
      round: 0,
      return_count: 0,
      submitted_at: null,
      closed_at: null,
      version: 1,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('handoffs').values(row).execute();
    await audit(trx, actor, row, 'handoff.created', now, { after: auditView(row) });
  });
  return getHandoff(ctx, actor, id);
}

export async function updateHandoff(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: UpdateHandoffBody,
): Promise<Handoff> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, access, party } = await loadHandoff(trx, actor, id);
    authorise(row, party, 'edit', body.version);
    const target = row.to_stage_id ? await stageOf(trx, row.to_stage_id) : undefined;
    const people: People = {
      senderId: row.sender_id,
      senderDeputyId:
        body.senderDeputyId !== undefined ? body.senderDeputyId : row.sender_deputy_id,
      receiverId: body.receiverId ?? row.receiver_id,
      receiverDeputyId:
        body.receiverDeputyId !== undefined ? body.receiverDeputyId : row.receiver_deputy_id,
    };
    const receiverSide = await validatePeople(
      trx,
      row.initiative_id,
      target?.owning_side ?? null,
      people,
    );
    if (body.dueDate !== undefined && body.dueDate !== row.due_date)
      dueDateOrThrow(body.dueDate, now);
    const demanded = await demandedChecklist(trx, row.to_stage_id, access.row.risk_class);
    const checked =
      body.checked !== undefined
        ? checkedIds(demanded, body.checked)
        : new Set(
            parseChecklist(row)
              .filter((c) => c.checked)
              .map((c) => c.id),
          );
    const next: HandoffsTable = {
      ...row,
      title: body.title ?? row.title,
      note: body.note ?? row.note,
      sender_deputy_id: people.senderDeputyId,
      receiver_id: people.receiverId,
      receiver_deputy_id: people.receiverDeputyId,
      receiver_side: receiverSide,
      due_date: body.dueDate ?? row.due_date,
      deliverables:
        body.deliverables !== undefined
          ? JSON.stringify(deliverablesOf(body.deliverables, parseDeliverables(row)))
          : row.deliverables,
      checklist: JSON.stringify(mergeChecklist(demanded, checked)),
    };
    const { id: _id, version: _v, updated_at: _u, ...set } = next;
    await writeHandoff(trx, row, set, now.toISOString());
    await audit(trx, actor, row, 'handoff.updated', now, {
      before: auditView(row),
      after: auditView(next),
    });
  });
  return getHandoff(ctx, actor, id);
}

export async function submitHandoff(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
): Promise<Handoff> {
  const now = ctx.now();
  const at = now.toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, access, party } = await loadHandoff(trx, actor, id);
    // What the target stage demands today: items added since the draft must be checked too.
    const demanded = await demandedChecklist(trx, row.to_stage_id, access.row.risk_class);
    const checklist = mergeChecklist(
      demanded,
      new Set(
        parseChecklist(row)
          .filter((c) => c.checked)
          .map((c) => c.id),
      ),
    );
    const unchecked = checklist.filter((c) => !c.checked);
    const next = authorise(row, party, 'submit', version, {
      deliverables: parseDeliverables(row).length,
      uncheckedMandatory: unchecked.length,
    });
    if (row.to_stage_id && access.row.stage_id !== row.from_stage_id)
      throw conflict(
        'The initiative has changed stage since this handoff was started; withdraw it and start a new one',
        'stage_moved',
      );
    const round = row.round + 1;
    await writeHandoff(
      trx,
      row,
      {
        state: next,
        round,
        submitted_at: row.submitted_at ?? at,
        checklist: JSON.stringify(checklist),
      },
      at,
    );
    await event(trx, row, actor, 'submitted', round, at);
    await audit(trx, actor, row, round > 1 ? 'handoff.resubmitted' : 'handoff.submitted', now, {
      before: { state: row.state },
      after: { state: next, round },
    });
  });
  return getHandoff(ctx, actor, id);
}

async function openQuestionCount(db: DbOrTrx, handoffId: string): Promise<number> {
  const r = await db
    .selectFrom('handoff_questions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('handoff_id', '=', handoffId)
    .where('answered_at', 'is', null)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Accepting a stage handoff moves the initiative into the target stage. */
export async function acceptHandoff(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
): Promise<Handoff> {
  const now = ctx.now();
  const at = now.toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, access, party } = await loadHandoff(trx, actor, id);
    const next = authorise(row, party, 'accept', version, {
      openQuestions: await openQuestionCount(trx, id),
    });
    const initiative = access.row;
    if (row.to_stage_id && initiative.stage_id !== row.from_stage_id)
      throw conflict(
        'The initiative has changed stage since this handoff was submitted; it cannot move it any more',
        'stage_moved',
      );
    await writeHandoff(trx, row, { state: next, closed_at: at }, at);
    await event(trx, row, actor, 'accepted', row.round, at);
    await audit(trx, actor, row, 'handoff.accepted', now, {
      before: { state: row.state },
      after: { state: next, round: row.round },
    });
    if (!row.to_stage_id) return;
    const target = await stageOf(trx, row.to_stage_id);
    if (!target) throw new Error('target stage vanished');
    const checklist = parseChecklist(row);
    await changeStage(trx, {
      initiativeId: initiative.id,
      from: {
        id: row.from_stage_id,
        nameEn: initiative.stage_name_en,
        nameDe: initiative.stage_name_de,
      },
      to: { id: target.id, nameEn: target.name_en, nameDe: target.name_de },
      actorId: actor.id,
      confirmed: checklist.filter((c) => c.checked).map((c) => c.id),
      checklist: checklist.map(({ id: itemId, labelEn, labelDe }) => ({
        id: itemId,
        labelEn,
        labelDe,
      })),
      note: `Handoff accepted: ${row.title}`,
      trail: { handoff: { id: row.id, title: row.title }, note: null },
      conflict: () => conflict('The initiative changed stage meanwhile.', 'stage_moved'),
      at: now,
    });
  });
  return getHandoff(ctx, actor, id);
}

/** Back to the sender, with the reason and the checklist items that failed (unchecked again). */
export async function returnHandoff(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { version: number; reason: string; failedItems?: string[] | undefined },
): Promise<Handoff> {
  const now = ctx.now();
  const at = now.toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, party } = await loadHandoff(trx, actor, id);
    const next = authorise(row, party, 'return', body.version, { reason: body.reason });
    const checklist = parseChecklist(row);
    const failed = [...checkedIds(checklist, body.failedItems ?? [], '/body/failedItems')];
    await writeHandoff(
      trx,
      row,
      {
        state: next,
        return_count: row.return_count + 1,
        checklist: JSON.stringify(
          checklist.map((c) => (failed.includes(c.id) ? { ...c, checked: false } : c)),
        ),
      },
      at,
    );
    await event(trx, row, actor, 'returned', row.round, at, body.reason, failed);
    await audit(trx, actor, row, 'handoff.returned', now, {
      before: { state: row.state },
      after: { state: next, reason: body.reason, failedItems: failed },
    });
  });
  return getHandoff(ctx, actor, id);
}

export async function withdrawHandoff(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { version: number; reason?: string | undefined },
): Promise<Handoff> {
  const now = ctx.now();
  const at = now.toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, party } = await loadHandoff(trx, actor, id);
    const next = authorise(row, party, 'withdraw', body.version);
    await writeHandoff(trx, row, { state: next, closed_at: at }, at);
    await event(trx, row, actor, 'withdrawn', row.round, at, body.reason || null);
    await audit(trx, actor, row, 'handoff.withdrawn', now, {
      before: { state: row.state },
      after: { state: next, reason: body.reason || null },
    });
  });
  return getHandoff(ctx, actor, id);
}

// ───────────────────────────── questions ─────────────────────────────

export async function askQuestion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { version: number; text: string },
): Promise<Handoff> {
  const now = ctx.now();
  const at = now.toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, party } = await loadHandoff(trx, actor, id);
    authorise(row, party, 'ask', body.version);
    const role = roleIn(
      {
        senderId: row.sender_id,
        senderDeputyId: row.sender_deputy_id,
        receiverId: row.receiver_id,
        receiverDeputyId: row.receiver_deputy_id,
      },
      party,
    );
    const asker = role === 'sender' || role === 'sender_deputy' ? 'sender' : 'receiver';
    const questionId = newId();
    await trx
      .insertInto('handoff_questions')
      .values({
        id: questionId,
        handoff_id: id,
        asked_by: actor.id,
        asked_by_party: asker,
        text: body.text,
        asked_at: at,
        answer: null,
        answered_by: null,
        answered_at: null,
        withdrawn_at: null,
      })
      .execute();
    await writeHandoff(trx, row, {}, at);
    await audit(trx, actor, row, 'handoff.question_asked', now, {
      after: { questionId, text: body.text },
    });
  });
  return getHandoff(ctx, actor, id);
}

async function closeQuestion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  questionId: string,
  body: { version: number; text?: string },
  action: 'answer' | 'withdraw_question',
): Promise<Handoff> {
  const now = ctx.now();
  const at = now.toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, party } = await loadHandoff(trx, actor, id);
    const q = await trx
      .selectFrom('handoff_questions')
      .selectAll()
      .where('id', '=', questionId)
      .where('handoff_id', '=', id)
      .executeTakeFirst();
    if (!q) throw notFound('Question');
    authorise(row, party, action, body.version, {
      question: {
        askedBy: q.asked_by_party,
        open: q.answered_at === null && q.withdrawn_at === null,
      },
    });
    await trx
      .updateTable('handoff_questions')
      .set(
        action === 'answer'
          ? { answer: body.text ?? '', answered_by: actor.id, answered_at: at }
          : { withdrawn_at: at },
      )
      .where('id', '=', questionId)
      .execute();
    await writeHandoff(trx, row, {}, at);
    await audit(
      trx,
      actor,
      row,
      action === 'answer' ? 'handoff.question_answered' : 'handoff.question_withdrawn',
      now,
      { after: { questionId, question: q.text, answer: body.text ?? null } },
    );
  });
  return getHandoff(ctx, actor, id);
}

export const answerQuestion = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  questionId: string,
  body: { version: number; text: string },
) => closeQuestion(ctx, actor, id, questionId, body, 'answer');

export const withdrawQuestion = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  questionId: string,
  body: { version: number },
) => closeQuestion(ctx, actor, id, questionId, body, 'withdraw_question');
