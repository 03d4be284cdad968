/**
 * Loads the fact sheet of collaboration health (domain/health/types.ts HealthInputs) for one
 * initiative or for many at once, in a fixed number of queries however many initiatives
 * there are (one query per table, `where initiative_id in (…)`): the portfolio loads 1,000.
 * Each pillar's queries and facts are its own file (goal-, handoff-, demo-, metric-facts);
 * this one runs them together and assembles the sheets. The mapping from columns to facts
 * is docs/HEALTH.md, "How to feed it".
 */
import type { HealthInputs, OwnerView } from '../../../domain/health.js';
import type { RiskClass } from '../../../domain/risk.js';
import type { Side } from '../../../domain/sides.js';
import { type DbOrTrx, PREPARED } from '../../db/connect.js';
import { type Expression, type SelectQueryBuilder, sql } from 'kysely';
import { dialectOf } from '../../db/dialect.js';
import { demoFacts, demoQueries } from './demo-facts.repository.js';
import {
  COMPANY_TIME_ZONE,
  group,
  type InitiativeFilter,
  initiativeHeads,
  num,
  type RowsOf,
} from './facts-common.repository.js';
import {
  type DailyRows,
  dailyQuery,
  goalFacts,
  goalQueries,
  progressMetricIds,
} from './goal-facts.repository.js';
import { handoffFacts, handoffQueries } from './handoff-facts.repository.js';
import { metricFacts, metricQueries } from './metric-facts.repository.js';

/** What the portfolio shows of an initiative besides its health. */
export interface InitiativeHead {
  id: string;
  title: string;
  department: string;
  riskClass: RiskClass;
  stage: { id: string; key: string; name: { de: string; en: string }; position: number };
  businessOwner: { id: string; name: string };
  itOwner: { id: string; name: string };
  owners: {
    business_owner_id: string;
    it_owner_id: string;
    business_deputy_id: string | null;
    it_deputy_id: string | null;
  };
}

export interface HealthRows {
  head: InitiativeHead;
  inputs: HealthInputs;
  /** The next demo occurrence's start after `now` (its facts change then), if any. */
  nextOccurrenceAt: string | null;
}

/**
 * The queries of the fact sheets' parts (not yet run): one per table, for `ids`, in a fixed
 * order (the combined statement's columns).
 */
function factQueries(db: DbOrTrx, ids: readonly string[], now: Date) {
  const goals = goalQueries(db, ids);
  const handoffs = handoffQueries(db, ids);
  const demos = demoQueries(db, ids, now);
  const metrics = metricQueries(db, ids);
  return {
    stages: db.selectFrom('stages').select(['key', 'position']).orderBy('position'),
    goals: goals.goals,
    goalSigs: goals.goalSigs,
    handoffs: handoffs.handoffs,
    questions: handoffs.questions,
    cadences: demos.cadences,
    occurrences: demos.occurrences,
    attendance: demos.attendance,
    lastHeld: demos.lastHeld,
    actions: demos.actions,
    metrics: metrics.metrics,
    metricSigs: metrics.metricSigs,
    lastData: metrics.lastData,
    pushes: metrics.pushes,
    // The owners' latest weekly update per side.
    updates: db
      .selectFrom('weekly_updates as w')
      .select(['w.initiative_id', 'w.side', 'w.owner_view', 'w.written_at'])
      .where('w.initiative_id', 'in', ids)
      .where((eb) =>
        eb(
          'w.week',
          '=',
          eb
            .selectFrom('weekly_updates as w2')
            .select((e) => e.fn.max('w2.week').as('week'))
            .whereRef('w2.initiative_id', '=', 'w.initiative_id')
            .whereRef('w2.side', '=', 'w.side'),
        ),
      ),
    nextOccurrences: demos.nextOccurrences,
  };
}

type FactQueries = ReturnType<typeof factQueries>;
type FactRows = { [K in keyof FactQueries]: RowsOf<FactQueries[K]> };

/**
 * PostgreSQL, a few initiatives by id (the outbox subscriber's recompute, inside its
 * transaction): the initiatives, every fact query and the daily aggregates in ONE statement,
 * each part a JSON array (`json_agg` over the same query), instead of ~18 round trips one after
 * the other on the transaction's connection. JSON keeps the values the driver would return
 * (text stays text, integers and floats are numbers; bigint and numeric become numbers, which
 * the mapping converts with `Number` anyway).
 */
async function combinedFacts(
  db: DbOrTrx,
  initiativesQuery: SelectQueryBuilder<any, any, any>,
  queries: FactQueries,
  ids: readonly string[],
) {
  const parts: [string, Expression<unknown>][] = [
    ['initiatives', initiativesQuery],
    ...(Object.entries(queries) as [string, Expression<unknown>][]),
    ['daily', dailyQuery(db, progressMetricIds(db, ids))],
  ];
  // A select without FROM (not raw SQL: the change counter takes raw statements for writes).
  const row = await db
    .selectNoFrom(
      parts.map(([name, q]) =>
        sql<unknown[]>`(select coalesce(json_agg(t), '[]'::json) from (${q}) as t)`.as(name),
      ),
    )
    // Prepared once per connection: planning this statement costs about as much as running it.
    .modifyFront(PREPARED)
    .executeTakeFirstOrThrow();
  return row as Record<string, unknown[]>;
}

/**
 * The fact sheets of the initiatives that pass `filter`, in a fixed number of queries.
 * Keyed by initiative id, in the order of the initiatives query (title).
 */
export async function loadHealthRows(
  db: DbOrTrx,
  filter: InitiativeFilter,
  now: Date,
): Promise<Map<string, HealthRows>> {
  const q = initiativeHeads(db, filter)
    .select(['i.created_at', 'i.business_deputy_id', 'i.it_deputy_id'])
    .orderBy('i.title')
    .orderBy('i.id');
  // PostgreSQL, the recompute of a few initiatives by id: everything in one statement.
  const combined =
    dialectOf(db) === 'postgres' &&
    filter.readable === null &&
    filter.ids !== undefined &&
    filter.ids.length > 0 &&
    filter.ids.length <= 100;
  type InitiativeRow = Awaited<ReturnType<typeof q.execute>>[number];
  let initiatives: InitiativeRow[];
  let facts: FactRows;
  // The daily aggregates for goal progress: in the combined statement, else loaded by goalFacts.
  let daily: DailyRows | null;
  if (combined) {
    const ids = [...new Set(filter.ids)];
    const all = await combinedFacts(db, q, factQueries(db, ids, now), ids);
    initiatives = all.initiatives as InitiativeRow[];
    facts = all as unknown as FactRows;
    daily = all.daily as DailyRows;
  } else {
    initiatives = await q.execute();
    if (initiatives.length === 0) return new Map();
    const queries = factQueries(
      db,
      initiatives.map((i) => i.id),
      now,
    );
    const keys = Object.keys(queries) as (keyof FactQueries)[];
    const results = await Promise.all(keys.map((k) => queries[k].execute()));
    facts = Object.fromEntries(keys.map((k, n) => [k, results[n]])) as unknown as FactRows;
    daily = null;
  }
  const out = new Map<string, HealthRows>();
  if (initiatives.length === 0) return out;
  const { stages, updates, nextOccurrences } = facts;
  const goalsOf = await goalFacts(db, facts, daily, now);
  const handoffsOf = handoffFacts(facts);
  const demosOf = demoFacts(facts);
  const metricsOf = metricFacts(facts);
  const stageKeys = stages.map((s) => ({ key: s.key, position: num(s.position) }));
  const updatesBy = group(updates, (u) => u.initiative_id);
  const nextOccurrenceBy = new Map(nextOccurrences.map((o) => [o.initiative_id, String(o.next)]));

  for (const i of initiatives) {
    const position = num(i.stage_position);
    const ownUpdates = updatesBy.get(i.id) ?? [];
    const updateOf = (side: Side) => {
      const u = ownUpdates.find((x) => x.side === side);
      return u ? { view: u.owner_view as OwnerView, writtenAt: u.written_at } : null;
    };

    out.set(i.id, {
      nextOccurrenceAt: nextOccurrenceBy.get(i.id) ?? null,
      head: {
        id: i.id,
        title: i.title,
        department: i.department,
        riskClass: i.risk_class,
        stage: {
          id: i.stage_id,
          key: i.stage_key,
          name: { de: i.stage_de, en: i.stage_en },
          position,
        },
        businessOwner: { id: i.business_owner_id, name: i.bo_name },
        itOwner: { id: i.it_owner_id, name: i.io_name },
        owners: {
          business_owner_id: i.business_owner_id,
          it_owner_id: i.it_owner_id,
          business_deputy_id: i.business_deputy_id,
          it_deputy_id: i.it_deputy_id,
        },
      },
      inputs: {
        initiativeId: i.id,
        createdAt: i.created_at,
        timeZone: COMPANY_TIME_ZONE,
        stage: {
          key: i.stage_key,
          name: { de: i.stage_de, en: i.stage_en },
          position,
          precedingKeys: stageKeys.filter((s) => s.position < position).map((s) => s.key),
        },
        goals: await goalsOf(i.id),
        handoffs: handoffsOf(i.id),
        demos: demosOf(i.id),
        metrics: metricsOf(i.id),
        ownerUpdates: { business: updateOf('business'), it: updateOf('it') },
      },
    });
  }
  return out;
}
