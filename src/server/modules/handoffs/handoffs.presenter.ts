import type {
  Deliverable,
  Handoff,
  HandoffChecklistItem,
  HandoffSummary,
} from '../../../contracts/handoffs.js';
import type { PersonRef } from '../../../contracts/common.js';
import type { StageRef } from '../../../contracts/initiatives.js';
import { availableActions, decide, handoffTimings, roleIn } from '../../../domain/handoffs.js';
import type { Actor } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import type { HandoffsTable } from '../../db/schema.js';

/** The calendar day due dates are compared with. UTC: the same answer on every server. */
export const todayOf = (now: Date): string => now.toISOString().slice(0, 10);

export const parseChecklist = (h: HandoffsTable): HandoffChecklistItem[] =>
  JSON.parse(h.checklist) as HandoffChecklistItem[];
/** Ids of the checklist items checked so far. */
export const checkedOf = (h: HandoffsTable): string[] =>
  parseChecklist(h)
    .filter((c) => c.checked)
    .map((c) => c.id);
export const parseDeliverables = (h: HandoffsTable): Deliverable[] =>
  JSON.parse(h.deliverables) as Deliverable[];

const idsOf = (rows: HandoffsTable[]) => [...rows.map((r) => r.id), ''];

/** Handoffs, their events, questions, stages, people and initiatives, presented for one actor. */
export async function presentHandoffs(
  db: DbOrTrx,
  actor: Actor,
  rows: HandoffsTable[],
  now: Date,
): Promise<Handoff[]> {
  if (rows.length === 0) return [];
  const [events, questions, stages, initiatives, memberships] = await Promise.all([
    db
      .selectFrom('handoff_events')
      .selectAll()
      .where('handoff_id', 'in', idsOf(rows))
      .orderBy('occurred_at')
      .orderBy('round')
      .execute(),
    db
      .selectFrom('handoff_questions')
      .selectAll()
      .where('handoff_id', 'in', idsOf(rows))
      .orderBy('asked_at')
      .execute(),
    db.selectFrom('stages').select(['id', 'key', 'name_en', 'name_de', 'position']).execute(),
    db
      .selectFrom('initiatives')
      .select(['id', 'title', 'department'])
      .where('id', 'in', [...rows.map((r) => r.initiative_id), ''])
      .execute(),
    db
      .selectFrom('initiative_members')
      .select(['initiative_id', 'role'])
      .where('user_id', '=', actor.id)
      .where('initiative_id', 'in', [...rows.map((r) => r.initiative_id), ''])
      .execute(),
  ]);
  const myRole = new Map(memberships.map((m) => [m.initiative_id, m.role]));
  const personIds = new Set<string>();
  for (const r of rows)
    for (const id of [r.sender_id, r.sender_deputy_id, r.receiver_id, r.receiver_deputy_id])
      if (id) personIds.add(id);
  for (const e of events) if (e.actor_id) personIds.add(e.actor_id);
  for (const q of questions)
    for (const id of [q.asked_by, q.answered_by]) if (id) personIds.add(id);
  const people = new Map(
    (
      await db
        .selectFrom('users')
        .select(['id', 'name', 'side', 'department'])
        .where('id', 'in', [...personIds, ''])
        .execute()
    ).map((p) => [p.id, p]),
  );
  const person = (id: string | null): PersonRef | null => {
    const p = id ? people.get(id) : undefined;
    return p ? { id: p.id, name: p.name, side: p.side, department: p.department } : null;
  };
  const required = (id: string): PersonRef =>
    person(id) ?? { id, name: '?', side: 'business', department: null };
  const stageById = new Map(
    stages.map((s): [string, StageRef] => [
      s.id,
      { id: s.id, key: s.key, nameEn: s.name_en, nameDe: s.name_de, position: s.position },
    ]),
  );
  const stage = (id: string): StageRef =>
    stageById.get(id) ?? { id, key: '', nameEn: '?', nameDe: '?', position: 0 };
  const initiativeById = new Map(initiatives.map((i) => [i.id, i]));
  const today = todayOf(now);

  return rows.map((h): Handoff => {
    const myEvents = events.filter((e) => e.handoff_id === h.id);
    const myQuestions = questions.filter((q) => q.handoff_id === h.id);
    const role = roleIn(
      {
        senderId: h.sender_id,
        senderDeputyId: h.sender_deputy_id,
        receiverId: h.receiver_id,
        receiverDeputyId: h.receiver_deputy_id,
      },
      { id: actor.id, role: actor.role, memberRole: myRole.get(h.initiative_id) },
    );
    const checklist = parseChecklist(h);
    const deliverables = parseDeliverables(h);
    const open = myQuestions.filter((q) => q.answered_at === null && q.withdrawn_at === null);
    const timings = handoffTimings(
      { state: h.state, dueDate: h.due_date },
      myEvents.map((e) => ({ type: e.type, at: e.occurred_at })),
      myQuestions.map((q) => ({
        askedBy: q.asked_by_party,
        askedAt: q.asked_at,
        closedAt: q.answered_at ?? q.withdrawn_at,
        answeredAt: q.answered_at,
      })),
      now,
      today,
    );
    const initiative = initiativeById.get(h.initiative_id);
    // Viewers read but never act.
    const canAct = actor.role !== 'viewer';
    const questionFacts = (q: (typeof myQuestions)[number]) => ({
      question: {
        askedBy: q.asked_by_party,
        open: q.answered_at === null && q.withdrawn_at === null,
      },
    });
    return {
      id: h.id,
      initiative: {
        id: h.initiative_id,
        title: initiative?.title ?? '',
        department: initiative?.department ?? '',
      },
      title: h.title,
      state: h.state,
      round: h.round,
      fromStage: stage(h.from_stage_id),
      toStage: h.to_stage_id ? stage(h.to_stage_id) : null,
      sender: required(h.sender_id),
      senderDeputy: person(h.sender_deputy_id),
      receiver: required(h.receiver_id),
      receiverDeputy: person(h.receiver_deputy_id),
      receiverSide: h.receiver_side,
      dueDate: h.due_date,
      timings,
      myRole: role,
      createdAt: h.created_at,
      updatedAt: h.updated_at,
      note: h.note,
      deliverables,
      checklist,
      events: myEvents.map((e) => ({
        id: e.id,
        type: e.type,
        round: e.round,
        actor: person(e.actor_id),
        reason: e.reason,
        failedItems: JSON.parse(e.failed_items) as string[],
        at: e.occurred_at,
      })),
      questions: myQuestions.map((q) => ({
        id: q.id,
        askedBy: person(q.asked_by),
        askedByParty: q.asked_by_party,
        text: q.text,
        askedAt: q.asked_at,
        state: q.answered_at ? 'answered' : q.withdrawn_at ? 'withdrawn' : 'open',
        answer: q.answer,
        answeredBy: person(q.answered_by),
        answeredAt: q.answered_at,
        withdrawnAt: q.withdrawn_at,
        canAnswer: canAct && decide(h.state, 'answer', role, questionFacts(q)).ok,
        canWithdraw: canAct && decide(h.state, 'withdraw_question', role, questionFacts(q)).ok,
      })),
      version: h.version,
      ...(canAct
        ? (({ actions, blocked }) => ({ actions, blockedActions: blocked }))(
            availableActions(h.state, role, {
              deliverables: deliverables.length,
              uncheckedMandatory: checklist.filter((c) => !c.checked).length,
              openQuestions: open.length,
            }),
          )
        : { actions: [], blockedActions: [] }),
    };
  });
}

/** The list form: everything but the long parts. */
export const summarise = ({
  note: _n,
  deliverables: _d,
  checklist: _c,
  events: _e,
  questions: _q,
  version: _v,
  actions: _a,
  blockedActions: _b,
  ...summary
}: Handoff): HandoffSummary => summary;
