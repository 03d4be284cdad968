/** The handoffs' part of the fact sheets: their queries and their facts per initiative. */
import type { HandoffHealthFacts } from '../../../domain/health.js';
import type { DbOrTrx } from '../../db/connect.js';
import { group, num, type RowsOf } from './facts-common.repository.js';

/** The handoffs' queries (not yet run), for `ids`. */
export function handoffQueries(db: DbOrTrx, ids: readonly string[]) {
  return {
    handoffs: db
      .selectFrom('handoffs as h')
      .innerJoin('stages as fs', 'fs.id', 'h.from_stage_id')
      .leftJoin('stages as ts', 'ts.id', 'h.to_stage_id')
      .innerJoin('users as sender', 'sender.id', 'h.sender_id')
      .select([
        'h.id',
        'h.initiative_id',
        'h.title',
        'h.state',
        'h.receiver_side',
        'h.due_date',
        'h.return_count',
        'h.closed_at',
        'fs.name_de as from_de',
        'fs.name_en as from_en',
        'ts.name_de as to_de',
        'ts.name_en as to_en',
        'sender.side as sender_side',
      ])
      .where('h.initiative_id', 'in', ids)
      .where('h.state', 'not in', ['draft', 'withdrawn'])
      .orderBy('h.created_at'),
    questions: db
      .selectFrom('handoff_questions as q')
      .innerJoin('handoffs as h', 'h.id', 'q.handoff_id')
      .select(['q.id', 'q.handoff_id', 'q.asked_at', 'q.asked_by_party'])
      .where('h.initiative_id', 'in', ids)
      .where('q.answered_at', 'is', null)
      .where('q.withdrawn_at', 'is', null),
  };
}

type HandoffQueries = ReturnType<typeof handoffQueries>;

/** The handoffs' facts per initiative, from the rows of handoffQueries. */
export function handoffFacts(rows: {
  [K in keyof HandoffQueries]: RowsOf<HandoffQueries[K]>;
}): (initiativeId: string) => HandoffHealthFacts[] {
  const handoffsBy = group(rows.handoffs, (h) => h.initiative_id);
  const questionsBy = group(rows.questions, (q) => q.handoff_id);
  return (initiativeId) =>
    (handoffsBy.get(initiativeId) ?? []).map((h) => ({
      id: h.id,
      title: h.title,
      fromStage: { de: h.from_de, en: h.from_en },
      toStage: h.to_de === null || h.to_en === null ? null : { de: h.to_de, en: h.to_en },
      state: h.state,
      senderSide: h.sender_side,
      receiverSide: h.receiver_side,
      dueDate: h.due_date,
      returns: num(h.return_count),
      closedAt: h.closed_at,
      openQuestions: (questionsBy.get(h.id) ?? []).map((q) => ({
        id: q.id,
        askedAt: q.asked_at,
        askedBy: q.asked_by_party,
      })),
    }));
}
