import { describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { prepareDatabase } from './main.js';
import { testDialects } from './test-support/dialects.js';
import { countRows, createTestDb } from './test-support/test-app.js';

const dialects = await testDialects();

describe.each(dialects)('start-up (%s)', (dialect) => {
  it('two instances starting at once migrate, create the admin and seed the demo exactly once', async () => {
    const t = await createTestDb(dialect);
    const config = {
      ...t.config,
      demo: true,
      admin: { email: 'ops@example.com', password: 'a-long-admin-password' },
    };
    const second =
      dialect === 'postgres' ? (await import('./db/connect.js')).connect(config.database) : t.db;
    try {
      const a = await buildApp({ config, db: t.db });
      const b = await buildApp({ config, db: second });
      const logs: string[] = [];
      await Promise.all([
        prepareDatabase(a.ctx, (m) => logs.push(m)),
        prepareDatabase(b.ctx, (m) => logs.push(m)),
      ]);
      const count = (table: 'initiatives' | 'stages' | 'users') => countRows(t.db, table);
      expect(await count('initiatives')).toBe(5);
      expect(await count('stages')).toBe(6);
      expect(await count('users')).toBe(11); // 10 demo people + the configured admin
      expect(logs.filter((l) => l.startsWith('Seeded the demo workspace'))).toHaveLength(1);
      // Shared metrics: a year of history each; one definition waits for IT's signature.
      const metrics = await t.db.kysely.selectFrom('metrics').select(['id', 'name']).execute();
      expect(metrics).toHaveLength(7);
      const signatures = await t.db.kysely
        .selectFrom('agreement_signatures')
        .select(['subject_id', 'side'])
        .execute();
      const sidesOf = (name: string) =>
        signatures
          .filter((s) => s.subject_id === metrics.find((m) => m.name === name)?.id)
          .map((s) => s.side);
      expect(sidesOf('Bearbeitungszeit pro Beitrag')).toEqual(['business']);
      expect(sidesOf('Abgeschlossene Leads').sort()).toEqual(['business', 'it']);
      expect(await countRows(t.db, 'metric_daily')).toBeGreaterThan(7 * 250);
      // Each goal's story spreads over days: created, proposed and signed not in one minute.
      const goalEvents = await t.db.kysely
        .selectFrom('audit_events')
        .select(['entity_id', 'action', 'occurred_at'])
        .where('entity_type', '=', 'goal')
        .where('action', 'in', ['goal.created', 'goal.proposed', 'goal.signed'])
        .execute();
      const daysOf = new Map<string, Set<string>>();
      for (const e of goalEvents)
        daysOf.set(
          e.entity_id,
          (daysOf.get(e.entity_id) ?? new Set()).add(e.occurred_at.slice(0, 10)),
        );
      expect(daysOf.size).toBeGreaterThan(0);
      for (const days of daysOf.values()) expect(days.size).toBeGreaterThanOrEqual(3);
      // Shared goals: agreed ones, one waiting for IT, one achieved, one behind plan.
      const { listGoals } = await import('./modules/goals/goals.service.js');
      const admin = await t.db.kysely
        .selectFrom('users')
        .select(['id', 'side', 'name'])
        .where('email', '=', 'admin@demo.tandem.example')
        .executeTakeFirstOrThrow();
      const goals = await listGoals(a.ctx, { ...admin, role: 'admin' }, {});
      const statuses = goals.map((g) => g.status);
      expect(statuses.filter((s) => s === 'agreed').length).toBeGreaterThanOrEqual(2);
      expect(statuses).toContain('achieved');
      expect(
        goals.filter((g) => g.status === 'proposed').map((g) => g.agreement.waitingFor),
      ).toEqual([['it']]);
      expect(goals.some((g) => g.status === 'agreed' && g.progress.state === 'behind')).toBe(true);
      // Handoffs: accepted smoothly, returned once then accepted, an open question, one overdue.
      const { handoffsAttention, listInitiativeHandoffs } =
        await import('./modules/handoffs/handoffs.service.js');
      const asAdmin = { ...admin, role: 'admin' as const };
      const initiativeId = async (title: string) =>
        (
          await t.db.kysely
            .selectFrom('initiatives')
            .select('id')
            .where('title', '=', title)
            .executeTakeFirstOrThrow()
        ).id;
      const chain = await listInitiativeHandoffs(
        a.ctx,
        asAdmin,
        await initiativeId('Kundenbeziehungs-Assistent'),
      );
      expect(
        chain.map((h) => [h.toStage?.key, h.state, h.timings.returns, h.events.length]),
      ).toEqual([
        ['build', 'accepted', 1, 4],
        ['integration', 'accepted', 0, 2],
      ]);
      const [social] = await listInitiativeHandoffs(
        a.ctx,
        asAdmin,
        await initiativeId('Social-Media-Assistent'),
      );
      expect(social).toMatchObject({
        state: 'submitted',
        toStage: null,
        timings: { openQuestions: 1, overdue: false },
      });
      const attention = await handoffsAttention(a.ctx, asAdmin);
      expect(attention.overdue.map((h) => h.initiative.title)).toEqual([
        'Automatische Rechnungserfassung',
      ]);
      const stageOf = async (title: string) =>
        (
          await t.db.kysely
            .selectFrom('initiatives as i')
            .innerJoin('stages as s', 's.id', 'i.stage_id')
            .select('s.key')
            .where('i.title', '=', title)
            .executeTakeFirstOrThrow()
        ).key;
      expect(await stageOf('Lead-Generator für den Vertrieb')).toBe('pilot');
      expect(await stageOf('Kundenbeziehungs-Assistent')).toBe('integration');
      // Demos: a cadence per active initiative; held demos with attendance, votes, feedback and
      // action items (some open, one overdue); one skipped demo, one cadence overdue.
      const { getOverview } = await import('./modules/demos/overview.service.js');
      expect(await countRows(t.db, 'demo_cadences')).toBe(4);
      const overviews = await Promise.all(
        [
          'Lead-Generator für den Vertrieb',
          'Social-Media-Assistent',
          'Kundenbeziehungs-Assistent',
          'Automatische Rechnungserfassung',
        ].map(async (title) => getOverview(a.ctx, asAdmin, await initiativeId(title))),
      );
      expect(overviews.map((o) => o.adherence.overdue)).toEqual([true, false, false, false]);
      expect(overviews.flatMap((o) => o.past).filter((p) => p.state === 'skipped')).toHaveLength(1);
      expect(overviews.every((o) => o.past.some((p) => p.state === 'held'))).toBe(true);
      expect(overviews.every((o) => o.upcoming.length > 0)).toBe(true);
      const open = overviews.flatMap((o) => o.openActions);
      expect(open.length).toBeGreaterThan(1);
      expect(open.filter((x) => x.action?.overdue).length).toBeGreaterThanOrEqual(1);
      expect(overviews[0]?.past.some((p) => p.confidence?.divergent)).toBe(true);
      const votes = await t.db.kysely
        .selectFrom('demo_attendees')
        .select(['side', 'confidence'])
        .execute();
      expect(new Set(votes.map((v) => v.side))).toEqual(new Set(['business', 'it']));
      expect(votes.some((v) => v.confidence !== null)).toBe(true);
      expect(logs.filter((l) => l.startsWith('Created admin'))).toHaveLength(1);
      await a.close();
      await b.close();
    } finally {
      if (second !== t.db) await second.close();
      await t.drop();
    }
  });
});
