import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthHistory, InitiativeHealth } from '../../../contracts/collaboration-health.js';
import type { HealthThresholdSettings } from '../../../contracts/health-thresholds.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import type { Portfolio } from '../../../contracts/portfolio.js';
import type { WeeklyUpdates } from '../../../contracts/weekly-updates.js';
import { testDialects } from '../../test-support/dialects.js';
import { MEMBERS_ONLY } from '../../test-support/given.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { LONG_SESSIONS } from '../../test-support/env.js';
import { snapshotHealth } from './history.service.js';

const dialects = await testDialects();

describe.each(dialects)('collaboration health, weekly updates, portfolio (%s)', (dialect) => {
  let t: TestApp;
  let bea: TestUser; // business owner
  let ian: TestUser; // IT owner
  let deputy: TestUser; // IT deputy
  let outsider: TestUser;
  let viewer: TestUser;
  let admin: TestUser;
  let pilot: Initiative; // company-wide, in the pilot, no agreed goal, an overdue handoff
  let secret: Initiative; // members only
  let handoffId: string;

  const get = async <T>(url: string, user: TestUser) => {
    const res = await t.inject({ method: 'GET', url, user });
    return { res, body: res.json<T>() };
  };
  const health = async (id: string, user = bea) =>
    (await get<InitiativeHealth>(`/api/initiatives/${id}/health`, user)).body;
  const codes = (h: InitiativeHealth, area: 'goals' | 'handoffs' | 'owners') =>
    (area === 'owners' ? h.owners : h.pillars[area]).reasons.map((r) => r.code);
  const write = (user: TestUser, side: 'business' | 'it', view: string, text = 'Going well') =>
    t.inject({
      method: 'POST',
      url: `/api/initiatives/${pilot.id}/weekly-updates`,
      user,
      body: { side, view, text },
    });

  beforeAll(async () => {
    // The clock jumps twelve days below: sessions must outlive it.
    t = await createTestApp(dialect, LONG_SESSIONS);
    t.setClock(new Date('2026-11-20T10:00:00Z'));
    bea = await t.user({ side: 'business', name: 'Bea' });
    ian = await t.user({ side: 'it', name: 'Ian' });
    deputy = await t.user({ side: 'it', name: 'Dana' });
    outsider = await t.user({ side: 'business', name: 'Otto' });
    viewer = await t.user({ side: 'business', role: 'viewer', name: 'Vera' });
    admin = await t.user({ side: 'it', role: 'admin' });
    pilot = await t.given.initiative({
      businessOwner: bea,
      itOwner: ian,
      itDeputy: deputy,
      title: 'Lead scoring pilot',
      department: 'Sales',
      stage: 'pilot',
    });
    secret = await t.given.initiative({ businessOwner: bea, itOwner: ian, ...MEMBERS_ONLY });
    await t.given.proposedGoalOnAgreedMetric(pilot, bea, ian, {
      statement: 'More qualified leads',
      baselineValue: 10,
      targetValue: 50,
    });
    const handoff = await t.given.submittedHandoff(pilot, {
      by: bea,
      receiver: ian,
      toStage: 'operation',
      title: 'Pilot results',
      dueDate: '2026-11-24',
    });
    handoffId = handoff.id;
    t.setClock(new Date('2026-12-02T10:00:00Z'));
  });
  afterAll(async () => t?.close());

  it('explains a seeded initiative: a pilot without an agreed goal, an overdue answer, no updates', async () => {
    const h = await health(pilot.id);
    expect(h.initiativeId).toBe(pilot.id);
    expect(h.stage.key).toBe('pilot');
    expect(h.pillars.goals.ampel).toBe('red');
    expect(codes(h, 'goals')).toContain('goals.none_agreed');
    expect(codes(h, 'handoffs')).toContain('handoffs.answer_overdue');
    expect(codes(h, 'owners')).toEqual(
      expect.arrayContaining(['owners.update_missing', 'owners.update_missing']),
    );
    expect(h.overall.ampel).toBe('red');
    expect(h.overall.weakest).toContain('goals');
    const overdue = h.pillars.handoffs.reasons.find((r) => r.code === 'handoffs.answer_overdue');
    expect(overdue?.href).toBe(`/handoffs/${handoffId}`);
    expect(overdue?.text.en).toContain('Pilot results');
    expect(overdue?.text.de).toContain('Pilot results');
    expect(h.overall.reason.text.en.length).toBeGreaterThan(10);
  });

  it('hides a members-only initiative’s health from someone not on its team', async () => {
    expect((await get(`/api/initiatives/${secret.id}/health`, outsider)).res.statusCode).toBe(404);
    expect((await get(`/api/initiatives/${secret.id}/health`, bea)).res.statusCode).toBe(200);
  });

  it('writes the nightly snapshot (the one a week before the changes below)', async () => {
    t.setClock(new Date('2026-11-25T01:15:00Z'));
    expect(await snapshotHealth(t.app.ctx)).toBe(2);
    t.setClock(new Date('2026-12-02T10:00:00Z'));
  });

  it('lets only each side’s owner or deputy write that side; the same week replaces', async () => {
    expect((await write(outsider, 'business', 'on_track')).statusCode).toBe(403);
    expect((await write(ian, 'business', 'on_track')).statusCode).toBe(403);
    expect((await write(viewer, 'business', 'on_track')).statusCode).toBe(403);
    expect((await write(bea, 'business', 'sideways')).statusCode).toBe(400);
    const first = await write(bea, 'business', 'at_risk', 'Leads slow');
    expect(first.statusCode).toBe(200);
    const again = await write(bea, 'business', 'on_track', 'Leads picked up');
    expect(again.statusCode).toBe(200);
    const list = again.json<WeeklyUpdates>();
    expect(list.currentWeek).toBe('2026-W49');
    expect(list.latest.business?.view).toBe('on_track');
    expect(list.latest.business?.text).toBe('Leads picked up');
    expect(list.history.filter((u) => u.side === 'business')).toHaveLength(1);
    expect((await write(deputy, 'it', 'off_track', 'Data pipeline broken')).statusCode).toBe(200);

    const trail = await t.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('initiative_id', '=', pilot.id)
      .where('entity_type', '=', 'weekly_update')
      .orderBy('id')
      .execute();
    expect(trail.map((e) => e.action)).toEqual([
      'weekly_update.written',
      'weekly_update.replaced',
      'weekly_update.written',
    ]);
    const mine = await get<WeeklyUpdates>(`/api/initiatives/${pilot.id}/weekly-updates`, deputy);
    expect(mine.body.canWrite).toEqual(['it']);

    // The two sides disagree by two steps: that is a reason of the owners' area.
    const h = await health(pilot.id);
    expect(codes(h, 'owners')).toContain('owners.disagree');
    expect(codes(h, 'owners')).not.toContain('owners.update_missing');
  });

  it('shows in the portfolio only what the person may read, worst first, with waiting counts', async () => {
    const outsiders = await get<Portfolio>('/api/portfolio', outsider);
    expect(outsiders.res.statusCode).toBe(200);
    expect(outsiders.body.rows.map((r) => r.id)).toContain(pilot.id);
    expect(outsiders.body.rows.map((r) => r.id)).not.toContain(secret.id);
    expect(outsiders.res.body).not.toContain('Works council secret');

    const beas = await get<Portfolio>('/api/portfolio', bea);
    expect(beas.body.rows.map((r) => r.id).sort()).toEqual([pilot.id, secret.id].sort());
    expect(beas.body.rows[0]?.id).toBe(pilot.id); // red before the rest
    const row = beas.body.rows[0];
    expect(row?.areas.goals.ampel).toBe('red');
    expect(row?.areas.goals.top?.en).toBeTruthy();
    expect(beas.body.waiting).toEqual(
      expect.arrayContaining([
        { kind: 'goal_signature', side: 'it', count: 1 },
        { kind: 'handoff_answer', side: 'it', count: 1 },
      ]),
    );

    const sales = await get<Portfolio>('/api/portfolio?department=HR', bea);
    expect(sales.body.rows.map((r) => r.id)).toEqual([secret.id]);
    const reds = await get<Portfolio>('/api/portfolio?health=red', bea);
    expect(reds.body.rows.every((r) => r.overall.ampel === 'red')).toBe(true);
    // Owner or deputy, either side: Dana deputises only the pilot, Ian owns both.
    const danas = await get<Portfolio>(`/api/portfolio?owner=${deputy.id}`, bea);
    expect(danas.body.rows.map((r) => r.id)).toEqual([pilot.id]);
    const ians = await get<Portfolio>(`/api/portfolio?owner=${ian.id}`, bea);
    expect(ians.body.rows.map((r) => r.id).sort()).toEqual([pilot.id, secret.id].sort());
    const none = await get<Portfolio>(`/api/portfolio?owner=${outsider.id}`, bea);
    expect(none.body.rows).toEqual([]);

    const etag = beas.res.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await t.inject({
      method: 'GET',
      url: '/api/portfolio',
      user: bea,
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
  });

  it('lets admins override thresholds (validated, audited) and health follows', async () => {
    expect((await get('/api/admin/health-thresholds', bea)).res.statusCode).toBe(403);
    const put = (body: unknown, user = admin) =>
      t.inject({ method: 'PUT', url: '/api/admin/health-thresholds', user, body });
    expect((await put({ goals: { signatureWaitDays: 3 } }, bea)).statusCode).toBe(403);

    const tooBig = await put({ goals: { signatureWaitDays: 100000 } });
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.headers['content-type']).toContain('application/problem+json');
    expect(tooBig.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe(
      '/body/goals/signatureWaitDays',
    );
    const disorder = await put({ goals: { signatureWaitDays: 30 } });
    expect(disorder.statusCode).toBe(422);
    const unknown = await put({ goals: { sillyDays: 3 } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe(
      '/body/goals/sillyDays',
    );
    const before = await get<HealthThresholdSettings>('/api/admin/health-thresholds', admin);
    expect(before.body.overrides).toEqual({});

    const ok = await put({ handoffs: { answerOverdueLongDeduction: 40 } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<HealthThresholdSettings>().effective.handoffs?.answerOverdueLongDeduction).toBe(
      40,
    );
    const h = await health(pilot.id);
    const overdue = h.pillars.handoffs.reasons.find((r) => r.code === 'handoffs.answer_overdue');
    expect(overdue?.deduction).toBe(40); // 8 days overdue: the long tier, as overridden
    const audit = await t.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'setting.health_thresholds_changed')
      .execute();
    expect(audit).toHaveLength(1);
    expect((await put({})).statusCode).toBe(200);
  });

  it('keeps a daily snapshot and tells what changed since a week ago', async () => {
    const clock = (iso: string) => t.setClock(new Date(iso));
    clock('2026-12-02T01:15:00Z');
    await snapshotHealth(t.app.ctx);
    await snapshotHealth(t.app.ctx); // the same day again: replaced, not doubled
    clock('2026-12-02T10:00:00Z');
    const { res, body } = await get<HealthHistory>(
      `/api/initiatives/${pilot.id}/health/history`,
      bea,
    );
    expect(res.statusCode).toBe(200);
    expect(body.trend.map((p) => p.day)).toEqual(['2026-11-25', '2026-12-02']);
    expect(body.since).toBe('2026-11-25');
    // A week ago nobody had written an update; now both sides have, and they disagree. The
    // overdue answer was there already (a longer wait is the same reason, not a new one).
    expect(body.appeared.map((r) => r.code)).not.toContain('handoffs.answer_overdue');
    expect(body.appeared.map((r) => r.code)).toContain('owners.disagree');
    expect(body.appeared.find((r) => r.code === 'owners.disagree')?.text.de).toBeTruthy();
    expect(
      (await get(`/api/initiatives/${secret.id}/health/history`, outsider)).res.statusCode,
    ).toBe(404);
  });
});
