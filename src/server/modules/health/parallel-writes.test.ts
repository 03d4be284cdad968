import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoOverview } from '../../../contracts/demos.js';
import type { GoalDetail } from '../../../contracts/goals.js';
import type { HealthThresholdSettings } from '../../../contracts/health-thresholds.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import { testDialects } from '../../test-support/dialects.js';
import { LONG_SESSIONS } from '../../test-support/env.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';

const dialects = await testDialects();

/**
 * The same write sent by many clients at once (a double click, two tabs, two admins): one of
 * them wins or each applies after the one before, never a 500, and the audit trail tells what
 * happened in order (each "before" is the "after" of the write before it). On SQLite one
 * connection runs one transaction at a time; on PostgreSQL the pool runs them side by side.
 */
describe.each(dialects)('parallel writes (%s)', (dialect) => {
  let t: TestApp;
  let bea: TestUser;
  let ian: TestUser;
  let admin: TestUser;
  let one: Initiative;

  beforeAll(async () => {
    t = await createTestApp(dialect, LONG_SESSIONS);
    t.setClock(new Date('2026-11-26T10:00:00Z'));
    bea = await t.user({ side: 'business', name: 'Bea' });
    ian = await t.user({ side: 'it', name: 'Ian' });
    admin = await t.user({ side: 'it', role: 'admin', name: 'Ada' });
    one = await t.given.initiative({ businessOwner: bea, itOwner: ian, title: 'Parallel' });
  });
  afterAll(async () => t?.close());

  const N = 20;
  const statuses = (answers: { statusCode: number }[]) =>
    answers.map((a) => a.statusCode).sort((a, b) => a - b);

  /** The audit events of these actions in commit order (the audit chain's sequence). */
  const trail = async (actions: string[], entityId?: string) => {
    let q = t.db.kysely
      .selectFrom('audit_events as e')
      .innerJoin('audit_chain as c', 'c.event_id', 'e.id')
      .select(['e.action', 'e.entity_id', 'e.before', 'e.after'])
      .where('e.action', 'in', actions)
      .orderBy('c.seq');
    if (entityId) q = q.where('e.entity_id', '=', entityId);
    return (await q.execute()).map((e) => ({
      action: e.action,
      entityId: e.entity_id,
      before: e.before === null ? null : (JSON.parse(e.before) as Record<string, unknown>),
      after: e.after === null ? null : (JSON.parse(e.after) as Record<string, unknown>),
    }));
  };

  it('both owners writing their weekly update at once: one row per side, a true trail', async () => {
    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        t.inject({
          method: 'POST',
          url: `/api/initiatives/${one.id}/weekly-updates`,
          user: i % 2 === 0 ? bea : ian,
          body: {
            side: i % 2 === 0 ? 'business' : 'it',
            view: 'on_track',
            text: `Update ${i}`,
          },
        }),
      ),
    );
    expect(statuses(answers)).toEqual(Array(N).fill(200));
    const rows = await t.db.kysely
      .selectFrom('weekly_updates')
      .select(['id', 'side', 'text'])
      .where('initiative_id', '=', one.id)
      .execute();
    expect(rows.map((r) => r.side).sort()).toEqual(['business', 'it']);
    for (const row of rows) {
      const events = await trail(['weekly_update.written', 'weekly_update.replaced'], row.id);
      expect(events.map((e) => e.action)).toEqual([
        'weekly_update.written',
        ...Array<string>(N / 2 - 1).fill('weekly_update.replaced'),
      ]);
      events.forEach((e, i) => {
        if (i > 0) expect(e.before?.text, `event ${i}`).toBe(events[i - 1]?.after?.text);
      });
      expect(events.at(-1)?.after?.text).toBe(row.text);
    }
  });

  it('admins saving thresholds at once: each save follows the one before', async () => {
    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        t.inject({
          method: 'PUT',
          url: '/api/admin/health-thresholds',
          user: admin,
          body: { goals: { signatureWaitDays: 3 + (i % 5) } },
        }),
      ),
    );
    expect(statuses(answers)).toEqual(Array(N).fill(200));
    const events = await trail(['setting.health_thresholds_changed']);
    expect(events).toHaveLength(N);
    events.forEach((e, i) => {
      if (i > 0) expect(e.before, `event ${i}`).toEqual(events[i - 1]?.after);
    });
  });

  it('a save over thresholds someone else changed meanwhile is refused (If-Match)', async () => {
    const read = await t.inject({
      method: 'GET',
      url: '/api/admin/health-thresholds',
      user: admin,
    });
    const tag = read.headers.etag as string;
    expect(tag).toBe(`"${read.json<HealthThresholdSettings>().tag}"`);
    // In the same millisecond as the state read: the tag tells them apart by their values.
    const first = await t.inject({
      method: 'PUT',
      url: '/api/admin/health-thresholds',
      user: admin,
      headers: { 'if-match': tag },
      body: { goals: { signatureWaitDays: 9 } },
    });
    expect(first.statusCode, first.body).toBe(200);
    const stale = await t.inject({
      method: 'PUT',
      url: '/api/admin/health-thresholds',
      user: admin,
      headers: { 'if-match': tag },
      body: { goals: { signatureWaitDays: 4 } },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict' });
    const now = await t.inject({ method: 'GET', url: '/api/admin/health-thresholds', user: admin });
    expect(now.json<HealthThresholdSettings>().overrides).toEqual({
      goals: { signatureWaitDays: 9 },
    });
    expect(now.headers.etag).toBe(first.headers.etag);
    expect(first.json<HealthThresholdSettings>()).toMatchObject({
      overrides: { goals: { signatureWaitDays: 9 } },
    });
  });

  it('each unknown key of the thresholds is a problem of its own', async () => {
    const res = await t.inject({
      method: 'PUT',
      url: '/api/admin/health-thresholds',
      user: admin,
      body: { signatureWaitDays: 30, signatureWaitLongDays: 5 },
    });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json<{ errors: { pointer: string }[] }>()
        .errors.map((e) => e.pointer)
        .sort(),
    ).toEqual(['/body/signatureWaitDays', '/body/signatureWaitLongDays']);
  });

  it('a goal proposed and closed by many clients at once: one succeeds, the others 409', async () => {
    const metric = await t.given.agreedMetric(one, { businessOwner: bea, itOwner: ian });
    const draft = await t.given.goal(one, {
      by: bea,
      metric,
      baselineValue: 10,
      baselineDate: '2026-11-01',
      targetValue: 20,
      dueDate: '2027-06-30',
      businessResponsible: bea,
      itResponsible: ian,
    });
    const proposed = await Promise.all(
      Array.from({ length: N }, () =>
        t.inject({
          method: 'POST',
          url: `/api/goals/${draft.id}/propose`,
          user: bea,
          body: { version: draft.version },
        }),
      ),
    );
    expect(statuses(proposed)).toEqual([200, ...Array<number>(N - 1).fill(409)]);
    expect(await trail(['goal.proposed'], draft.id)).toHaveLength(1);
    const goal = proposed.find((a) => a.statusCode === 200)?.json<GoalDetail>();
    const closed = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        t.inject({
          method: 'POST',
          url: `/api/goals/${draft.id}/close`,
          user: bea,
          body: { version: goal?.version, outcome: 'dropped', reason: `Reason ${i}` },
        }),
      ),
    );
    expect(statuses(closed)).toEqual([200, ...Array<number>(N - 1).fill(409)]);
    expect(await trail(['goal.dropped'], draft.id)).toHaveLength(1);
  });

  it('a demo skipped by many clients at once: one succeeds, the others 409', async () => {
    const set = await t.inject({
      method: 'PUT',
      url: `/api/initiatives/${one.id}/demo-cadence`,
      user: bea,
      body: {
        interval: 'weekly',
        weekday: 4,
        time: '14:00',
        durationMinutes: 45,
        startsOn: '2026-11-26',
        location: 'Teams',
        presenterId: ian.id,
        inviteeIds: [bea.id],
      },
    });
    expect(set.statusCode, set.body).toBe(200);
    const demo = set.json<DemoOverview>().upcoming[1];
    if (!demo) throw new Error('no upcoming demo');
    const skipped = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        t.inject({
          method: 'POST',
          url: `/api/demos/${demo.id}/skip`,
          user: bea,
          body: { version: demo.version, reason: `Reason ${i}` },
        }),
      ),
    );
    expect(statuses(skipped)).toEqual([200, ...Array<number>(N - 1).fill(409)]);
    expect(await trail(['demo.skipped'], demo.id)).toHaveLength(1);
  });
});
