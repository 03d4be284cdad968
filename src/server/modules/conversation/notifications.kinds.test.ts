import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationList } from '../../../contracts/conversation.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import { testDialects } from '../../test-support/dialects.js';
import { measurableGoal } from '../../test-support/given.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { LONG_SESSIONS } from '../../test-support/env.js';
import { dailyReminders } from './notifications.daily.js';

const dialects = await testDialects();

describe.each(dialects)('what notifies whom (%s)', (dialect) => {
  let t: TestApp;
  let bea: TestUser;
  let ian: TestUser;
  let initiative: Initiative;

  beforeAll(async () => {
    t = await createTestApp(dialect, LONG_SESSIONS);
    bea = await t.user({ side: 'business', name: 'Bea' });
    ian = await t.user({ side: 'it', name: 'Ian' });
    initiative = await t.given.initiative({
      businessOwner: bea,
      itOwner: ian,
      stage: 'specification',
    });
  });
  afterAll(async () => t?.close());

  const inbox = async (user: TestUser) =>
    (await t.inject({ method: 'GET', url: '/api/notifications', user })).json<NotificationList>()
      .items;
  const kinds = async (user: TestUser) => (await inbox(user)).map((n) => n.kind);

  it('a metric definition waits for the other side’s signature, until both signed', async () => {
    const metric = await t.given.metric(initiative, { businessOwner: bea, itOwner: ian });
    await t.app.background.drainOutbox();
    const forIan = (await inbox(ian)).filter((n) => n.kind === 'signature_awaited');
    expect(forIan).toHaveLength(1);
    expect(forIan[0]?.link).toBe(`/metrics/${metric.id}`);
    // The one who defined it is not told about their own change.
    expect(await kinds(bea)).not.toContain('signature_awaited');
    await t.given.signMetric(metric, bea, 'business');
    await t.given.signMetric(metric, ian, 'it');
    await t.app.background.drainOutbox();
    // Agreed: nobody waits any more; Bea never had to be asked.
    expect(await kinds(bea)).not.toContain('signature_awaited');
  });

  it('a question goes to the other side of the handoff, a return back to the sender', async () => {
    const handoff = await t.given.submittedHandoff(initiative, {
      by: bea,
      receiver: ian,
      toStage: 'build',
      title: 'Spec',
    });
    const asked = await t.given.question(handoff, ian, 'Which data?');
    await t.app.background.drainOutbox();
    const question = (await inbox(bea)).find((n) => n.kind === 'question_to_you');
    expect(question).toMatchObject({ excerpt: 'Which data?', link: `/handoffs/${handoff.id}` });
    const returned = await t.inject({
      method: 'POST',
      url: `/api/handoffs/${handoff.id}/return`,
      user: ian,
      body: { version: asked.version, reason: 'Data sources missing' },
    });
    expect(returned.statusCode).toBe(200);
    await t.app.background.drainOutbox();
    expect((await inbox(bea)).find((n) => n.kind === 'handoff_to_resubmit')).toMatchObject({
      excerpt: 'Data sources missing',
    });
  });

  it('the daily job: demo tomorrow, goal behind plan, stale metric, each once', async () => {
    await t.given.cadence(initiative, bea);
    const first = await t.db.kysely
      .selectFrom('demo_occurrences')
      .select(['id', 'starts_at'])
      .where('initiative_id', '=', initiative.id)
      .orderBy('starts_at')
      .executeTakeFirstOrThrow();
    const dayBefore = new Date(new Date(first.starts_at).getTime() - 20 * 3_600_000);
    t.setClock(dayBefore);
    await dailyReminders(t.app.ctx, dayBefore);
    const demo = (await inbox(ian)).filter((n) => n.kind === 'demo_tomorrow');
    expect(demo).toHaveLength(1);
    expect(demo[0]?.link).toBe(`/initiatives/${initiative.id}?tab=demos`);
    // The metric defined in the first test is only days old: not stale yet.
    expect(await kinds(bea)).not.toContain('metric_stale');

    // A run repeated (after a failure, or on another instance) notifies nobody twice.
    await dailyReminders(t.app.ctx, new Date(dayBefore.getTime() + 3_600_000));
    expect((await inbox(ian)).filter((n) => n.kind === 'demo_tomorrow')).toHaveLength(1);

    // A goal whose metric lags its plan line: behind, told once a week.
    const metric = await t.given.agreedMetric(initiative, {
      businessOwner: bea,
      itOwner: ian,
      name: 'Leads per week',
    });
    await t.given.measurements(metric, bea, [{ at: '2026-11-02T09:00:00+01:00', value: 5 }]);
    await t.given.agreedGoal(initiative, {
      ...measurableGoal(metric, bea, ian, { statement: 'Eighty leads a week', targetValue: 80 }),
      business: bea,
      it: ian,
    });
    await dailyReminders(t.app.ctx, new Date(dayBefore.getTime() + 2 * 3_600_000));
    expect((await inbox(ian)).filter((n) => n.kind === 'goal_behind')).toMatchObject([
      { title: 'Eighty leads a week' },
    ]);
    await dailyReminders(t.app.ctx, new Date(dayBefore.getTime() + 3 * 3_600_000));
    expect((await inbox(ian)).filter((n) => n.kind === 'goal_behind')).toHaveLength(1);

    const later = new Date(dayBefore.getTime() + 30 * 86_400_000);
    t.setClock(later);
    await dailyReminders(t.app.ctx, later);
    expect(await kinds(bea)).toContain('metric_stale');
    expect(await kinds(ian)).toContain('metric_stale');
  });
});
