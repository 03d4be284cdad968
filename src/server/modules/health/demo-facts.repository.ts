/** The demos' part of the fact sheets: their queries and their facts per initiative. */
import type { DemoOccurrenceFacts, HealthInputs } from '../../../domain/health.js';
import { localDay } from '../../../domain/periods.js';
import type { Side } from '../../../domain/sides.js';
import type { DbOrTrx } from '../../db/connect.js';
import { COMPANY_TIME_ZONE, DAY_MS, group, num, type RowsOf } from './facts-common.repository.js';

/** The instants the demos' queries take from `now`: 91 days before and now itself. */
export interface DemoWindow {
  since91: string;
  nowIso: string;
}
export const demoWindow = (now: Date): DemoWindow => ({
  since91: new Date(now.getTime() - 91 * DAY_MS).toISOString(),
  nowIso: now.toISOString(),
});

/**
 * The demos' queries (not yet run), for `ids`: the cadence, the occurrences of the last 91
 * days with their attendance, the last held one, the open action items; and the next
 * occurrence after `now` (when the facts change). `window`: demoWindow(now).
 */
export function demoQueries(db: DbOrTrx, ids: readonly string[], window: DemoWindow) {
  const { since91, nowIso } = window;
  return {
    cadences: db
      .selectFrom('demo_cadences')
      .select(['initiative_id', 'repeat_interval', 'starts_on', 'time_zone'])
      .where('initiative_id', 'in', ids),
    occurrences: db
      .selectFrom('demo_occurrences')
      .select(['id', 'initiative_id', 'starts_at', 'state'])
      .where('initiative_id', 'in', ids)
      .where('starts_at', '>=', since91)
      .where('starts_at', '<=', nowIso)
      .orderBy('starts_at'),
    attendance: db
      .selectFrom('demo_attendees as a')
      .innerJoin('demo_occurrences as o', 'o.id', 'a.occurrence_id')
      .select([
        'a.occurrence_id',
        'a.side',
        (eb) => eb.fn.countAll().as('n'),
        (eb) => eb.fn.avg('a.confidence').as('confidence'),
      ])
      .where('o.initiative_id', 'in', ids)
      .where('o.starts_at', '>=', since91)
      .where('o.starts_at', '<=', nowIso)
      .groupBy(['a.occurrence_id', 'a.side']),
    lastHeld: db
      .selectFrom('demo_occurrences')
      .select(['initiative_id', (eb) => eb.fn.max('starts_at').as('last')])
      .where('initiative_id', 'in', ids)
      .where('state', '=', 'held')
      .groupBy('initiative_id'),
    actions: db
      .selectFrom('demo_feedback')
      .select(['id', 'initiative_id', 'occurrence_id', 'text', 'action_due_date'])
      .where('initiative_id', 'in', ids)
      .where('action_status', 'in', ['open', 'in_progress']),
    nextOccurrences: db
      .selectFrom('demo_occurrences')
      .select(['initiative_id', (eb) => eb.fn.min('starts_at').as('next')])
      .where('initiative_id', 'in', ids)
      .where('starts_at', '>', nowIso)
      .groupBy('initiative_id'),
  };
}

type DemoQueries = ReturnType<typeof demoQueries>;

/** The demos' facts per initiative, from the rows of demoQueries. */
export function demoFacts(rows: {
  [K in keyof DemoQueries]: RowsOf<DemoQueries[K]>;
}): (initiativeId: string) => HealthInputs['demos'] {
  const cadenceBy = new Map(rows.cadences.map((c) => [c.initiative_id, c]));
  const occurrencesBy = group(rows.occurrences, (o) => o.initiative_id);
  const attendanceBy = group(rows.attendance, (a) => a.occurrence_id);
  const lastHeldBy = new Map(rows.lastHeld.map((l) => [l.initiative_id, String(l.last)]));
  const actionsBy = group(rows.actions, (a) => a.initiative_id);
  return (initiativeId) => {
    const cadence = cadenceBy.get(initiativeId);
    const zone = cadence?.time_zone ?? COMPANY_TIME_ZONE;
    const occurrenceFacts: DemoOccurrenceFacts[] = (occurrencesBy.get(initiativeId) ?? []).map(
      (o) => {
        const votes = attendanceBy.get(o.id) ?? [];
        const of = (side: Side) => votes.find((v) => v.side === side);
        const conf = (side: Side) => {
          const c = of(side)?.confidence;
          return c === null || c === undefined ? null : num(c);
        };
        return {
          id: o.id,
          day: localDay(Date.parse(o.starts_at), zone),
          state: o.state,
          attendance: { business: num(of('business')?.n ?? 0), it: num(of('it')?.n ?? 0) },
          confidence: { business: conf('business'), it: conf('it') },
        };
      },
    );
    const held = lastHeldBy.get(initiativeId);
    return {
      cadence: cadence
        ? {
            interval: cadence.repeat_interval,
            startsOn: cadence.starts_on,
            timeZone: cadence.time_zone,
          }
        : null,
      occurrences: occurrenceFacts,
      lastHeldDay: held ? localDay(Date.parse(held), zone) : null,
      openActionItems: (actionsBy.get(initiativeId) ?? []).map((a) => ({
        id: a.id,
        occurrenceId: a.occurrence_id,
        text: a.text,
        dueDate: a.action_due_date,
      })),
    };
  };
}
