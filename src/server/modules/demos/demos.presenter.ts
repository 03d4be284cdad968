/** What leaves the server of demos: occurrences, cadences, feedback and action items. */
import type { Cadence, FeedbackItem, Occurrence } from '../../../contracts/demos.js';
import type { PersonRef } from '../../../contracts/common.js';
import type { CadenceRule } from '../../../domain/cadence.js';
import { localDay } from '../../../domain/periods.js';
import { localTime } from '../../../domain/time-zones.js';
import type { DbOrTrx } from '../../db/connect.js';
import type {
  DemoCadencesTable,
  DemoFeedbackTable,
  DemoOccurrencesTable,
} from '../../db/schema.js';
import { personRefs } from '../people/people.service.js';

export const parseJson = <T>(s: string): T => JSON.parse(s) as T;

export type People = Map<string, PersonRef>;
export const ref = (people: People, id: string | null): PersonRef | null =>
  (id ? people.get(id) : undefined) ?? null;

export function presentOccurrence(o: DemoOccurrencesTable, timeZone: string): Occurrence {
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

/** The rule a cadence row stands for (domain/cadence.ts computes its occurrences). */
export const ruleOf = (c: DemoCadencesTable): CadenceRule => ({
  interval: c.repeat_interval,
  weekday: c.weekday,
  weekOfMonth: c.week_of_month,
  time: c.local_time,
  durationMinutes: c.duration_minutes,
  timeZone: c.time_zone,
  startsOn: c.starts_on,
});

export function presentCadence(c: DemoCadencesTable, people: People): Cadence {
  return {
    id: c.id,
    ...ruleOf(c),
    location: c.location,
    presenter: ref(people, c.presenter_id),
    invitees: parseJson<string[]>(c.invitee_ids)
      .map((id) => people.get(id))
      .filter((p): p is PersonRef => p !== undefined),
    version: c.version,
    updatedAt: c.updated_at,
  };
}

export async function feedbackOf(
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
  const people = await personRefs(
    db,
    rows.flatMap((r) => [r.author_id, r.action_owner_id]),
  );
  const items = rows.map((r) => presentFeedback(r, r.demo_starts_at, r.time_zone, people, today));
  if (where.openActions)
    items.sort((a, b) => (a.action?.dueDate ?? '9999').localeCompare(b.action?.dueDate ?? '9999'));
  return items;
}

export function presentFeedback(
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

export const today = (now: Date, timeZone = 'Europe/Berlin') => localDay(now.getTime(), timeZone);
