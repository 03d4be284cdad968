import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Initiative } from '../../../contracts/initiatives.js';
import type { Portfolio } from '../../../contracts/portfolio.js';
import { pendingStreams } from '../../events/outbox.repository.js';
import { testDialects } from '../../test-support/dialects.js';
import { weeklyDemo } from '../../test-support/given.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { LONG_SESSIONS } from '../../test-support/env.js';
import { loadHealthRows } from './health-facts.repository.js';
import { portfolioComputedOf } from './portfolio.service.js';
import { HEALTH_NEUTRAL_FIELDS, HEALTH_SUBSCRIBER } from './stored-health.service.js';

const dialects = await testDialects();

/** A new value for each field the health subscriber leaves alone (every one of them). */
const NEW_VALUES: Record<string, unknown> = {
  title: 'Lead scoring pilot (renamed)',
  problem: 'A problem put another way',
  expectedBenefit: 'A benefit put another way',
  department: 'Marketing',
  tags: ['renamed', 'pilot'],
};

/**
 * An edit of an initiative's fields that its health does not read (HEALTH_NEUTRAL_FIELDS)
 * gets no delivery of the health subscriber: its facts are the same before and after, so the
 * stored row stays right, and a read right after it shows the edit from the portfolio's scan.
 */
describe.each(dialects)('edits health does not read (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let pilot: Initiative;
  const ok = async <T>(res: { statusCode: number; body: string; json: <U>() => U }) => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const patch = async (body: Record<string, unknown>) => {
    const current = await ok<Initiative>(
      await t.inject({ method: 'GET', url: `/api/initiatives/${pilot.id}`, user: admin }),
    );
    return ok<Initiative>(
      await t.inject({
        method: 'PATCH',
        url: `/api/initiatives/${pilot.id}`,
        user: admin,
        body: { version: current.version, ...body },
      }),
    );
  };
  const facts = async () => {
    const row = (
      await loadHealthRows(t.db.kysely, { readable: null, ids: [pilot.id] }, t.app.ctx.now())
    ).get(pilot.id);
    return { inputs: row?.inputs, nextOccurrenceAt: row?.nextOccurrenceAt };
  };
  const pending = async () => pendingStreams(t.db.kysely, HEALTH_SUBSCRIBER, [pilot.id]);

  beforeAll(async () => {
    t = await createTestApp(dialect, LONG_SESSIONS);
    t.setClock(new Date('2026-11-26T08:00:00Z'));
    const bea = await t.user({ side: 'business', name: 'Bea' });
    const ian = await t.user({ side: 'it', name: 'Ian' });
    admin = await t.user({ side: 'it', role: 'admin', name: 'Ada' });
    pilot = await t.given.initiative({
      businessOwner: bea,
      itOwner: ian,
      title: 'Lead scoring pilot',
      department: 'Sales',
    });
    await t.given.cadence(pilot, bea, weeklyDemo(ian, [bea]));
    await t.app.background.drainOutbox();
  });
  afterAll(async () => t?.close());

  it('every field in the list is changed here', () => {
    expect([...HEALTH_NEUTRAL_FIELDS].sort()).toEqual(Object.keys(NEW_VALUES).sort());
  });

  it('changing them leaves the facts as they were and asks for no recompute; the read right after shows them', async () => {
    const before = await facts();
    expect(before.inputs).toBeDefined();
    const changed = await patch(NEW_VALUES);
    expect(changed.title).toBe(NEW_VALUES.title);
    expect([...(await pending())]).toEqual([]);
    expect(await facts()).toEqual(before);
    const read = await ok<Portfolio>(
      await t.inject({ method: 'GET', url: '/api/portfolio', user: admin }),
    );
    const row = read.rows.find((r) => r.id === pilot.id);
    expect(row?.title).toBe(NEW_VALUES.title);
    expect(row?.department).toBe(NEW_VALUES.department);
    const computed = await portfolioComputedOf(
      t.app.ctx,
      { id: admin.id, role: 'admin' },
      {},
      t.app.ctx.now(),
    );
    expect({ ...read, computedAt: '' }).toEqual({ ...computed, computedAt: '' });
  });

  it('an edit of any other field (with a neutral one) is recomputed as before', async () => {
    await t.app.background.drainOutbox();
    await patch({ title: 'Lead scoring pilot (again)', riskClass: 'high' });
    expect([...(await pending())]).toEqual([pilot.id]);
    await t.app.background.drainOutbox();
    await patch({ status: 'paused' });
    expect([...(await pending())]).toEqual([pilot.id]);
  });
});
