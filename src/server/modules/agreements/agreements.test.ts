import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoalDetail } from '../../../contracts/goals.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import type { Metric } from '../../../contracts/metrics.js';
import { testDialects } from '../../test-support/dialects.js';
import { type GoalSpec, measurableGoal } from '../../test-support/given.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';

const dialects = await testDialects();

/**
 * The one signing path (agreements.signUnderLock) under concurrent requests: the same person
 * signing twice at once, and a change of the signed terms racing the last signature.
 */
describe.each(dialects)('signing under the row lock (%s)', (dialect) => {
  let t: TestApp;
  let bea: TestUser;
  let ian: TestUser;
  let initiative: Initiative;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    bea = await t.user({ side: 'business', name: 'Bea' });
    ian = await t.user({ side: 'it', name: 'Ian' });
    initiative = await t.given.initiative({ businessOwner: bea, itOwner: ian });
  });
  afterAll(async () => t?.close());

  /** A goal that can be proposed: measured by `metric`, with both sides responsible. */
  const measurable = (metric: { id: string }): GoalSpec => measurableGoal(metric, bea, ian);
  const signatures = async (subjectId: string) =>
    t.db.kysely
      .selectFrom('agreement_signatures')
      .select(['version', 'user_id', 'side'])
      .where('subject_id', '=', subjectId)
      .execute();

  it.each(['metrics', 'goals'] as const)(
    '%s: the same person signing five times at once signs once; the others get 409',
    async (kind) => {
      const subject =
        kind === 'metrics'
          ? await t.given.metric(initiative, { businessOwner: bea, itOwner: ian })
          : await t.given.proposedGoal(
              initiative,
              measurable(await t.given.metric(initiative, { businessOwner: bea, itOwner: ian })),
            );
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          t.inject({
            method: 'POST',
            url: `/api/${kind}/${subject.id}/signatures`,
            user: bea,
            body: { version: 1, side: 'business' },
          }),
        ),
      );
      expect(answers.map((a) => a.statusCode).sort((a, b) => a - b)).toEqual([
        200, 409, 409, 409, 409,
      ]);
      for (const a of answers.filter((x) => x.statusCode === 409))
        expect(a.json()).toMatchObject({ code: 'already_signed' });
      expect(await signatures(subject.id)).toEqual([
        { version: 1, user_id: bea.id, side: 'business' },
      ]);
    },
  );

  it('a goal whose terms change while the last side signs is never agreed on terms nobody signed', async () => {
    const metric: Metric = await t.given.metric(initiative, { businessOwner: bea, itOwner: ian });
    for (let round = 0; round < 4; round += 1) {
      const goal = await t.given.proposedGoal(initiative, measurable(metric));
      await t.given.signGoal(goal, bea, 'business');
      const current = (
        await t.inject({ method: 'GET', url: `/api/goals/${goal.id}`, user: bea })
      ).json<GoalDetail>();
      await Promise.all([
        t.inject({
          method: 'PATCH',
          url: `/api/goals/${goal.id}`,
          user: bea,
          body: { version: current.version, targetValue: 9 },
        }),
        t.inject({
          method: 'POST',
          url: `/api/goals/${goal.id}/signatures`,
          user: ian,
          body: { version: 1, side: 'it' },
        }),
      ]);
      const after = (
        await t.inject({ method: 'GET', url: `/api/goals/${goal.id}`, user: bea })
      ).json<GoalDetail>();
      const signed = await signatures(goal.id);
      const sidesOf = (v: number) =>
        signed
          .filter((s) => s.version === v)
          .map((s) => s.side)
          .sort();
      // Agreed only when both sides signed the version that is current now.
      expect(after.status === 'agreed').toBe(
        sidesOf(after.agreement.currentVersion).join() === 'business,it',
      );
      // Nobody signed version 2 here: a signature always names the version it was given.
      expect(sidesOf(2)).toEqual([]);
    }
  });
});
