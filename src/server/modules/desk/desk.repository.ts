/** The desk's reads: each limited to initiatives the actor may read (the one read rule). */
import type { Actor } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { readableInitiativeIds } from '../initiatives/visibility.service.js';
import { ownedOrDeputisedBy } from '../people/people.service.js';

/** My roles on the teams of initiatives I may read. */
export const findMyMemberships = (db: DbOrTrx, actor: Actor) =>
  db
    .selectFrom('initiative_members')
    .select(['initiative_id', 'role'])
    .where('user_id', '=', actor.id)
    .where('initiative_id', 'in', readableInitiativeIds(db, actor))
    .execute();

/** Initiatives whose team I am on (only members sign), among those I may read. */
const myTeams = (db: DbOrTrx, actor: Actor) =>
  db
    .selectFrom('initiative_members as m')
    .select('m.initiative_id')
    .where('m.user_id', '=', actor.id)
    .where('m.role', '!=', 'observer')
    .where('m.initiative_id', 'in', readableInitiativeIds(db, actor));

/** Proposed goals of my teams' active initiatives (whether I may sign is decided after). */
export const findSignableGoals = (db: DbOrTrx, actor: Actor) =>
  db
    .selectFrom('goals as g')
    .innerJoin('initiatives as i', 'i.id', 'g.initiative_id')
    .select([
      'g.id',
      'g.initiative_id',
      'i.title as initiative_title',
      'g.statement',
      'g.agreement_version',
      'g.due_date',
      'g.updated_at',
    ])
    .where('g.status', '=', 'proposed')
    .where('i.status', 'in', ['active', 'paused'])
    .where('g.initiative_id', 'in', myTeams(db, actor))
    .execute();

/** Metrics with their initiative's title: what both metric lists of the desk start from. */
const metricsWithTitle = (db: DbOrTrx) =>
  db
    .selectFrom('metrics as m')
    .innerJoin('initiatives as i', 'i.id', 'm.initiative_id')
    .select([
      'm.id',
      'm.initiative_id',
      'i.title as initiative_title',
      'm.name',
      'm.definition_version',
    ]);

/** Metric definitions of my teams' active initiatives (agreed or not is decided after). */
export const findSignableMetrics = (db: DbOrTrx, actor: Actor) =>
  metricsWithTitle(db)
    .select('m.updated_at')
    .where('i.status', 'in', ['active', 'paused'])
    .where('m.initiative_id', 'in', myTeams(db, actor))
    .execute();

/** Metrics I own (either side) in active initiatives, with the time of their latest data. */
export const findOwnedMetrics = (db: DbOrTrx, actor: Actor) =>
  metricsWithTitle(db)
    .select([
      'm.period',
      'm.business_owner_id',
      'm.it_owner_id',
      'm.created_at',
      // Per owned metric, by its index: a grouped join over every metric's daily rows cost
      // ~0.4 s on the large demo (5,000 metrics, 5M points), for each desk.
      (eb) =>
        eb
          .selectFrom('metric_daily as d')
          .select((e) => e.fn.max('d.last_at').as('last_at'))
          .whereRef('d.metric_id', '=', 'm.id')
          .as('last_at'),
    ])
    .where('i.status', '=', 'active')
    .where((eb) =>
      eb.or([eb('m.business_owner_id', '=', actor.id), eb('m.it_owner_id', '=', actor.id)]),
    )
    .where('m.initiative_id', 'in', readableInitiativeIds(db, actor))
    .execute();

/** Demo action items I own that are not done, oldest due first. */
export const findOpenActionItems = (db: DbOrTrx, actor: Actor) =>
  db
    .selectFrom('demo_feedback as f')
    .innerJoin('initiatives as i', 'i.id', 'f.initiative_id')
    .select([
      'f.id',
      'f.occurrence_id',
      'f.initiative_id',
      'i.title as initiative_title',
      'f.text',
      'f.created_at',
      'f.action_created_at',
      'f.action_due_date',
    ])
    .where('f.action_owner_id', '=', actor.id)
    .where('f.action_status', 'in', ['open', 'in_progress'])
    .where('f.initiative_id', 'in', readableInitiativeIds(db, actor))
    .orderBy('f.action_due_date')
    .orderBy('f.action_created_at')
    .execute();

/** Planned demos between `from` and `to` of initiatives whose team I am on. */
export const findMyDemos = (db: DbOrTrx, actor: Actor, from: Date, to: Date) =>
  db
    .selectFrom('demo_occurrences as o')
    .innerJoin('initiatives as i', 'i.id', 'o.initiative_id')
    .select([
      'o.id',
      'o.initiative_id',
      'i.title as initiative_title',
      'o.starts_at',
      'o.ends_at',
      'o.presenter_id',
    ])
    .where('o.state', '=', 'planned')
    .where('o.ends_at', '>=', from.toISOString())
    .where('o.starts_at', '<', to.toISOString())
    .where('o.initiative_id', 'in', myTeams(db, actor))
    .orderBy('o.starts_at')
    .execute();

/** Active initiatives I own or deputise for (I write their weekly updates), with each side's latest week. */
export async function findMyWeeklyUpdates(db: DbOrTrx, actor: Actor) {
  const initiatives = await db
    .selectFrom('initiatives as i')
    .select([
      'i.id',
      'i.title',
      'i.created_at',
      'i.business_owner_id',
      'i.it_owner_id',
      'i.business_deputy_id',
      'i.it_deputy_id',
    ])
    .where('i.status', '=', 'active')
    .where(ownedOrDeputisedBy(actor.id))
    .where('i.id', 'in', readableInitiativeIds(db, actor))
    .execute();
  const latest = await db
    .selectFrom('weekly_updates')
    .select([
      'initiative_id',
      'side',
      (eb) => eb.fn.max('week').as('week'),
      (eb) => eb.fn.max('written_at').as('written_at'),
    ])
    .where('initiative_id', 'in', [...initiatives.map((i) => i.id), ''])
    .groupBy(['initiative_id', 'side'])
    .execute();
  return { initiatives, latest };
}
