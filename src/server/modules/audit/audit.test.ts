import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../contracts/audit.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import type { Stage } from '../../../contracts/stages.js';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { A_METRIC } from '../../test-support/given.js';

const dialects = await testDialects();

/** The activity feed narrowed to one pillar (`?pillar=`), with paging inside the pillar. */
describe.each(dialects)('activity by pillar (%s)', (dialect) => {
  let t: TestApp;
  let biz: TestUser;
  let itOwner: TestUser;
  let helper: TestUser;
  let initiative: Initiative;

  const post = async (url: string, body: unknown, method: 'POST' | 'PUT' = 'POST') => {
    const res = await t.inject({ method, url, user: biz, body });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.body}`);
  };
  const activity = async (query: string) => {
    const res = await t.inject({
      method: 'GET',
      url: `/api/initiatives/${initiative.id}/activity${query}`,
      user: biz,
    });
    expect(res.statusCode).toBe(200);
    return res.json<AuditEvent[]>().map((e) => e.action);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    biz = await t.user({ side: 'business', name: 'Bea Business' });
    itOwner = await t.user({ side: 'it', name: 'Ian IT' });
    helper = await t.user({ side: 'business', name: 'Hanna Helper' });
    const created = await t.inject({
      method: 'POST',
      url: '/api/initiatives',
      user: biz,
      body: {
        title: 'Lead generator',
        problem: 'Leads wait days for a call back.',
        expectedBenefit: 'More closed leads per week.',
        department: 'Sales',
        businessOwnerId: biz.id,
        itOwnerId: itOwner.id,
        riskClass: 'minimal',
      },
    });
    initiative = created.json<Initiative>();
    const stages = (await t.inject({ method: 'GET', url: '/api/stages', user: biz })).json<
      Stage[]
    >();
    const id = initiative.id;
    await post(`/api/initiatives/${id}/members`, { userId: helper.id, role: 'contributor' });
    await post(`/api/initiatives/${id}/goals`, { statement: 'Ten closed leads per week' });
    await post(`/api/initiatives/${id}/metrics`, {
      ...A_METRIC,
      businessOwnerId: biz.id,
      itOwnerId: itOwner.id,
    });
    // From the idea stage to the specification, which the business side receives.
    await post(`/api/initiatives/${id}/handoffs`, {
      title: 'Specification',
      toStageId: stages.find((s) => s.key === 'specification')?.id,
      receiverId: helper.id,
      dueDate: '2026-12-04',
      deliverables: [],
    });
    await post(
      `/api/initiatives/${id}/demo-cadence`,
      {
        interval: 'every_2_weeks',
        weekday: 4,
        time: '14:00',
        durationMinutes: 45,
        location: '',
        presenterId: itOwner.id,
        inviteeIds: [biz.id],
      },
      'PUT',
    );
  });
  afterAll(async () => t?.close());

  it('returns only the events of the chosen pillar', async () => {
    const all = await activity('');
    expect(all).toEqual(
      expect.arrayContaining([
        'initiative.created',
        'member.added',
        'goal.created',
        'metric.created',
        'handoff.created',
        'demo_cadence.created',
      ]),
    );
    expect(await activity('?pillar=goals')).toEqual(['goal.created']);
    expect(await activity('?pillar=metrics')).toEqual(['metric.created']);
    expect(await activity('?pillar=handoffs')).toEqual(['handoff.created']);
    expect(await activity('?pillar=demos')).toEqual(['demo_cadence.created']);
    const team = await activity('?pillar=initiative');
    expect(team).toContain('initiative.created');
    expect(team).toContain('member.added');
    expect(team.every((a) => a.startsWith('initiative.') || a.startsWith('member.'))).toBe(true);
    // Every event belongs to exactly one pillar.
    const pillars = ['goals', 'metrics', 'handoffs', 'demos', 'initiative'];
    const counted = (await Promise.all(pillars.map((p) => activity(`?pillar=${p}`)))).flat();
    expect(counted.length).toBe(all.length);
  });

  it('pages within the pillar', async () => {
    const first = await t.inject({
      method: 'GET',
      url: `/api/initiatives/${initiative.id}/activity?pillar=initiative&limit=1`,
      user: biz,
    });
    const [newest] = first.json<AuditEvent[]>();
    expect(newest).toBeDefined();
    const rest = await activity(`?pillar=initiative&before=${newest?.id ?? ''}`);
    expect(rest.length).toBe((await activity('?pillar=initiative')).length - 1);
    expect(rest.every((a) => a.startsWith('initiative.') || a.startsWith('member.'))).toBe(true);
  });

  it('refuses an unknown pillar, naming the parameter', async () => {
    const res = await t.inject({
      method: 'GET',
      url: `/api/initiatives/${initiative.id}/activity?pillar=people`,
      user: biz,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe(
      '/querystring/pillar',
    );
  });
});
