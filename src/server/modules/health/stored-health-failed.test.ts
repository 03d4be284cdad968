import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Desk } from '../../../contracts/desk.js';
import type { EventOverview } from '../../../contracts/events.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import type { Portfolio } from '../../../contracts/portfolio.js';
import type { StatusReport } from '../../../contracts/status-report.js';
import { pendingStreams } from '../../events/outbox.repository.js';
import { testDialects } from '../../test-support/dialects.js';
import { LONG_SESSIONS } from '../../test-support/env.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { portfolioComputedOf } from './portfolio.service.js';
import { findStaleHealthIds } from './stored-health.repository.js';
import {
  HEALTH_SUBSCRIBER,
  healthBasis,
  healthSubscriber,
  refreshExpiredHealth,
} from './stored-health.service.js';

const dialects = await testDialects();

/**
 * A `health.recompute` delivery that fails for good (its retries exhausted): the stored row
 * stays as it was before the write, unexpired, while the subscriber will never store the
 * new one. Reads must not use it; the job stores it; an admin sees the delivery and retries it.
 */
describe.each(dialects)('stored health after a failed delivery (%s)', (dialect) => {
  let t: TestApp;
  let bea: TestUser;
  let ian: TestUser;
  let admin: TestUser;
  let pilot: Initiative;
  const ADMIN = () => ({ id: admin.id, role: 'admin' as const });

  const ok = async <T>(res: { statusCode: number; body: string; json: <U>() => U }, code = 200) => {
    expect(res.statusCode, res.body).toBe(code);
    return res.json<T>();
  };
  const rowOf = () =>
    t.db.kysely
      .selectFrom('initiative_health')
      .selectAll()
      .where('initiative_id', '=', pilot.id)
      .executeTakeFirstOrThrow();
  /** The pilot's health.recompute deliveries not done, oldest first. */
  const deliveries = () =>
    t.db.kysely
      .selectFrom('event_deliveries')
      .select(['event_id', 'status', 'attempts', 'available_at', 'finished_at', 'last_error'])
      .where('subscriber', '=', HEALTH_SUBSCRIBER)
      .where('stream', '=', pilot.id)
      .where('status', '<>', 'done')
      .orderBy('event_id')
      .execute();
  const cellsOf = (p: Portfolio) => p.rows.find((r) => r.id === pilot.id);
  const computed = async () =>
    cellsOf(await portfolioComputedOf(t.app.ctx, ADMIN(), {}, t.app.ctx.now()));

  /**
   * Bea's weekly update of the pilot with the subscriber failing on every attempt: the
   * dispatcher retries with its backoff (the clock follows it) until it gives up.
   */
  async function writeWithFailingSubscriber(view: string) {
    const before = await rowOf();
    const earlier = new Set((await deliveries()).map((d) => d.event_id));
    const handle = vi
      .spyOn(healthSubscriber, 'handle')
      .mockRejectedValue(new Error('injected: recompute failed'));
    await ok(
      await t.inject({
        method: 'POST',
        url: `/api/initiatives/${pilot.id}/weekly-updates`,
        user: bea,
        body: { side: 'business', view, text: `Now ${view}` },
      }),
    );
    const fresh = async () => (await deliveries()).filter((d) => !earlier.has(d.event_id));
    for (let round = 0; round < 50; round += 1) {
      await t.app.background.drainOutbox();
      const waiting = (await fresh()).filter((d) => d.status === 'pending');
      if (waiting.length === 0) break;
      const due = waiting.map((d) => d.available_at ?? '').sort()[0] ?? '';
      if (due > t.now().toISOString()) t.setClock(new Date(due));
    }
    handle.mockRestore();
    const failed = await fresh();
    expect(failed.length).toBeGreaterThan(0);
    for (const d of failed) {
      expect(d).toMatchObject({ status: 'failed', attempts: 10 });
      expect(d.last_error).toMatch(/injected: recompute failed/);
    }
    // A minute later: nothing pending any more, and the stored row is the one from before
    // the write, still valid and of the current basis: only the failure makes it stale.
    t.setClock(new Date(t.now().getTime() + 60_000));
    expect(await pendingStreams(t.db.kysely, HEALTH_SUBSCRIBER)).not.toContain(pilot.id);
    const row = await rowOf();
    expect(row).toEqual(before);
    expect(row.valid_until > t.now().toISOString()).toBe(true);
    expect(row.basis).toBe((await healthBasis(t.db.kysely)).basis);
    return { failed: failed.at(-1) as NonNullable<(typeof failed)[number]>, row };
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, LONG_SESSIONS);
    t.setClock(new Date('2026-11-26T08:00:00Z'));
    bea = await t.user({ side: 'business', name: 'Bea' });
    ian = await t.user({ side: 'it', name: 'Ian' });
    admin = await t.user({ side: 'it', role: 'admin', name: 'Ada' });
    pilot = await t.given.initiative({
      businessOwner: bea,
      itOwner: ian,
      title: 'Invoice reader',
      department: 'HR',
    });
    await t.app.background.drainOutbox();
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => t?.close());

  it('reads show the write anyway; a read through ensureStoredHealth stores it', async () => {
    const before = await ok<Portfolio>(
      await t.inject({ method: 'GET', url: '/api/portfolio', user: admin }),
    );
    const { row, failed } = await writeWithFailingSubscriber('off_track');
    const now = t.now().toISOString();
    const { basis } = await healthBasis(t.db.kysely);
    expect(await findStaleHealthIds(t.db.kysely, { readable: null }, now, basis)).toEqual([]);
    expect(
      await findStaleHealthIds(t.db.kysely, { readable: null }, now, basis, HEALTH_SUBSCRIBER),
    ).toEqual([pilot.id]);

    // The portfolio (computed, as for a pending event), for an admin and for a member.
    const expected = await computed();
    expect(expected?.areas).not.toEqual(cellsOf(before)?.areas);
    for (const user of [admin, bea]) {
      const portfolio = await ok<Portfolio>(
        await t.inject({ method: 'GET', url: '/api/portfolio?lang=en', user }),
      );
      expect(cellsOf(portfolio)?.overall).toEqual(expected?.overall);
      expect(cellsOf(portfolio)?.areas.owners.ampel).toBe(expected?.areas.owners.ampel);
    }
    expect((await rowOf()).revision).toBe(row.revision);
    // The initiative's own health (always computed from the facts).
    const health = await ok<{ overall: { ampel: string; score: number } }>(
      await t.inject({ method: 'GET', url: `/api/initiatives/${pilot.id}/health`, user: bea }),
    );
    expect(health.overall).toMatchObject(expected?.overall ?? {});

    // My desk reads through ensureStoredHealth: recomputed and stored.
    const desk = await ok<Desk>(await t.inject({ method: 'GET', url: '/api/desk', user: bea }));
    const mine = desk.initiatives.find((i) => i.initiative.id === pilot.id);
    expect(mine?.health).toMatchObject({
      ampel: expected?.overall.ampel,
      score: expected?.overall.score,
    });
    const stored = await rowOf();
    expect(stored.revision).not.toBe(row.revision);
    expect(stored.computed_at > (failed.finished_at ?? '')).toBe(true);
    expect(
      await findStaleHealthIds(t.db.kysely, { readable: null }, now, basis, HEALTH_SUBSCRIBER),
    ).toEqual([]);
    // Then the portfolio is read from the stored row again, and equals the computed one.
    const after = await ok<Portfolio>(
      await t.inject({ method: 'GET', url: '/api/portfolio', user: admin }),
    );
    expect(cellsOf(after)).toEqual(expected);
  });

  it('the status report shows it, and the refresh job stores it', async () => {
    const { row } = await writeWithFailingSubscriber('on_track');
    const expected = await computed();
    expect(expected?.areas.owners).not.toEqual(JSON.parse(row.areas).owners);
    const report = await ok<StatusReport>(
      await t.inject({ method: 'GET', url: '/api/report/status', user: admin }),
    );
    const entry = report.initiatives.find((i) => i.row.id === pilot.id);
    expect(entry?.row.overall).toEqual(expected?.overall);
    expect(entry?.row.areas).toEqual(expected?.areas);
    await writeWithFailingSubscriber('at_risk');
    // The job alone (no read in between) stores it.
    expect(await refreshExpiredHealth(t.app.ctx)).toBe(1);
    expect(cellsOf(await portfolioComputedOf(t.app.ctx, ADMIN(), {}, t.now()))?.areas).toEqual(
      JSON.parse((await rowOf()).areas),
    );
    expect(await refreshExpiredHealth(t.app.ctx)).toBe(0);
  });

  it('an admin sees the failed delivery and retries it; the subscriber then stores the row', async () => {
    const { failed, row } = await writeWithFailingSubscriber('off_track');
    const failedBefore = (await deliveries()).length;
    const overview = await ok<EventOverview>(
      await t.inject({
        method: 'GET',
        url: `/api/admin/events?status=failed&subscriber=${HEALTH_SUBSCRIBER}`,
        user: admin,
      }),
    );
    expect(overview.subscribers.find((s) => s.name === HEALTH_SUBSCRIBER)?.failed).toBe(
      failedBefore,
    );
    expect(overview.deliveries.find((d) => d.eventId === failed.event_id)).toMatchObject({
      initiativeId: pilot.id,
      status: 'failed',
      lastError: expect.stringMatching(/injected: recompute failed/) as unknown,
    });
    await ok(
      await t.inject({
        method: 'POST',
        url: `/api/admin/events/${failed.event_id}/deliveries/${HEALTH_SUBSCRIBER}/retry`,
        user: admin,
      }),
    );
    // Pending again: reads compute it as any pending one until the subscriber ran.
    expect(await pendingStreams(t.db.kysely, HEALTH_SUBSCRIBER)).toContain(pilot.id);
    await t.app.background.drainOutbox();
    const left = await deliveries();
    expect(left.length).toBe(failedBefore - 1);
    expect(left.map((d) => d.event_id)).not.toContain(failed.event_id);
    const stored = await rowOf();
    expect(stored.revision).not.toBe(row.revision);
    expect(JSON.parse(stored.areas)).toEqual((await computed())?.areas);
  });
});
