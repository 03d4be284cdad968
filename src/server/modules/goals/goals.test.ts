import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Goal, GoalDetail } from '../../../contracts/goals.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import type { Metric } from '../../../contracts/metrics.js';
import { testDialects } from '../../test-support/dialects.js';
import { type GoalSpec, measurableGoal } from '../../test-support/given.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { LONG_SESSIONS } from '../../test-support/env.js';
import type { Side } from '../../../domain/sides.js';

const dialects = await testDialects();

describe.each(dialects)('shared goals (%s)', (dialect) => {
  let t: TestApp;
  let biz: TestUser;
  let itOwner: TestUser;
  let outsider: TestUser;
  let initiative: Initiative;
  let otherMetric: Metric;
  let metric: Metric;

  const terms = (over: Record<string, unknown> = {}) => ({
    statement: 'Close more leads per week',
    rationale: 'Sales grows without more people.',
    metricId: metric.id,
    baselineValue: 4,
    baselineDate: '2026-11-01',
    targetValue: 8,
    dueDate: '2027-03-31',
    businessResponsibleId: biz.id,
    itResponsibleId: itOwner.id,
    ...over,
  });
  /** The same terms as the builders take them. */
  const spec = (over: Partial<GoalSpec> = {}): GoalSpec =>
    measurableGoal(metric, biz, itOwner, {
      statement: 'Close more leads per week',
      rationale: 'Sales grows without more people.',
      ...over,
    });
  const create = (over: Partial<GoalSpec> = {}) => t.given.goal(initiative, spec(over));
  const propose = (g: { id: string; version: number }, user = biz) =>
    t.inject({
      method: 'POST',
      url: `/api/goals/${g.id}/propose`,
      user,
      body: { version: g.version },
    });
  const edit = (g: { id: string }, body: Record<string, unknown>, user = biz) =>
    t.inject({ method: 'PATCH', url: `/api/goals/${g.id}`, user, body });
  const close = (g: { id: string }, body: Record<string, unknown>, user = biz) =>
    t.inject({ method: 'POST', url: `/api/goals/${g.id}/close`, user, body });
  const read = async (g: { id: string }) =>
    (await t.inject({ method: 'GET', url: `/api/goals/${g.id}`, user: biz })).json<GoalDetail>();
  const signAs = (user: TestUser, g: { id: string }, version: number, side: Side) =>
    t.inject({
      method: 'POST',
      url: `/api/goals/${g.id}/signatures`,
      user,
      body: { version, side },
    });
  const agreedGoal = (over: Partial<GoalSpec> = {}) =>
    t.given.agreedGoal(initiative, { ...spec(over), business: biz, it: itOwner });

  beforeAll(async () => {
    // The clock jumps by months here: sessions must outlive it.
    t = await createTestApp(dialect, LONG_SESSIONS);
    t.setClock(new Date('2026-11-27T10:00:00Z'));
    biz = await t.user({ side: 'business', name: 'Bea' });
    itOwner = await t.user({ side: 'it', name: 'Ian' });
    outsider = await t.user({ side: 'it', name: 'Otto' });
    const owners = { businessOwner: biz, itOwner };
    initiative = await t.given.initiative({ ...owners, title: 'Lead generator' });
    const other = await t.given.initiative({ ...owners, title: 'Other' });
    metric = await t.given.metric(initiative, owners);
    otherMetric = await t.given.metric(other, owners);
  });
  afterAll(async () => t?.close());

  it('a draft says in plain words what keeps it from being measurable; proposing refuses until it is', async () => {
    const res = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${initiative.id}/goals`,
      user: biz,
      body: { statement: 'Faster answers' },
    });
    expect(res.statusCode).toBe(201);
    const draft = res.json<GoalDetail>();
    expect(draft.status).toBe('draft');
    expect(draft.gate.map((p) => p.field)).toEqual([
      'metricId',
      'baselineValue',
      'baselineDate',
      'targetValue',
      'dueDate',
      'businessResponsibleId',
      'itResponsibleId',
    ]);
    const refused = await propose(draft);
    expect(refused.statusCode).toBe(422);
    expect(
      refused.json<{ code: string; errors: { pointer: string }[] }>().errors.map((e) => e.pointer),
    ).toContain('/body/dueDate');
    expect((await read(draft)).status).toBe('draft');
  });

  it('refuses a target on the wrong side, a past due date, and a metric of another initiative', async () => {
    const wrong = await propose(await create({ targetValue: 3 }));
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({
      errors: [{ pointer: '/body/targetValue', code: 'wrong_direction' }],
    });
    const past = await propose(await create({ dueDate: '2026-11-26' }));
    expect(past.json()).toMatchObject({
      errors: [{ pointer: '/body/dueDate', code: 'not_future' }],
    });
    const foreign = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${initiative.id}/goals`,
      user: biz,
      body: terms({ metricId: otherMetric.id }),
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json()).toMatchObject({
      errors: [{ pointer: '/body/metricId', code: 'foreign_metric' }],
    });
    const badDate = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${initiative.id}/goals`,
      user: biz,
      body: terms({ dueDate: '31.03.2027' }),
    });
    expect(badDate.statusCode).toBe(400);
    const outsiderResponsible = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${initiative.id}/goals`,
      user: biz,
      body: terms({ itResponsibleId: outsider.id }),
    });
    expect(outsiderResponsible.json()).toMatchObject({
      errors: [{ pointer: '/body/itResponsibleId', code: 'not_member' }],
    });
  });

  it('is agreed only when both sides signed the current version', async () => {
    const g = await create();
    const draftSign = await signAs(biz, g, 1, 'business');
    expect(draftSign.statusCode).toBe(409);
    expect(draftSign.json()).toMatchObject({ code: 'not_proposed' });
    const p = (await propose(g)).json<GoalDetail>();
    expect(p).toMatchObject({
      status: 'proposed',
      agreement: { currentVersion: 1, waitingFor: ['business', 'it'] },
    });
    const b = (await signAs(biz, p, 1, 'business')).json<GoalDetail>();
    expect(b).toMatchObject({
      status: 'proposed',
      agreement: { agreed: false, waitingFor: ['it'] },
    });
    const waiting = (
      await t.inject({ method: 'GET', url: '/api/goals?waitingFor=it', user: outsider })
    ).json<Goal[]>();
    expect(waiting.map((x) => x.id)).toContain(g.id);
    expect(
      (await t.inject({ method: 'GET', url: '/api/goals?waitingFor=business', user: outsider }))
        .json<Goal[]>()
        .map((x) => x.id),
    ).not.toContain(g.id);
    const twice = await signAs(biz, p, 1, 'business');
    expect(twice.json()).toMatchObject({ code: 'already_signed' });
    const otherSide = await signAs(biz, p, 1, 'it');
    expect(otherSide.json()).toMatchObject({ code: 'wrong_side' });
    const notMember = await signAs(outsider, p, 1, 'it');
    expect(notMember.statusCode).toBe(403);
    const i = (await signAs(itOwner, p, 1, 'it')).json<GoalDetail>();
    expect(i).toMatchObject({ status: 'agreed', agreement: { agreed: true, waitingFor: [] } });
  });

  it('changing the target of an agreed goal makes a new version and voids both signatures', async () => {
    const agreed = await agreedGoal();
    const edited = await edit(agreed, { version: agreed.version, targetValue: 10 });
    expect(edited.statusCode).toBe(200);
    const v2 = edited.json<GoalDetail>();
    expect(v2).toMatchObject({
      status: 'proposed',
      targetValue: 10,
      agreement: { currentVersion: 2, agreed: false, waitingFor: ['business', 'it'] },
    });
    expect(
      v2.versions.map((v) => [
        v.version,
        v.content.targetValue,
        v.signatures.map((s) => s.side).sort(),
      ]),
    ).toEqual([
      [2, 10, []],
      [1, 8, ['business', 'it']],
    ]);
    const stale = await signAs(itOwner, v2, 1, 'it');
    expect(stale.json()).toMatchObject({ code: 'stale_version' });
    const wording = await edit(agreed, {
      version: v2.version,
      statement: 'Close more qualified leads per week',
    });
    expect(wording.json<GoalDetail>().agreement.currentVersion).toBe(2); // wording is not a term
    const broken = await edit(agreed, {
      version: wording.json<GoalDetail>().version,
      targetValue: 1,
    });
    expect(broken.statusCode).toBe(422);
    expect((await read(agreed)).targetValue).toBe(10);
  });

  it('detects concurrent edits: the second writer gets 409', async () => {
    const g = await create();
    const first = await edit(g, { version: g.version, rationale: 'First' });
    expect(first.statusCode).toBe(200);
    const second = await edit(g, { version: g.version, rationale: 'Second' }, itOwner);
    expect(second.statusCode).toBe(409);
    expect((await read(g)).rationale).toBe('First');
  });

  it('reports progress against the plan and marks the goal achieved when the metric reaches the target', async () => {
    const g = await agreedGoal({ baselineDate: '2026-11-02', dueDate: '2027-01-25' });
    expect(g.progress).toMatchObject({ state: 'no_data', current: null });
    // Complete weeks with 5, 6, 6 closed leads, on the way from 4 to 8.
    const add = (at: string, value: number) =>
      t.inject({
        method: 'POST',
        url: `/api/metrics/${metric.id}/measurements`,
        user: biz,
        body: { at, value },
      });
    await add('2026-11-03T10:00:00Z', 5);
    await add('2026-11-10T10:00:00Z', 6);
    await add('2026-11-17T10:00:00Z', 6);
    const now = await read(g);
    expect(now.progress.current).toEqual({
      value: 6,
      periodStart: '2026-11-16',
      periodEnd: '2026-11-23',
    });
    expect(now.progress).toMatchObject({
      rule: 'last_complete_period',
      inProgressPeriodStart: '2026-11-23',
    });
    expect(now.progress.state).toBe('ahead'); // 2 of 4 leads gained after 25 of 84 days
    expect(now.progress.plan).toBeCloseTo(4 + 4 * (25 / 84), 6);
    expect(now.progress.forecast?.basedOn).toBe(3);
    expect(now.status).toBe('agreed');
    // A running week with 9 so far does not count yet; the complete week does.
    await add('2026-11-24T10:00:00Z', 9);
    expect((await read(g)).status).toBe('agreed');
    t.setClock(new Date('2026-12-01T10:00:00Z'));
    await add('2026-11-30T10:00:00Z', 1); // any new data re-evaluates
    const achieved = await read(g);
    expect(achieved).toMatchObject({ status: 'achieved', achievedAt: '2026-12-01T10:00:00.000Z' });
    t.setClock(new Date('2026-11-27T10:00:00Z'));
  });

  it('flags an agreed goal past its due date for a decision; owners mark it missed or dropped with a reason', async () => {
    const g = await agreedGoal({ targetValue: 100 });
    t.setClock(new Date('2027-04-02T10:00:00Z'));
    const late = await read(g);
    expect(late.progress.needsDecision).toBe(true);
    const noReason = await close(g, { version: late.version, outcome: 'missed', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    const missed = await close(g, {
      version: late.version,
      outcome: 'missed',
      reason: 'CRM migration took the quarter.',
    });
    expect(missed.json()).toMatchObject({
      status: 'missed',
      statusReason: 'CRM migration took the quarter.',
      permissions: { edit: false },
    });
    const after = await edit(g, { version: missed.json<GoalDetail>().version, targetValue: 5 });
    expect(after.statusCode).toBe(409);
    t.setClock(new Date('2026-11-27T10:00:00Z'));
    const draft = await create();
    const dropMissed = await close(draft, {
      version: draft.version,
      outcome: 'missed',
      reason: 'x',
    });
    expect(dropMissed.statusCode).toBe(422);
    const dropped = await close(draft, {
      version: draft.version,
      outcome: 'dropped',
      reason: 'Replaced by a better goal',
    });
    expect(dropped.json()).toMatchObject({ status: 'dropped' });
    const actions = (await t.activity(initiative, biz, 5)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['goal.missed', 'goal.dropped']));
  });

  it('only owners and deputies decide that a goal is missed or dropped; contributors may not', async () => {
    const contributor = await t.user({ side: 'business', name: 'Cora' });
    await t.inject({
      method: 'POST',
      url: `/api/initiatives/${initiative.id}/members`,
      user: biz,
      body: { userId: contributor.id, role: 'contributor' },
    });
    const g = await create();
    const seen = (
      await t.inject({ method: 'GET', url: `/api/goals/${g.id}`, user: contributor })
    ).json<GoalDetail>();
    expect(seen.permissions).toEqual({ edit: true, decide: false });
    const res = await close(
      g,
      { version: g.version, outcome: 'dropped', reason: 'x' },
      contributor,
    );
    expect(res.statusCode).toBe(403);
    expect((await read(g)).status).toBe('draft');
  });

  it('keeps goals of members-only initiatives from others, and viewers from writing', async () => {
    const viewer = await t.user({ side: 'business', role: 'viewer' });
    const g = await create();
    expect((await edit(g, { version: g.version, rationale: 'x' }, viewer)).statusCode).toBe(403);
    expect((await edit(g, { version: g.version, rationale: 'x' }, outsider)).statusCode).toBe(403);
    const i = (
      await t.inject({ method: 'GET', url: `/api/initiatives/${initiative.id}`, user: biz })
    ).json<Initiative>();
    await t.inject({
      method: 'PATCH',
      url: `/api/initiatives/${initiative.id}`,
      user: biz,
      body: { version: i.version, visibility: 'members' },
    });
    expect(
      (await t.inject({ method: 'GET', url: `/api/goals/${g.id}`, user: outsider })).statusCode,
    ).toBe(404);
    expect(
      (await t.inject({ method: 'GET', url: '/api/goals', user: outsider })).json<Goal[]>(),
    ).toEqual([]);
    await t.inject({
      method: 'PATCH',
      url: `/api/initiatives/${initiative.id}`,
      user: biz,
      body: { version: i.version + 1, visibility: 'company' },
    });
  });
});
