/**
 * Collaboration health on the server, per initiative: the domain's pure computeHealth fed
 * from the database for one initiative (healthOf) or many at once (healthOfMany), always
 * through the one visibility rule, and explained in words. The other parts of the module:
 * thresholds.service (the admin's overrides), weekly-updates.service (the owners' views),
 * stored-health.service (initiative_health kept up to date), portfolio.service and
 * history.service (snapshots, the 90-day trend).
 */
import type { ExplainedReason, InitiativeHealth } from '../../../contracts/collaboration-health.js';
import {
  type AreaHealth,
  computeHealth,
  type HealthInputs,
  type HealthReason,
  type HealthResult,
} from '../../../domain/health.js';
import { describeReason, healthLinkPath } from '../../../domain/health-messages.js';
import type { Actor, AppContext } from '../../context.js';
import { notFound } from '../../http/problems.js';
import { loadReadable, readableInitiativeIds } from '../initiatives/visibility.service.js';
import type { InitiativeFilter } from './facts-common.repository.js';
import { type HealthRows, type InitiativeHead, loadHealthRows } from './health-facts.repository.js';
import { loadThresholds } from './thresholds.service.js';

/** The company's zone for "today" (other modules count days and weeks in it too). */
export { COMPANY_TIME_ZONE } from './facts-common.repository.js';

type Who = Pick<Actor, 'id' | 'role'>;

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
