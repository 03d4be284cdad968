/**
 * The stored current health (`initiative_health`): every initiative's computed health, kept
 * up to date by the outbox subscriber (any event of an initiative), recomputed when the
 * thresholds or stages change or a row expires (the refresh job), and brought up to date by
 * reads before they use it (ensureStoredHealth).
 */
import { computeHealth, type HealthResult, type HealthThresholds } from '../../../domain/health.js';
import { localDay } from '../../../domain/periods.js';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor, AppContext, ErrorLog } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import {
  databaseUnavailable,
  dialectOf,
  lockInitiativeHealth,
  tryInitiativeHealthLocks,
} from '../../db/dialect.js';
import type { ExternalSubscriber, Job, TransactionalSubscriber } from '../../events/registry.js';
import { readableInitiativeIds } from '../initiatives/visibility.service.js';
import {
  basisStagesQuery,
  COMPANY_TIME_ZONE,
  type InitiativeFilter,
} from './facts-common.repository.js';
import {
  type BasisSource,
  type HealthRows,
  type InitiativeHead,
  loadHealthRows,
  loadLockedHealthRows,
  warmHealthFacts,
} from './health-facts.repository.js';
import {
  findStaleHealthIds,
  findStoredResults,
  saveCurrentHealth,
  type StoredHealthRow,
} from './stored-health.repository.js';
import { THRESHOLDS_KEY } from './thresholds.repository.js';
import { areasOf, waitingOf } from './portfolio.presenter.js';
import { loadThresholds, thresholdsOf } from './thresholds.service.js';

type Who = Pick<Actor, 'id' | 'role'>;

/** The outbox subscriber that keeps `initiative_health` up to date. */
export const HEALTH_SUBSCRIBER = 'health.recompute';

/**
 * The thresholds in use and a fingerprint of everything besides an initiative's own facts
 * that its health depends on (thresholds, the stages: names, order, keys). A stored row
 * computed with another fingerprint is stale. `lock` (inside a recompute's transaction):
 * also takes lockInitiativeHealth's locks of these initiatives first. On PostgreSQL they are
 * tried in the same statement (one round trip less); when one was held elsewhere, the locks
 * are waited for and the basis read again: the statement's snapshot predates the wait, and
 * the holder may have stored rows of newer thresholds meanwhile, which a recompute must not
 * overwrite with rows of the thresholds before (under READ COMMITTED, a row stored under
 * the lock is computed from a basis at least as new as the one before it).
 */
export async function healthBasis(
  db: DbOrTrx,
  lock?: readonly string[],
): Promise<{ thresholds: HealthThresholds; basis: string }> {
  const stagesQuery = basisStagesQuery(db);
  let thresholds: HealthThresholds;
  let stages: BasisSource['stages'];
  if (dialectOf(db) === 'postgres') {
    // One round trip (inside the subscriber's transaction each one waits for the last).
    // A select without FROM (not raw SQL: the change counter takes raw statements for writes).
    const row = await db
      .selectNoFrom([
        sql<string | null>`(select value from settings where key = ${THRESHOLDS_KEY})`.as('value'),
        sql<
          typeof stages
        >`(select coalesce(json_agg(t), '[]'::json) from (${stagesQuery}) as t)`.as('stages'),
        ...(lock?.length ? [tryInitiativeHealthLocks(lock).as('locked')] : []),
      ])
      .executeTakeFirstOrThrow();
    if (lock?.length && !(row as { locked?: boolean }).locked) {
      await lockInitiativeHealth.postgres(db, lock);
      return healthBasis(db);
    }
    thresholds = thresholdsOf(row.value ?? undefined);
    stages = row.stages;
  } else {
    if (lock) await lockInitiativeHealth.sqlite(db, lock);
    [thresholds, stages] = await Promise.all([loadThresholds(db), stagesQuery.execute()]);
  }
  return basisOf(thresholds, stages);
}

/** The last basis basisOf computed, and the text it hashed. */
let lastBasis: { text: string; basis: string } | undefined;

/** The health basis of these thresholds and stages (healthBasis): the thresholds and a hash. */
function basisOf(
  thresholds: HealthThresholds,
  stages: BasisSource['stages'],
): { thresholds: HealthThresholds; basis: string } {
  const text = JSON.stringify([
    thresholds,
    stages.map((st) => ({ ...st, position: Number(st.position) })),
  ]);
  // The same thresholds and stages at every recompute: hashed once.
  if (lastBasis?.text !== text)
    lastBasis = {
      text,
      basis: createHash('sha256').update(text).digest('base64url').slice(0, 22),
    };
  return { thresholds, basis: lastBasis.basis };
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
  const areas = JSON.stringify(areasOf(health));
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
 * Prepares on this connection the statements a recompute after a change runs (PostgreSQL;
 * health-facts.repository warmHealthFacts): the server's start warms each pooled connection.
 */
export async function warmHealthStatements(db: DbOrTrx, now: Date): Promise<void> {
  await warmHealthFacts(db, now);
}

/** The thresholds in use and their fingerprint (healthBasis). */
export type HealthBasis = Awaited<ReturnType<typeof healthBasis>>;

/** A row just recomputed and stored, with what the portfolio shows of its initiative. */
export interface Recomputed {
  stored: StoredHealthRow;
  head: InitiativeHead;
}

/**
 * Recomputes and stores the health of the given initiatives inside `trx` (a transaction):
 * locks them first (PostgreSQL: parallel recomputes of one initiative run one after the
 * other), then reads their facts with single-initiative (indexed) queries and upserts.
 * Returns the rows stored (ids of initiatives that do not exist are skipped). `basis`: the
 * thresholds a read took just before (SQLite: saves reading them again inside the
 * transaction; PostgreSQL reads them under the locks, in the statement taking them).
 */
async function recomputeRows(
  trx: DbOrTrx,
  requested: readonly string[],
  now: Date,
  options: { onlyIfStale?: boolean; basis?: HealthBasis } = {},
): Promise<Recomputed[]> {
  let ids = requested;
  if (ids.length === 0) return [];
  if (dialectOf(trx) === 'postgres' && !options.onlyIfStale && new Set(ids).size <= 100) {
    // PostgreSQL, the subscriber's recompute: the locks, then the facts and the basis read
    // under them, in one round trip (loadLockedHealthRows); then the upsert.
    const locked = await loadLockedHealthRows(trx, ids, now);
    const { thresholds, basis } = basisOf(
      thresholdsOf(locked.basis.thresholds ?? undefined),
      locked.basis.stages,
    );
    return store(trx, locked.rows, thresholds, basis, now);
  }
  // PostgreSQL: the basis is read under the locks (as healthBasis reads it), never one read
  // before them (`given`): taking the locks is a round trip of its own anyway.
  const given = dialectOf(trx) === 'sqlite' ? options.basis : undefined;
  const { thresholds, basis } = given ?? (await healthBasis(trx, ids));
  if (options.onlyIfStale) {
    // A read found these stale or pending; the dispatcher may have recomputed them since
    // (its delivery and row commit together, and on PostgreSQL its lock was waited for
    // above): only those still missing, expired, of another basis or pending are recomputed
    // (one statement).
    ids = await findStaleHealthIds(
      trx,
      { readable: null, ids },
      now.toISOString(),
      basis,
      HEALTH_SUBSCRIBER,
    );
    if (ids.length === 0) return [];
  }
  return store(
    trx,
    await loadHealthRows(trx, { readable: null, ids }, now),
    thresholds,
    basis,
    now,
  );
}

/** The health of these fact sheets computed and upserted (recomputeRows). */
async function store(
  trx: DbOrTrx,
  rows: Map<string, HealthRows>,
  thresholds: HealthThresholds,
  basis: string,
  now: Date,
): Promise<Recomputed[]> {
  const out = [...rows.values()].map((r) => ({
    stored: storedRowOf(r, computeHealth(r.inputs, thresholds, now), now, basis),
    head: r.head,
  }));
  await saveCurrentHealth(
    trx,
    out.map((r) => r.stored),
  );
  return out;
}

/**
 * The rows recomputeRows would store for the given initiatives, computed now from the
 * committed facts but not stored: no transaction, no lock, no write. For a read that needs
 * initiatives whose events the subscriber has not handled yet: the subscriber stores their
 * rows (in its own transaction, under the lock), and until it has, every read finds them
 * pending and computes them again, so a read storing them would spare no later read anything,
 * and would wait for the subscriber's lock whenever it got there first. `basis` may still be
 * on its way (it is needed only once the facts are in).
 */
export async function computeRows(
  db: DbOrTrx,
  ids: readonly string[],
  now: Date,
  basis: HealthBasis | Promise<HealthBasis>,
): Promise<Recomputed[]> {
  const failed: HealthFailures = new Map();
  const out = await computeRowsEach(db, ids, now, basis, failed);
  for (const err of failed.values()) throw err;
  return out;
}

/**
 * Initiatives whose health could not be computed, with the error (bad data makes a recompute
 * fail every time): filled by refreshStoredRows and computeRowsEach when given one.
 */
export type HealthFailures = Map<string, unknown>;

/** When each initiative's failure was last logged (logHealthFailure). */
const lastLogged = new Map<string, number>();
/** An initiative's failure is logged at most once in this time (every read meets it). */
const LOG_EVERY_MS = 10 * 60_000;

/**
 * Logs that an initiative's health could not be computed (HealthFailures), naming it; at most
 * once per initiative in LOG_EVERY_MS, since every read that meets it would log it again.
 */
function logHealthFailure(log: ErrorLog | undefined, id: string, err: unknown, what: string): void {
  const at = Date.now();
  if (at - (lastLogged.get(id) ?? -Infinity) < LOG_EVERY_MS) return;
  if (lastLogged.size > 1000) lastLogged.clear();
  lastLogged.set(id, at);
  const msg = `health: computing initiative ${id} failed; ${what}`;
  if (log) log.error({ err, initiativeId: id }, msg);
  else console.error(msg, err);
}

/**
 * Whether an error is the initiative's own (its data), as opposed to the database being
 * unreachable or busy right now (databaseUnavailable, a serialization failure or deadlock, a
 * cancelled statement): those are thrown as they are, never kept as a failure of one
 * initiative with its stored row shown instead.
 */
function ownFailure(err: unknown): boolean {
  if (databaseUnavailable(err)) return false;
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : null;
  return !(typeof code === 'string' && ['40001', '40P01', '57014'].includes(code));
}

/**
 * computeRows, each initiative judged on its own: one whose health cannot be computed is left
 * out and put in `failed`, the others are computed. When reading the facts fails, each
 * initiative's are read on its own.
 */
export async function computeRowsEach(
  db: DbOrTrx,
  ids: readonly string[],
  now: Date,
  basis: HealthBasis | Promise<HealthBasis>,
  failed: HealthFailures,
): Promise<Recomputed[]> {
  if (ids.length === 0) return [];
  let rows: Map<string, HealthRows>;
  try {
    rows = await loadHealthRows(db, { readable: null, ids }, now);
  } catch (err) {
    if (!ownFailure(err)) throw err;
    if (ids.length === 1) {
      failed.set(ids[0] as string, err);
      return [];
    }
    const out: Recomputed[] = [];
    for (const id of ids) out.push(...(await computeRowsEach(db, [id], now, basis, failed)));
    return out;
  }
  const { thresholds, basis: fingerprint } = await basis;
  const out: Recomputed[] = [];
  for (const [id, r] of rows)
    try {
      out.push({
        stored: storedRowOf(r, computeHealth(r.inputs, thresholds, now), now, fingerprint),
        head: r.head,
      });
    } catch (err) {
      if (!ownFailure(err)) throw err;
      failed.set(id, err);
    }
  return out;
}

/**
 * Throws the error of the first failed initiative whose stored row cannot be used at `now`
 * apart from a pending or failed delivery (none stored, expired, other basis); the others
 * are logged: their stored row is shown (it may lack the write whose delivery failed, which
 * is better than no answer: their recompute fails every time, the refresh job logs it too).
 */
export async function acceptStoredOnFailure(
  db: DbOrTrx,
  failed: HealthFailures,
  nowIso: string,
  basis: string,
  log: ErrorLog | undefined,
): Promise<void> {
  if (failed.size === 0) return;
  const rows = await db
    .selectFrom('initiative_health')
    .select(['initiative_id', 'valid_until', 'basis'])
    .where('initiative_id', 'in', [...failed.keys()])
    .execute();
  const usable = new Set(
    rows.filter((r) => r.valid_until > nowIso && r.basis === basis).map((r) => r.initiative_id),
  );
  settleFailures(failed, (id) => usable.has(id), log);
}

/**
 * The failures of a read: throws the first whose stored row is not `usable` (none, expired,
 * another basis); the others are logged, their stored row shown.
 */
export function settleFailures(
  failed: HealthFailures,
  usable: (id: string) => boolean,
  log: ErrorLog | undefined,
): void {
  for (const [id, err] of failed) if (!usable(id)) throw err;
  for (const [id, err] of failed) logHealthFailure(log, id, err, 'its stored row is shown');
}

/** recomputeRows, counting the rows stored. */
export async function recomputeStoredHealth(
  trx: DbOrTrx,
  requested: readonly string[],
  now: Date,
  options: { onlyIfStale?: boolean } = {},
): Promise<number> {
  return (await recomputeRows(trx, requested, now, options)).length;
}

/**
 * Recomputes the given initiatives in transactions of at most 100 each; returns the rows
 * stored (a read uses them as they are instead of reading them again). With `failed`, a
 * chunk that fails is tried again initiative by initiative, and those failing then are put in
 * `failed` instead of ending the work: one initiative whose data makes its recompute fail
 * does not keep the others from being stored. Without it, the first error is thrown.
 */
export async function refreshStoredRows(
  ctx: AppContext,
  ids: readonly string[],
  now: Date = ctx.now(),
  options: { onlyIfStale?: boolean; basis?: HealthBasis; failed?: HealthFailures } = {},
): Promise<Recomputed[]> {
  const { failed, ...recompute } = options;
  const inTransaction = (chunk: readonly string[]) =>
    ctx.db.kysely.transaction().execute((trx) => recomputeRows(trx, chunk, now, recompute));
  const out: Recomputed[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    if (!failed) {
      out.push(...(await inTransaction(chunk)));
      continue;
    }
    try {
      out.push(...(await inTransaction(chunk)));
    } catch (err) {
      if (!ownFailure(err)) throw err;
      if (chunk.length === 1) failed.set(chunk[0] as string, err);
      else
        for (const id of chunk)
          try {
            out.push(...(await inTransaction([id])));
          } catch (one) {
            if (!ownFailure(one)) throw one;
            failed.set(id, one);
          }
    }
  }
  return out;
}

/** Recomputes the given initiatives in transactions of at most 100 each (refreshStoredRows). */
export async function refreshStoredHealth(
  ctx: AppContext,
  ids: readonly string[],
  now: Date = ctx.now(),
  options: { onlyIfStale?: boolean; basis?: HealthBasis; failed?: HealthFailures } = {},
): Promise<number> {
  return (await refreshStoredRows(ctx, ids, now, options)).length;
}

/**
 * Brings the stored health of the initiatives passing `filter` up to date for a read at
 * `now`: recomputes those with none stored, an expired or other-basis row, those with an
 * event the subscriber has not handled yet (so a read right after a write is never behind),
 * and those whose row is older than a delivery of the subscriber that failed for good (it
 * will never store their row; findStaleHealthIds). An initiative whose recompute fails
 * keeps its stored row when that is stale only for a pending or failed delivery (logged;
 * acceptStoredOnFailure); otherwise its error is thrown.
 */
export async function ensureStoredHealth(
  ctx: AppContext,
  filter: InitiativeFilter,
  now: Date,
): Promise<number> {
  const db = ctx.db.kysely;
  const basis = await healthBasis(db);
  // Stale or pending, in one statement (the filter applies to both).
  const nowIso = now.toISOString();
  const ids = await findStaleHealthIds(db, filter, nowIso, basis.basis, HEALTH_SUBSCRIBER);
  if (ids.length === 0) return 0;
  const failed: HealthFailures = new Map();
  const stored = await refreshStoredHealth(ctx, ids, now, { basis, failed });
  await acceptStoredOnFailure(db, failed, nowIso, basis.basis, ctx.log);
  return stored;
}

/**
 * Fields of an initiative (as `initiative.updated` names them) that its health does not read:
 * of the initiative's own row the facts read only its id, creation time and stage
 * (health-facts.repository loadRows; the rest of the head is shown by the portfolio from its
 * own scan, never stored). A test changes each of them and compares the facts.
 */
export const HEALTH_NEUTRAL_FIELDS: ReadonlySet<string> = new Set([
  'title',
  'problem',
  'expectedBenefit',
  'department',
  'tags',
]);

/** An `initiative.updated` event that changed only HEALTH_NEUTRAL_FIELDS. */
function neutralUpdate(event: { type: string; data?: unknown }): boolean {
  if (event.type !== 'initiative.updated') return false;
  const { before, after } = (event.data ?? {}) as { before?: unknown; after?: unknown };
  const changed = [before, after].flatMap((side) =>
    side !== null && typeof side === 'object' ? Object.keys(side) : [],
  );
  return changed.length > 0 && changed.every((k) => HEALTH_NEUTRAL_FIELDS.has(k));
}

/**
 * `health.recompute`: any event of an initiative recomputes that initiative's stored health
 * in the dispatcher's transaction (done exactly once per event, with the delivery), except an
 * edit of fields its health does not read (a new title): such an event gets no delivery, so
 * a read right after it finds the stored row current and shows the new title from its scan.
 */
export const healthSubscriber: TransactionalSubscriber = {
  name: HEALTH_SUBSCRIBER,
  events: ['*'],
  wants: (event) => !neutralUpdate(event),
  // The batch's initiatives locked together, in lockInitiativeHealth's order, before the
  // first recompute (each recompute then finds its lock held already): taken one by one in
  // the batch's stream order, they could wait in a cycle with a recompute of several
  // initiatives (a filtered portfolio read, the daily refresh) and end in a deadlock error.
  beforeBatch: async (events, { trx }) => {
    const ids = [...new Set(events.flatMap((e) => (e.initiativeId ? [e.initiativeId] : [])))];
    if (ids.length > 1) await lockInitiativeHealth[dialectOf(trx)](trx, ids);
  },
  handle: async (event, { trx, ctx }) => {
    if (!event.initiativeId) return;
    await recomputeStoredHealth(trx, [event.initiativeId], ctx.now());
  },
};

/**
 * `health.refresh`: recomputes every stored row that expired (a new day in the company's
 * zone or UTC, a demo that started), is missing or was computed with other thresholds or
 * stages, or is older than a `health.recompute` delivery of its initiative that failed for
 * good (the subscriber will not store it; the portfolio computes it on every read until
 * then). Right after midnight that is every initiative: the daily recompute; after an
 * admin changed the thresholds, all of them again. Reads would compute them anyway; the job
 * keeps the first read of the day fast. Pending deliveries are left to the subscriber. An
 * initiative whose recompute fails (bad data) is logged and the others are stored all the
 * same (refreshStoredRows' `failed`); the next run tries it again.
 */
export async function refreshExpiredHealth(ctx: AppContext, now: Date = ctx.now()) {
  const ids = await findStaleHealthIds(
    ctx.db.kysely,
    { readable: null },
    now.toISOString(),
    (await healthBasis(ctx.db.kysely)).basis,
    undefined,
    HEALTH_SUBSCRIBER,
  );
  const failed: HealthFailures = new Map();
  const stored = await refreshStoredHealth(ctx, ids, now, { failed });
  // The others are stored; the failures are reported as the job's (or the subscriber's)
  // error, so they are logged and tried again (the next run, the delivery's retries).
  if (failed.size > 0) {
    const [first] = failed.values();
    throw new Error(
      `health: ${failed.size} initiative(s) could not be computed (${[...failed.keys()].slice(0, 5).join(', ')}); ${stored} stored`,
      { cause: first },
    );
  }
  return stored;
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
