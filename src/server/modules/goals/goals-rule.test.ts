import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoalDetail } from '../../../contracts/goals.js';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { LONG_SESSIONS } from '../../test-support/env.js';

const dialects = await testDialects();

describe.each(dialects)(
  'target reached by a stated rule; forecast within range (%s)',
  (dialect) => {
    let t: TestApp;
    let biz: TestUser;
    let itOwner: TestUser;
    beforeAll(async () => {
      t = await createTestApp(dialect, LONG_SESSIONS);
      // Friday 27 November 2026: the week of 23 November is still running.
      t.setClock(new Date('2026-11-27T10:00:00Z'));
      biz = await t.user({ side: 'business', name: 'Bea' });
      itOwner = await t.user({ side: 'it', name: 'Ian' });
    });
    afterAll(async () => t?.close());

    const setUp = async (metric: Record<string, unknown>, goal: Record<string, unknown>) => {
      const owners = { businessOwner: biz, itOwner };
      const initiative = await t.given.initiative({ ...owners, title: 'Service desk' });
      const m = await t.given.metric(initiative, { ...owners, ...metric });
      const g = await t.given.agreedGoal(initiative, {
        by: biz,
        metric: m,
        baselineDate: '2026-10-26',
        dueDate: '2027-02-22',
        businessResponsible: biz,
        itResponsible: itOwner,
        business: biz,
        it: itOwner,
        ...goal,
      });
      return { m, g };
    };
    const read = async (id: string) =>
      (await t.inject({ method: 'GET', url: `/api/goals/${id}`, user: biz })).json<GoalDetail>();

    it('an average metric: one good day in the running week reaches nothing', async () => {
      const { m, g } = await setUp(
        {
          name: 'Customer satisfaction (CSAT)',
          unit: 'points',
          aggregation: 'average',
          valueType: 'decimal',
          minValue: 1,
          maxValue: 5,
        },
        { baselineValue: 3, targetValue: 4.5 },
      );
      await t.given.measurements(m, biz, [
        { at: '2026-11-03T10:00:00Z', value: 3.2 },
        { at: '2026-11-10T10:00:00Z', value: 3.4 },
        { at: '2026-11-17T10:00:00Z', value: 3.5 },
        // This week, so far: one excellent day.
        { at: '2026-11-24T10:00:00Z', value: 5 },
      ]);
      const now = await read(g.id);
      expect(now.status).toBe('agreed');
      expect(now.progress).toMatchObject({
        rule: 'last_complete_period',
        inProgressPeriodStart: '2026-11-23',
        current: { value: 3.5, periodStart: '2026-11-16', periodEnd: '2026-11-23' },
      });
      expect(now.progress.state).not.toBe('achieved');
      expect(now.progress.completion).toBeLessThan(1);
    });

    it('a processing time falling fast: the forecast stops at 0 minutes and says so', async () => {
      const { m, g } = await setUp(
        {
          name: 'Bearbeitungszeit',
          unit: 'min',
          aggregation: 'average',
          valueType: 'decimal',
          minValue: 0,
          direction: 'lower_is_better',
        },
        { baselineValue: 40, targetValue: 8 },
      );
      await t.given.measurements(m, biz, [
        { at: '2026-10-27T10:00:00Z', value: 38 },
        { at: '2026-11-03T10:00:00Z', value: 31 },
        { at: '2026-11-10T10:00:00Z', value: 24 },
        { at: '2026-11-17T10:00:00Z', value: 17 },
        // The running week, not part of the trend.
        { at: '2026-11-24T10:00:00Z', value: 60 },
      ]);
      const { progress } = await read(g.id);
      expect(progress.forecast).toMatchObject({ valueAtDue: 0, clamped: true, basedOn: 4 });
    });
  },
);
