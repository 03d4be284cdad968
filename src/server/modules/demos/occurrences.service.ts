/** One demo occurrence: read it; move, skip or cancel it with a reason. */
import type { OccurrenceChange } from '../../../contracts/audit.js';
import type { HeldDemo } from '../../../contracts/demos.js';
import { canEdit } from '../../../domain/access.js';
import { confidenceSummary, localToUtc } from '../../../domain/cadence.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import type { DemoOccurrencesTable } from '../../db/schema.js';
import { updateVersioned } from '../../db/versioned.js';
import {
  conflict,
  forbidden,
  invalidField,
  notFound,
  versionConflict,
} from '../../http/problems.js';
import { entity, record } from '../audit/audit.service.js';
import { loadReadable } from '../initiatives/visibility.service.js';
import { feedbackOf, parseJson, presentOccurrence, ref, today } from './demos.presenter.js';
import { personRefs } from '../people/people.service.js';
import { worksCouncilMode } from '../privacy/settings.service.js';
import { MIN_VOTES_FOR_AVERAGE } from '../../../domain/privacy.js';

export async function loadOccurrence(db: DbOrTrx, actor: Actor, id: string) {
  const row = await db
    .selectFrom('demo_occurrences as o')
    .innerJoin('demo_cadences as c', 'c.id', 'o.cadence_id')
    .selectAll('o')
    .select('c.time_zone')
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Demo');
  const access = await loadReadable(db, actor, row.initiative_id, 'Demo');
  const { time_zone: timeZone, ...occurrence } = row;
  return { row: occurrence, timeZone, access };
}

export async function loadEditableOccurrence(
  db: DbOrTrx,
  actor: Actor,
  id: string,
  version: number,
) {
  const loaded = await loadOccurrence(db, actor, id);
  if (!canEdit(actor, loaded.access.facts))
    throw forbidden('Only owners, deputies and contributors of this initiative run its demos');
  if (version !== loaded.row.version) throw versionConflict('demo');
  return loaded;
}

export async function getOccurrence(ctx: AppContext, actor: Actor, id: string): Promise<HeldDemo> {
  const db = ctx.db.kysely;
  const { row, timeZone } = await loadOccurrence(db, actor, id);
  const attendees = await db
    .selectFrom('demo_attendees')
    .selectAll()
    .where('occurrence_id', '=', id)
    .execute();
  const goalIds = parseJson<string[]>(row.goal_ids);
  const goals = goalIds.length
    ? await db
        .selectFrom('goals')
        .select(['id', 'statement', 'status'])
        .where('id', 'in', goalIds)
        .execute()
    : [];
  const anonymous = await worksCouncilMode(db);
  const people = await personRefs(db, [
    row.presenter_id,
    row.recorded_by,
    ...attendees.map((a) => a.user_id),
  ]);
  const day = today(ctx.now(), timeZone);
  const sideOrder = (s: string) => (s === 'business' ? 0 : 1);
  return {
    ...presentOccurrence(row, timeZone),
    presenter: ref(people, row.presenter_id),
    attendees: attendees
      .map((a) => ({
        person: ref(people, a.user_id) ?? {
          id: a.user_id,
          name: '?',
          side: a.side,
          department: null,
        },
        side: a.side,
        confidence: anonymous ? null : a.confidence,
      }))
      .sort(
        (a, b) =>
          sideOrder(a.side) - sideOrder(b.side) || a.person.name.localeCompare(b.person.name),
      ),
    confidence: confidenceSummary(
      attendees
        .filter((a) => a.confidence !== null)
        .map((a) => ({ side: a.side, confidence: a.confidence ?? 0 })),
      anonymous ? MIN_VOTES_FOR_AVERAGE : 1,
    ),
    notes: row.notes,
    links: parseJson<{ url: string; title: string }[]>(row.links),
    goals: goalIds.flatMap((g) => goals.filter((x) => x.id === g)),
    feedback: await feedbackOf(db, { occurrenceId: id }, day),
    openActions: await feedbackOf(db, { initiativeId: row.initiative_id, openActions: true }, day),
    recordedBy: ref(people, row.recorded_by),
    recordedAt: row.recorded_at,
  };
}

async function changeState(
  ctx: AppContext,
  actor: Actor,
  id: string,
  version: number,
  change: OccurrenceChange,
  reason: string,
  moveTo?: { date: string; time: string },
): Promise<HeldDemo> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row, timeZone } = await loadEditableOccurrence(trx, actor, id, version);
    if (row.state !== 'planned')
      throw conflict(
        `This demo is ${row.state}; only a planned demo can be ${change}`,
        'not_planned',
      );
    const next: Partial<DemoOccurrencesTable> = {
      reason,
      sequence: row.sequence + 1,
      version: row.version + 1,
      updated_at: now.toISOString(),
    };
    if (moveTo) {
      const start = localToUtc(moveTo.date, moveTo.time, timeZone);
      if (start === undefined)
        throw invalidField(
          'time',
          `${moveTo.time} does not exist on ${moveTo.date} in ${timeZone} (the clocks jump forward)`,
          'time_in_dst_gap',
        );
      if (start <= now.getTime())
        throw invalidField('date', 'a demo can only be moved to a time in the future', 'in_past');
      next.starts_at = new Date(start).toISOString();
      next.ends_at = new Date(
        start + (Date.parse(row.ends_at) - Date.parse(row.starts_at)),
      ).toISOString();
      next.moved = 1;
    } else {
      next.state = change === 'skipped' ? 'skipped' : 'cancelled';
    }
    await updateVersioned(trx.updateTable('demo_occurrences').set(next), row, 'demo');
    await record(trx, actor.id, now, entity('demo', row), `demo.${change}`, {
      before: { state: row.state, startsAt: row.starts_at },
      after: {
        state: next.state ?? row.state,
        startsAt: next.starts_at ?? row.starts_at,
        reason,
      },
    });
  });
  return getOccurrence(ctx, actor, id);
}

export const moveOccurrence = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { version: number; date: string; time: string; reason: string },
) => changeState(ctx, actor, id, body.version, 'moved', body.reason, body);
export const skipOccurrence = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { version: number; reason: string },
) => changeState(ctx, actor, id, body.version, 'skipped', body.reason);
export const cancelOccurrence = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { version: number; reason: string },
) => changeState(ctx, actor, id, body.version, 'cancelled', body.reason);
