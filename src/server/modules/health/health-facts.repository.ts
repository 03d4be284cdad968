/**
 * Loads the fact sheet of collaboration health (domain/health/types.ts HealthInputs) for one
 * initiative or for many at once, in a fixed number of queries however many initiatives
 * there are (one query per table, `where initiative_id in (…)`): the portfolio loads 1,000.
 * Each pillar's queries and facts are its own file (goal-, handoff-, demo-, metric-facts);
 * this one runs them together and assembles the sheets. The mapping from columns to facts
 * is docs/HEALTH.md, "How to feed it".
 */
import type { HealthInputs, OwnerView } from '../../../domain/health.js';
import type { DailyAggregate } from '../../../domain/periods.js';
import type { RiskClass } from '../../../domain/risk.js';
import type { Side } from '../../../domain/sides.js';
import { afterInOneTrip, type DbOrTrx, genericPlanned, PREPARED } from '../../db/connect.js';
import { type Expression, type SelectQueryBuilder, sql } from 'kysely';
import {
  dialectOf,
  initiativeHealthLockSql,
  initiativeHealthLockStatement,
} from '../../db/dialect.js';
import { bindTemplate, type ListsAll, TemplateCache, templateMark } from '../../db/templates.js';
import { demoFacts, demoQueries, type DemoWindow, demoWindow } from './demo-facts.repository.js';
import {
  basisStagesQuery,
  COMPANY_TIME_ZONE,
  group,
  type InitiativeFilter,
  initiativeHeads,
  num,
  type RowsOf,
} from './facts-common.repository.js';
import {
  type DailyByMetric,
  type DailyRows,
  dailyQuery,
  dailyUntil,
  NO_SOURCES,
  goalFacts,
  goalQueries,
  progressMetricIds,
} from './goal-facts.repository.js';
import { handoffFacts, handoffQueries } from './handoff-facts.repository.js';
import { metricFacts, metricQueries } from './metric-facts.repository.js';
import { THRESHOLDS_KEY } from './thresholds.repository.js';

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

/** How often factQueries built the fact queries (for tests: templates make it rare). */
let factQueryBuilds = 0;
export const factQueryBuildCount = (): number => factQueryBuilds;

/**
 * The queries of the fact sheets' parts (not yet run): one per table, for `ids`, in a fixed
 * order (the combined statement's columns). `window`: factWindow(now).
 */
function factQueries(db: DbOrTrx, ids: readonly string[], window: FactWindow) {
  factQueryBuilds += 1;
  const goals = goalQueries(db, ids);
  const handoffs = handoffQueries(db, ids);
  const demos = demoQueries(db, ids, window);
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
    // The daily aggregates for goal progress (the metrics agreed goals measure by).
    daily: dailyQuery(db, progressMetricIds(db, ids), window.dailyUntil),
  };
}

type FactQueries = ReturnType<typeof factQueries>;
type FactRows = { [K in keyof FactQueries]: RowsOf<FactQueries[K]> };
const FACT_KEYS = [
  'stages',
  'goals',
  'goalSigs',
  'handoffs',
  'questions',
  'cadences',
  'occurrences',
  'attendance',
  'lastHeld',
  'actions',
  'metrics',
  'metricSigs',
  'lastData',
  'pushes',
  'updates',
  'nextOccurrences',
  'daily',
] as const satisfies readonly (keyof FactQueries)[];
// Every part of factQueries is in FACT_KEYS (a part left out would never be read).
const everyFactKey: ListsAll<keyof FactQueries, (typeof FACT_KEYS)[number]> = true;
void everyFactKey;

/**
 * PostgreSQL, a few initiatives by id (the outbox subscriber's recompute, inside its
 * transaction): the initiatives, every fact query and the daily aggregates in ONE statement,
 * each part a JSON array (`json_agg` over the same query), instead of ~18 round trips one after
 * the other on the transaction's connection. JSON keeps the values the driver would return
 * (text stays text, integers and floats are numbers; bigint and numeric become numbers, which
 * the mapping converts with `Number` anyway).
 */
function combinedStatement(
  db: DbOrTrx,
  initiativesQuery: SelectQueryBuilder<any, any, any>,
  queries: FactQueries,
  withBasis: boolean,
  prepared: boolean,
) {
  const parts: [string, Expression<unknown>][] = [
    ['initiatives', initiativesQuery],
    ...(Object.entries(queries) as [string, Expression<unknown>][]),
    // The health basis (stored-health.service healthBasis reads the same): the thresholds'
    // setting and the stages.
    ...(withBasis
      ? ([
          [
            'basisThresholds',
            db.selectFrom('settings').select('value').where('key', '=', THRESHOLDS_KEY),
          ],
          ['basisStages', basisStagesQuery(db)],
        ] as [string, Expression<unknown>][])
      : []),
  ];
  // A select without FROM (not raw SQL: the change counter takes raw statements for writes).
  return (
    db
      .selectNoFrom(
        parts.map(([name, q]) =>
          name === 'daily'
            ? // The largest part by far (a year of days per metric): per metric, each day an
              // array of its values (no column names, no metric id repeated), oldest first.
              sql<
                unknown[]
              >`(select coalesce(json_agg(json_build_array(m.metric_id, m.days)), '[]'::json) from (select t.metric_id, json_agg(json_build_array(t.day, t.count, t.sum, t.last_at, t.last_value) order by t.day) as days from (${q}) as t group by t.metric_id) as m)`.as(
                name,
              )
            : sql<unknown[]>`(select coalesce(json_agg(t), '[]'::json) from (${q}) as t)`.as(name),
        ),
      )
      // Prepared once per connection: planning this statement costs about as much as running it.
      .$if(prepared, (q) => q.modifyFront(PREPARED))
  );
}

/** The combined statement's daily aggregates: per metric, its days as arrays of values. */
type CompactDaily = [
  metricId: string,
  days: [day: string, count: number, sum: number, lastAt: number, lastValue: number][],
][];
/** The compact daily aggregates per metric, as goalFacts takes them (no rows in between). */
function dailyByMetricOf(compact: CompactDaily): DailyByMetric {
  const out = new Map<string, DailyAggregate[]>();
  for (const [metricId, days] of compact) {
    out.set(
      metricId,
      days.map(([day, count, sum, lastAt, lastValue]) => ({
        day,
        count: num(count),
        sum: num(sum),
        lastAt: num(lastAt),
        lastValue: num(lastValue),
        sources: NO_SOURCES,
      })),
    );
  }
  return out;
}

/** Initiatives by id (at most this many) read with statements compiled once (db/templates). */
const TEMPLATE_MAX_IDS = 100;
// Per number of ids: each fact query, the heads and the combined statement.
const templates = new TemplateCache<string>((FACT_KEYS.length + 2) * TEMPLATE_MAX_IDS);

/** The values of `now` the fact queries take: the demos' window and the last day of data. */
interface FactWindow extends DemoWindow {
  dailyUntil: string;
}
const factWindow = (now: Date): FactWindow => ({
  ...demoWindow(now),
  dailyUntil: dailyUntil(now),
});

/** The marks a template is compiled with: one per id, then the window's. */
function marksFor(n: number): { ids: string[]; window: FactWindow } {
  const ids = Array.from({ length: n }, (_, i) => templateMark(i));
  return {
    ids,
    window: {
      since91: templateMark(n),
      nowIso: templateMark(n + 1),
      dailyUntil: templateMark(n + 2),
    },
  };
}
const valuesFor = (ids: readonly string[], window: FactWindow) => [
  ...ids,
  window.since91,
  window.nowIso,
  window.dailyUntil,
];

/**
 * The fact sheets of the initiatives that pass `filter`, in a fixed number of queries.
 * Keyed by initiative id, in the order of the initiatives query (title). A few initiatives
 * by id (the recompute): the statements are compiled once per number of ids and dialect
 * (building them cost as much as running them) and, on PostgreSQL, are one statement.
 */
export async function loadHealthRows(
  db: DbOrTrx,
  filter: InitiativeFilter,
  now: Date,
): Promise<Map<string, HealthRows>> {
  return (await loadRows(db, filter, now, false)).rows;
}

/** An initiative id no initiative has: the warm-up's facts statement finds nothing. */
const NO_INITIATIVE = '00000000-0000-0000-0000-000000000000';

/**
 * PostgreSQL: prepares and plans, on this connection, the facts statement of one initiative
 * (the recompute's after a change, locked, and a read's of the initiative just written share
 * it): prepared with its generic plan at its first execution, which takes 30 ms and more
 * (planning the large statement) and would otherwise be paid by the first change or read
 * that runs it on each pooled connection. Reads nothing (an id no initiative has).
 */
export async function warmHealthFacts(db: DbOrTrx, now: Date): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await loadRows(db, { readable: null, ids: [NO_INITIATIVE] }, now, false);
}

/** What the health basis is computed from (stored-health.service basisOf). */
export interface BasisSource {
  /** The thresholds' setting (JSON), null when none is stored. */
  thresholds: string | null;
  stages: RowsOf<ReturnType<typeof basisStagesQuery>>;
}

/**
 * PostgreSQL, the recompute of a few initiatives by id (at most 100) inside its transaction:
 * takes their health locks (lockInitiativeHealth's statement) and then reads their fact
 * sheets and the health basis in ONE round trip (connect.ts afterInOneTrip), where the lock
 * and the reads took two. The reads take their snapshot after the locks are held, as a
 * statement of their own would: they see whatever a recompute that held a lock committed.
 */
export async function loadLockedHealthRows(
  db: DbOrTrx,
  ids: readonly string[],
  now: Date,
): Promise<{ rows: Map<string, HealthRows>; basis: BasisSource }> {
  const requested = [...new Set(ids)];
  if (dialectOf(db) !== 'postgres' || requested.length === 0 || requested.length > 100)
    throw new Error('loadLockedHealthRows: PostgreSQL, 1 to 100 initiatives');
  const { rows, basis } = await loadRows(db, { readable: null, ids: requested }, now, true);
  if (!basis) throw new Error('loadLockedHealthRows: no basis read');
  return { rows, basis };
}

/** The most ids of a combined statement that is prepared (PREPARED). */
const PREPARED_MAX_IDS = 4;

async function loadRows(
  db: DbOrTrx,
  filter: InitiativeFilter,
  now: Date,
  locked: boolean,
): Promise<{ rows: Map<string, HealthRows>; basis?: BasisSource }> {
  const dialect = dialectOf(db);
  const window = factWindow(now);
  const headsQuery = (f: InitiativeFilter) =>
    initiativeHeads(db, f)
      .select(['i.created_at', 'i.business_deputy_id', 'i.it_deputy_id'])
      .orderBy('i.title')
      .orderBy('i.id');
  type InitiativeRow = RowsOf<ReturnType<typeof headsQuery>>[number];
  const requested = filter.ids === undefined ? undefined : [...new Set(filter.ids)];
  const byIdsOnly =
    filter.readable === null &&
    requested !== undefined &&
    requested.length > 0 &&
    requested.length <= TEMPLATE_MAX_IDS &&
    !filter.department &&
    !filter.stageId &&
    !filter.ownerId &&
    !filter.riskClass;
  // PostgreSQL, the recompute of a few initiatives by id: everything in one statement.
  const combined =
    dialect === 'postgres' &&
    filter.readable === null &&
    requested !== undefined &&
    requested.length > 0 &&
    requested.length <= 100;
  let initiatives: InitiativeRow[];
  let facts: FactRows;
  let basis: BasisSource | undefined;
  // The daily aggregates of goal progress, when read with the facts (goalFacts reads them
  // itself otherwise).
  let daily: DailyRows | DailyByMetric | null = null;
  if (combined) {
    const n = requested.length;
    // Its text changes with the number of ids, and each text prepared takes one of a
    // connection's few prepared slots for good (connect.ts MAX_PREPARED): only the usual few
    // (the subscriber's recompute of one initiative, a read computing the few just written);
    // larger ones (the refresh job's chunks, a read after many writes) are planned each time.
    const prepared = n <= PREPARED_MAX_IDS;
    // Prepared, the read unlocked (the portfolio's computation of the initiatives just
    // written, one initiative's health) is the locked read's statement (the basis read too,
    // unused), run with its generic plan as the locked one (connect.ts genericPlanned): one
    // prepared statement per connection serves both, where the unlocked one was planned for
    // its values at each of its first five executions on each pooled connection.
    const withBasis = locked || prepared;
    const template = byIdsOnly
      ? templates.get(db, `${dialect}:combined${withBasis ? '+basis' : ''}:${n}`, n, () => {
          const marks = marksFor(n);
          return combinedStatement(
            db,
            headsQuery({ readable: null, ids: marks.ids }),
            factQueries(db, marks.ids, marks.window),
            withBasis,
            prepared,
          ).compile();
        })
      : null;
    const compiled = template
      ? bindTemplate<Record<string, unknown[]>>(template, valuesFor(requested, window))
      : combinedStatement(
          db,
          headsQuery(filter),
          factQueries(db, requested, window),
          withBasis,
          prepared,
        ).compile();
    // Not prepared: the lock and the read one after the other (afterInOneTrip needs a
    // prepared read).
    if (locked && !prepared)
      await db.executeQuery(initiativeHealthLockStatement(requested).compile(db));
    const all = (
      await db.executeQuery(
        !prepared
          ? compiled
          : locked
            ? afterInOneTrip({ sql: initiativeHealthLockSql(requested), parameters: [] }, compiled)
            : genericPlanned(compiled),
      )
    ).rows[0] as Record<string, unknown[]>;
    initiatives = all.initiatives as InitiativeRow[];
    facts = all as unknown as FactRows;
    daily = dailyByMetricOf(all.daily as CompactDaily);
    if (locked)
      basis = {
        thresholds: (all.basisThresholds as { value: string }[])[0]?.value ?? null,
        stages: all.basisStages as BasisSource['stages'],
      };
  } else {
    if (locked) throw new Error('loadRows: a locked read is one combined statement');
    const byIds = byIdsOnly ? requested : null;
    const headsTemplate = byIds
      ? templates.get(db, `${dialect}:heads:${byIds.length}`, byIds.length, () =>
          headsQuery({ readable: null, ids: marksFor(byIds.length).ids }).compile(),
        )
      : null;
    initiatives =
      headsTemplate && byIds
        ? (await db.executeQuery(bindTemplate<InitiativeRow>(headsTemplate, byIds))).rows
        : await headsQuery(filter).execute();
    if (initiatives.length === 0) return { rows: new Map() };
    const ids = initiatives.map((i) => i.id);
    const n = ids.length;
    const few = n <= TEMPLATE_MAX_IDS;
    // Many initiatives (the portfolio computed from scratch): the daily aggregates are read
    // by goalFacts, by the metric ids its goals name (never a subquery the planner could
    // turn into a scan of all daily rows).
    const keys = few ? FACT_KEYS : FACT_KEYS.filter((k) => k !== 'daily');
    let built: FactQueries | undefined;
    let marked: FactQueries | undefined;
    const compiled = keys.map((key) => {
      const template = few
        ? // The stages query names no initiative: a template without marks.
          templates.get(db, `${dialect}:${key}:${n}`, key === 'stages' ? 0 : n, () => {
            const marks = marksFor(n);
            marked ??= factQueries(db, marks.ids, marks.window);
            return marked[key].compile();
          })
        : null;
      if (template) return bindTemplate(template, valuesFor(ids, window));
      built ??= factQueries(db, ids, window);
      return built[key].compile();
    });
    const results = await Promise.all(compiled.map((c) => db.executeQuery(c)));
    facts = Object.fromEntries(keys.map((k, i) => [k, results[i]?.rows])) as FactRows;
    daily = (facts.daily as DailyRows | undefined) ?? null;
  }
  const out = new Map<string, HealthRows>();
  if (initiatives.length === 0) return { rows: out, ...(basis && { basis }) };
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
  return { rows: out, ...(basis && { basis }) };
}
