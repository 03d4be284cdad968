/** Feedback on a held demo, and the action items made from it. */
import type {
  ActionBody,
  AddFeedbackBody,
  HeldDemo,
  UpdateActionBody,
} from '../../../contracts/demos.js';
import { canEdit } from '../../../domain/access.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import {
  conflict,
  type FieldError,
  forbidden,
  invalidField,
  invalidFields,
  notFound,
} from '../../http/problems.js';
import { entity, record } from '../audit/audit.service.js';
import { findPeople } from '../people/people.service.js';
import { loadReadable } from '../initiatives/visibility.service.js';
import { getOccurrence, loadOccurrence } from './occurrences.service.js';
import { assertMembers, insertFeedback, teamOf } from './demos.repository.js';

export async function addFeedback(
  ctx: AppContext,
  actor: Actor,
  occurrenceId: string,
  body: AddFeedbackBody,
): Promise<HeldDemo> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, access } = await loadOccurrence(trx, actor, occurrenceId);
    if (!canEdit(actor, access.facts))
      throw forbidden(
        'Only owners, deputies and contributors of this initiative give feedback here',
      );
    if (row.state !== 'held')
      throw conflict('Feedback belongs to a held demo; record the demo first', 'not_held');
    let author = { id: actor.id, side: actor.side };
    if (body.authorId) {
      const [p] = await findPeople(trx, [body.authorId]);
      if (!p) throw invalidField('authorId', 'is not a known person', 'unknown_person');
      // Feedback in someone else's name only for people who were there or are on the team.
      const attended = await trx
        .selectFrom('demo_attendees')
        .select('user_id')
        .where('occurrence_id', '=', occurrenceId)
        .where('user_id', '=', p.id)
        .executeTakeFirst();
      if (!attended && !(await teamOf(trx, row.initiative_id)).has(p.id)) {
        throw invalidField(
          'authorId',
          'must be an attendee of this demo or a member of the initiative',
          'not_attendee',
        );
      }
      author = { id: p.id, side: p.side };
    }
    const id = await insertFeedback(trx, row.initiative_id, occurrenceId, {
      kind: body.kind,
      text: body.text,
      authorId: author.id,
      side: author.side,
      at: now.toISOString(),
    });
    await record(
      trx,
      actor.id,
      now,
      entity('demo_feedback', id, row.initiative_id),
      'demo_feedback.created',
      { after: { kind: body.kind, text: body.text, authorId: author.id } },
    );
  });
  return getOccurrence(ctx, actor, occurrenceId);
}

async function loadFeedback(db: DbOrTrx, actor: Actor, id: string) {
  const row = await db
    .selectFrom('demo_feedback')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Feedback');
  const access = await loadReadable(db, actor, row.initiative_id, 'Feedback');
  if (!canEdit(actor, access.facts))
    throw forbidden(
      'Only owners, deputies and contributors of this initiative manage action items',
    );
  return row;
}

/** Turns a feedback item into an action item with an owner and a due date. */
export async function makeAction(
  ctx: AppContext,
  actor: Actor,
  feedbackId: string,
  body: ActionBody,
): Promise<HeldDemo> {
  const now = ctx.now();
  const row = await ctx.db.kysely.transaction().execute(async (trx) => {
    const f = await loadFeedback(trx, actor, feedbackId);
    if (f.action_status !== null)
      throw conflict('This feedback is an action item already', 'already_action');
    const errors: FieldError[] = [];
    await assertMembers(trx, f.initiative_id, [['/body/ownerId', body.ownerId]], errors);
    if (errors.length) throw invalidFields(errors);
    const status = body.status ?? 'open';
    await trx
      .updateTable('demo_feedback')
      .set({
        action_owner_id: body.ownerId,
        action_due_date: body.dueDate,
        action_status: status,
        action_created_at: now.toISOString(),
        action_done_at: status === 'done' ? now.toISOString() : null,
      })
      .where('id', '=', feedbackId)
      .execute();
    await record(trx, actor.id, now, entity('demo_feedback', f), 'demo_action.created', {
      after: { ownerId: body.ownerId, dueDate: body.dueDate, status },
    });
    return f;
  });
  return getOccurrence(ctx, actor, row.occurrence_id);
}

export async function updateAction(
  ctx: AppContext,
  actor: Actor,
  feedbackId: string,
  body: UpdateActionBody,
): Promise<HeldDemo> {
  const now = ctx.now();
  const row = await ctx.db.kysely.transaction().execute(async (trx) => {
    const f = await loadFeedback(trx, actor, feedbackId);
    if (f.action_status === null)
      throw conflict('Make this feedback an action item first', 'not_action');
    const errors: FieldError[] = [];
    if (body.ownerId)
      await assertMembers(trx, f.initiative_id, [['/body/ownerId', body.ownerId]], errors);
    if (errors.length) throw invalidFields(errors);
    const status = body.status ?? f.action_status;
    const next = {
      action_owner_id: body.ownerId ?? f.action_owner_id,
      action_due_date: body.dueDate ?? f.action_due_date,
      action_status: status,
      action_done_at: status === 'done' ? (f.action_done_at ?? now.toISOString()) : null,
    };
    await trx.updateTable('demo_feedback').set(next).where('id', '=', feedbackId).execute();
    await record(trx, actor.id, now, entity('demo_feedback', f), 'demo_action.updated', {
      before: {
        ownerId: f.action_owner_id,
        dueDate: f.action_due_date,
        status: f.action_status,
      },
      after: { ownerId: next.action_owner_id, dueDate: next.action_due_date, status },
    });
    return f;
  });
  return getOccurrence(ctx, actor, row.occurrence_id);
}
