/** Health over time: the nightly snapshots, the 90-day trend and a week's changed reasons. */
import { sql } from 'kysely';
import type {
  HealthHistory,
  InitiativeHealth,
  PortfolioHistory,
  RememberedReason,
} from '../../../contracts/collaboration-health.js';
import type { PortfolioQuery } from '../../../contracts/portfolio.js';
import {
  computeHealth,
  HEALTH_AREAS,
  type HealthInputs,
  type HealthResult,
} from '../../../domain/health.js';
import { addDays } from '../../../domain/cadence.js';
import { localDay } from '../../../domain/periods.js';
import type { Actor, AppContext } from '../../context.js';
import type { Job } from '../../events/registry.js';
import { readableInitiativeIds } from '../initiatives/visibility.service.js';
import { COMPANY_TIME_ZONE, filteredInitiatives } from './facts-common.repository.js';
import { explainHealth, healthOf, healthOfMany } from './health.service.js';
import { loadHealthRows } from './health-facts.repository.js';
import { loadThresholds } from './thresholds.service.js';
import { findSnapshots, saveSnapshots, type SnapshotRow } from './snapshots.repository.js';

type Who = Pick<Actor, 'id' | 'role'>;

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
 * The row the daily job stores for one initiative's health on `day` (computed at `at`): the
 * overall Ampel and score, each area's, and the reasons in words (for "what changed").
 * The demo workspace's seed writes its past days with it too.
 */
export function snapshotRowOf(health: HealthResult, day: string, at: string): SnapshotRow {
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
}

/**
 * Writes today's snapshot of every initiative (the daily job; idempotent per day: a second
 * run the same day replaces the day's row). Returns how many were written.
 */
export async function snapshotHealth(ctx: AppContext, now: Date = ctx.now()): Promise<number> {
  const entries = await healthOfMany(ctx, SYSTEM, {}, now);
  const day = localDay(now.getTime(), COMPANY_TIME_ZONE);
  const at = now.toISOString();
  const rows = entries.map(({ health }) => snapshotRowOf(health, day, at));
  // In the order of the key: two overlapping runs (two instances) then lock the rows in the
  // same order and one waits for the other instead of deadlocking.
  rows.sort((x, y) =>
    x.initiative_id < y.initiative_id ? -1 : x.initiative_id > y.initiative_id ? 1 : 0,
  );
  await ctx.db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200) await saveSnapshots(trx, rows.slice(i, i + 200));
  });
  return rows.length;
}

/**
 * Writes the snapshots of past days as the daily job would have (the demo workspace's seed):
 * for each day, the health of `ids` computed at `at` over their fact sheets loaded for that
 * instant and passed through `asOf` (which takes back what happened after it). Initiatives
 * created after `at` get no row that day. Upserts, like the job. Returns how many were written.
 */
export async function snapshotPastHealth(
  ctx: AppContext,
  ids: readonly string[],
  days: readonly { day: string; at: Date }[],
  asOf: (inputs: HealthInputs, at: string) => HealthInputs,
): Promise<number> {
  if (ids.length === 0) return 0;
  const db = ctx.db.kysely;
  const thresholds = await loadThresholds(db);
  const rows: SnapshotRow[] = [];
  for (const { day, at } of days) {
    const iso = at.toISOString();
    const sheets = await loadHealthRows(db, { readable: null, ids }, at);
    for (const { inputs } of sheets.values()) {
      if (inputs.createdAt > iso) continue;
      rows.push(snapshotRowOf(computeHealth(asOf(inputs, iso), thresholds, at), day, iso));
    }
  }
  rows.sort((x, y) =>
    x.initiative_id < y.initiative_id ? -1 : x.initiative_id > y.initiative_id ? 1 : 0,
  );
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200) await saveSnapshots(trx, rows.slice(i, i + 200));
  });
  return rows.length;
}

/**
 * The company's calendar days the history looks at: today, the first day of the 90-day trend
 * and the day a week ago. Counted in calendar days, not in 24-hour steps: a week that holds a
 * change of summer time has 167 or 169 hours, and a step of 7 × 24 h from just after midnight
 * would land on the wrong day.
 */
export function historyDays(now: Date): { today: string; from: string; weekAgo: string } {
  const today = localDay(now.getTime(), COMPANY_TIME_ZONE);
  return { today, from: addDays(today, -TREND_DAYS), weekAgo: addDays(today, -7) };
}

/** The 90-day trend of one initiative and the reasons that appeared or went away in a week. */
export async function healthHistoryOf(
  ctx: AppContext,
  actor: Who,
  initiativeId: string,
  now: Date = ctx.now(),
): Promise<HealthHistory> {
  const current = await healthOf(ctx, actor, initiativeId, now);
  const { today, from, weekAgo } = historyDays(now);
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

/**
 * The portfolio's 90-day trend: per snapshot day, the Ampel counts and the mean score of the
 * initiatives the person may read now, narrowed by the portfolio's filters on department,
 * stage, owner and risk class (their current values; the health filter picks today's
 * colour and so does not apply to the past). One aggregate statement.
 */
export async function portfolioHistoryOf(
  ctx: AppContext,
  actor: Who,
  query: PortfolioQuery,
  now: Date = ctx.now(),
): Promise<PortfolioHistory> {
  const db = ctx.db.kysely;
  const { from } = historyDays(now);
  const ids = filteredInitiatives(db, {
    readable: readableInitiativeIds(db, actor),
    department: query.department,
    stageId: query.stage,
    ownerId: query.owner,
    riskClass: query.riskClass,
  }).select('i.id');
  const count = (ampel: 'green' | 'amber' | 'red') =>
    sql<number>`sum(case when s.ampel = ${ampel} then 1 else 0 end)`;
  const rows = await db
    .selectFrom('health_snapshots as s')
    .where('s.initiative_id', 'in', ids)
    .where('s.day', '>=', from)
    .groupBy('s.day')
    .orderBy('s.day')
    .select([
      's.day',
      count('green').as('green'),
      count('amber').as('amber'),
      count('red').as('red'),
      sql<number>`avg(s.score)`.as('score'),
    ])
    .execute();
  return {
    from,
    trend: rows.map((r) => ({
      day: r.day,
      green: Number(r.green),
      amber: Number(r.amber),
      red: Number(r.red),
      score: Math.round(Number(r.score)),
    })),
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
