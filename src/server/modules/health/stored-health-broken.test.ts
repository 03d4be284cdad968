import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Desk } from '../../../contracts/desk.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import type { Portfolio } from '../../../contracts/portfolio.js';
import { pendingStreams } from '../../events/outbox.repository.js';
import { testDialects } from '../../test-support/dialects.js';
import { LONG_SESSIONS } from '../../test-support/env.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { portfolioComputedOf } from './portfolio.service.js';
import { findStaleHealthIds } from './stored-health.repository.js';
import { HEALTH_SUBSCRIBER, healthBasis, refreshExpiredHealth } from './stored-health.service.js';

// One initiative whose data makes computing its health fail, every time.
const broken = vi.hoisted(() => ({
  id: null as string | null,
  /** A driver error code to fail with instead (a database that cannot be reached). */
  code: undefined as string | undefined,
  /** How often its health was tried. */
  tries: 0,
}));
vi.mock('../../../domain/health.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../domain/health.js')>();
  return {
    ...real,
    computeHealth: (...args: Parameters<typeof real.computeHealth>) => {
      if (args[0].initiativeId === broken.id) broken.tries += 1;
      if (args[0].initiativeId === broken.id)
        throw Object.assign(new Error(`injected: ${broken.code ?? 'bad data'}`), {
          code: broken.code,
        });
      return real.computeHealth(...args);
    },
  };
});

const dialects = await testDialects();

/**
 * An initiative whose recompute fails every time (bad data): its `health.recompute` delivery
 * fails for good, so its stored row is stale for that reason alone. Reads show its stored row
 * (and log it) instead of failing, the others fresh; the refresh job stores the others.
 */
describe.each(dialects)(
  'stored health of an initiative that cannot be computed (%s)',
  (dialect) => {
    let t: TestApp;
    let bea: TestUser;
    let ian: TestUser;
    let admin: TestUser;
    const initiatives: Initiative[] = [];
    const ADMIN = () => ({ id: admin.id, role: 'admin' as const });
    const pilot = () => initiatives[0] as Initiative;
    const other = () => initiatives[1] as Initiative;

    const rowOf = (id: string) =>
      t.db.kysely
        .selectFrom('initiative_health')
        .selectAll()
        .where('initiative_id', '=', id)
        .executeTakeFirstOrThrow();
    const update = async (id: string, view: string) => {
      const res = await t.inject({
        method: 'POST',
        url: `/api/initiatives/${id}/weekly-updates`,
        user: bea,
        body: { side: 'business', view, text: `Now ${view}` },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    const computed = async () => {
      const was = broken.id;
      broken.id = null;
      try {
        return await portfolioComputedOf(t.app.ctx, ADMIN(), {}, t.now());
      } finally {
        broken.id = was;
      }
    };

    beforeAll(async () => {
      t = await createTestApp(dialect, LONG_SESSIONS);
      t.setClock(new Date('2026-11-26T08:00:00Z'));
      bea = await t.user({ side: 'business', name: 'Bea' });
      ian = await t.user({ side: 'it', name: 'Ian' });
      admin = await t.user({ side: 'it', role: 'admin', name: 'Ada' });
      for (const title of ['Invoice reader', 'Payroll bot', 'Travel desk'])
        initiatives.push(
          await t.given.initiative({ businessOwner: bea, itOwner: ian, title, department: 'HR' }),
        );
      await t.app.background.drainOutbox();
      broken.id = initiatives[0]?.id ?? null;
      // A write to the pilot: the subscriber fails on every attempt until it gives up.
      await update(pilot().id, 'off_track');
      for (let round = 0; round < 50; round += 1) {
        await t.app.background.drainOutbox();
        const waiting = await t.db.kysely
          .selectFrom('event_deliveries')
          .select('available_at')
          .where('subscriber', '=', HEALTH_SUBSCRIBER)
          .where('status', '=', 'pending')
          .orderBy('available_at')
          .execute();
        if (waiting.length === 0) break;
        const due = waiting[0]?.available_at ?? '';
        if (due > t.now().toISOString()) t.setClock(new Date(due));
      }
      t.setClock(new Date(t.now().getTime() + 60_000));
    });
    afterEach(() => vi.restoreAllMocks());
    afterAll(async () => {
      broken.id = null;
      await t?.close();
    });

    it('reads show its stored row and log it; the others are fresh', async () => {
      const failed = await t.db.kysely
        .selectFrom('event_deliveries')
        .select('stream')
        .where('subscriber', '=', HEALTH_SUBSCRIBER)
        .where('status', '=', 'failed')
        .execute();
      expect(failed.map((d) => d.stream)).toContain(pilot().id);
      const stored = await rowOf(pilot().id);
      // Stale only because its delivery failed.
      expect(stored.valid_until > t.now().toISOString()).toBe(true);
      expect(stored.basis).toBe((await healthBasis(t.db.kysely)).basis);
      // A write to another initiative, not handled yet: computed by the read.
      await update(other().id, 'at_risk');
      expect(await pendingStreams(t.db.kysely, HEALTH_SUBSCRIBER)).toContain(other().id);
      const expected = await computed();
      const expectedOther = expected.rows.find((r) => r.id === other().id);
      expect(expectedOther).toBeDefined();

      // An unreachable database is not taken for bad data: the read fails (503, as any read
      // that cannot reach the database) instead of showing the stored row.
      broken.code = 'ECONNRESET';
      try {
        const res = await t.inject({ method: 'GET', url: '/api/portfolio', user: admin });
        expect(res.statusCode, res.body).toBe(503);
      } finally {
        broken.code = undefined;
      }

      const log = t.app.ctx.log;
      if (!log) throw new Error('the app context has no logger');
      const errors = vi.spyOn(log, 'error');
      for (const url of ['/api/portfolio', '/api/portfolio?department=HR']) {
        broken.tries = 0;
        const res = await t.inject({ method: 'GET', url, user: admin });
        // Tried once per read unfiltered, not again after the read's early computation
        // failed; filtered (stored: in its transaction of up to 100, then alone) twice.
        expect(broken.tries, url).toBe(url.includes('?') ? 2 : 1);
        expect(res.statusCode, res.body).toBe(200);
        const portfolio = res.json<Portfolio>();
        const row = portfolio.rows.find((r) => r.id === pilot().id);
        expect(row?.overall).toMatchObject({ ampel: stored.ampel, score: stored.score });
        expect(portfolio.rows.find((r) => r.id === other().id)).toEqual(expectedOther);
      }
      // Logged through the server's logger, naming it, once (not once per read).
      const named = (id: string) =>
        errors.mock.calls.filter(([o]) => (o as { initiativeId?: string }).initiativeId === id);
      expect(named(pilot().id)).toHaveLength(1);
      expect(named(other().id)).toHaveLength(0);

      // My desk reads through ensureStoredHealth (it stores the others).
      const res = await t.inject({ method: 'GET', url: '/api/desk', user: bea });
      expect(res.statusCode, res.body).toBe(200);
      const desk = res.json<Desk>();
      expect(desk.initiatives.find((i) => i.initiative.id === pilot().id)?.health).toMatchObject({
        ampel: stored.ampel,
        score: stored.score,
      });
      expect((await rowOf(pilot().id)).revision).toBe(stored.revision);
    });

    it('the refresh job stores the others and reports it as its error', async () => {
      // The next day: every row expired.
      t.setClock(new Date(t.now().getTime() + 24 * 3_600_000));
      await t.app.background.drainOutbox();
      const stale = await findStaleHealthIds(
        t.db.kysely,
        { readable: null },
        t.now().toISOString(),
        (await healthBasis(t.db.kysely)).basis,
      );
      expect(stale).toContain(pilot().id);
      expect(stale.length).toBeGreaterThan(1);
      await expect(refreshExpiredHealth(t.app.ctx)).rejects.toThrow(
        `(${pilot().id}); ${stale.length - 1} stored`,
      );
      const { basis } = await healthBasis(t.db.kysely);
      expect(
        await findStaleHealthIds(t.db.kysely, { readable: null }, t.now().toISOString(), basis),
      ).toEqual([pilot().id]);
      // Its row expired: nothing usable to show, the read fails as before.
      const res = await t.inject({ method: 'GET', url: '/api/portfolio', user: admin });
      expect(res.statusCode).toBe(500);
    });
  },
);
