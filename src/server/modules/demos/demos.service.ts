import type {
  ActionBody,
  AddFeedbackBody,
  Cadence,
  DemoOverview,
  FeedbackItem,
  HeldDemo,
  Occurrence,
  RecordDemoBody,
  SetCadenceBody,
  UpdateActionBody,
} from '../../../contracts/demos.js';
import type { PersonRef } from '../../../contracts/common.js';
import { canEdit } from '../../../domain/access.js';
import {
  ADHERENCE_WINDOW_DAYS,
  adherence,
  addDays,
  CadenceError,
  type CadenceRule,
  confidenceSummary,
  HORIZON_DAYS,
  localToUtc,
  occurrences,
  validateRule,
} from '../../../domain/cadence.js';
import { localDay } from '../../../domain/periods.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newId, newSortableId } from '../../db/ids.js';
import type {
  DemoCadencesTable,
  DemoFeedbackTable,
  DemoOccurrencesTable,
} from '../../db/schema.js';
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
import { loadReadable } from '../initiatives/visibility.service.js';

const timeFormatters = new Map<string, Intl.DateTimeFormat>();
/** HH:MM of an instant in a time zone. */
export function localTime(epochMs: number, timeZone: string): string {
  let f = timeFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    timeFormatters.set(timeZone, f);
  }
  return f.format(epochMs);
}

export const ruleOf = (c: DemoCadencesTable): CadenceRule => ({
  interval: c.repeat_interval,
  weekday: c.weekday,
  weekOfMonth: c.week_of_month,
  time: c.local_time,
  durationMinutes: c.duration_minutes,
  timeZone: c.time_zone,
  startsOn: c.starts_on,
});

const parseJson = <T>(s: string): T => JSON.parse(s) as T;

/**
 * Creates the occurrences of a cadence up to the horizon (12 weeks ahead). Rows that exist
 * are left alone (unique per cadence and rule day), so concurrent calls are harmless.
 * Occurrences before the cadence's last change are not created.
 */
export async function ensureOccurrences(
  db: DbOrTrx,
  cadence: DemoCadencesTable,
  now: Date,
): Promise<void> {
  const rule = ruleOf(cadence);
  const since = cadence.updated_at;
  const from = localDay(Date.parse(since), rule.timeZone);
  const to = addDays(localDay(now.getTime(), rule.timeZone), HORIZON_DAYS);
  const wanted = occurrences(rule, from, to).filter((o) => o.startsAt >= since);
  if (wanted.length === 0) return;
  const existing = new Set(
    (
      await db
        .selectFrom('demo_occurrences')
        .select('rule_date')
        .where('cadence_id', '=', cadence.id)
        .where('rule_date', '>=', wanted[0]?.date ?? from)
        .execute()
    ).map((r) => r.rule_date),
  );
  const at = now.toISOString();
  const rows: DemoOccurrencesTable[] = wanted
    .filter((o) => !existing.has(o.date))
    .map((o) => ({
      id: newId(),
      initiative_id: cadence.initiative_id,
      cadence_id: cadence.id,
      rule_date: o.date,
      starts_at: o.startsAt,
      ends_at: o.endsAt,
      state: 'planned',
      reason: null,
      moved: 0,
      sequence: 0,
      presenter_id: cadence.presenter_id,
      notes: '',
      links: '[]',
      goal_ids: '[]',
      recorded_by: null,
      recorded_at: null,
      version: 1,
      created_at: at,
      updated_at: at,
    }));
  if (rows.length === 0) return;
  await db
    .insertInto('demo_occurrences')
    .values(rows)
    .onConflict((oc) => oc.columns(['cadence_id', 'rule_date']).doNothing())
    .execute();
}

const findCadence = (db: DbOrTrx, initiativeId: string) =>
  db
    .selectFrom('demo_cadences')
    .selectAll()
    .where('initiative_id', '=', initiativeId)
    .executeTakeFirst();

type People = Map<string, PersonRef>;
async function peopleById(db: DbOrTrx, ids: (string | null | undefined)[]): Promise<People> {
  const wanted = [...new Set(ids.filter((x): x is string => typeof x === 'string'))];
  return new Map(
    (await findPeople(db, wanted)).map((p) => [
      p.id,
      { id: p.id, name: p.name, side: p.side, department: p.department },
    ]),
  );
}
const ref = (people: People, id: string | null): PersonRef | null =>
  (id ? people.get(id) : undefined) ?? null;

function presentOccurrence(o: DemoOccurrencesTable, timeZone: string): Occurrence {
  const start = Date.parse(o.starts_at);
  return {
    id: o.id,
    initiativeId: o.initiative_id,
    ruleDate: o.rule_date,
    startsAt: o.starts_at,
    endsAt: o.ends_at,
    localDate: localDay(start, timeZone),
    localTime: localTime(start, timeZone),
    timeZone,
    state: o.state,
    moved: o.moved === 1,
    reason: o.reason,
    sequence: o.sequence,
    version: o.version,
  };
}

function presentCadence(c: DemoCadencesTable, people: People): Cadence {
  return {
    id: c.id,
    interval: c.repeat_interval,
    weekday: c.weekday,
    weekOfMonth: c.week_of_month,
    time: c.local_time,
    durationMinutes: c.duration_minutes,
    timeZone: c.time_zone,
    startsOn: c.starts_on,
    location: c.location,
    presenter: ref(people, c.presenter_id),
    invitees: parseJson<string[]>(c.invitee_ids)
      .map((id) => people.get(id))
      .filter((p): p is PersonRef => p !== undefined),
    version: c.version,
    updatedAt: c.updated_at,
  };
}

async function feedbackOf(
  db: DbOrTrx,
  where: { occurrenceId?: string; initiativeId?: string; openActions?: boolean },
  today: string,
): Promise<FeedbackItem[]> {
  let q = db
    .selectFrom('demo_feedback as f')
    .innerJoin('demo_occurrences as o', 'o.id', 'f.occurrence_id')
    .innerJoin('demo_cadences as c', 'c.id', 'o.cadence_id')
    .selectAll('f')
    .select(['o.starts_at as demo_starts_at', 'c.time_zone']);
  if (where.occurrenceId) q = q.where('f.occurrence_id', '=', where.occurrenceId);
  if (where.initiativeId) q = q.where('f.initiative_id', '=', where.initiativeId);
  if (where.openActions) q = q.where('f.action_status', 'in', ['open', 'in_progress']);
  const rows = await q.orderBy('f.created_at').orderBy('f.id').execute();
  const people = await peopleById(
    db,
    rows.flatMap((r) => [r.author_id, r.action_owner_id]),
  );
  const items = rows.map((r) => presentFeedback(r, r.demo_starts_at, r.time_zone, people, today));
  if (where.openActions)
    items.sort((a, b) => (a.action?.dueDate ?? '9999').localeCompare(b.action?.dueDate ?? '9999'));
  return items;
}

function presentFeedback(
  r: DemoFeedbackTable,
  demoStartsAt: string,
  timeZone: string,
  people: People,
  today: string,
): FeedbackItem {
  return {
    id: r.id,
    occurrenceId: r.occurrence_id,
    demoDate: localDay(Date.parse(demoStartsAt), timeZone),
    kind: r.kind,
    text: r.text,
    author: ref(people, r.author_id),
    side: r.author_side,
    createdAt: r.created_at,
    action: r.action_status
      ? {
          owner: ref(people, r.action_owner_id),
          dueDate: r.action_due_date,
          status: r.action_status,
          overdue:
            r.action_status !== 'done' && r.action_due_date !== null && r.action_due_date < today,
          createdAt: r.action_created_at ?? r.created_at,
          doneAt: r.action_done_at,
        }
      : null,
  };
}

const today = (now: Date, timeZone = 'Europe/Berlin') => localDay(now.getTime(), timeZone);

export async function getOverview(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string,
): Promise<DemoOverview> {
  const db = ctx.db.kysely;
  const now = ctx.now();
  const { facts } = await loadReadable(db, actor, initiativeId);
  const cadence = await findCadence(db, initiativeId);
  if (cadence) await ensureOccurrences(db, cadence, now);
  const tz = cadence?.time_zone ?? 'Europe/Berlin';
  const day = today(now, tz);
  const rows = await db
    .selectFrom('demo_occurrences')
    .selectAll()
    .where('initiative_id', '=', initiativeId)
    .orderBy('starts_at')
    .execute();
  const votes = await db
    .selectFrom('demo_attendees as a')
    .innerJoin('demo_occurrences as o', 'o.id', 'a.occurrence_id')
    .select(['a.occurrence_id', 'a.side', 'a.confidence'])
    .where('o.initiative_id', '=', initiativeId)
    .where('a.confidence', 'is not', null)
    .execute();
  const people = await peopleById(
    db,
    cadence ? [cadence.presenter_id, ...parseJson<string[]>(cadence.invitee_ids)] : [],
  );
  const nowIso = now.toISOString();
  const windowStart = addDays(day, -ADHERENCE_WINDOW_DAYS);
  const presented = rows.map((r) => presentOccurrence(r, tz));
  return {
    initiativeId,
    cadence: cadence ? presentCadence(cadence, people) : null,
    upcoming: presented.filter((o) => o.endsAt >= nowIso),
    past: presented
      .filter((o) => o.endsAt < nowIso && o.localDate >= windowStart)
      .reverse()
      .map((o) => {
        const v = votes
          .filter((x) => x.occurrence_id === o.id)
          .map((x) => ({ side: x.side, confidence: x.confidence ?? 0 }));
        return { ...o, confidence: o.state === 'held' ? confidenceSummary(v) : null };
      }),
    openActions: await feedbackOf(db, { initiativeId, openActions: true }, day),
    adherence: {
      windowDays: ADHERENCE_WINDOW_DAYS,
      ...adherence(
        presented.map((o) => ({ state: o.state, day: o.localDate })),
        day,
      ),
    },
    permissions: { edit: canEdit(actor, facts) },
  };
}

/** Ids of the initiative's members with a writing role (observers only watch). */
async function teamOf(db: DbOrTrx, initiativeId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('initiative_members')
    .select('user_id')
    .where('initiative_id', '=', initiativeId)
    .where('role', '!=', 'observer')
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

async function assertMembers(
  db: DbOrTrx,
  initiativeId: string,
  fields: [pointer: string, id: string | null | undefined][],
  errors: FieldError[],
): Promise<People> {
  const ids = fields.map(([, id]) => id).filter((x): x is string => !!x);
  const people = await peopleById(db, ids);
  const members = new Set(
    (
      await db
        .selectFrom('initiative_members')
        .select('user_id')
        .where('initiative_id', '=', initiativeId)
        .execute()
    ).map((r) => r.user_id),
  );
  for (const [pointer, id] of fields) {
    if (!id) continue;
    if (!people.has(id))
      errors.push({ pointer, message: 'is not a known person', code: 'unknown_person' });
    else if (!members.has(id))
      errors.push({
        pointer,
        message: `${people.get(id)?.name ?? id} is not a member of this initiative`,
        code: 'not_member',
      });
  }
  return people;
}

async function loadEditableInitiative(db: DbOrTrx, actor: Actor, initiativeId: string) {
  const access = await loadReadable(db, actor, initiativeId);
  if (!canEdit(actor, access.facts))
    throw forbidden('Only owners, deputies and contributors of this initiative run its demos');
  return access;
}

export async function setCadence(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string,
  body: SetCadenceBody,
): Promise<DemoOverview> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await loadEditableInitiative(trx, actor, initiativeId);
    const existing = await findCadence(trx, initiativeId);
    if (existing && body.version !== existing.version) throw versionConflict('demo cadence');
    const timeZone = body.timeZone ?? 'Europe/Berlin';
    const rule: CadenceRule = {
      interval: body.interval,
      weekday: body.weekday,
      weekOfMonth: body.weekOfMonth ?? null,
      time: body.time,
      durationMinutes: body.durationMinutes ?? 60,
      timeZone,
      startsOn: body.startsOn ?? localDay(now.getTime(), safeZone(timeZone)),
    };
    try {
      validateRule(rule);
    } catch (e) {
      if (e instanceof CadenceError)
        throw invalidFields(
          e.problems.map((p) => ({
            pointer: `/body/${p.field}`,
            message: p.message,
            code: p.code,
          })),
        );
      throw e;
    }
    const inviteeIds = [...new Set(body.inviteeIds ?? [])];
    const errors: FieldError[] = [];
    await assertMembers(
      trx,
      initiativeId,
      [
        ['/body/presenterId', body.presenterId],
        ...inviteeIds.map((id, i): [string, string] => [`/body/inviteeIds/${i}`, id]),
      ],
      errors,
    );
    if (errors.length) throw invalidFields(errors);
    const at = now.toISOString();
    const values = {
      repeat_interval: rule.interval,
      weekday: rule.weekday,
      week_of_month: rule.weekOfMonth,
      local_time: rule.time,
      duration_minutes: rule.durationMinutes,
      time_zone: rule.timeZone,
      starts_on: rule.startsOn,
      location: body.location ?? '',
      presenter_id: body.presenterId ?? null,
      invitee_ids: JSON.stringify(inviteeIds),
      updated_at: at,
    };
    let cadence: DemoCadencesTable;
    if (existing) {
      cadence = { ...existing, ...values, version: existing.version + 1 };
      await trx
        .updateTable('demo_cadences')
        .set(cadence)
        .where('id', '=', existing.id)
        .where('version', '=', existing.version)
        .execute();
      // Untouched future occurrences follow the new rule; moved, cancelled and past ones stay.
      await trx
        .deleteFrom('demo_occurrences')
        .where('cadence_id', '=', existing.id)
        .where('state', '=', 'planned')
        .where('moved', '=', 0)
        .where('starts_at', '>', at)
        .execute();
    } else {
      cadence = {
        id: newId(),
        initiative_id: initiativeId,
        ...values,
        version: 1,
        created_by: actor.id,
        created_at: at,
      };
      await trx.insertInto('demo_cadences').values(cadence).execute();
    }
    await ensureOccurrences(trx, cadence, now);
    await appendAudit(trx, {
      actorId: actor.id,
      entityType: 'demo_cadence',
      entityId: cadence.id,
      initiativeId,
      action: existing ? 'demo_cadence.updated' : 'demo_cadence.created',
      before: existing ? { ...ruleOf(existing), location: existing.location } : undefined,
      after: { ...rule, location: cadence.location, presenterId: cadence.presenter_id },
      at: now,
    });
  });
  return getOverview(ctx, actor, initiativeId);
}

function safeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return 'UTC';
  }
}

async function loadOccurrence(db: DbOrTrx, actor: Actor, id: string) {
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

async function loadEditableOccurrence(db: DbOrTrx, actor: Actor, id: string, version: number) {
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
  const people = await peopleById(db, [
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
        confidence: a.confidence,
      }))
      .sort(
        (a, b) =>
          sideOrder(a.side) - sideOrder(b.side) || a.person.name.localeCompare(b.person.name),
      ),
    confidence: confidenceSummary(
      attendees
        .filter((a) => a.confidence !== null)
        .map((a) => ({ side: a.side, confidence: a.confidence ?? 0 })),
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
  change: 'moved' | 'skipped' | 'cancelled',
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
    await trx.updateTable('demo_occurrences').set(next).where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.id,
      entityType: 'demo',
      entityId: id,
      initiativeId: row.initiative_id,
      action: `demo.${change}`,
      before: { state: row.state, startsAt: row.starts_at },
      after: { state: next.state ?? row.state, startsAt: next.starts_at ?? row.starts_at, reason },
      at: now,
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

/** Records a held demo: presenter, attendance by side, votes, what was shown, feedback. */
export async function recordDemo(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: RecordDemoBody,
): Promise<HeldDemo> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row } = await loadEditableOccurrence(trx, actor, id, body.version);
    if (row.state === 'held') throw conflict('This demo has been recorded already', 'already_held');
    if (row.state !== 'planned')
      throw conflict(`This demo was ${row.state}; it cannot be recorded as held`, 'not_planned');
    if (row.starts_at > now.toISOString())
      throw new AppError(
        422,
        'future_occurrence',
        'This demo has not started yet; record it once it has taken place',
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
      if (userId && !byId.has(userId))
        errors.push({ pointer, message: 'is not a known person', code: 'unknown_person' });
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
    const result = await trx
      .updateTable('demo_occurrences')
      .set({
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
      })
      .where('id', '=', id)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw versionConflict('demo');
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
    await appendAudit(trx, {
      actorId: actor.id,
      entityType: 'demo',
      entityId: id,
      initiativeId: row.initiative_id,
      action: 'demo.held',
      after: {
        presenterId: body.presenterId,
        attendees: body.attendees,
        goalIds,
        feedback: feedback.length,
      },
      at: now,
    });
  });
  return getOccurrence(ctx, actor, id);
}

async function insertFeedback(
  trx: DbOrTrx,
  initiativeId: string,
  occurrenceId: string,
  f: {
    kind: DemoFeedbackTable['kind'];
    text: string;
    authorId: string;
    side: 'business' | 'it';
    at: string;
  },
): Promise<string> {
  // Sortable: items given in one go keep their order.
  const id = newSortableId(Date.parse(f.at));
  await trx
    .insertInto('demo_feedback')
    .values({
      id,
      occurrence_id: occurrenceId,
      initiative_id: initiativeId,
      kind: f.kind,
      text: f.text,
      author_id: f.authorId,
      author_side: f.side,
      created_at: f.at,
      action_owner_id: null,
      action_due_date: null,
      action_status: null,
      action_created_at: null,
      action_done_at: null,
    })
    .execute();
  return id;
}

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
    await appendAudit(trx, {
      actorId: actor.id,
      entityType: 'demo_feedback',
      entityId: id,
      initiativeId: row.initiative_id,
      action: 'demo_feedback.created',
      after: { kind: body.kind, text: body.text, authorId: author.id },
      at: now,
    });
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
    await appendAudit(trx, {
      actorId: actor.id,
      entityType: 'demo_feedback',
      entityId: feedbackId,
      initiativeId: f.initiative_id,
      action: 'demo_action.created',
      after: { ownerId: body.ownerId, dueDate: body.dueDate, status },
      at: now,
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
    await appendAudit(trx, {
      actorId: actor.id,
      entityType: 'demo_feedback',
      entityId: feedbackId,
      initiativeId: f.initiative_id,
      action: 'demo_action.updated',
      before: {
        ownerId: f.action_owner_id,
        dueDate: f.action_due_date,
        status: f.action_status,
      },
      after: { ownerId: next.action_owner_id, dueDate: next.action_due_date, status },
      at: now,
    });
    return f;
  });
  return getOccurrence(ctx, actor, row.occurrence_id);
}
