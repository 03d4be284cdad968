import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationList } from '../../../contracts/conversation.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { LONG_SESSIONS } from '../../test-support/env.js';
import { healthHistoryOf, snapshotHealth } from '../health/history.service.js';
import { composeEmail } from './email.js';
import {
  weeklyDigestJob,
  weeklyDigests,
  weeklyUpdateMissingJob,
  weeklyUpdateReminders,
} from './notifications.weekly.js';
import { nextOccurrence } from '../../../domain/schedules.js';
import { Scheduler } from '../../events/scheduler.js';

describe('when the weekly jobs run', () => {
  it('Monday 07:00 and Friday 10:00 in the company time zone', () => {
    // Tuesday 1 December 2026, Berlin is UTC+1 in winter.
    const tuesday = new Date('2026-12-01T10:00:00Z');
    expect(nextOccurrence(weeklyDigestJob.schedule, tuesday).toISOString()).toBe(
      '2026-12-07T06:00:00.000Z',
    );
    expect(nextOccurrence(weeklyUpdateMissingJob.schedule, tuesday).toISOString()).toBe(
      '2026-12-04T09:00:00.000Z',
    );
  });
});

describe('the digest email', () => {
  it('is in the recipient’s language, with every value escaped in the HTML', () => {
    const mail = composeEmail({
      kind: 'weekly_digest',
      language: 'de',
      title: '2 Sachen warten auf Sie',
      excerpt: 'Wartet auf Sie: <b>CRM</b> & Co · Ziel',
      actorName: null,
      itemUrl: 'https://tandem.example/',
      preferencesUrl: 'https://tandem.example/profile#notifications',
    });
    expect(mail.subject).toBe('Ihre Woche in Tandem: 2 Sachen warten auf Sie');
    expect(mail.text).toContain('> Wartet auf Sie: <b>CRM</b> & Co · Ziel');
    expect(mail.html).toContain('Wartet auf Sie: &lt;b&gt;CRM&lt;/b&gt; &amp; Co');
    expect(mail.html).not.toContain('<b>CRM');
  });
});

const dialects = await testDialects();

describe.each(dialects)('weekly digest and Friday reminder (%s)', (dialect) => {
  let t: TestApp;
  let bea: TestUser;
  let ian: TestUser;
  let dora: TestUser;
  let ivo: TestUser;
  let cleo: TestUser;
  let initiative: Initiative;
  const monday = new Date('2026-11-30T06:00:00Z'); // 07:00 in Berlin, ISO week 2026-W49
  const friday = new Date('2026-12-04T09:00:00Z'); // 10:00 in Berlin, same week

  beforeAll(async () => {
    t = await createTestApp(dialect, LONG_SESSIONS);
    t.setClock(new Date('2026-11-23T08:00:00Z'));
    bea = await t.user({ side: 'business', name: 'Bea' });
    ian = await t.user({ side: 'it', name: 'Ian' });
    dora = await t.user({ side: 'business', name: 'Dora' });
    ivo = await t.user({ side: 'it', name: 'Ivo' });
    cleo = await t.user({ side: 'business', name: 'Cleo' });
    initiative = await t.given.initiative({
      businessOwner: bea,
      itOwner: ian,
      businessDeputy: dora,
      itDeputy: ivo,
      stage: 'specification',
    });
    // The base of "what changed": the snapshot a week before Monday.
    await snapshotHealth(t.app.ctx, t.now());
    await t.app.ctx.db.kysely
      .updateTable('users')
      .set({ language: 'de' })
      .where('id', '=', ian.id)
      .execute();
  });
  afterAll(async () => t?.close());

  const mine = async (user: TestUser, kind: string) =>
    (await t.inject({ method: 'GET', url: '/api/notifications', user }))
      .json<NotificationList>()
      .items.filter((n) => n.kind === kind);

  it('Monday: a digest for each person with something waiting, once, in their language', async () => {
    // Ivo switched the digest off.
    await t.given.notificationChannels(ivo, { weekly_digest: 'off' });
    t.setClock(monday);
    // A goal proposed this week: "no goal proposed" went away since the snapshot.
    await t.given.proposedGoalOnAgreedMetric(initiative, bea, ian, {
      statement: 'Call back 90 % of leads within a day',
      baselineValue: 10,
      targetValue: 90,
    });
    await t.app.background.drainOutbox();

    const created = await weeklyDigests(t.app.ctx, monday);
    expect(created).toBeGreaterThan(0);

    const forIan = await mine(ian, 'weekly_digest');
    expect(forIan).toHaveLength(1);
    // Ian reads German; the metric waits for his signature.
    expect(forIan[0]?.title).toMatch(/warte[nt] auf Sie/);
    expect(forIan[0]?.excerpt).toContain(`Wartet auf Sie: ${initiative.title}`);
    // What changed in the initiative's health since a week ago, with the reason.
    const history = await healthHistoryOf(
      t.app.ctx,
      { id: ian.id, role: 'member' },
      initiative.id,
      monday,
    );
    expect(history.since).not.toBeNull();
    expect(history.resolved.map((r) => r.code)).toContain('goals.none_proposed');
    expect(forIan[0]?.excerpt).toContain('Erledigt: ');
    for (const r of history.appeared) expect(forIan[0]?.excerpt).toContain(r.text.de);
    for (const r of history.resolved) expect(forIan[0]?.excerpt).toContain(r.text.de);
    expect(forIan[0]?.link).toBe('/');

    // English for Bea, who owns the initiative (her weekly update waits, at least).
    const forBea = await mine(bea, 'weekly_digest');
    expect(forBea).toHaveLength(1);
    expect(forBea[0]?.title).toMatch(/wait for you|waits for you/);

    // Nothing to say to Cleo; Ivo switched it off.
    expect(await mine(cleo, 'weekly_digest')).toHaveLength(0);
    expect(await mine(ivo, 'weekly_digest')).toHaveLength(0);

    // A rerun (after a failure or on another instance) creates nothing twice.
    expect(await weeklyDigests(t.app.ctx, new Date(monday.getTime() + 3_600_000))).toBe(0);
    expect(await mine(ian, 'weekly_digest')).toHaveLength(1);
  });

  it('Friday: the owner and deputy of the side whose update is missing, not the side that wrote one', async () => {
    t.setClock(new Date(friday.getTime() - 3_600_000));
    const wrote = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${initiative.id}/weekly-updates`,
      user: bea,
      body: { side: 'business', view: 'on_track', text: 'All good.' },
    });
    expect(wrote.statusCode).toBeLessThan(300);
    t.setClock(friday);
    expect(await weeklyUpdateReminders(t.app.ctx, friday)).toBe(2);
    for (const who of [ian, ivo]) {
      const n = await mine(who, 'weekly_update_missing');
      expect(n).toHaveLength(1);
      expect(n[0]?.title).toBe(initiative.title);
      expect(n[0]?.link).toContain(initiative.id);
    }
    expect(await mine(bea, 'weekly_update_missing')).toHaveLength(0);
    expect(await mine(dora, 'weekly_update_missing')).toHaveLength(0);
    // Once per week and side.
    expect(await weeklyUpdateReminders(t.app.ctx, friday)).toBe(0);
  });

  it('Friday with the reminder switched off: nothing', async () => {
    const next = new Date(friday.getTime() + 7 * 86_400_000);
    await t.given.notificationChannels(ivo, { weekly_update_missing: 'off' });
    t.setClock(next);
    // Next week both sides are missing: Bea, Dora, Ian get it; Ivo does not.
    expect(await weeklyUpdateReminders(t.app.ctx, next)).toBe(3);
    expect(await mine(ivo, 'weekly_update_missing')).toHaveLength(1);
    expect(await mine(bea, 'weekly_update_missing')).toHaveLength(1);
  });
  it('the scheduler runs the Monday digest once, even with two instances ticking together', async () => {
    const log = () => undefined;
    // Both instances see the jobs (the first tick records when each is due next).
    t.setClock(new Date('2026-12-11T12:00:00Z'));
    await new Scheduler(t.app.ctx, log).runDueJobs();
    const mondayW51 = new Date('2026-12-14T06:00:30Z');
    t.setClock(mondayW51);
    const [a, b] = await Promise.all([
      new Scheduler(t.app.ctx, log).runDueJobs(),
      new Scheduler(t.app.ctx, log).runDueJobs(),
    ]);
    const ran = [...a, ...b].filter((n) => n === 'notifications.weekly_digest');
    expect(ran).toHaveLength(1);
    // Ian now has this week's digest besides the one of 2026-W49.
    expect(await mine(ian, 'weekly_digest')).toHaveLength(2);
    expect(await mine(cleo, 'weekly_digest')).toHaveLength(0);
  });
});
