import type { InitiativeHealth } from '../../../contracts/collaboration-health.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk, DeskItem } from '../../../contracts/desk.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';

const dialects = await testDialects();

describe.each(dialects)('my desk (%s)', (dialect) => {
  let t: TestApp;
  let bea: TestUser; // business owner
  let ian: TestUser; // IT owner
  let bob: TestUser; // business contributor on the team
  let otto: TestUser; // IT, not on the team (the initiative is visible to the whole company)
  let fresh: TestUser; // nothing at all
  let initiative: Initiative;

  const desk = async (user: TestUser): Promise<Desk> => {
    const res = await t.inject({ method: 'GET', url: '/api/desk', user });
    expect(res.statusCode).toBe(200);
    return res.json<Desk>();
  };
  const signInAgain = async (u: TestUser) => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: u.email, password: u.password },
    });
    expect(res.statusCode).toBe(200);
    u.cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  };
  const keys = (items: DeskItem[]) => items.map((i) => i.key);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    bea = await t.user({ side: 'business', name: 'Bea' });
    ian = await t.user({ side: 'it', name: 'Ian' });
    bob = await t.user({ side: 'business', name: 'Bob' });
    otto = await t.user({ side: 'it', name: 'Otto' });
    fresh = await t.user({ side: 'it', name: 'Fresh' });
    initiative = await t.given.initiative({
      businessOwner: bea,
      itOwner: ian,
      members: [bob],
      visibility: 'company',
      stage: 'specification',
    });
  });
  afterAll(async () => t?.close());

  it('is empty, and says so by its count, for someone nothing waits for', async () => {
    const d = await desk(fresh);
    expect(d.total).toBe(0);
    expect(Object.values(d.waiting).flat()).toEqual([]);
    expect(d.demos).toEqual([]);
    expect(d.initiatives).toEqual([]);
  });

  it('answers 401 signed out', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/desk' });
    expect(res.statusCode).toBe(401);
  });

  it('shows a goal waiting for IT’s signature to the IT owner only, not to the other side or a non-member', async () => {
    const goal = await t.given.proposedGoalOnAgreedMetric(initiative, bea, ian, {
      statement: 'Call back 90 % of leads within a day',
      baselineValue: 10,
      targetValue: 90,
    });
    await t.given.signGoal(goal, bea, 'business');
    const key = `goal_signature:${goal.id}`;

    const forIan = await desk(ian);
    const item = forIan.waiting.signatures.find((i) => i.key === key);
    expect(item).toMatchObject({
      kind: 'goal_signature',
      subject: 'Call back 90 % of leads within a day',
      sides: ['it'],
      initiative: { id: initiative.id, title: initiative.title },
      link: `/goals/${goal.id}`,
    });
    expect(forIan.total).toBeGreaterThanOrEqual(1);
    expect(forIan.initiatives.find((i) => i.initiative.id === initiative.id)?.waiting).toBe(
      forIan.total,
    );

    // The side that signed, a business member, and an IT person off the team: nothing.
    for (const other of [bea, bob, otto])
      expect(keys((await desk(other)).waiting.signatures)).not.toContain(key);

    // Signed by IT: it leaves Ian's desk.
    await t.given.signGoal(goal, ian, 'it');
    expect(keys((await desk(ian)).waiting.signatures)).not.toContain(key);
  });

  it('shows a metric definition to sign to both owners until each side signed', async () => {
    const metric = await t.given.metric(initiative, {
      businessOwner: bea,
      itOwner: ian,
      name: 'Calls per day',
    });
    const key = `metric_signature:${metric.id}`;
    expect((await desk(bea)).waiting.signatures.find((i) => i.key === key)?.sides).toEqual([
      'business',
    ]);
    expect((await desk(ian)).waiting.signatures.find((i) => i.key === key)?.sides).toEqual(['it']);
    expect(keys((await desk(otto)).waiting.signatures)).not.toContain(key);
    await t.given.signMetric(metric, bea, 'business');
    expect(keys((await desk(bea)).waiting.signatures)).not.toContain(key);
    expect(keys((await desk(ian)).waiting.signatures)).toContain(key);
  });

  it('shows a submitted handoff to its receiver, and a question to the side that must answer', async () => {
    const handoff = await t.given.submittedHandoff(initiative, {
      by: bea,
      receiver: ian,
      toStage: 'build',
      title: 'Specification v1',
    });
    const receive = `handoff_receive:${handoff.id}`;
    const forIan = await desk(ian);
    expect(forIan.waiting.handoffs.find((i) => i.key === receive)).toMatchObject({
      subject: 'Specification v1',
      link: `/handoffs/${handoff.id}`,
      dueDate: '2026-12-04',
      overdue: false,
    });
    expect(keys((await desk(bea)).waiting.handoffs)).not.toContain(receive);
    expect(keys((await desk(otto)).waiting.handoffs)).not.toContain(receive);

    await t.given.question(handoff, ian, 'Which CRM fields are mandatory?');
    const question = `question_answer:${handoff.id}`;
    expect(keys((await desk(bea)).waiting.questions)).toContain(question);
    expect(keys((await desk(ian)).waiting.questions)).not.toContain(question);
    expect(keys((await desk(otto)).waiting.questions)).not.toContain(question);
  });

  it('hides everything of a members-only initiative from someone not on its team', async () => {
    const secret = await t.given.initiative({
      businessOwner: bea,
      itOwner: ian,
      visibility: 'members',
      title: 'Secret pricing bot',
    });
    await t.given.metric(secret, { businessOwner: bea, itOwner: ian, name: 'Secret metric' });
    const body = JSON.stringify(await desk(otto));
    expect(body).not.toContain('Secret');
    expect(JSON.stringify(await desk(ian))).toContain('Secret metric');
  });

  it('lists my demos of the next 7 days and my initiatives', async () => {
    await t.given.cadence(initiative, bea, { interval: 'weekly', weekday: 2, time: '10:00' });
    const forBob = await desk(bob);
    expect(forBob.demos.length).toBe(1);
    expect(forBob.demos[0]?.link).toContain(`/initiatives/${initiative.id}?tab=demos&occurrence=`);
    expect(forBob.initiatives.map((i) => [i.initiative.id, i.role])).toEqual([
      [initiative.id, 'contributor'],
    ]);
    expect((await desk(otto)).demos).toEqual([]);
  });
  it('asks each side’s owner for this week’s weekly update until it is written, and shows my initiatives with their health', async () => {
    const key = (side: string) => `weekly_update:${initiative.id}:${side}`;
    const updates = async (u: TestUser) =>
      keys((await desk(u)).waiting.updates).filter((k) => k.includes(initiative.id));
    expect(await updates(bea)).toEqual([key('business')]);
    expect(await updates(ian)).toEqual([key('it')]);
    expect(await updates(bob)).toEqual([]);
    const written = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${initiative.id}/weekly-updates`,
      user: bea,
      body: { side: 'business', view: 'on_track', text: 'Spec signed, build starts Monday.' },
    });
    expect(written.statusCode).toBeLessThan(300);
    expect(await updates(bea)).toEqual([]);
    expect(await updates(ian)).toEqual([key('it')]);

    const mine = (await desk(bea)).initiatives.find((i) => i.initiative.id === initiative.id);
    expect(mine?.role).toBe('owner');
    expect(mine?.health).toMatchObject({
      ampel: expect.stringMatching(/^(green|amber|red)$/),
      pillars: { goals: expect.any(String), handoffs: expect.any(String) },
    });
    expect(mine?.health?.reason.en.length).toBeGreaterThan(0);
    expect(mine?.health?.reason.de.length).toBeGreaterThan(0);
    // A pillar not relevant yet in the stage is `none`, not its (green) Ampel.
    const health = (
      await t.inject({ method: 'GET', url: `/api/initiatives/${initiative.id}/health`, user: bea })
    ).json<InitiativeHealth>();
    const expected = Object.fromEntries(
      (['goals', 'handoffs', 'demos', 'metrics'] as const).map((p) => [
        p,
        health.pillars[p].applicable ? health.pillars[p].ampel : 'none',
      ]),
    );
    expect(mine?.health?.pillars).toEqual(expected);
    // A new idea: none of its pillars is relevant yet.
    const idea = await t.given.initiative({ businessOwner: bea, itOwner: ian, title: 'An idea' });
    const ideaHealth = (await desk(bea)).initiatives.find(
      (i) => i.initiative.id === idea.id,
    )?.health;
    expect(ideaHealth?.pillars).toEqual({
      goals: 'none',
      handoffs: 'none',
      demos: 'none',
      metrics: 'none',
    });
  });

  it('shows an agreed metric without data for longer than its period to its owners', async () => {
    const metric = await t.given.agreedMetric(initiative, {
      businessOwner: bea,
      itOwner: ian,
      name: 'Leads per week',
      period: 'week',
    });
    const key = `metric_stale:${metric.id}`;
    expect(keys((await desk(bea)).waiting.staleMetrics)).not.toContain(key);
    // Eight days later (people sign in again: the sessions ran out meanwhile).
    t.setClock(new Date(t.now().getTime() + 8 * 86_400_000));
    for (const u of [bea, ian, bob]) await signInAgain(u);
    {
      const item = (await desk(bea)).waiting.staleMetrics.find((i) => i.key === key);
      expect(item).toMatchObject({ subject: 'Leads per week', periodDays: 7, sides: ['business'] });
      expect(keys((await desk(ian)).waiting.staleMetrics)).toContain(key);
      expect(keys((await desk(bob)).waiting.staleMetrics)).not.toContain(key);
      // Data arrives: no longer stale.
      await t.given.measurements(metric, bea, [{ at: t.now().toISOString(), value: 3 }]);
      expect(keys((await desk(bea)).waiting.staleMetrics)).not.toContain(key);
    }
  });

  it('is kept per person until the next write or for at most 30 s, and a write shows on the next read', async () => {
    const cached = t.app.ctx.db.changeToken() !== undefined;
    // Settle: with events not yet handled, a read brings the stored health up to date first
    // (a write); the dispatcher handles them.
    await t.app.background.drainOutbox();
    await desk(ian);
    const first = await desk(ian);
    t.setClock(new Date(t.now().getTime() + 1000));
    // Concurrent reads share one answer; without a write it is the cached one.
    const again = await Promise.all([desk(ian), desk(ian), desk(ian)]);
    for (const d of again)
      expect(d).toEqual(cached ? first : { ...first, generatedAt: t.now().toISOString() });
    // Someone else's desk is their own.
    await signInAgain(fresh);
    expect((await desk(fresh)).total).toBe(0);

    // A write: a goal proposed by the business owner waits for IT's signature at once.
    const goal = await t.given.proposedGoalOnAgreedMetric(initiative, bea, ian, {
      statement: 'Answer every lead within an hour',
      baselineValue: 5,
      targetValue: 50,
      dueDate: '2027-06-30',
    });
    await t.given.signGoal(goal, bea, 'business');
    const afterWrite = await desk(ian);
    expect(keys(afterWrite.waiting.signatures)).toContain(`goal_signature:${goal.id}`);
    expect(afterWrite.generatedAt).toBe(t.now().toISOString());

    // Without any write, the clock alone renews it after 30 s.
    t.setClock(new Date(t.now().getTime() + 31_000));
    expect((await desk(ian)).generatedAt).toBe(t.now().toISOString());
  });
});
