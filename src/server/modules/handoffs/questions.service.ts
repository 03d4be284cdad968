/** Clarification questions between the sides while a handoff is open. */
import type { Handoff } from '../../../contracts/handoffs.js';
import { roleIn } from '../../../domain/handoffs.js';
import type { Actor, AppContext } from '../../context.js';
import { newId } from '../../db/ids.js';
import { notFound } from '../../http/problems.js';
import { loadHandoff, writeHandoff } from './handoffs.repository.js';
import { audit, authorise } from './handoffs.rules.js';
import { changeHandoff, getHandoff } from './handoffs.service.js';

export const askQuestion = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { version: number; text: string },
): Promise<Handoff> =>
  changeHandoff(ctx, actor, id, async (trx, { row, party }, now) => {
    const at = now.toISOString();
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
