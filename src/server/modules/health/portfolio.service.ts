/**
 * The portfolio: every readable initiative × the pillars and the owners' view, served from
 * the stored health (portfolioAnswer) or computed from scratch (portfolioComputedOf, what
 * the stored rows must equal).
 */
import type { Portfolio, PortfolioQuery, WaitingCount } from '../../../contracts/portfolio.js';
import type { Language } from '../../../domain/people.js';
import type { Side } from '../../../domain/sides.js';
import type { Actor, AppContext } from '../../context.js';
import { pendingStreams } from '../../events/outbox.repository.js';
import { readableInitiativeIds } from '../initiatives/visibility.service.js';
import type { InitiativeFilter } from './facts-common.repository.js';
import { healthOfMany } from './health.service.js';
import { type Cell, cellOf, waitingOf } from './portfolio.presenter.js';
import { findHealthCells, findPortfolioRowsWithFreshness } from './stored-health.repository.js';
import { HEALTH_SUBSCRIBER, healthBasis, refreshStoredHealth } from './stored-health.service.js';

type Who = Pick<Actor, 'id' | 'role'>;

const SEVERITY = { red: 0, amber: 1, green: 2 } as const;

/** `localeCompare`'s order (the default locale), without building a collator per call. */
const TITLE_ORDER = new Intl.Collator();

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
function cellsTail(c: CachedCells, lang: Language | undefined): string {
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
