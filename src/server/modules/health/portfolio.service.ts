/**
 * The portfolio: every readable initiative × the pillars and the owners' view, served from
 * the stored health (portfolioAnswer) or computed from scratch (portfolioComputedOf, what
 * the stored rows must equal).
 */
import { createHash } from 'node:crypto';
import type { Portfolio, PortfolioQuery } from '../../../contracts/portfolio.js';
import type { Language } from '../../../domain/people.js';
import type { Actor, AppContext } from '../../context.js';
import { readableInitiativeIds } from '../initiatives/visibility.service.js';
import type { InitiativeFilter } from './facts-common.repository.js';
import { healthOfMany } from './health.service.js';
import { areasOf, type Cell, waitingList, waitingOf } from './portfolio.presenter.js';
import {
  findHealthCells,
  findPendingReadable,
  findPortfolioRowsWithFreshness,
} from './stored-health.repository.js';
import {
  computeRowsEach,
  HEALTH_SUBSCRIBER,
  type HealthFailures,
  healthBasis,
  settleFailures,
  type Recomputed,
  refreshStoredRows,
} from './stored-health.service.js';

type Who = Pick<Actor, 'id' | 'role'>;

const SEVERITY = { red: 0, amber: 1, green: 2 } as const;

/** `localeCompare`'s order (the default locale), without building a collator per call. */
const TITLE_ORDER = new Intl.Collator();

type Scanned = Awaited<ReturnType<typeof findPortfolioRowsWithFreshness>>[number];
type Found = Omit<Scanned, 'ampel' | 'valid_until' | 'revision' | 'waiting'> & {
  ampel: 'green' | 'amber' | 'red';
  valid_until: string;
  revision: string;
  waiting: string;
};
type Form = 'both' | Language;

/** The columns a row's serialised head is made of (besides its id). */
const HEAD_COLUMNS = [
  'title',
  'department',
  'risk_class',
  'business_owner_id',
  'it_owner_id',
  'stage_id',
  'stage_key',
  'stage_de',
  'stage_en',
  'stage_position',
  'bo_name',
  'io_name',
  'ampel',
  'score',
] as const satisfies readonly (keyof Found)[];

/**
 * An initiative's row as last serialised (this process), per revision of its cells (their
 * hash: cells that changed anywhere have a new one). The head is kept with the columns it was
 * made from: a read compares those and serialises only rows that changed.
 */
interface CachedRow {
  revision: string;
  weakest: string;
  /** The five cells as stored (both languages). */
  areas: string;
  /** The serialised `"weakest":…},"areas":…}` tail per language asked for. */
  tails: { [F in Form]?: string };
  /** The scanned row the head and the rows below were made from. */
  from?: Found;
  head?: string;
  /** The hash of the head and the cells' revision: the row's part of the ETag. */
  tag?: string;
  score?: number;
  /** The whole serialised row per language asked for, UTF-8 (the body is built of bytes). */
  rows: { [F in Form]?: Buffer };
  /** `waiting` as stored and as parsed from it. */
  waiting?: string;
  waitingCounts?: [string, number][];
}
type RowCache = Map<string, CachedRow>;
const rowCache = new WeakMap<object, RowCache>();

const cachedRow = (revision: string, weakest: string, areas: string): CachedRow => ({
  revision,
  weakest,
  areas,
  tails: {},
  rows: {},
});

/** A row's `"weakest":…},"areas":…}` tail, the reason sentences only in `lang` if given. */
function cellsTail(c: CachedRow, lang: Language | undefined): string {
  const key = lang ?? 'both';
  let tail = c.tails[key];
  if (tail === undefined) {
    let areas = c.areas;
    if (lang) {
      const parsed = JSON.parse(c.areas) as Record<string, Cell>;
      for (const cell of Object.values(parsed))
        if (cell.top) cell.top = { [lang]: cell.top[lang] ?? '' };
      areas = JSON.stringify(parsed);
    }
    tail = `"weakest":${c.weakest}},"areas":${areas}}`;
    c.tails[key] = tail;
  }
  return tail;
}

const q = JSON.stringify;

/**
 * `s` as UTF-8 in a buffer of its own: Buffer.from takes small ones from a shared 8 kB pool,
 * and one kept row would keep a whole pool block alive.
 */
function ownBytes(s: string): Buffer {
  const out = Buffer.allocUnsafeSlow(Buffer.byteLength(s));
  out.write(s);
  return out;
}

/** Makes `c`'s head from `r` unless it was made from the same columns already. */
function ensureHead(c: CachedRow, r: Found): void {
  const from = c.from;
  // The same scanned row (made ready while the pending rows were computed), or the same columns.
  if (from === r || (from && HEAD_COLUMNS.every((k) => from[k] === r[k]))) return;
  const stage = {
    id: r.stage_id,
    key: r.stage_key,
    name: { de: r.stage_de, en: r.stage_en },
    position: Number(r.stage_position),
  };
  c.score = Number(r.score);
  c.head =
    `{"id":${q(r.id)},"title":${q(r.title)},"department":${q(r.department)},` +
    `"stage":${q(stage)},"riskClass":${q(r.risk_class)},` +
    `"businessOwner":${q({ id: r.business_owner_id, name: r.bo_name })},` +
    `"itOwner":${q({ id: r.it_owner_id, name: r.io_name })},` +
    `"overall":{"ampel":${q(r.ampel)},"score":${c.score},`;
  c.tag = createHash('sha256').update(`${c.head}\n${c.revision}`).digest('base64url').slice(0, 22);
  c.rows = {};
  c.from = r;
}

/**
 * `head`, the rows separated by commas, `tail`: one allocation and a copy of each row (joining
 * 1,000 strings into a 1.3 MB one, then encoding it for compression, costs several times that).
 */
function joinRows(head: string, rows: readonly Buffer[], rowBytes: number, tail: string): Buffer {
  const headBytes = Buffer.byteLength(head);
  const out = Buffer.allocUnsafe(
    headBytes + rowBytes + Math.max(rows.length - 1, 0) + Buffer.byteLength(tail),
  );
  let at = out.write(head);
  rows.forEach((row, n) => {
    if (n > 0) out[at++] = 0x2c; // ','
    out.set(row, at);
    at += row.length;
  });
  out.write(tail, at);
  return out;
}

/** A scanned row with stored health (else it has none yet). */
const isFound = (r: Scanned): r is Found =>
  r.ampel !== null && r.valid_until !== null && r.revision !== null && r.waiting !== null;

/** A recomputed row in the form of the portfolio's scan. */
function scannedOf({ stored: s, head: h }: Recomputed): Scanned {
  return {
    id: h.id,
    title: h.title,
    department: h.department,
    risk_class: h.riskClass,
    business_owner_id: h.businessOwner.id,
    it_owner_id: h.itOwner.id,
    stage_id: h.stage.id,
    stage_key: h.stage.key,
    stage_de: h.stage.name.de,
    stage_en: h.stage.name.en,
    stage_position: h.stage.position,
    bo_name: h.businessOwner.name,
    io_name: h.itOwner.name,
    ampel: s.ampel,
    score: s.score,
    revision: s.revision,
    waiting: s.waiting,
    valid_until: s.valid_until,
    basis: s.basis,
  };
}

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
): Promise<{ body: Buffer; validUntil: string | null; signature: string }> {
  const db = ctx.db.kysely;
  // An admin reads every initiative: no need to ask which.
  const readable = actor.role === 'admin' ? null : readableInitiativeIds(db, actor);
  const filter: InitiativeFilter = {
    readable,
    department: query.department,
    stageId: query.stage,
    ownerId: query.owner,
    riskClass: query.riskClass,
  };
  // One scan gives the rows and which of them cannot be used (as ensureStoredHealth: none
  // stored, expired, other basis, or an event the subscriber has not handled yet); only those
  // are recomputed. The recomputed rows are used as they are (their cells too), not read again.
  const nowIso = now.toISOString();
  const unfiltered = !query.department && !query.stage && !query.owner && !query.riskClass;
  const basisRead = healthBasis(db);
  // Handled here too: awaited only later, it must not go unhandled if the pending read fails.
  basisRead.catch(() => undefined);
  const pendingRead = findPendingReadable(db, HEALTH_SUBSCRIBER, readable);
  // Right after a write its initiative's event is pending: computed while the rows are
  // scanned (another connection on PostgreSQL), when few are, and not stored (computeRows):
  // the subscriber stores it, and a read that stored it too would wait for the subscriber's
  // lock whenever that got there first. Best effort: if it fails, those rows are computed
  // below like any other stale row.
  const early = (async () => {
    const pending = await pendingRead;
    let tried = unfiltered && pending.size <= 100 ? pending : new Set<string>();
    let fresh: Recomputed[] = [];
    // Those whose own computation fails (their data) are not computed again below: their
    // stored row is shown there if it is stale only because it is pending (or its delivery
    // failed), else the read fails with their error.
    const failed: HealthFailures = new Map();
    if (tried.size)
      try {
        fresh = await computeRowsEach(db, [...tried], now, basisRead, failed);
      } catch {
        // The database, not an initiative (computeRowsEach keeps those in `failed`). Not
        // lost: the same rows are found stale below and computed in the read's own order;
        // an error there answers the request as any other.
        tried = new Set();
        failed.clear();
      }
    return { basis: await basisRead, pending, tried, fresh, failed };
  })();
  // Awaited after the scan: handled now, so that a failure meanwhile is not unhandled.
  early.catch(() => undefined);
  const scanned = await findPortfolioRowsWithFreshness(db, filter);
  // The rows serialised before (this process), kept by initiative and cells' revision.
  let cache = rowCache.get(ctx.db);
  if (!cache) {
    cache = new Map();
    rowCache.set(ctx.db, cache);
  }
  // Bounded by what is readable: entries of deleted initiatives go when the cache outgrows
  // the scan. A new map, not clear(): a concurrent read keeps using the one it holds.
  if (cache.size > 2 * scanned.length + 10_000) {
    cache = new Map();
    rowCache.set(ctx.db, cache);
  }
  const form: Form = query.lang ?? 'both';
  // While the pending rows are being computed (usually the longer part): the rows whose
  // stored cells are known are made ready to send (head, bytes), as below. A recomputed row
  // with new cells replaces its entry; one with the same cells (a rename) finds it ready.
  // Not before that computation's statement is on its way (this blocks the event loop).
  await pendingRead.catch(() => undefined);
  await new Promise((resolve) => setImmediate(resolve));
  for (const r of scanned) {
    const c = cache.get(r.id);
    if (c && isFound(r) && c.revision === r.revision) {
      ensureHead(c, r);
      c.rows[form] ??= ownBytes((c.head ?? '') + cellsTail(c, query.lang));
    }
  }
  const rowCacheOf = cache;
  // Rows not stale (below) are shown as scanned: while the pending rows are still being
  // computed, those are sorted and counted too, and the changed rows merged in afterwards.
  const position = new Map(scanned.map((r, n) => [r.id, n]));
  const worst = (query.sort ?? 'worst') === 'worst';
  // As a stable sort of the scanned order: equal rows keep it.
  const compare = (a: Shown, b: Shown) =>
    (worst
      ? SEVERITY[a.r.ampel] - SEVERITY[b.r.ampel] ||
        a.score - b.score ||
        TITLE_ORDER.compare(a.r.title, b.r.title)
      : 0) || (position.get(a.r.id) ?? 0) - (position.get(b.r.id) ?? 0);
  /** The rows to show of `rows` (with health, passing the Ampel filter), ready to send, sorted. */
  const shownOf = async (rows: readonly Scanned[]): Promise<Shown[]> => {
    // Rows still without health (an initiative deleted meanwhile) are left out.
    const found = rows.filter(
      (r): r is Found => isFound(r) && (!query.health || r.ampel === query.health),
    );
    // Only the changed rows' cells are loaded.
    const missing = found
      .filter((r) => rowCacheOf.get(r.id)?.revision !== r.revision)
      .map((r) => r.id);
    if (missing.length)
      for (const c of await findHealthCells(db, missing))
        rowCacheOf.set(c.initiative_id, cachedRow(c.revision, c.weakest, c.areas));
    // An initiative deleted between the two queries is left out.
    const out: Shown[] = [];
    for (const r of found) {
      const c = rowCacheOf.get(r.id);
      if (!c) continue;
      ensureHead(c, r);
      const row = (c.rows[form] ??= ownBytes((c.head ?? '') + cellsTail(c, query.lang)));
      // Taken now: a concurrent read may make the entry's head of another scan meanwhile.
      out.push({ r, c, row, tag: c.tag ?? '', score: c.score ?? 0 });
    }
    return out.sort(compare);
  };
  const isStale = (r: Scanned, basis: { basis: string }, pending: ReadonlySet<string>): boolean =>
    r.valid_until === null ||
    r.valid_until <= nowIso ||
    r.basis !== basis.basis ||
    pending.has(r.id);
  // Known before the computation ends (its statement is sent first): the basis and the
  // pending initiatives, so which rows are stale, and the rest of the answer.
  const [basisNow, pendingNow] = await Promise.all([basisRead, pendingRead]);
  const unchanged = await shownOf(scanned.filter((r) => !isStale(r, basisNow, pendingNow)));
  const sums = new Sums();
  for (const s of unchanged) sums.add(s);
  const { basis, pending, tried, fresh, failed } = await early;
  const stale = scanned.filter((r) => isStale(r, basis, pending)).map((r) => r.id);
  let changed: Shown[] = [];
  if (stale.length) {
    // The thresholds just read are passed on.
    const later = stale.filter((id) => !tried.has(id));
    // Unfiltered, those stale only because their event is pending are computed without
    // storing them (as above); the others (none stored, expired, other basis) are recomputed
    // and stored, so that the next reads find them fresh. With a filter, all are stored and
    // read again through it (below).
    const stored = new Map(scanned.map((r) => [r.id, r]));
    const usable = (id: string) => {
      const r = stored.get(id);
      return !!r && r.valid_until !== null && r.valid_until > nowIso && r.basis === basis.basis;
    };
    const onlyPending = unfiltered ? later.filter(usable) : [];
    const toStore = unfiltered ? later.filter((id) => !usable(id)) : later;
    // An initiative whose computation fails (bad data: its delivery failed for the same
    // reason) is shown with its stored row when that is stale only because it is pending or
    // its delivery failed (logged); otherwise the read fails with its error.
    for (let i = 0; i < onlyPending.length; i += 100)
      fresh.push(...(await computeRowsEach(db, onlyPending.slice(i, i + 100), now, basis, failed)));
    if (toStore.length)
      fresh.push(
        ...(await refreshStoredRows(ctx, toStore, now, { onlyIfStale: true, basis, failed })),
      );
    settleFailures(failed, usable, ctx.log);
    const recomputed = new Map<string, Scanned>();
    for (const f of fresh) {
      const s = f.stored;
      if (cache.get(s.initiative_id)?.revision !== s.revision)
        cache.set(s.initiative_id, cachedRow(s.revision, s.weakest, s.areas));
      // With a filter besides readability, the rows are read again through it (as before).
      if (unfiltered) recomputed.set(s.initiative_id, scannedOf(f));
    }
    // Those the subscriber brought up to date meanwhile are read again.
    const rest = stale.filter((id) => !recomputed.has(id));
    const again = new Map(
      rest.length
        ? (await findPortfolioRowsWithFreshness(db, { ...filter, ids: rest })).map((r) => [r.id, r])
        : [],
    );
    changed = await shownOf(
      stale.flatMap((id) => {
        const r = recomputed.get(id) ?? again.get(id) ?? stored.get(id);
        return r ? [r] : [];
      }),
    );
    for (const s of changed) sums.add(s);
  }
  // The stored cells are spliced in as they were serialised when computed, and a row
  // unchanged since an earlier read is not serialised again: no parsing and serialising of
  // 1,000 rows × five areas (the largest part of the answer). What identifies the answer:
  // each row's head and cells' revision (their hash), so the ETag need not hash the body.
  const rows: Buffer[] = [];
  let bytes = 0;
  const tags: string[] = [];
  const take = ({ row, tag }: Shown) => {
    rows.push(row);
    bytes += row.length;
    tags.push(tag);
  };
  // The changed rows merged into the sorted unchanged ones.
  let k = 0;
  for (const s of unchanged) {
    while (k < changed.length && compare(changed[k] as Shown, s) < 0) take(changed[k++] as Shown);
    take(s);
  }
  while (k < changed.length) take(changed[k++] as Shown);
  const waiting = waitingList(sums.counts);
  const body = joinRows(
    `{"computedAt":${q(now.toISOString())},"rows":[`,
    rows,
    bytes,
    `],"waiting":${q(waiting)},"totals":${q(sums.totals)}}`,
  );
  const signature = `${tags.join('\n')}\n${q(waiting)}${q(sums.totals)}`;
  return { body, validUntil: sums.validUntil, signature };
}

/** A row to show: as scanned (or computed), its cache entry, and what was made of them. */
interface Shown {
  r: Found;
  c: CachedRow;
  /** The serialised row (UTF-8), its part of the ETag and its overall score. */
  row: Buffer;
  tag: string;
  score: number;
}

/** The totals, what waits for whom and the earliest expiry of the rows shown. */
class Sums {
  readonly counts = new Map<string, number>();
  readonly totals = { green: 0, amber: 0, red: 0 };
  validUntil: string | null = null;
  add({ r, c }: Shown): void {
    this.totals[r.ampel] += 1;
    if (c.waiting !== r.waiting) {
      c.waiting = r.waiting;
      c.waitingCounts = Object.entries(JSON.parse(r.waiting) as Record<string, number>);
    }
    for (const [key, n] of c.waitingCounts ?? [])
      this.counts.set(key, (this.counts.get(key) ?? 0) + n);
    if (this.validUntil === null || r.valid_until < this.validUntil)
      this.validUntil = r.valid_until;
  }
}

/** GET /api/portfolio's body (see portfolioAnswer). */
export async function portfolioOf(
  ctx: AppContext,
  actor: Who,
  query: PortfolioQuery,
  now: Date = ctx.now(),
): Promise<Portfolio> {
  return JSON.parse((await portfolioAnswer(ctx, actor, query, now)).body.toString()) as Portfolio;
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
      areas: areasOf(health),
    };
  });
  const waiting = waitingList(counts);
  return { computedAt: now.toISOString(), rows, waiting, totals };
}
