import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoOverview, SetCadenceBody } from '../../../contracts/demos.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import { testDialects } from '../../test-support/dialects.js';
import { weeklyDemo } from '../../test-support/given.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { LONG_SESSIONS } from '../../test-support/env.js';

const dialects = await testDialects();

describe.each(dialects)("today's demo and occurrences ahead (%s)", (dialect) => {
  let t: TestApp;
  let biz: TestUser;
  let itOwner: TestUser;
  let initiative: Initiative;
  let later: Initiative;

  const cadence = (over: Partial<SetCadenceBody> = {}) => weeklyDemo(itOwner, [biz], over);
  const overview = async (id = initiative.id) =>
    (
      await t.inject({ method: 'GET', url: `/api/initiatives/${id}/demos`, user: biz })
    ).json<DemoOverview>();
  const occurrenceDays = async (initiativeId: string) =>
    (
      await t.db.kysely
        .selectFrom('demo_occurrences')
        .select('rule_date')
        .where('initiative_id', '=', initiativeId)
        .orderBy('rule_date')
        .execute()
    ).map((r) => r.rule_date);

  beforeAll(async () => {
    t = await createTestApp(dialect, LONG_SESSIONS);
    // Thursday 26 November 2026, 09:00 in Berlin: today's demo is planned for 14:00.
    t.setClock(new Date('2026-11-26T08:00:00Z'));
    biz = await t.user({ side: 'business', name: 'Bea' });
    itOwner = await t.user({ side: 'it', name: 'Ian' });
    initiative = await t.given.initiative({ businessOwner: biz, itOwner });
    later = await t.given.initiative({ businessOwner: biz, itOwner, title: 'Later pilot' });
  });
  afterAll(async () => t?.close());

  it("records today's demo in one step, before its planned time; adherence agrees", async () => {
    const put = await t.inject({
      method: 'PUT',
      url: `/api/initiatives/${initiative.id}/demo-cadence`,
      user: biz,
      body: cadence(),
    });
    expect(put.statusCode, put.body).toBe(200);
    const [todays, nextWeek] = (await overview()).upcoming;
    if (!todays || !nextWeek) throw new Error('no occurrences');
    expect(todays.localDate).toBe('2026-11-26');
    const body = (version: number) => ({
      version,
      presenterId: itOwner.id,
      attendees: [{ userId: biz.id, confidence: 4 }],
    });
    // Next week's is refused: it has not taken place.
    const early = await t.inject({
      method: 'POST',
      url: `/api/demos/${nextWeek.id}/record`,
      user: biz,
      body: body(nextWeek.version),
    });
    expect(early.statusCode).toBe(422);
    expect(early.json<{ code: string }>().code).toBe('future_occurrence');
    // Today's, although planned for 14:00 and it is 09:00: recorded at once.
    const res = await t.inject({
      method: 'POST',
      url: `/api/demos/${todays.id}/record`,
      user: biz,
      body: body(todays.version),
    });
    expect(res.statusCode, res.body).toBe(200);
    const { adherence } = await overview();
    expect(adherence).toMatchObject({
      lastHeldDay: '2026-11-26',
      daysSinceLastHeld: 0,
      held: 1,
      planned: 1,
      missed: 0,
      rate: 1,
      overdue: false,
    });
  });

  it('a cadence starting in three months has its occurrences at once', async () => {
    const put = await t.inject({
      method: 'PUT',
      url: `/api/initiatives/${later.id}/demo-cadence`,
      user: biz,
      body: cadence({ startsOn: '2027-02-25' }),
    });
    expect(put.statusCode, put.body).toBe(200);
    const days = await occurrenceDays(later.id);
    expect(days[0]).toBe('2027-02-25');
    expect(days.length).toBe(13);
    expect((await overview(later.id)).upcoming[0]?.localDate).toBe('2027-02-25');
  });

  it('the daily job keeps occurrences twelve weeks ahead without anyone opening the page', async () => {
    await t.app.background.runDueJobs(); // the scheduler learns the job and its next run
    const before = await occurrenceDays(initiative.id);
    expect(before.at(-1)).toBe('2027-02-18');
    // A month later, nobody has looked at the initiative.
    t.setClock(new Date('2026-12-27T08:00:00Z'));
    await t.app.background.runDueJobs();
    const after = await occurrenceDays(initiative.id);
    expect(after.at(-1)).toBe('2027-03-18');
    expect(after.length).toBeGreaterThan(before.length);
  });
});
