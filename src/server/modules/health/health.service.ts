/**
 * Collaboration health on the server: the domain's pure computeHealth fed from the database
 * for one initiative (healthOf) or many at once (healthOfMany), always through the one
 * visibility rule; the admin's threshold overrides; the owners' weekly updates; the
 * portfolio. Other modules (My desk, live updates, reports) use these exported functions.
 */
import type {
  ExplainedReason,
  HealthHistory,
  InitiativeHealth,
  RememberedReason,
} from '../../../contracts/collaboration-health.js';
import {
  HealthThresholdOverridesSchema,
  type HealthThresholdSettings,
} from '../../../contracts/health-thresholds.js';
import type { Portfolio, PortfolioQuery, WaitingCount } from '../../../contracts/portfolio.js';
import type {
  WeeklyUpdate,
  WeeklyUpdates,
  WriteWeeklyUpdateBody,
} from '../../../contracts/weekly-updates.js';
import {
  applyThresholdOverrides,
  type AreaHealth,
  computeHealth,
  DEFAULT_HEALTH_THRESHOLDS,
  HEALTH_AREAS,
  type HealthInputs,
  type HealthReason,
  type HealthResult,
  type HealthThresholdOverrides,
  type HealthThresholds,
} from '../../../domain/health.js';
import { describeReason, healthLinkPath } from '../../../domain/health-messages.js';
import { localDay } from '../../../domain/periods.js';
import type { Side } from '../../../domain/sides.js';
import { isoWeekOf, sidesWrittenBy } from '../../../domain/weekly-updates.js';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { dialectOf, lockInitiativeHealth } from '../../db/dialect.js';
import { newId } from '../../db/ids.js';
import { pendingStreams } from '../../events/outbox.repository.js';
import type { ExternalSubscriber, Job, TransactionalSubscriber } from '../../events/registry.js';
import { forbidden, invalidFields, notFound } from '../../http/problems.js';
import { entity, record } from '../audit/audit.service.js';
import { loadReadable, readableInitiativeIds } from '../initiatives/visibility.service.js';
import {
  COMPANY_TIME_ZONE,
  findHealthCells,
  findPortfolioRowsWithFreshness,
  findSnapshots,
  findStaleHealthIds,
  findStoredResults,
  findThresholdSetting,
  type HealthRows,
  type InitiativeFilter,
  type InitiativeHead,
  loadHealthRows,
  saveCurrentHealth,
  saveSnapshots,
  saveThresholdSetting,
  type StoredHealthRow,
  THRESHOLDS_KEY,
} from './health.repository.js';

export type { InitiativeHead } from './health.repository.js';
export { COMPANY_TIME_ZONE } from './health.repository.js';

type Who = Pick<Actor, 'id' | 'role'>;

// ───────────────────────────── thresholds ─────────────────────────────

/** The thresholds in use: the defaults with the admin's stored overrides. */
export async function loadThresholds(db: DbOrTrx): Promise<HealthThresholds> {
  return thresholdsOf((await findThresholdSetting(db))?.value);
}

/** The thresholds from the stored overrides' JSON (undefined: none stored). */
function thresholdsOf(value: string | undefined): HealthThresholds {
  if (value === undefined) return DEFAULT_HEALTH_THRESHOLDS;
  const parsed = HealthThresholdOverridesSchema.safeParse(JSON.parse(value));
  // A stored setting was validated when written; should a later release tighten a bound,
  // the defaults apply rather than failing every page.
  return parsed.success ? applyThresholdOverrides(parsed.data) : DEFAULT_HEALTH_THRESHOLDS;
}

export async function getThresholdSettings(ctx: AppContext): Promise<HealthThresholdSettings> {
  const row = await findThresholdSetting(ctx.db.kysely);
  const overrides = row ? (JSON.parse(row.value) as HealthThresholdOverrides) : {};
  return {
    overrides: overrides as HealthThresholdSettings['overrides'],
    effective: (await loadThresholds(ctx.db.kysely)) as HealthThresholdSettings['effective'],
    defaults: DEFAULT_HEALTH_THRESHOLDS as HealthThresholdSettings['defaults'],
    updatedAt: row?.updated_at ?? null,
  };
}

/** Stores an admin's overrides (any subset; `{}` restores the defaults), audited. */
export async function updateThresholdSettings(
  ctx: AppContext,
  actor: Actor,
  body: unknown,
): Promise<HealthThresholdSettings> {
  const parsed = HealthThresholdOverridesSchema.safeParse(body);
  if (!parsed.success)
    throw invalidFields(
      parsed.error.issues.map((i) => {
        const path = [...i.path.map(String), ...(i.code === 'unrecognized_keys' ? i.keys : [])];
        const code =
          i.code === 'too_small' || i.code === 'too_big'
            ? 'out_of_range'
            : i.code === 'custom'
              ? 'range'
              : 'invalid';
        return { pointer: `/body/${path.join('/')}`, message: i.message, code } as const;
      }),
    );
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await findThresholdSetting(trx);
    const value = JSON.stringify(parsed.data);
    await saveThresholdSetting(trx, value, actor.id, now.toISOString());
    await record(
      trx,
      actor.id,
      now,
      entity('setting', 'health_thresholds', null),
      'setting.health_thresholds_changed',
      { before: before ? JSON.parse(before.value) : {}, after: parsed.data },
    );
  });
  return getThresholdSettings(ctx);
}

// ───────────────────────────── health ─────────────────────────────

function explain(initiativeId: string, r: HealthReason): ExplainedReason {
  return {
    ...r,
    text: { de: describeReason(r, 'de'), en: describeReason(r, 'en') },
    href: healthLinkPath(initiativeId, r.link),
  } as ExplainedReason;
}

/** The result with every reason in words (both languages) and a link to the thing to fix. */
export function explainHealth(h: HealthResult): InitiativeHealth {
  const area = (a: AreaHealth) => ({
    ...a,
    reasons: a.reasons.map((r) => explain(h.initiativeId, r)),
  });
  return {
    ...h,
    overall: { ...h.overall, reason: explain(h.initiativeId, h.overall.reason) },
    pillars: {
      goals: area(h.pillars.goals),
      handoffs: area(h.pillars.handoffs),
      demos: area(h.pillars.demos),
      metrics: area(h.pillars.metrics),
    },
    owners: area(h.owners),
  } as InitiativeHealth;
}

/** One initiative's fact sheet, for the reader (404 when they may not read it). */
export async function healthInputsOf(
  ctx: AppContext,
  actor: Who,
  initiativeId: string,
  now: Date = ctx.now(),
): Promise<HealthInputs> {
  await loadReadable(ctx.db.kysely, actor, initiativeId);
  const rows = await loadHealthRows(
    ctx.db.kysely,
    { readable: readableInitiativeIds(ctx.db.kysely, actor), ids: [initiativeId] },
    now,
  );
  const row = rows.get(initiativeId);
  if (!row) throw notFound('Initiative');
  return row.inputs;
}

/** GET /api/initiatives/:id/health: one initiative's health, explained. 404 if unreadable. */
export async function healthOf(
  ctx: AppContext,
  actor: Who,
  initiativeId: string,
  now: Date = ctx.now(),
): Promise<InitiativeHealth> {
  const [inputs, thresholds] = await Promise.all([
    healthInputsOf(ctx, actor, initiativeId, now),
    loadThresholds(ctx.db.kysely),
  ]);
  return explainHealth(computeHealth(inputs, thresholds, now));
}

export interface HealthOfManyEntry {
  head: InitiativeHead;
  inputs: HealthInputs;
  health: HealthResult;
}

/**
 * The health of every initiative the actor may read (optionally only `filter.ids`, or those
 * matching the portfolio's filters), in a fixed number of queries. Unreadable ids are left
 * out silently. Ordered by title.
 */
export async function healthOfMany(
  ctx: AppContext,
  actor: Who,
  filter: Omit<InitiativeFilter, 'readable'> = {},
  now: Date = ctx.now(),
): Promise<HealthOfManyEntry[]> {
  const db = ctx.db.kysely;
  const [rows, thresholds] = await Promise.all([
    loadHealthRows(db, { ...filter, readable: readableInitiativeIds(db, actor) }, now),
    loadThresholds(db),
  ]);
  return [...rows.values()].map((r: HealthRows) => ({
    ...r,
    health: computeHealth(r.inputs, thresholds, now),
  }));
}

// ───────────────────────────── weekly updates ─────────────────────────────

const HISTORY_WEEKS = 12;

/** The current ISO week in the company's zone. */
export const currentWeek = (now: Date): string =>
  isoWeekOf(localDay(now.getTime(), COMPANY_TIME_ZONE));

async function updateRows(db: DbOrTrx, initiativeId: string) {
  return db
    .selectFrom('weekly_updates as w')
    .leftJoin('users as u', 'u.id', 'w.author_id')
    .select([
      'w.id',
      'w.initiative_id',
      'w.side',
      'w.week',
      'w.owner_view',
      'w.text',
      'w.written_at',
      'u.id as author_id',
      'u.name as author_name',
      'u.side as author_side',
      'u.department as author_department',
    ])
    .where('w.initiative_id', '=', initiativeId)
    .orderBy('w.week', 'desc')
    .orderBy('w.side')
    .limit(HISTORY_WEEKS * 2)
    .execute();
}

function presentUpdate(r: Awaited<ReturnType<typeof updateRows>>[number]): WeeklyUpdate {
  return {
    id: r.id,
    initiativeId: r.initiative_id,
    side: r.side,
    week: r.week,
    view: r.owner_view,
    text: r.text,
    author:
      r.author_id && r.author_name && r.author_side
        ? {
            id: r.author_id,
            name: r.author_name,
            side: r.author_side,
            department: r.author_department ?? null,
          }
        : null,
    writtenAt: r.written_at,
  };
}

/** GET /api/initiatives/:id/weekly-updates. */
export async function listWeeklyUpdates(
  ctx: AppContext,
  actor: Who,
  initiativeId: string,
): Promise<WeeklyUpdates> {
  const { row } = await loadReadable(ctx.db.kysely, actor, initiativeId);
  const history = (await updateRows(ctx.db.kysely, initiativeId)).map(presentUpdate);
  const latest = (side: Side) => history.find((u) => u.side === side) ?? null;
  return {
    latest: { business: latest('business'), it: latest('it') },
    currentWeek: currentWeek(ctx.now()),
    canWrite: actor.role === 'viewer' ? [] : sidesWrittenBy(row, actor.id),
    history,
  };
}

/**
 * POST /api/initiatives/:id/weekly-updates: the owner (or deputy) of a side writes that
 * side's view for this week; writing again the same week replaces it (audited as replaced).
 */
export async function writeWeeklyUpdate(
  ctx: AppContext,
  actor: Actor,
  initiativeId: string,
  body: WriteWeeklyUpdateBody,
): Promise<WeeklyUpdates> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { row } = await loadReadable(trx, actor, initiativeId);
    if (!sidesWrittenBy(row, actor.id).includes(body.side))
      throw forbidden(
        body.side === 'business'
          ? 'Only the business owner or their deputy writes the business side’s weekly update'
          : 'Only the IT owner or their deputy writes the IT side’s weekly update',
      );
    const week = currentWeek(now);
    const at = now.toISOString();
    const before = await trx
      .selectFrom('weekly_updates')
      .select(['id', 'owner_view', 'text', 'author_id', 'written_at'])
      .where('initiative_id', '=', initiativeId)
      .where('side', '=', body.side)
      .where('week', '=', week)
      .executeTakeFirst();
    const id = before?.id ?? newId();
    const values = {
      owner_view: body.view,
      text: body.text,
      author_id: actor.id,
      written_at: at,
    };
    await trx
      .insertInto('weekly_updates')
      .values({ id, initiative_id: initiativeId, side: body.side, week, ...values })
      .onConflict((oc) => oc.columns(['initiative_id', 'side', 'week']).doUpdateSet(values))
      .execute();
    const after = { side: body.side, week, view: body.view, text: body.text };
    await record(
      trx,
      actor.id,
      now,
      entity('weekly_update', id, initiativeId),
      before ? 'weekly_update.replaced' : 'weekly_update.written',
      before
        ? {
            before: {
              side: body.side,
              week,
              view: before.owner_view,
              text: before.text,
              authorId: before.author_id,
              writtenAt: before.written_at,
            },
            after,
          }
        : { after },
    );
  });
  return listWeeklyUpdates(ctx, actor, initiativeId);
}

// ───────────────────────────── portfolio cells, waiting counts ─────────────────────────────

const SEVERITY = { red: 0, amber: 1, green: 2 } as const;

/** `localeCompare`'s order (the default locale), without building a collator per call. */
const TITLE_ORDER = new Intl.Collator();

/** What waits for whom, counted from the fact sheets (the same facts health judges). */
function waitingOf(inputs: HealthInputs, counts: Map<string, number>) {
  const add = (kind: WaitingCount['kind'], side: Side) => {
    const key = `${kind}:${side}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  for (const g of inputs.goals) {
    if (g.status !== 'proposed') continue;
    if (!g.signedAt.business) add('goal_signature', 'business');
    if (!g.signedAt.it) add('goal_signature', 'it');
  }
  for (const m of inputs.metrics) {
    if (m.signedAt.business && m.signedAt.it) continue;
    if (!m.signedAt.business) add('metric_signature', 'business');
    if (!m.signedAt.it) add('metric_signature', 'it');
  }
  for (const h of inputs.handoffs) {
    if (h.state === 'submitted') add('handoff_answer', h.receiverSide);
    for (const q of h.openQuestions)
      add('question_answer', q.askedBy === 'sender' ? h.receiverSide : h.senderSide);
  }
  for (const side of ['business', 'it'] as const)
    if (!inputs.ownerUpdates[side]) add('weekly_update', side);
}

type Cell = Portfolio['rows'][number]['areas']['goals'];

interface CachedCells {
  revision: string;
  weakest: string;
  /** The five cells as stored (both languages). */
  areas: string;
  /** The serialised tail of a row per language asked for (`both`: as stored). */
  forms: { both?: string; de?: string; en?: string };
}
type CellCache = Map<string, CachedCells>;

/** A row's `"weakest":…},"areas":…}` tail, the reason sentences only in `lang` if given. */
function cellsTail(c: CachedCells, lang: 'de' | 'en' | undefined): string {
  const key = lang ?? 'both';
  let tail = c.forms[key];
  if (tail === undefined) {
    let areas = c.areas;
    if (lang) {
      const parsed = JSON.parse(c.areas) as Record<string, Cell>;
      for (const cell of Object.values(parsed))
        if (cell.top) cell.top = { [lang]: cell.top[lang] ?? '' };
      areas = JSON.stringify(parsed);
    }
    tail = `"weakest":${c.weakest}},"areas":${areas}}`;
    c.forms[key] = tail;
  }
  return tail;
}
const cellCache = new WeakMap<object, CellCache>();

/** An area as the portfolio shows it: Ampel, score, how many reasons and the largest one. */
function cellOf(a: AreaHealth): Cell {
  const top = a.reasons[0];
  return {
    ampel: a.ampel,
    score: a.score,
    applicable: a.applicable,
    reasons: a.reasons.length,
    top: top ? { de: describeReason(top, 'de'), en: describeReason(top, 'en') } : null,
  };
}

// ───────────────────────────── stored current health ─────────────────────────────

/** The outbox subscriber that keeps `initiative_health` up to date. */
export const HEALTH_SUBSCRIBER = 'health.recompute';

/**
 * The thresholds in use and a fingerprint of everything besides an initiative's own facts
 * that its health depends on (thresholds, the stages: names, order, keys). A stored row
 * computed with another fingerprint is stale.
 */
export async function healthBasis(
  db: DbOrTrx,
): Promise<{ thresholds: HealthThresholds; basis: string }> {
  const stagesQuery = db
    .selectFrom('stages')
    .select(['id', 'key', 'position', 'name_de', 'name_en'])
    .orderBy('position')
    .orderBy('id');
  let thresholds: HealthThresholds;
  let stages: Awaited<ReturnType<typeof stagesQuery.execute>>;
  if (dialectOf(db) === 'postgres') {
    // One round trip (inside the subscriber's transaction each one waits for the last).
    // A select without FROM (not raw SQL: the change counter takes raw statements for writes).
    const row = await db
      .selectNoFrom([
        sql<string | null>`(select value from settings where key = ${THRESHOLDS_KEY})`.as('value'),
        sql<
          typeof stages
        >`(select coalesce(json_agg(t), '[]'::json) from (${stagesQuery}) as t)`.as('stages'),
      ])
      .executeTakeFirstOrThrow();
    thresholds = thresholdsOf(row.value ?? undefined);
    stages = row.stages;
  } else {
    [thresholds, stages] = await Promise.all([loadThresholds(db), stagesQuery.execute()]);
  }
  const basis = createHash('sha256')
    .update(
      JSON.stringify([thresholds, stages.map((st) => ({ ...st, position: Number(st.position) }))]),
    )
    .digest('base64url')
    .slice(0, 22);
  return { thresholds, basis };
}

const nextDayCache = new Map<string, number>();

/** The first instant after `ms` that lies on another calendar day in `zone` (to the ms). */
export function nextDayStart(ms: number, zone: string): number {
  const day = localDay(ms, zone);
  const key = `${zone}|${day}`;
  const cached = nextDayCache.get(key);
  if (cached !== undefined && cached > ms) return cached;
  // A day is at most 25 hours long: search the change between now and 26 hours on.
  let lo = ms;
  let hi = ms + 26 * 3_600_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDay(mid, zone) === day) lo = mid;
    else hi = mid;
  }
  if (nextDayCache.size > 1000) nextDayCache.clear();
  nextDayCache.set(key, hi);
  return hi;
}

/**
 * Until when a computed health stays right without any write: the rules count days in the
 * company's zone, UTC (handoff due dates) and the demo cadence's zone, and a demo occurrence
 * joins the facts when it starts.
 */
function validUntil(row: HealthRows, now: Date): string {
  const ms = now.getTime();
  let until = Math.min(
    nextDayStart(ms, row.inputs.timeZone),
    nextDayStart(ms, COMPANY_TIME_ZONE),
    nextDayStart(ms, 'UTC'),
  );
  const cadenceZone = row.inputs.demos.cadence?.timeZone;
  if (cadenceZone) until = Math.min(until, nextDayStart(ms, cadenceZone));
  if (row.nextOccurrenceAt) until = Math.min(until, Date.parse(row.nextOccurrenceAt));
  return new Date(Math.max(until, ms + 1)).toISOString();
}

type WaitingMap = Map<string, number>;

function storedRowOf(
  row: HealthRows,
  health: HealthResult,
  now: Date,
  basis: string,
): StoredHealthRow {
  const counts: WaitingMap = new Map();
  waitingOf(row.inputs, counts);
  const weakest = JSON.stringify(health.overall.weakest);
  const areas = JSON.stringify({
    goals: cellOf(health.pillars.goals),
    handoffs: cellOf(health.pillars.handoffs),
    demos: cellOf(health.pillars.demos),
    metrics: cellOf(health.pillars.metrics),
    owners: cellOf(health.owners),
  });
  return {
    initiative_id: row.head.id,
    day: localDay(now.getTime(), COMPANY_TIME_ZONE),
    computed_at: now.toISOString(),
    revision: createHash('sha256').update(`${weakest}\n${areas}`).digest('base64url').slice(0, 22),
    valid_until: validUntil(row, now),
    basis,
    ampel: health.overall.ampel,
    score: health.overall.score,
    weakest,
    areas,
    waiting: JSON.stringify(Object.fromEntries(counts)),
    result: JSON.stringify(health),
  };
}

/**
 * Recomputes and stores the health of the given initiatives inside `trx` (a transaction):
 * locks them first (PostgreSQL: parallel recomputes of one initiative run one after the
 * other), then reads their facts with single-initiative (indexed) queries and upserts.
 * Returns how many were stored (ids of initiatives that do not exist are skipped).
 */
export async function recomputeStoredHealth(
  trx: DbOrTrx,
  requested: readonly string[],
  now: Date,
  options: { onlyIfStale?: boolean } = {},
): Promise<number> {
  let ids = requested;
  if (ids.length === 0) return 0;
  await lockInitiativeHealth[dialectOf(trx)](trx, ids);
  const { thresholds, basis } = await healthBasis(trx);
  if (options.onlyIfStale) {
    // A read found these stale or pending; the dispatcher may have recomputed them since
    // (its delivery and row commit together, and on PostgreSQL its lock was waited for
    // above): only those still missing, expired, of another basis or pending are recomputed.
    const [stale, pending] = await Promise.all([
      findStaleHealthIds(trx, { readable: null, ids }, now.toISOString(), basis),
      pendingStreams(trx, HEALTH_SUBSCRIBER, ids),
    ]);
    ids = ids.filter((id) => pending.has(id) || stale.includes(id));
    if (ids.length === 0) return 0;
  }
  const rows = await loadHealthRows(trx, { readable: null, ids }, now);
  const stored = [...rows.values()].map((r) =>
    storedRowOf(r, computeHealth(r.inputs, thresholds, now), now, basis),
  );
  await saveCurrentHealth(trx, stored);
  return stored.length;
}

/** Recomputes the given initiatives in transactions of at most 100 each. */
export async function refreshStoredHealth(
  ctx: AppContext,
  ids: readonly string[],
  now: Date = ctx.now(),
  options: { onlyIfStale?: boolean } = {},
): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    n += await ctx.db.kysely
      .transaction()
      .execute((trx) => recomputeStoredHealth(trx, chunk, now, options));
  }
  return n;
}

/**
 * Brings the stored health of the initiatives passing `filter` up to date for a read at
 * `now`: recomputes those with none stored, an expired or other-basis row, and those with an
 * event the subscriber has not handled yet (so a read right after a write is never behind).
 */
export async function ensureStoredHealth(
  ctx: AppContext,
  filter: InitiativeFilter,
  now: Date,
): Promise<number> {
  const db = ctx.db.kysely;
  const { basis } = await healthBasis(db);
  const [stale, pending] = await Promise.all([
    findStaleHealthIds(db, filter, now.toISOString(), basis),
    pendingStreams(db, HEALTH_SUBSCRIBER),
  ]);
  const ids = new Set(stale);
  if (pending.size) {
    // Only those the filter lets through (the streams of initiative events are their ids):
    // at the instant '9999' every row counts as stale, so this returns them all.
    const pass = await findStaleHealthIds(db, { ...filter, ids: [...pending] }, '9999', '');
    for (const id of pass) ids.add(id);
  }
  return ids.size ? refreshStoredHealth(ctx, [...ids], now) : 0;
}

/**
 * `health.recompute`: any event of an initiative recomputes that initiative's stored health
 * in the dispatcher's transaction (done exactly once per event, with the delivery).
 */
export const healthSubscriber: TransactionalSubscriber = {
  name: HEALTH_SUBSCRIBER,
  events: ['*'],
  handle: async (event, { trx, ctx }) => {
    if (!event.initiativeId) return;
    await recomputeStoredHealth(trx, [event.initiativeId], ctx.now());
  },
};

/**
 * `health.refresh`: recomputes every stored row that expired (a new day in the company's
 * zone or UTC, a demo that started), is missing or was computed with other thresholds or
 * stages. Right after midnight that is every initiative: the daily recompute; after an
 * admin changed the thresholds, all of them again. Reads would compute them anyway; the job
 * keeps the first read of the day fast.
 */
export async function refreshExpiredHealth(ctx: AppContext, now: Date = ctx.now()) {
  const ids = await findStaleHealthIds(
    ctx.db.kysely,
    { readable: null },
    now.toISOString(),
    (await healthBasis(ctx.db.kysely)).basis,
  );
  return refreshStoredHealth(ctx, ids, now);
}

/**
 * `health.recompute-all`: the thresholds or the stages changed, so every stored row is
 * stale (its `basis`): recompute them all, outside any transaction (batches of 100 each
 * in their own), so that the first portfolio read afterwards finds them fresh. Reads in
 * between compute what they need themselves. Idempotent: a repeat finds nothing stale.
 */
export const healthBasisSubscriber: ExternalSubscriber = {
  name: 'health.recompute-all',
  external: true,
  events: ['setting.health_thresholds_changed', 'stage.*'],
  leaseMs: 10 * 60_000,
  handle: async (_event, { ctx }) => {
    await refreshExpiredHealth(ctx);
  },
};

export const healthRefreshJob: Job = {
  name: 'health.refresh',
  schedule: { every: { minutes: 10 } },
  run: async (ctx, { now }) => {
    await refreshExpiredHealth(ctx, now);
  },
};

/**
 * The health of some initiatives the actor may read, from the stored rows (brought up to date
 * first, as the portfolio does): no facts loaded when they are fresh. Unreadable and unknown
 * ids are left out. For My desk's "my initiatives".
 */
export async function storedHealthOfMany(
  ctx: AppContext,
  actor: Who,
  ids: readonly string[],
  now: Date = ctx.now(),
): Promise<HealthResult[]> {
  if (ids.length === 0) return [];
  const db = ctx.db.kysely;
  const filter: InitiativeFilter = { readable: readableInitiativeIds(db, actor), ids };
  await ensureStoredHealth(ctx, filter, now);
  return (await findStoredResults(db, filter)).map((r) => JSON.parse(r.result) as HealthResult);
}

// ───────────────────────────── portfolio ─────────────────────────────

/**
 * GET /api/portfolio: every readable initiative × the pillars and the owners' view, from the
 * stored health (brought up to date first), serialised (`Portfolio`). `validUntil`: when the
 * answer expires without any write (the earliest row's).
 */
export async function portfolioAnswer(
  ctx: AppContext,
  actor: Who,
  query: PortfolioQuery,
  now: Date = ctx.now(),
): Promise<{ body: string; validUntil: string | null; signature: string }> {
  const db = ctx.db.kysely;
  const filter: InitiativeFilter = {
    readable: readableInitiativeIds(db, actor),
    department: query.department,
    stageId: query.stage,
    ownerId: query.owner,
    riskClass: query.riskClass,
  };
  // One scan gives the rows and which of them cannot be used (as ensureStoredHealth: none
  // stored, expired, other basis, or an event the subscriber has not handled yet); only those
  // are recomputed and read again.
  const nowIso = now.toISOString();
  const [{ basis }, pending, scanned] = await Promise.all([
    healthBasis(db),
    pendingStreams(db, HEALTH_SUBSCRIBER),
    findPortfolioRowsWithFreshness(db, filter),
  ]);
  const stale = scanned
    .filter(
      (r) =>
        r.valid_until === null || r.valid_until <= nowIso || r.basis !== basis || pending.has(r.id),
    )
    .map((r) => r.id);
  let all = scanned;
  if (stale.length) {
    await refreshStoredHealth(ctx, stale, now, { onlyIfStale: true });
    const again = new Map(
      (await findPortfolioRowsWithFreshness(db, { ...filter, ids: stale })).map((r) => [r.id, r]),
    );
    all = scanned.map((r) => again.get(r.id) ?? r);
  }
  type Found = Omit<(typeof all)[number], 'ampel' | 'valid_until' | 'revision' | 'waiting'> & {
    ampel: 'green' | 'amber' | 'red';
    valid_until: string;
    revision: string;
    waiting: string;
  };
  // Rows still without health (an initiative deleted meanwhile) are left out.
  const found = all.filter(
    (r): r is Found =>
      r.ampel !== null &&
      r.valid_until !== null &&
      r.revision !== null &&
      r.waiting !== null &&
      (!query.health || r.ampel === query.health),
  );
  if ((query.sort ?? 'worst') === 'worst')
    found.sort(
      (a, b) =>
        SEVERITY[a.ampel] - SEVERITY[b.ampel] ||
        Number(a.score) - Number(b.score) ||
        TITLE_ORDER.compare(a.title, b.title),
    );
  const counts = new Map<string, number>();
  const totals = { green: 0, amber: 0, red: 0 };
  let validUntil: string | null = null;
  const q = JSON.stringify;
  // The serialised cells per initiative and revision (this process; the revision is their
  // hash, so cells that changed anywhere have a new one): after a change only the changed
  // rows' cells are loaded.
  let cache = cellCache.get(ctx.db);
  if (!cache) {
    cache = new Map();
    cellCache.set(ctx.db, cache);
  }
  const missing = found.filter((r) => cache.get(r.id)?.revision !== r.revision).map((r) => r.id);
  if (missing.length) {
    if (cache.size > 50_000) cache.clear();
    for (const c of await findHealthCells(db, missing))
      cache.set(c.initiative_id, {
        revision: c.revision,
        weakest: c.weakest,
        areas: c.areas,
        forms: {},
      });
  }
  // The stored cells are spliced in as they were serialised when computed: no parsing and
  // serialising again of 1,000 rows × five areas (the largest part of the answer).
  // What identifies the answer: each row's head and the revision of its cells (their hash),
  // so the ETag need not hash the 1.8 MB body.
  const heads: string[] = [];
  // An initiative deleted between the two queries is left out.
  const rows = found
    .filter((r) => cache.has(r.id))
    .map((r) => {
      totals[r.ampel] += 1;
      for (const [key, n] of Object.entries(JSON.parse(r.waiting) as Record<string, number>))
        counts.set(key, (counts.get(key) ?? 0) + n);
      if (validUntil === null || r.valid_until < validUntil) validUntil = r.valid_until;
      const stage = {
        id: r.stage_id,
        key: r.stage_key,
        name: { de: r.stage_de, en: r.stage_en },
        position: Number(r.stage_position),
      };
      const head =
        `{"id":${q(r.id)},"title":${q(r.title)},"department":${q(r.department)},` +
        `"stage":${q(stage)},"riskClass":${q(r.risk_class)},` +
        `"businessOwner":${q({ id: r.business_owner_id, name: r.bo_name })},` +
        `"itOwner":${q({ id: r.it_owner_id, name: r.io_name })},` +
        `"overall":{"ampel":${q(r.ampel)},"score":${Number(r.score)},`;
      heads.push(head, r.revision);
      const cells = cache.get(r.id);
      return head + (cells ? cellsTail(cells, query.lang) : '');
    });
  const waiting = [...counts.entries()]
    .map(([key, count]) => {
      const [kind, side] = key.split(':') as [WaitingCount['kind'], Side];
      return { kind, side, count };
    })
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
  const body =
    `{"computedAt":${q(now.toISOString())},"rows":[${rows.join(',')}],` +
    `"waiting":${q(waiting)},"totals":${q(totals)}}`;
  const signature = `${heads.join('\n')}\n${q(waiting)}${q(totals)}`;
  return { body, validUntil, signature };
}

/** GET /api/portfolio's body (see portfolioAnswer). */
export async function portfolioOf(
  ctx: AppContext,
  actor: Who,
  query: PortfolioQuery,
  now: Date = ctx.now(),
): Promise<Portfolio> {
  return JSON.parse((await portfolioAnswer(ctx, actor, query, now)).body) as Portfolio;
}

/**
 * The portfolio computed from scratch (every initiative's facts loaded and judged now), as
 * before the stored health: what the stored rows must equal (tests, benchmarks).
 */
export async function portfolioComputedOf(
  ctx: AppContext,
  actor: Who,
  query: PortfolioQuery,
  now: Date = ctx.now(),
): Promise<Portfolio> {
  const entries = await healthOfMany(
    ctx,
    actor,
    {
      department: query.department,
      stageId: query.stage,
      ownerId: query.owner,
      riskClass: query.riskClass,
    },
    now,
  );
  const shown = query.health
    ? entries.filter((e) => e.health.overall.ampel === query.health)
    : entries;
  if ((query.sort ?? 'worst') === 'worst')
    shown.sort(
      (a, b) =>
        SEVERITY[a.health.overall.ampel] - SEVERITY[b.health.overall.ampel] ||
        a.health.overall.score - b.health.overall.score ||
        a.head.title.localeCompare(b.head.title),
    );
  const counts = new Map<string, number>();
  const totals = { green: 0, amber: 0, red: 0 };
  const rows = shown.map(({ head, inputs, health }) => {
    waitingOf(inputs, counts);
    totals[health.overall.ampel] += 1;
    return {
      id: head.id,
      title: head.title,
      department: head.department,
      stage: head.stage,
      riskClass: head.riskClass,
      businessOwner: head.businessOwner,
      itOwner: head.itOwner,
      overall: {
        ampel: health.overall.ampel,
        score: health.overall.score,
        weakest: health.overall.weakest,
      },
      areas: {
        goals: cellOf(health.pillars.goals),
        handoffs: cellOf(health.pillars.handoffs),
        demos: cellOf(health.pillars.demos),
        metrics: cellOf(health.pillars.metrics),
        owners: cellOf(health.owners),
      },
    };
  });
  const waiting = [...counts.entries()]
    .map(([key, count]) => {
      const [kind, side] = key.split(':') as [WaitingCount['kind'], Side];
      return { kind, side, count };
    })
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
  return { computedAt: now.toISOString(), rows, waiting, totals };
}

// ───────────────────────────── history ─────────────────────────────

const TREND_DAYS = 90;
const SYSTEM: Who = { id: 'system', role: 'admin' };

function remembered(h: InitiativeHealth): RememberedReason[] {
  const areas = [...Object.values(h.pillars), h.owners];
  return areas.flatMap((a) =>
    a.reasons.map((r) => ({
      code: r.code,
      area: r.area,
      key: `${r.code}|${JSON.stringify(r.link)}`,
      text: r.text,
      href: r.href,
    })),
  );
}

/**
 * Writes today's snapshot of every initiative (the daily job; idempotent per day: a second
 * run the same day replaces the day's row). Returns how many were written.
 */
export async function snapshotHealth(ctx: AppContext, now: Date = ctx.now()): Promise<number> {
  const entries = await healthOfMany(ctx, SYSTEM, {}, now);
  const day = localDay(now.getTime(), COMPANY_TIME_ZONE);
  const at = now.toISOString();
  const rows = entries.map(({ health }) => {
    const explained = explainHealth(health);
    const areas = Object.fromEntries(
      HEALTH_AREAS.map((a) => {
        const x = a === 'owners' ? health.owners : health.pillars[a];
        return [a, { ampel: x.ampel, score: x.score }];
      }),
    );
    return {
      initiative_id: health.initiativeId,
      day,
      ampel: health.overall.ampel,
      score: health.overall.score,
      areas: JSON.stringify(areas),
      reasons: JSON.stringify(remembered(explained)),
      computed_at: at,
    };
  });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200) await saveSnapshots(trx, rows.slice(i, i + 200));
  });
  return rows.length;
}

/** The 90-day trend of one initiative and the reasons that appeared or went away in a week. */
export async function healthHistoryOf(
  ctx: AppContext,
  actor: Who,
  initiativeId: string,
  now: Date = ctx.now(),
): Promise<HealthHistory> {
  const current = await healthOf(ctx, actor, initiativeId, now);
  const today = localDay(now.getTime(), COMPANY_TIME_ZONE);
  const from = localDay(now.getTime() - TREND_DAYS * 86_400_000, COMPANY_TIME_ZONE);
  const weekAgo = localDay(now.getTime() - 7 * 86_400_000, COMPANY_TIME_ZONE);
  const rows = await findSnapshots(ctx.db.kysely, initiativeId, from);
  const trend = rows.map((r) => ({
    day: r.day,
    ampel: r.ampel,
    score: Number(r.score),
    areas: JSON.parse(r.areas) as HealthHistory['trend'][number]['areas'],
  }));
  // Today's picture is the live one; the snapshot of a week ago (or the oldest since) is the base.
  const base = [...rows].reverse().find((r) => r.day <= weekAgo) ?? rows.find((r) => r.day < today);
  if (!base) return { trend, since: null, appeared: [], resolved: [] };
  const before = JSON.parse(base.reasons) as RememberedReason[];
  const now_ = remembered(current);
  const beforeKeys = new Set(before.map((r) => r.key));
  const nowKeys = new Set(now_.map((r) => r.key));
  return {
    trend,
    since: base.day,
    appeared: now_.filter((r) => !beforeKeys.has(r.key)),
    resolved: before.filter((r) => !nowKeys.has(r.key)),
  };
}

/** Every night: today's health of every initiative, for the 90-day trend and weekly changes. */
export const healthSnapshotJob: Job = {
  name: 'health.snapshot',
  schedule: { daily: { at: '02:15', timeZone: COMPANY_TIME_ZONE } },
  run: async (ctx, { now }) => {
    await snapshotHealth(ctx, now);
  },
};
