import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthHistory, PortfolioHistory } from '../../../contracts/collaboration-health.js';
import type { WeeklyUpdates } from '../../../contracts/weekly-updates.js';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { seedSampleWorkspace } from './sample-workspace.seed.js';

const dialects = await testDialects();

describe.each(dialects)('the demo workspace with history (%s)', (dialect) => {
  let t: TestApp;
  let cookie: string;
  const get = async <T>(url: string): Promise<T> => {
    const res = await t.inject({ method: 'GET', url, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const idOf = async (title: string) =>
    (
      await t.db.kysely
        .selectFrom('initiatives')
        .select('id')
        .where('title', '=', title)
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const seeded = await seedSampleWorkspace(t.app.ctx, { onlyIfEmpty: true });
    const admin = seeded?.credentials.find((c) => c.role === 'admin');
    if (!admin) throw new Error('no admin seeded');
    const res = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: admin.email, password: admin.password },
    });
    expect(res.statusCode, res.body).toBe(200);
    cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  }, 120_000);
  afterAll(async () => t.close());

  it('has a 90-day portfolio trend', async () => {
    const history = await get<PortfolioHistory>('/api/portfolio/history');
    expect(history.trend.length).toBeGreaterThanOrEqual(90);
    expect(history.trend[0]?.day).toBe(history.from);
    // The trend is not flat: the colours change over the 90 days.
    const shapes = new Set(history.trend.map((d) => `${d.green}/${d.amber}/${d.red}`));
    expect(shapes.size).toBeGreaterThan(1);
    // The sides agreed on goals and metrics during the specification, as the story goes: the
    // 90 days are not red for want of them (before, they were signed only in the last days).
    const count = (k: 'green' | 'amber' | 'red') => history.trend.reduce((n, d) => n + d[k], 0);
    expect(count('red')).toBeLessThan((count('green') + count('amber') + count('red')) / 2);
  });

  it('tells its story in order: nothing after now, metrics before goals, goals agreed before building', async () => {
    const ms = (v: unknown) => new Date(v as string).getTime();
    const now = t.app.ctx.now().getTime();
    const db = t.db.kysely;
    const events = await db.selectFrom('audit_events').select(['occurred_at', 'action']).execute();
    expect(events.length).toBeGreaterThan(100);
    expect(events.filter((e) => ms(e.occurred_at) > now)).toEqual([]);
    const goals = await db
      .selectFrom('goals as g')
      .innerJoin('metrics as m', 'm.id', 'g.metric_id')
      .select(['g.id', 'g.initiative_id', 'g.status', 'g.created_at', 'm.created_at as metric_at'])
      .execute();
    expect(goals.length).toBeGreaterThan(5);
    for (const g of goals) expect(ms(g.created_at)).toBeGreaterThan(ms(g.metric_at));
    const signatures = await db
      .selectFrom('agreement_signatures')
      .select(['subject_id', 'signed_at'])
      .where('subject_type', '=', 'goal')
      .execute();
    const builds = await db
      .selectFrom('stage_transitions as s')
      .innerJoin('stages as st', 'st.id', 's.to_stage_id')
      .select(['s.initiative_id', 's.occurred_at'])
      .where('st.key', '=', 'build')
      .execute();
    // Both sides signed each agreed goal before building began (the stage that asks for one).
    let checked = 0;
    for (const g of goals.filter((x) => x.status === 'agreed' || x.status === 'achieved')) {
      const build = builds.find((b) => b.initiative_id === g.initiative_id);
      const signed = signatures.filter((x) => x.subject_id === g.id).map((x) => ms(x.signed_at));
      expect(signed.length).toBe(2);
      if (!build) continue;
      expect(Math.max(...signed)).toBeLessThan(ms(build.occurred_at));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('shows what changed since last week on an initiative', async () => {
    const id = await idOf('Automatische Rechnungserfassung');
    const history = await get<HealthHistory>(`/api/initiatives/${id}/health/history`);
    expect(history.trend.length).toBeGreaterThanOrEqual(90);
    expect(history.since).not.toBeNull();
    expect(history.appeared.length + history.resolved.length).toBeGreaterThan(0);
    // The overdue handoff and the owners' disagreement are new this week.
    expect(history.appeared.map((r) => r.code)).toEqual(
      expect.arrayContaining(['handoffs.answer_overdue', 'owners.disagree']),
    );
    // The rows are the daily job's: every area, and reasons with both languages and a link.
    const rows = await t.db.kysely
      .selectFrom('health_snapshots')
      .selectAll()
      .where('initiative_id', '=', id)
      .orderBy('day')
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(90);
    for (const row of rows)
      expect(Object.keys(JSON.parse(row.areas) as object).sort()).toEqual(
        ['demos', 'goals', 'handoffs', 'metrics', 'owners'].sort(),
      );
    const reasons = rows.flatMap((row) => JSON.parse(row.reasons) as HealthHistory['appeared']);
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons)
      expect(reason).toMatchObject({ text: { de: expect.any(String), en: expect.any(String) } });
  });

  it('has weekly updates of both sides, this week and before, one initiative disagreeing', async () => {
    const id = await idOf('Automatische Rechnungserfassung');
    const updates = await get<WeeklyUpdates>(`/api/initiatives/${id}/weekly-updates`);
    expect(updates.latest.business?.week).toBe(updates.currentWeek);
    expect(updates.latest.it?.week).toBe(updates.currentWeek);
    expect(updates.latest.business?.view).toBe('on_track');
    expect(updates.latest.it?.view).toBe('off_track');
    expect(new Set(updates.history.map((u) => u.week)).size).toBeGreaterThanOrEqual(3);
    const other = await idOf('Kundenbeziehungs-Assistent');
    const agreed = await get<WeeklyUpdates>(`/api/initiatives/${other}/weekly-updates`);
    expect(agreed.latest.business?.view).toBe(agreed.latest.it?.view);
  });

  it('seeding again adds nothing', async () => {
    const before = await t.count('health_snapshots');
    const updates = await t.count('weekly_updates');
    const again = await seedSampleWorkspace(t.app.ctx, { onlyIfEmpty: false });
    expect(again?.initiatives).toBe(0);
    expect(await t.count('health_snapshots')).toBe(before);
    expect(await t.count('weekly_updates')).toBe(updates);
  });
});
