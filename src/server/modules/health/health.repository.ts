/**
 * Loads the fact sheet of collaboration health (domain/health/types.ts HealthInputs) for one
 * initiative or for many at once, in a fixed number of queries however many initiatives
 * there are (one query per table, `where initiative_id in (…)`): the portfolio loads 1,000.
 * The mapping from columns to facts is docs/HEALTH.md, "How to feed it".
 */
import type {
  DemoOccurrenceFacts,
  GoalHealthFacts,
  HandoffHealthFacts,
  HealthInputs,
  MetricHealthFacts,
  OwnerView,
  SignedBy,
} from '../../../domain/health.js';
import { aggregateSeries, localDay } from '../../../domain/periods.js';
import type { RiskClass } from '../../../domain/risk.js';
import type { Side } from '../../../domain/sides.js';
import { type DbOrTrx, PREPARED } from '../../db/connect.js';
import { type Expression, type Insertable, type SelectQueryBuilder, sql } from 'kysely';
import { dialectOf } from '../../db/dialect.js';
import type { GoalsTable, HealthSnapshotsTable, InitiativeHealthTable } from '../../db/schema.js';
import { progressOf } from '../goals/goals.service.js';
import type { ReadableIds } from '../initiatives/visibility.service.js';
import { ownedOrDeputisedBy } from '../people/people.service.js';

/** The company's zone for "today" (no setting yet; the demos module's default). */
export const COMPANY_TIME_ZONE = 'Europe/Berlin';

const DAY_MS = 86_400_000;

/** Filters applied in SQL before anything else is loaded. */
export interface InitiativeFilter {
  /**
   * A subquery of the ids the person may read (visibility.service readableInitiativeIds);
   * null only for the system's own recomputes, which read every initiative.
   */
  readable: ReadableIds | null;
  ids?: readonly string[];
  department?: string | undefined;
  stageId?: string | undefined;
  ownerId?: string | undefined;
  riskClass?: RiskClass | undefined;
}

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

const num = (v: unknown): number => Number(v);
const isoOf = (v: unknown): string => new Date(num(v)).toISOString();

function group<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(r);
    else out.set(key(r), [r]);
  }
  return out;
}

/**
 * Signatures of the current version per subject: side → first signing time, and when that
 * version was created. Driven from the subject table (its initiative index), each version
 * and signature looked up by its primary key: no scan of all agreements of a kind, however
 * many there are (SQLite without statistics would otherwise start from `subject_type`).
 */
function signaturesQuery(
  db: DbOrTrx,
  subject: 'goal' | 'metric',
  initiativeIds: readonly string[],
) {
  const versionColumn = subject === 'goal' ? 's.agreement_version' : 's.definition_version';
  return (
    subject === 'goal'
      ? db.selectFrom('goals as s').select(['s.id as id', 's.agreement_version as version'])
      : db.selectFrom('metrics as s').select(['s.id as id', 's.definition_version as version'])
  )
    .select((eb) => [
      eb
        .selectFrom('agreement_versions as av')
        .select('av.created_at')
        .where('av.subject_type', '=', subject)
        .whereRef('av.subject_id', '=', 's.id')
        .where('av.version', '=', sql.ref<number>(versionColumn))
        .as('since'),
      ...(['business', 'it'] as const).map((side) =>
        eb
          .selectFrom('agreement_signatures as sg')
          .select((e) => e.fn.min('sg.signed_at').as('at'))
          .where('sg.subject_type', '=', subject)
          .whereRef('sg.subject_id', '=', 's.id')
          .where('sg.version', '=', sql.ref<number>(versionColumn))
          .where('sg.side', '=', side)
          .as(`signed_${side}`),
      ),
    ])
    .where('s.initiative_id', 'in', initiativeIds);
}

function signaturesMap(rows: readonly unknown[]): Map<string, SignedBy & { since: string | null }> {
  const out = new Map<string, SignedBy & { since: string | null }>();
  for (const r of rows as {
    id: string;
    since: string | null;
    signed_business: string | null;
    signed_it: string | null;
  }[]) {
    if (r.since === null && r.signed_business === null && r.signed_it === null) continue;
    out.set(r.id, {
      since: r.since ?? null,
      business: r.signed_business === null ? null : String(r.signed_business),
      it: r.signed_it === null ? null : String(r.signed_it),
    });
  }
  return out;
}

/**
 * The fact sheets of the initiatives that pass `filter`, in a fixed number of queries.
 * Keyed by initiative id, in the order of the initiatives query (title).
 */
/** The queries of the fact sheets' parts (not yet run): one per table, for `ids`. */
function factQueries(db: DbOrTrx, ids: readonly string[], now: Date) {
  const since91 = new Date(now.getTime() - 91 * DAY_MS).toISOString();
  const nowIso = now.toISOString();
  return {
    stages: db.selectFrom('stages').select(['key', 'position']).orderBy('position'),
    goals: db
      .selectFrom('goals as g')
      .leftJoin('metrics as m', 'm.id', 'g.metric_id')
      .selectAll('g')
      .select([
        'm.name as m_name',
        'm.unit as m_unit',
        'm.direction as m_direction',
        'm.period as m_period',
        'm.aggregation as m_aggregation',
        'm.time_zone as m_time_zone',
        'm.min_value as m_min_value',
        'm.max_value as m_max_value',
      ])
      .where('g.initiative_id', 'in', ids)
      .where('g.status', 'not in', ['dropped'])
      .orderBy('g.created_at'),
    goalSigs: signaturesQuery(db, 'goal', ids),
    handoffs: db
      .selectFrom('handoffs as h')
      .innerJoin('stages as fs', 'fs.id', 'h.from_stage_id')
      .leftJoin('stages as ts', 'ts.id', 'h.to_stage_id')
      .innerJoin('users as sender', 'sender.id', 'h.sender_id')
      .select([
        'h.id',
        'h.initiative_id',
        'h.title',
        'h.state',
        'h.receiver_side',
        'h.due_date',
        'h.return_count',
        'h.closed_at',
        'fs.name_de as from_de',
        'fs.name_en as from_en',
        'ts.name_de as to_de',
        'ts.name_en as to_en',
        'sender.side as sender_side',
      ])
      .where('h.initiative_id', 'in', ids)
      .where('h.state', 'not in', ['draft', 'withdrawn'])
      .orderBy('h.created_at'),
    questions: db
      .selectFrom('handoff_questions as q')
      .innerJoin('handoffs as h', 'h.id', 'q.handoff_id')
      .select(['q.id', 'q.handoff_id', 'q.asked_at', 'q.asked_by_party'])
      .where('h.initiative_id', 'in', ids)
      .where('q.answered_at', 'is', null)
      .where('q.withdrawn_at', 'is', null),
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
    metrics: db
      .selectFrom('metrics')
      .select(['id', 'initiative_id', 'name', 'unit', 'period', 'created_at'])
      .where('initiative_id', 'in', ids)
      .orderBy('created_at'),
    metricSigs: signaturesQuery(db, 'metric', ids),
    // Per metric, by its index: never a join the planner could turn into a scan of every
    // metric's daily rows (PostgreSQL did, before statistics after a bulk load).
    lastData: db
      .selectFrom('metrics as m')
      .select([
        'm.id as metric_id',
        (eb) =>
          eb
            .selectFrom('metric_daily as d')
            .select((e) => e.fn.max('d.last_at').as('last_at'))
            .whereRef('d.metric_id', '=', 'm.id')
            .as('last_at'),
      ])
      .where('m.initiative_id', 'in', ids),
    pushes: db
      .selectFrom('measurements as ms')
      .innerJoin('metrics as m', 'm.id', 'ms.metric_id')
      .innerJoin('api_tokens as t', 't.id', 'ms.token_id')
      .select([
        'ms.metric_id',
        't.id as token_id',
        't.name',
        (eb) => eb.fn.max('ms.created_at').as('last_push'),
      ])
      .where('m.initiative_id', 'in', ids)
      .where('ms.token_id', 'is not', null)
      .where('t.revoked_at', 'is', null)
      .groupBy(['ms.metric_id', 't.id', 't.name']),
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
    nextOccurrences: db
      .selectFrom('demo_occurrences')
      .select(['initiative_id', (eb) => eb.fn.min('starts_at').as('next')])
      .where('initiative_id', 'in', ids)
      .where('starts_at', '>', nowIso)
      .groupBy('initiative_id'),
  };
}

type FactQueries = ReturnType<typeof factQueries>;
type RowsOf<Q> = Q extends { execute(): Promise<infer R> } ? R : never;
type FactRows = { [K in keyof FactQueries]: RowsOf<FactQueries[K]> };

/** The daily aggregates of the given metrics (or of a subquery's), oldest first per metric. */
function dailyQuery(
  db: DbOrTrx,
  metricIds: readonly string[] | ReturnType<typeof progressMetricIds>,
) {
  return db
    .selectFrom('metric_daily')
    .select(['metric_id', 'day', 'count', 'sum', 'last_at', 'last_value'])
    .where('metric_id', 'in', metricIds)
    .orderBy('metric_id')
    .orderBy('day');
}

/** In SQL, the metrics agreed goals of `ids` measure progress by (as `progressGoals` below). */
function progressMetricIds(db: DbOrTrx, ids: readonly string[]) {
  return db
    .selectFrom('goals as pg')
    .select('pg.metric_id')
    .where('pg.initiative_id', 'in', ids)
    .where('pg.status', '=', 'agreed')
    .where('pg.metric_id', 'is not', null)
    .where('pg.baseline_value', 'is not', null)
    .where('pg.baseline_date', 'is not', null)
    .where('pg.target_value', 'is not', null)
    .where('pg.due_date', 'is not', null);
}

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

export async function loadHealthRows(
  db: DbOrTrx,
  filter: InitiativeFilter,
  now: Date,
): Promise<Map<string, HealthRows>> {
  let q = db
    .selectFrom('initiatives as i')
    .innerJoin('stages as st', 'st.id', 'i.stage_id')
    .innerJoin('users as bo', 'bo.id', 'i.business_owner_id')
    .innerJoin('users as io', 'io.id', 'i.it_owner_id')
    .select([
      'i.id',
      'i.title',
      'i.department',
      'i.risk_class',
      'i.created_at',
      'i.business_owner_id',
      'i.it_owner_id',
      'i.business_deputy_id',
      'i.it_deputy_id',
      'st.id as stage_id',
      'st.key as stage_key',
      'st.name_de as stage_de',
      'st.name_en as stage_en',
      'st.position as stage_position',
      'bo.name as bo_name',
      'io.name as io_name',
    ])
    .orderBy('i.title')
    .orderBy('i.id');
  if (filter.readable) q = q.where('i.id', 'in', filter.readable);
  if (filter.ids) q = q.where('i.id', 'in', filter.ids.length ? filter.ids : ['']);
  if (filter.department) q = q.where('i.department', '=', filter.department);
  if (filter.stageId) q = q.where('i.stage_id', '=', filter.stageId);
  if (filter.riskClass) q = q.where('i.risk_class', '=', filter.riskClass);
  if (filter.ownerId) q = q.where(ownedOrDeputisedBy(filter.ownerId));
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
  let daily: RowsOf<ReturnType<typeof dailyQuery>>;
  if (combined) {
    const ids = [...new Set(filter.ids)];
    const all = await combinedFacts(db, q, factQueries(db, ids, now), ids);
    initiatives = all.initiatives as InitiativeRow[];
    facts = all as unknown as FactRows;
    daily = all.daily as typeof daily;
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
    daily = [];
  }
  const out = new Map<string, HealthRows>();
  if (initiatives.length === 0) return out;
  const {
    stages,
    goals,
    handoffs,
    questions,
    cadences,
    occurrences,
    attendance,
    lastHeld,
    actions,
    metrics,
    lastData,
    pushes,
    updates,
    nextOccurrences,
  } = facts;
  const goalSigs = signaturesMap(facts.goalSigs);
  const metricSigs = signaturesMap(facts.metricSigs);

  // Goal progress (behind plan, forecast): the daily aggregates of the metrics that agreed
  // goals measure by, in one query, folded per metric's own period.
  const progressGoals = goals.filter(
    (g) =>
      g.status === 'agreed' &&
      g.metric_id !== null &&
      g.baseline_value !== null &&
      g.baseline_date !== null &&
      g.target_value !== null &&
      g.due_date !== null,
  );
  const withProgress = new Set(progressGoals);
  const seriesMetricIds = [...new Set(progressGoals.map((g) => g.metric_id as string))];
  if (!combined && seriesMetricIds.length) daily = await dailyQuery(db, seriesMetricIds).execute();
  const dailyBy = group(daily, (d) => d.metric_id);

  const stageKeys = stages.map((s) => ({ key: s.key, position: num(s.position) }));
  const goalsBy = group(goals, (g) => g.initiative_id);
  const handoffsBy = group(handoffs, (h) => h.initiative_id);
  const questionsBy = group(questions, (q) => q.handoff_id);
  const cadenceBy = new Map(cadences.map((c) => [c.initiative_id, c]));
  const occurrencesBy = group(occurrences, (o) => o.initiative_id);
  const attendanceBy = group(attendance, (a) => a.occurrence_id);
  const lastHeldBy = new Map(lastHeld.map((l) => [l.initiative_id, String(l.last)]));
  const actionsBy = group(actions, (a) => a.initiative_id);
  const metricsBy = group(metrics, (m) => m.initiative_id);
  const lastDataBy = new Map(
    lastData.filter((d) => d.last_at !== null).map((d) => [d.metric_id, num(d.last_at)]),
  );
  const pushesBy = group(pushes, (p) => p.metric_id);
  const updatesBy = group(updates, (u) => u.initiative_id);
  const nextOccurrenceBy = new Map(nextOccurrences.map((o) => [o.initiative_id, String(o.next)]));

  for (const i of initiatives) {
    const position = num(i.stage_position);
    const goalFacts: GoalHealthFacts[] = [];
    for (const g of goalsBy.get(i.id) ?? []) {
      const sig = goalSigs.get(g.id);
      let progress: GoalHealthFacts['progress'] = null;
      let forecast: GoalHealthFacts['forecast'] = null;
      if (withProgress.has(g) && g.m_name !== null) {
        const m = {
          id: g.metric_id as string,
          name: g.m_name,
          unit: g.m_unit ?? '',
          direction: g.m_direction ?? 'higher_is_better',
          period: g.m_period ?? 'day',
          aggregation: g.m_aggregation ?? 'sum',
          time_zone: g.m_time_zone ?? COMPANY_TIME_ZONE,
          min_value: g.m_min_value ?? null,
          max_value: g.m_max_value ?? null,
          initiative_id: g.initiative_id,
        };
        const days = dailyBy.get(m.id) ?? [];
        const series = aggregateSeries(
          days.map((d) => ({
            day: d.day,
            count: num(d.count),
            sum: num(d.sum),
            lastAt: num(d.last_at),
            lastValue: num(d.last_value),
            sources: [],
          })),
          m.period,
          m.aggregation,
        );
        const row = g as unknown as GoalsTable;
        const p = await progressOf(async () => series, row, m, now);
        if (p.progress.current && p.progress.plan !== null)
          progress = { currentValue: p.progress.current.value, planValue: p.progress.plan };
        if (p.progress.forecast)
          forecast = {
            valueAtDue: p.progress.forecast.valueAtDue,
            meetsTarget: p.progress.forecast.meetsTarget,
          };
      }
      goalFacts.push({
        id: g.id,
        statement: g.statement,
        status: g.status,
        proposedAt: num(g.agreement_version) === 0 ? null : (sig?.since ?? null),
        signedAt: { business: sig?.business ?? null, it: sig?.it ?? null },
        dueDate: g.due_date,
        baselineValue: g.baseline_value === null ? null : num(g.baseline_value),
        targetValue: g.target_value === null ? null : num(g.target_value),
        metric: g.m_name === null ? null : { name: g.m_name, unit: g.m_unit ?? '' },
        progress,
        forecast,
      });
    }

    const handoffFacts: HandoffHealthFacts[] = (handoffsBy.get(i.id) ?? []).map((h) => ({
      id: h.id,
      title: h.title,
      fromStage: { de: h.from_de, en: h.from_en },
      toStage: h.to_de === null || h.to_en === null ? null : { de: h.to_de, en: h.to_en },
      state: h.state,
      senderSide: h.sender_side,
      receiverSide: h.receiver_side,
      dueDate: h.due_date,
      returns: num(h.return_count),
      closedAt: h.closed_at,
      openQuestions: (questionsBy.get(h.id) ?? []).map((q) => ({
        id: q.id,
        askedAt: q.asked_at,
        askedBy: q.asked_by_party,
      })),
    }));

    const cadence = cadenceBy.get(i.id);
    const zone = cadence?.time_zone ?? COMPANY_TIME_ZONE;
    const occurrenceFacts: DemoOccurrenceFacts[] = (occurrencesBy.get(i.id) ?? []).map((o) => {
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
    });
    const held = lastHeldBy.get(i.id);

    const metricFacts: MetricHealthFacts[] = (metricsBy.get(i.id) ?? []).map((m) => {
      const sig = metricSigs.get(m.id);
      const last = lastDataBy.get(m.id);
      return {
        id: m.id,
        name: m.name,
        unit: m.unit,
        period: m.period,
        createdAt: m.created_at,
        definitionSince: sig?.since ?? m.created_at,
        signedAt: { business: sig?.business ?? null, it: sig?.it ?? null },
        lastDataAt: last === undefined ? null : new Date(last).toISOString(),
        pushSources: (pushesBy.get(m.id) ?? []).map((p) => ({
          tokenId: p.token_id,
          name: p.name,
          lastPushAt: isoOf(p.last_push),
        })),
      };
    });

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
        goals: goalFacts,
        handoffs: handoffFacts,
        demos: {
          cadence: cadence
            ? {
                interval: cadence.repeat_interval,
                startsOn: cadence.starts_on,
                timeZone: cadence.time_zone,
              }
            : null,
          occurrences: occurrenceFacts,
          lastHeldDay: held ? localDay(Date.parse(held), zone) : null,
          openActionItems: (actionsBy.get(i.id) ?? []).map((a) => ({
            id: a.id,
            occurrenceId: a.occurrence_id,
            text: a.text,
            dueDate: a.action_due_date,
          })),
        },
        metrics: metricFacts,
        ownerUpdates: { business: updateOf('business'), it: updateOf('it') },
      },
    });
  }
  return out;
}

/** The health thresholds setting's key in `settings`. */
export const THRESHOLDS_KEY = 'health_thresholds';

export async function findThresholdSetting(db: DbOrTrx) {
  return db
    .selectFrom('settings')
    .select(['value', 'updated_at'])
    .where('key', '=', THRESHOLDS_KEY)
    .executeTakeFirst();
}

export async function saveThresholdSetting(
  db: DbOrTrx,
  value: string,
  actorId: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: THRESHOLDS_KEY, value, updated_by: actorId, updated_at: at })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value, updated_by: actorId, updated_at: at }),
    )
    .execute();
}

/** One initiative's health on one day, as stored. */
export type SnapshotRow = HealthSnapshotsTable;

/** Upserts a batch of one day's snapshots (a second run the same day replaces them). */
export async function saveSnapshots(db: DbOrTrx, rows: SnapshotRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('health_snapshots')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['initiative_id', 'day']).doUpdateSet((eb) => ({
        ampel: eb.ref('excluded.ampel'),
        score: eb.ref('excluded.score'),
        areas: eb.ref('excluded.areas'),
        reasons: eb.ref('excluded.reasons'),
        computed_at: eb.ref('excluded.computed_at'),
      })),
    )
    .execute();
}

/** One initiative's snapshots from `fromDay` on, oldest first. */
export async function findSnapshots(db: DbOrTrx, initiativeId: string, fromDay: string) {
  return db
    .selectFrom('health_snapshots')
    .select(['day', 'ampel', 'score', 'areas', 'reasons'])
    .where('initiative_id', '=', initiativeId)
    .where('day', '>=', fromDay)
    .orderBy('day')
    .execute();
}

// ───────────────────────────── stored current health ─────────────────────────────

export type StoredHealthRow = Insertable<InitiativeHealthTable>;

/**
 * Upserts the stored health of some initiatives: a parallel recompute of the same initiative
 * (another instance) makes this an update, never a duplicate-key error.
 */
export async function saveCurrentHealth(db: DbOrTrx, rows: readonly StoredHealthRow[]) {
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    await db
      .insertInto('initiative_health')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('initiative_id').doUpdateSet((eb) => ({
          day: eb.ref('excluded.day'),
          computed_at: eb.ref('excluded.computed_at'),
          revision: eb.ref('excluded.revision'),
          valid_until: eb.ref('excluded.valid_until'),
          basis: eb.ref('excluded.basis'),
          ampel: eb.ref('excluded.ampel'),
          score: eb.ref('excluded.score'),
          weakest: eb.ref('excluded.weakest'),
          areas: eb.ref('excluded.areas'),
          waiting: eb.ref('excluded.waiting'),
          result: eb.ref('excluded.result'),
        })),
      )
      .execute();
  }
}

/** The initiatives passing `filter` (as in loadHealthRows), in SQL: ids of the query below. */
function filtered(db: DbOrTrx, filter: InitiativeFilter) {
  let q = db.selectFrom('initiatives as i');
  if (filter.readable) q = q.where('i.id', 'in', filter.readable);
  if (filter.ids) q = q.where('i.id', 'in', filter.ids.length ? filter.ids : ['']);
  if (filter.department) q = q.where('i.department', '=', filter.department);
  if (filter.stageId) q = q.where('i.stage_id', '=', filter.stageId);
  if (filter.riskClass) q = q.where('i.risk_class', '=', filter.riskClass);
  if (filter.ownerId) q = q.where(ownedOrDeputisedBy(filter.ownerId));
  return q;
}

/**
 * The initiatives passing `filter` whose stored health cannot be used at `now`: none stored,
 * expired (`valid_until`), or computed with other thresholds or stages (`basis`).
 */
export async function findStaleHealthIds(
  db: DbOrTrx,
  filter: InitiativeFilter,
  nowIso: string,
  basis: string,
): Promise<string[]> {
  const rows = await filtered(db, filter)
    .leftJoin('initiative_health as ih', 'ih.initiative_id', 'i.id')
    .select('i.id')
    .where((eb) =>
      eb.or([
        eb('ih.initiative_id', 'is', null),
        eb('ih.valid_until', '<=', nowIso),
        eb('ih.basis', '<>', basis),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The portfolio's rows and, in the same scan, whether each can be used at `nowIso` (as
 * findStaleHealthIds): initiatives without stored health come with `ampel` null.
 */
export async function findPortfolioRowsWithFreshness(db: DbOrTrx, filter: InitiativeFilter) {
  return filtered(db, filter)
    .leftJoin('initiative_health as ih', 'ih.initiative_id', 'i.id')
    .innerJoin('stages as st', 'st.id', 'i.stage_id')
    .innerJoin('users as bo', 'bo.id', 'i.business_owner_id')
    .innerJoin('users as io', 'io.id', 'i.it_owner_id')
    .select([
      'i.id',
      'i.title',
      'i.department',
      'i.risk_class',
      'i.business_owner_id',
      'i.it_owner_id',
      'st.id as stage_id',
      'st.key as stage_key',
      'st.name_de as stage_de',
      'st.name_en as stage_en',
      'st.position as stage_position',
      'bo.name as bo_name',
      'io.name as io_name',
      'ih.ampel',
      'ih.score',
      'ih.revision',
      'ih.waiting',
      'ih.valid_until',
      'ih.basis',
    ])
    .orderBy('i.title')
    .orderBy('i.id')
    .execute();
}

/** The stored cells (weakest areas, the five areas) of some initiatives, with their revision. */
export async function findHealthCells(db: DbOrTrx, ids: readonly string[]) {
  const out: { initiative_id: string; revision: string; weakest: string; areas: string }[] = [];
  for (let i = 0; i < ids.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('initiative_health')
        .select(['initiative_id', 'revision', 'weakest', 'areas'])
        .where('initiative_id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  return out;
}

/**
 * The stored results (HealthResult as JSON) of the initiatives passing `filter`, one indexed
 * read by primary key each: My desk's "my initiatives".
 */
export async function findStoredResults(db: DbOrTrx, filter: InitiativeFilter) {
  return filtered(db, filter)
    .innerJoin('initiative_health as ih', 'ih.initiative_id', 'i.id')
    .select(['ih.initiative_id', 'ih.result'])
    .execute();
}
