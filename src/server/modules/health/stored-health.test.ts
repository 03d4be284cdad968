import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Initiative } from '../../../contracts/initiatives.js';
import { Portfolio } from '../../../contracts/portfolio.js';
import { lockInitiativeHealth } from '../../db/dialect.js';
import { pendingStreams } from '../../events/outbox.repository.js';
import { testDialects } from '../../test-support/dialects.js';
import { weeklyDemo } from '../../test-support/given.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { LONG_SESSIONS } from '../../test-support/env.js';
import { loadHealthRows } from './health-facts.repository.js';
import { findStaleHealthIds } from './stored-health.repository.js';
import { healthOfMany } from './health.service.js';
import { portfolioComputedOf, portfolioOf } from './portfolio.service.js';
import {
  ensureStoredHealth,
  HEALTH_SUBSCRIBER,
  healthBasis,
  recomputeStoredHealth,
  refreshExpiredHealth,
  refreshStoredHealth,
} from './stored-health.service.js';

const dialects = await testDialects();

/**
 * The stored current health (initiative_health) against health computed from scratch: after
 * each kind of change, once the outbox subscriber ran; on the next day; when a row is
 * stale or missing; with recomputes of the same initiatives in parallel.
 */
describe.each(dialects)('stored current health (%s)', (dialect) => {
  let t: TestApp;
  let bea: TestUser;
  let ian: TestUser;
  let admin: TestUser;
  let pilot: Initiative;
  let other: Initiative;
  const ADMIN = () => ({ id: admin.id, role: 'admin' as const });

  const clock = (iso: string) => t.setClock(new Date(iso));
  const ok = async <T>(res: { statusCode: number; body: string; json: <U>() => U }, code = 200) => {
    expect(res.statusCode, res.body).toBe(code);
    return res.json<T>();
  };
  const stored = async () =>
    new Map(
      (await t.db.kysely.selectFrom('initiative_health').selectAll().execute()).map((r) => [
        r.initiative_id,
        r,
      ]),
    );
  const withoutTime = (p: Portfolio) => ({ ...p, computedAt: '' });
  /** The portfolio as asked for with `lang`: each cell's sentence only in that language. */
  const inLang = (p: Portfolio, lang: 'de' | 'en'): Portfolio => ({
    ...p,
    rows: p.rows.map((r) => ({
      ...r,
      areas: Object.fromEntries(
        Object.entries(r.areas).map(([k, c]) => [
          k,
          { ...c, top: c.top ? { [lang]: c.top[lang] } : null },
        ]),
      ) as typeof r.areas,
    })),
  });

  /**
   * The subscriber runs; then every stored row equals health computed now from the facts,
   * without anything being recomputed on read, and the portfolio equals the one computed
   * from scratch.
   */
  async function expectStoredEqualsComputed() {
    await t.app.background.drainOutbox();
    const ctx = t.app.ctx;
    const now = ctx.now();
    expect([...(await pendingStreams(t.db.kysely, HEALTH_SUBSCRIBER))]).toEqual([]);
    const { basis } = await healthBasis(t.db.kysely);
    expect(
      await findStaleHealthIds(t.db.kysely, { readable: null }, now.toISOString(), basis),
    ).toEqual([]);
    const rows = await stored();
    const fresh = await healthOfMany(ctx, ADMIN(), {}, now);
    expect(fresh.length).toBeGreaterThan(0);
    for (const e of fresh) {
      const row = rows.get(e.head.id);
      expect(row, e.head.title).toBeDefined();
      expect(JSON.parse(row?.result ?? 'null')).toEqual(JSON.parse(JSON.stringify(e.health)));
      expect(row?.ampel).toBe(e.health.overall.ampel);
      expect(Number(row?.score)).toBe(e.health.overall.score);
    }
    const before = JSON.stringify([...rows.values()].map((r) => r.computed_at));
    const fromStore = await portfolioOf(ctx, ADMIN(), {}, now);
    // Nothing had to be recomputed for that read.
    expect(JSON.stringify([...(await stored()).values()].map((r) => r.computed_at))).toBe(before);
    expect(withoutTime(fromStore)).toEqual(
      withoutTime(await portfolioComputedOf(ctx, ADMIN(), {}, now)),
    );
    for (const q of [{ health: 'red' as const }, { sort: 'title' as const }, { department: 'HR' }])
      expect(withoutTime(await portfolioOf(ctx, ADMIN(), q, now))).toEqual(
        withoutTime(await portfolioComputedOf(ctx, ADMIN(), q, now)),
      );
    for (const lang of ['de', 'en'] as const) {
      const one = await portfolioOf(ctx, ADMIN(), { lang }, now);
      expect(withoutTime(one)).toEqual(withoutTime(inLang(fromStore, lang)));
      // Only the language asked for, and the sentences are there.
      const tops = one.rows.flatMap((r) => Object.values(r.areas).flatMap((c) => c.top ?? []));
      expect(tops.length).toBe(
        fromStore.rows.flatMap((r) => Object.values(r.areas).filter((c) => c.top)).length,
      );
      for (const top of tops) expect(Object.keys(top)).toEqual([lang]);
    }
  }

  /** Right after a write, before the subscriber ran, the portfolio already shows it. */
  async function expectReadYourWrite() {
    // The page's request (one language) first, then both languages.
    const de = await t.inject({ method: 'GET', url: '/api/portfolio?lang=de', user: admin });
    const inGerman = await ok<Portfolio>(de);
    expect(Portfolio.safeParse(inGerman).success).toBe(true);
    expect(withoutTime(inGerman)).toEqual(
      withoutTime(inLang(await portfolioComputedOf(t.app.ctx, ADMIN(), {}, t.app.ctx.now()), 'de')),
    );
    const res = await t.inject({ method: 'GET', url: '/api/portfolio', user: admin });
    const body = await ok<Portfolio>(res);
    // The spliced answer keeps the contract.
    expect(Portfolio.safeParse(body).success).toBe(true);
    const computed = await portfolioComputedOf(t.app.ctx, ADMIN(), {}, t.app.ctx.now());
    expect(withoutTime(body)).toEqual(withoutTime(computed));
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, LONG_SESSIONS);
    clock('2026-11-26T08:00:00Z');
    bea = await t.user({ side: 'business', name: 'Bea' });
    ian = await t.user({ side: 'it', name: 'Ian' });
    admin = await t.user({ side: 'it', role: 'admin', name: 'Ada' });
    pilot = await t.given.initiative({
      businessOwner: bea,
      itOwner: ian,
      title: 'Lead scoring pilot',
      department: 'Sales',
      stage: 'pilot',
    });
    other = await t.given.initiative({
      businessOwner: bea,
      itOwner: ian,
      title: 'Invoice reader',
      department: 'HR',
    });
  });
  afterAll(async () => t?.close());

  it('stores every initiative’s health once the subscriber ran', async () => {
    await expectStoredEqualsComputed();
    expect((await stored()).size).toBe(2);
  });

  it('follows a goal proposed and signed by each side', async () => {
    const goal = await t.given.proposedGoalOnAgreedMetric(pilot, bea, ian, {
      statement: 'More qualified leads',
      baselineValue: 10,
      targetValue: 50,
    });
    await expectReadYourWrite();
    await expectStoredEqualsComputed();
    const signed = await t.given.signGoal(goal, bea, 'business');
    await expectReadYourWrite();
    await expectStoredEqualsComputed();
    await t.given.signGoal(signed, ian, 'it');
    await expectStoredEqualsComputed();
    const result = JSON.parse((await stored()).get(pilot.id)?.result ?? '{}') as {
      pillars: { goals: { reasons: { code: string }[] } };
    };
    expect(result.pillars.goals.reasons.map((r) => r.code)).not.toContain('goals.none_agreed');
  });

  it('follows a handoff submitted and returned', async () => {
    const handoff = await t.given.submittedHandoff(pilot, {
      by: bea,
      receiver: ian,
      toStage: 'operation',
      title: 'Pilot results',
      dueDate: '2026-11-30',
    });
    await expectStoredEqualsComputed();
    const before = (await stored()).get(pilot.id)?.waiting;
    expect(JSON.parse(before ?? '{}')).toMatchObject({ 'handoff_answer:it': 1 });
    await ok(
      await t.inject({
        method: 'POST',
        url: `/api/handoffs/${handoff.id}/return`,
        user: ian,
        body: { version: handoff.version, reason: 'The numbers are missing' },
      }),
    );
    await expectReadYourWrite();
    await expectStoredEqualsComputed();
    expect(JSON.parse((await stored()).get(pilot.id)?.waiting ?? '{}')).not.toHaveProperty(
      'handoff_answer:it',
    );
  });

  it('follows a demo held, and a demo start makes the row expire', async () => {
    await t.given.cadence(pilot, bea, weeklyDemo(ian, [bea]));
    await expectStoredEqualsComputed();
    // Today's demo starts at 14:00 Berlin: the stored row is valid until then, no longer.
    const row = (await stored()).get(pilot.id);
    expect(row?.valid_until).toBe('2026-11-26T13:00:00.000Z');
    const today = await t.db.kysely
      .selectFrom('demo_occurrences')
      .select(['id', 'version'])
      .where('initiative_id', '=', pilot.id)
      .orderBy('starts_at')
      .executeTakeFirstOrThrow();
    await ok(
      await t.inject({
        method: 'POST',
        url: `/api/demos/${today.id}/record`,
        user: bea,
        body: {
          version: Number(today.version),
          presenterId: ian.id,
          attendees: [{ userId: bea.id, confidence: 4 }],
        },
      }),
    );
    await expectReadYourWrite();
    await expectStoredEqualsComputed();
  });

  it('follows a metric point pushed by a machine', async () => {
    const metric = await t.db.kysely
      .selectFrom('metrics')
      .select('id')
      .where('initiative_id', '=', pilot.id)
      .executeTakeFirstOrThrow();
    const token = await ok<{ secret: string }>(
      await t.inject({
        method: 'POST',
        url: `/api/initiatives/${pilot.id}/tokens`,
        user: bea,
        body: { name: 'crm' },
      }),
      201,
    );
    await expectStoredEqualsComputed();
    const pushed = await t.inject({
      method: 'POST',
      url: '/api/push/measurements',
      headers: { authorization: `Bearer ${token.secret}` },
      body: { points: [{ metricId: metric.id, at: '2026-11-26T07:00:00Z', value: 17 }] },
    });
    expect(pushed.statusCode, pushed.body).toBeLessThan(300);
    await expectReadYourWrite();
    await expectStoredEqualsComputed();
    const result = JSON.parse((await stored()).get(pilot.id)?.result ?? '{}') as {
      pillars: { metrics: { reasons: { code: string }[] } };
    };
    expect(result.pillars.metrics.reasons.map((r) => r.code)).not.toContain('metrics.no_data');
  });

  it('follows a weekly update of each side', async () => {
    for (const [user, side] of [
      [bea, 'business'],
      [ian, 'it'],
    ] as const) {
      await ok(
        await t.inject({
          method: 'POST',
          url: `/api/initiatives/${pilot.id}/weekly-updates`,
          user,
          body: { side, view: side === 'it' ? 'off_track' : 'on_track', text: 'Status' },
        }),
      );
      await expectReadYourWrite();
      await expectStoredEqualsComputed();
    }
    expect(JSON.parse((await stored()).get(pilot.id)?.waiting ?? '{}')).not.toHaveProperty(
      'weekly_update:business',
    );
  });

  it('recomputes every initiative on the next day (the refresh job, a fake clock)', async () => {
    await expectStoredEqualsComputed();
    const yesterday = await stored();
    // 23:30 Berlin is still the same day: nothing expired (the demo of 14:00 was recomputed).
    clock('2026-11-26T22:30:00Z');
    await refreshExpiredHealth(t.app.ctx);
    clock('2026-11-26T22:59:00Z');
    expect(await refreshExpiredHealth(t.app.ctx)).toBe(0);
    // Midnight in Berlin: every row expired; the job recomputes them all.
    clock('2026-11-27T00:30:00Z');
    const ran = await t.app.background.runDueJobs();
    if (!ran.includes('health.refresh')) await refreshExpiredHealth(t.app.ctx);
    const today = await stored();
    for (const [id, row] of today) {
      expect(row.day).toBe('2026-11-27');
      expect(row.computed_at > (yesterday.get(id)?.computed_at ?? '')).toBe(true);
    }
    await expectStoredEqualsComputed();
    // Days later without any write: still right (computed on read when the job did not run).
    clock('2026-12-09T09:00:00Z');
    await expectReadYourWrite();
    await expectStoredEqualsComputed();
  });

  it('computes a missing, expired or other-threshold row on read', async () => {
    await t.db.kysely
      .deleteFrom('initiative_health')
      .where('initiative_id', '=', other.id)
      .execute();
    await t.db.kysely
      .updateTable('initiative_health')
      .set({ valid_until: '2026-01-01T00:00:00.000Z', result: '{}', ampel: 'green', score: 100 })
      .where('initiative_id', '=', pilot.id)
      .execute();
    await expectReadYourWrite();
    const rows = await stored();
    expect(rows.size).toBe(2);
    expect(rows.get(pilot.id)?.result).not.toBe('{}');
    await expectStoredEqualsComputed();

    // An admin changes the thresholds: every row is stale at once (its basis), and the
    // portfolio follows at the next read.
    const put = await t.inject({
      method: 'PUT',
      url: '/api/admin/health-thresholds',
      user: admin,
      body: { owners: { updateMissingDeduction: 40 } },
    });
    expect(put.statusCode, put.body).toBe(200);
    const { basis } = await healthBasis(t.db.kysely);
    const now = t.app.ctx.now().toISOString();
    expect((await findStaleHealthIds(t.db.kysely, { readable: null }, now, basis)).sort()).toEqual(
      [pilot.id, other.id].sort(),
    );
    const scoreBefore = Number((await stored()).get(other.id)?.score);
    await expectReadYourWrite();
    // The other initiative has no weekly updates: a larger deduction, a lower score.
    expect(Number((await stored()).get(other.id)?.score)).toBeLessThan(scoreBefore);
    await expectStoredEqualsComputed();
    expect(
      (
        await t.inject({
          method: 'PUT',
          url: '/api/admin/health-thresholds',
          user: admin,
          body: {},
        })
      ).statusCode,
    ).toBe(200);
    await expectStoredEqualsComputed();
  });

  it('serves the portfolio with an ETag, 304 and no-store', async () => {
    const first = await t.inject({ method: 'GET', url: '/api/portfolio', user: admin });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const etag = first.headers.etag as string;
    /** The admin's portfolio again, unless it still has this ETag. */
    const portfolioIfChanged = (tag: string) => ({
      method: 'GET' as const,
      url: '/api/portfolio',
      user: admin,
      headers: { 'if-none-match': tag },
    });
    const again = await t.inject(portfolioIfChanged(etag));
    expect(again.statusCode).toBe(304);
    // Reading (the health basis, the stale check, one recompute's statement) writes nothing,
    // so the read cache stays valid: the database's change token does not move.
    await t.app.background.drainOutbox();
    const token = t.app.ctx.db.changeToken();
    await ensureStoredHealth(t.app.ctx, { readable: null }, t.app.ctx.now());
    await healthBasis(t.db.kysely);
    await loadHealthRows(t.db.kysely, { readable: null, ids: [other.id] }, t.app.ctx.now());
    expect(t.app.ctx.db.changeToken()).toBe(token);
    // A change of one initiative's health: the old ETag no longer matches.
    await ok(
      await t.inject({
        method: 'POST',
        url: `/api/initiatives/${other.id}/weekly-updates`,
        user: bea,
        body: { side: 'business', view: 'at_risk', text: 'Late' },
      }),
    );
    const changed = await t.inject(portfolioIfChanged(etag));
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    // The portfolio of a viewer who sees only company-wide ones comes from the same rows.
    const beas = await ok<Portfolio>(
      await t.inject({ method: 'GET', url: '/api/portfolio', user: bea }),
    );
    expect(beas.rows.map((r) => r.id).sort()).toEqual([pilot.id, other.id].sort());
  });

  it('keeps the portfolio until a write or until a row in it expires, for readers at once', async () => {
    await t.app.background.drainOutbox();
    const read = async () =>
      ok<Portfolio>(await t.inject({ method: 'GET', url: '/api/portfolio', user: admin }));
    const first = await read();
    const cached = t.app.ctx.db.changeToken() !== undefined;
    t.setClock(new Date(t.now().getTime() + 1000));
    const same = await Promise.all([read(), read(), read()]);
    for (const p of same)
      expect(p.computedAt).toBe(cached ? first.computedAt : t.now().toISOString());
    // Past the earliest row's validity (no write in between): every reader at once gets a
    // new answer, computed at the new time.
    const earliest = [...(await stored()).values()].map((r) => r.valid_until).sort()[0];
    expect(earliest).toBeDefined();
    t.setClock(new Date(Date.parse(earliest ?? '') + 1));
    const renewed = await Promise.all([read(), read(), read()]);
    for (const p of renewed) expect(p.computedAt).toBe(t.now().toISOString());
    expect(withoutTime(renewed[0] as Portfolio)).toEqual(
      withoutTime(await portfolioComputedOf(t.app.ctx, ADMIN(), {}, t.now())),
    );
  });

  it('a warm portfolio shows a new title and a renamed owner at once, to readers at once', async () => {
    await t.app.background.drainOutbox();
    const read = async (url = '/api/portfolio?lang=en') =>
      ok<Portfolio>(await t.inject({ method: 'GET', url, user: admin }));
    // Warm: the rows are kept serialised in this process.
    await read();
    await read('/api/portfolio?lang=de');
    const current = await ok<Initiative>(
      await t.inject({ method: 'GET', url: `/api/initiatives/${pilot.id}`, user: admin }),
    );
    await ok(
      await t.inject({
        method: 'PATCH',
        url: `/api/initiatives/${pilot.id}`,
        user: admin,
        body: { version: current.version, title: 'Lead scoring pilot (renamed)' },
      }),
    );
    await ok(
      await t.inject({
        method: 'PATCH',
        url: `/api/users/${bea.id}`,
        user: admin,
        body: { name: 'Beatrice' },
      }),
    );
    // Before the subscriber ran, three readers at once in two languages.
    const [en, de, enAgain] = await Promise.all([read(), read('/api/portfolio?lang=de'), read()]);
    for (const p of [en, de, enAgain]) {
      const row = p.rows.find((r) => r.id === pilot.id);
      expect(row?.title).toBe('Lead scoring pilot (renamed)');
      expect(p.rows.filter((r) => r.businessOwner.name === 'Beatrice').length).toBe(2);
    }
    const computed = await portfolioComputedOf(t.app.ctx, ADMIN(), {}, t.app.ctx.now());
    expect(withoutTime(en)).toEqual(withoutTime(inLang(computed, 'en')));
    expect(withoutTime(de)).toEqual(withoutTime(inLang(computed, 'de')));
    expect(withoutTime(enAgain)).toEqual(withoutTime(en));
  });

  it('a read’s recompute skips rows the subscriber brought up to date meanwhile', async () => {
    await t.app.background.drainOutbox();
    const now = t.app.ctx.now();
    const row = async () =>
      t.db.kysely
        .selectFrom('initiative_health')
        .select(['computed_at', 'valid_until'])
        .where('initiative_id', '=', other.id)
        .executeTakeFirstOrThrow();
    const before = await row();
    const recompute = () =>
      t.db.kysely
        .transaction()
        .execute((trx) => recomputeStoredHealth(trx, [other.id], now, { onlyIfStale: true }));
    // Fresh and nothing pending: nothing recomputed, the row untouched.
    expect(await recompute()).toBe(0);
    expect(await row()).toEqual(before);
    // Expired: recomputed.
    await t.db.kysely
      .updateTable('initiative_health')
      .set({ valid_until: '2000-01-01T00:00:00.000Z' })
      .where('initiative_id', '=', other.id)
      .execute();
    expect(await recompute()).toBe(1);
    expect((await row()).valid_until > now.toISOString()).toBe(true);
  });

  it('a read right after a write computes the pending initiative without waiting for the subscriber', async () => {
    await t.app.background.drainOutbox();
    const rowOf = async () =>
      t.db.kysely
        .selectFrom('initiative_health')
        .select(['computed_at', 'revision', 'result'])
        .where('initiative_id', '=', other.id)
        .executeTakeFirstOrThrow();
    const before = await rowOf();
    const cellsOf = (p: Portfolio) => p.rows.find((r) => r.id === other.id)?.areas;
    const warm = await ok<Portfolio>(
      await t.inject({ method: 'GET', url: '/api/portfolio?lang=en', user: admin }),
    );
    // PostgreSQL: the subscriber is recomputing that initiative right now (it holds the
    // initiative's lock in its open transaction). SQLite has one connection and no such lock.
    const subscriber =
      dialect === 'postgres' ? await t.db.kysely.startTransaction().execute() : undefined;
    try {
      if (subscriber) await lockInitiativeHealth.postgres(subscriber, [other.id]);
      await ok(
        await t.inject({
          method: 'POST',
          url: `/api/initiatives/${other.id}/weekly-updates`,
          user: bea,
          body: { side: 'business', view: 'off_track', text: 'Stuck' },
        }),
      );
      expect(await pendingStreams(t.db.kysely, HEALTH_SUBSCRIBER)).toContain(other.id);
      const read = t.inject({ method: 'GET', url: '/api/portfolio?lang=en', user: admin });
      const outcome = await Promise.race([
        read.then(() => 'answered'),
        new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 5000)),
      ]);
      // It answered while the lock was held, with the write's health.
      expect(outcome).toBe('answered');
      const body = await ok<Portfolio>(await read);
      expect(cellsOf(body)).not.toEqual(cellsOf(warm));
      const computed = await portfolioComputedOf(t.app.ctx, ADMIN(), {}, t.app.ctx.now());
      expect(withoutTime(body)).toEqual(withoutTime(inLang(computed, 'en')));
      // Not stored by the read: the subscriber stores it (until then it stays pending, and
      // each read computes it).
      expect(await rowOf()).toEqual(before);
    } finally {
      await subscriber?.rollback().execute();
    }
    // With a filter, a pending row is recomputed, stored and read again through the filter.
    const now = t.app.ctx.now();
    expect(withoutTime(await portfolioOf(t.app.ctx, ADMIN(), { department: 'HR' }, now))).toEqual(
      withoutTime(await portfolioComputedOf(t.app.ctx, ADMIN(), { department: 'HR' }, now)),
    );
    await expectStoredEqualsComputed();
    expect((await rowOf()).revision).not.toBe(before.revision);
    // Reads, writes and the subscriber at once: every read shows at least the writes
    // answered before it started, and the stored rows end up equal to the facts.
    const write = (view: string, text: string) =>
      t.inject({
        method: 'POST',
        url: `/api/initiatives/${other.id}/weekly-updates`,
        user: bea,
        body: { side: 'business', view, text },
      });
    const read = () => t.inject({ method: 'GET', url: '/api/portfolio?lang=en', user: admin });
    await Promise.all([
      read(),
      write('on_track', 'Moving'),
      read(),
      t.app.background.drainOutbox(),
      write('at_risk', 'Again late'),
      read(),
    ]);
    const last = await ok<Portfolio>(await read());
    expect(withoutTime(last)).toEqual(
      withoutTime(inLang(await portfolioComputedOf(t.app.ctx, ADMIN(), {}, t.app.ctx.now()), 'en')),
    );
    await expectStoredEqualsComputed();
  });

  it('stays right with recomputes of the same initiatives in parallel', async () => {
    const ctx = t.app.ctx;
    const now = ctx.now();
    const ids = [pilot.id, other.id];
    const counts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        refreshStoredHealth(ctx, i % 2 ? ids : [...ids].reverse(), now),
      ),
    );
    expect(counts).toEqual(Array.from({ length: 8 }, () => 2));
    // And with writes interleaved: the last recompute after the last write wins.
    await Promise.all([
      refreshStoredHealth(ctx, ids, now),
      t.inject({
        method: 'POST',
        url: `/api/initiatives/${pilot.id}/weekly-updates`,
        user: bea,
        body: { side: 'business', view: 'at_risk', text: 'Slower' },
      }),
      refreshStoredHealth(ctx, ids, now),
    ]);
    await expectStoredEqualsComputed();
    expect((await stored()).size).toBe(2);
  });

  it('merges the rows computed on read into the others in the portfolio’s order, ties too', async () => {
    await t.app.background.drainOutbox();
    const ctx = t.app.ctx;
    const same: Initiative[] = [];
    for (let i = 0; i < 4; i += 1)
      same.push(
        await t.given.initiative({
          businessOwner: bea,
          itOwner: ian,
          title: 'Same title',
          department: 'Ops',
        }),
      );
    await t.app.background.drainOutbox();
    await ok(await t.inject({ method: 'GET', url: '/api/portfolio?lang=en', user: admin }));
    for (const [n, changed] of [same[0], same[2], same[3], pilot, same[1]].entries()) {
      await ok(
        await t.inject({
          method: 'POST',
          url: `/api/initiatives/${changed?.id ?? ''}/weekly-updates`,
          user: bea,
          body: { side: 'business', view: n % 2 ? 'at_risk' : 'on_track', text: `${n}` },
        }),
      );
      expect(await pendingStreams(t.db.kysely, HEALTH_SUBSCRIBER)).toContain(changed?.id);
      for (const sort of ['worst', 'title'] as const) {
        const body = await ok<Portfolio>(
          await t.inject({
            method: 'GET',
            url: `/api/portfolio?lang=en&sort=${sort}`,
            user: admin,
          }),
        );
        expect(body.rows.length).toBe(6);
        expect(withoutTime(body)).toEqual(
          withoutTime(inLang(await portfolioComputedOf(ctx, ADMIN(), { sort }, ctx.now()), 'en')),
        );
      }
      await t.app.background.drainOutbox();
    }
  });
});
