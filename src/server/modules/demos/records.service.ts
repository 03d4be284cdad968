import type { HeldDemo, RecordDemoBody } from '../../../contracts/demos.js';
import type { Actor, AppContext } from '../../context.js';
import { AppError, conflict, type FieldError, invalidFields } from '../../http/problems.js';
import { entity, record } from '../audit/audit.service.js';
import { findPeople, personProblem } from '../people/people.service.js';
import { getOccurrence, loadEditableOccurrence } from './occurrences.service.js';
import { insertFeedback, teamOf } from './demos.repository.js';
import { updateVersioned } from '../../db/versioned.js';
import { localDay } from '../../../domain/periods.js';
import { today } from './demos.presenter.js';

/** Records a held demo: presenter, attendance by side, votes, what was shown, feedback. */
export async function recordDemo(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: RecordDemoBody,
): Promise<HeldDemo> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, timeZone } = await loadEditableOccurrence(trx, actor, id, body.version);
    if (row.state === 'held') throw conflict('This demo has been recorded already', 'already_held');
    if (row.state !== 'planned')
      throw conflict(`This demo was ${row.state}; it cannot be recorded as held`, 'not_planned');
    // A demo of today is recorded in one step, also when it began earlier than planned.
    if (localDay(Date.parse(row.starts_at), timeZone) > today(now, timeZone))
      throw new AppError(
        422,
        'future_occurrence',
        'This demo is on a later day; record it on the day it takes place',
      );
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    body.attendees.forEach((a, i) => {
      if (seen.has(a.userId))
        errors.push({
          pointer: `/body/attendees/${i}/userId`,
          message: 'is listed twice',
          code: 'duplicate',
        });
      seen.add(a.userId);
    });
    const feedback = body.feedback ?? [];
    const ids = [
      body.presenterId,
      ...body.attendees.map((a) => a.userId),
      ...feedback.map((f) => f.authorId),
    ];
    const people = await findPeople(trx, [...new Set(ids.filter((x): x is string => !!x))]);
    const byId = new Map(people.map((p) => [p.id, p]));
    const known = (pointer: string, userId: string | undefined) => {
      if (userId && !byId.has(userId)) errors.push(personProblem.unknown(pointer));
    };
    known('/body/presenterId', body.presenterId);
    body.attendees.forEach((a, i) => known(`/body/attendees/${i}/userId`, a.userId));
    feedback.forEach((f, i) => known(`/body/feedback/${i}/authorId`, f.authorId));
    // Guests may attend and vote; the presenter is on the team, and feedback is given by
    // someone who was there (an attendee) or by a team member.
    const team = await teamOf(trx, row.initiative_id);
    if (body.presenterId && byId.has(body.presenterId) && !team.has(body.presenterId)) {
      errors.push({
        pointer: '/body/presenterId',
        message: 'must be a member of this initiative',
        code: 'not_member',
      });
    }
    const attendeeIds = new Set(body.attendees.map((a) => a.userId));
    feedback.forEach((f, i) => {
      if (
        f.authorId &&
        byId.has(f.authorId) &&
        !attendeeIds.has(f.authorId) &&
        !team.has(f.authorId)
      ) {
        errors.push({
          pointer: `/body/feedback/${i}/authorId`,
          message: 'must be an attendee of this demo or a member of the initiative',
          code: 'not_attendee',
        });
      }
    });
    const goalIds = [...new Set(body.goalIds ?? [])];
    if (goalIds.length) {
      const goals = new Set(
        (
          await trx
            .selectFrom('goals')
            .select('id')
            .where('initiative_id', '=', row.initiative_id)
            .where('id', 'in', goalIds)
            .execute()
        ).map((g) => g.id),
      );
      goalIds.forEach((g, i) => {
        if (!goals.has(g))
          errors.push({
            pointer: `/body/goalIds/${i}`,
            message: 'is not a goal of this initiative',
            code: 'foreign_goal',
          });
      });
    }
    if (errors.length) throw invalidFields(errors);
    const at = now.toISOString();
    await updateVersioned(
      trx.updateTable('demo_occurrences').set({
        state: 'held',
        presenter_id: body.presenterId,
        notes: body.notes ?? '',
        links: JSON.stringify(
          (body.links ?? []).map((l) => ({ url: l.url, title: l.title ?? '' })),
        ),
        goal_ids: JSON.stringify(goalIds),
        recorded_by: actor.id,
        recorded_at: at,
        version: row.version + 1,
        updated_at: at,
      }),
      { id: id, version: body.version },
      'demo',
    );
    await trx
      .insertInto('demo_attendees')
      .values(
        body.attendees.map((a) => ({
          occurrence_id: id,
          user_id: a.userId,
          side: byId.get(a.userId)?.side ?? 'business',
          confidence: a.confidence ?? null,
        })),
      )
      .execute();
    for (const f of feedback) {
      const author = f.authorId ? byId.get(f.authorId) : undefined;
      await insertFeedback(trx, row.initiative_id, id, {
        kind: f.kind,
        text: f.text,
        authorId: author?.id ?? actor.id,
        side: author?.side ?? actor.side,
        at,
      });
    }
    await record(trx, actor.id, now, entity('demo', row), 'demo.held', {
      after: {
        presenterId: body.presenterId,
        // Who attended, not who voted what: votes stay out of the trail (works councils).
        attendees: body.attendees.map((a) => ({ userId: a.userId })),
        votes: body.attendees.filter((a) => a.confidence != null).length,
        goalIds,
        feedback: feedback.length,
      },
    });
  });
  return getOccurrence(ctx, actor, id);
}
