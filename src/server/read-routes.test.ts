import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PortfolioHistory } from '../contracts/collaboration-health.js';
import type { DemoOverview, NewCalendarFeed } from '../contracts/demos.js';
import type { Stage } from '../contracts/stages.js';
import { canRead, type MemberRole, type Visibility } from '../domain/access.js';
import type { OrgRole } from '../domain/people.js';
import { snapshotHealth } from './modules/health/history.service.js';
import * as visibility from './modules/initiatives/visibility.service.js';
import { testDialects } from './test-support/dialects.js';
import { measurableGoal } from './test-support/given.js';
import { createTestApp, type TestApp, type TestUser } from './test-support/test-app.js';
import { LONG_SESSIONS } from './test-support/env.js';

/**
 * Every read route of the API goes through the one visibility rule
 * (modules/initiatives/visibility.service.ts), or is listed below as reading nothing an
 * initiative owns. The routes are walked as Fastify registers them (an onRoute hook on every
 * app built here), so a new GET route fails this test until it is placed in a table. Each
 * route is then asked, for a members-only initiative, by a reader (it answers with the
 * initiative's things) and by someone taken off its team (404, or an answer without them),
 * and the rule must have been consulted while answering.
 */
const seen = vi.hoisted(() => ({ routes: new Set<string>(), checks: 0 }));

vi.mock('fastify', async (importOriginal) => {
  const real = await importOriginal<typeof import('fastify')>();
  const withRouteHook = ((options?: Parameters<typeof real.default>[0]) => {
    const app = real.default(options);
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) seen.routes.add(`${method} ${route.url}`);
    });
    return app;
  }) as typeof real.default;
  return { ...real, default: withRouteHook };
});

vi.mock('./modules/initiatives/visibility.service.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./modules/initiatives/visibility.service.js')>();
  return {
    ...real,
    readableInitiativeIds: (...args: Parameters<typeof real.readableInitiativeIds>) => {
      seen.checks += 1;
      return real.readableInitiativeIds(...args);
    },
    loadReadable: (...args: Parameters<typeof real.loadReadable>) => {
      seen.checks += 1;
      return real.loadReadable(...args);
    },
  };
});

const dialects = await testDialects();
const MARK = 'Secret X7';

/** GET routes that read nothing an initiative owns, and why. */
const UNRELATED: Record<string, string> = {
  'GET /api/health': 'liveness of this instance',
  'GET /api/openapi.json': 'the API description',
  'GET /api/me': 'the signed-in person',
  'GET /api/people': 'people, visible to everyone signed in',
  'GET /api/users': 'people, for admins',
  'GET /api/auth/invite/:token': 'who an invitation is for',
  'GET /api/settings/high-risk-checklist': 'a company-wide setting',
  'GET /api/audit': 'the whole trail, for admins only (checked below)',
  'GET /api/admin/events': 'event deliveries, for admins only (events.test.ts)',
  'GET /api/admin/jobs': 'scheduled jobs, for admins only (scheduler.test.ts)',
  'GET /api/admin/health-thresholds': 'a company-wide setting, for admins only (health.test.ts)',
  'GET /api/live':
    'a stream of initiative ids, each sent only to readers by the visibility rule in live.service.ts (live.test.ts)',
  'GET /api/notifications/unread': 'a count of one’s own notifications (the list is checked)',
  'GET /api/notifications/preferences': 'one’s own notification settings',
  'GET /api/channels/workspace':
    'the channels for every initiative, for admins only (channels.test.ts)',
  'GET /api/admin/channel-deliveries':
    'every channel’s delivery attempts, for admins only (channels.test.ts)',
  'GET /api/settings/channel-targets': 'a company-wide setting, for admins only',
  'GET /api/me/personal-data':
    'the signed-in person’s own data, other people left out (privacy.test.ts)',
  'GET /api/privacy/record': 'the record of processing: kinds of data, no rows',
  'GET /api/admin/privacy': 'company-wide privacy settings, for admins',
  'GET /api/auth/options': 'how people sign in (a setting)',
  'GET /api/auth/sso/start': 'starts single sign-on (a redirect)',
  'GET /api/auth/sso/callback': 'finishes single sign-on (a redirect)',
  'GET /api/me/tokens': 'my own API tokens',
  'GET /api/me/sessions': 'my own sessions',
  'GET /api/users/:id/sessions': "a person's sessions, for admins only (sessions.test.ts)",
  'GET /api/calendar/:file':
    'a feed behind a secret token, not a session: its owner’s current access goes through the rule (checked below)',
};
const isDocs = (route: string) => route.startsWith('GET /api/docs');

describe.each(dialects)('every read route goes through the visibility rule (%s)', (dialect) => {
  let t: TestApp;
  let bea: TestUser; // business owner of the members-only initiative
  let ian: TestUser; // its IT owner
  let cora: TestUser; // was on its team, then taken off
  let admin: TestUser;
  let urls: Record<string, string>;
  let channelId: string;
  let beaFeed: NewCalendarFeed;
  let coraFeed: NewCalendarFeed;

  beforeAll(async () => {
    t = await createTestApp(dialect, LONG_SESSIONS);
    t.setClock(new Date('2026-11-26T10:00:00Z'));
    bea = await t.user({ side: 'business', name: 'Bea' });
    ian = await t.user({ side: 'it', name: 'Ian' });
    cora = await t.user({ side: 'business', name: 'Cora' });
    admin = await t.user({ side: 'it', role: 'admin' });
    const { given } = t;
    const owners = { businessOwner: bea, itOwner: ian };
    const secret = await given.initiative({
      ...owners,
      title: `${MARK} pilot`,
      department: `${MARK} works council`,
      visibility: 'members',
      stage: 'specification',
      members: [cora],
    });
    const metric = await given.agreedMetric(secret, {
      ...owners,
      name: `${MARK} metric`,
      unit: `${MARK} leads`,
    });
    await given.measurements(metric, bea, [
      { at: '2026-11-02T09:00:00+01:00', value: 5, note: `${MARK} note` },
    ]);
    await given.apiToken(secret, bea, `${MARK} bot`);
    const goal = await given.agreedGoal(secret, {
      ...measurableGoal(metric, bea, ian, { statement: `${MARK} goal`, targetValue: 80 }),
      business: bea,
      it: ian,
    });
    const handoff = await given.submittedHandoff(secret, {
      by: bea,
      receiver: ian,
      toStage: 'build',
      title: `${MARK} handoff`,
      dueDate: '2026-12-01',
    });
    await given.cadence(secret, bea, { location: `${MARK} room` });
    const demos = await t.inject({
      method: 'GET',
      url: `/api/initiatives/${secret.id}/demos`,
      user: bea,
    });
    const occurrence = demos.json<DemoOverview>().upcoming[0];
    if (!occurrence) throw new Error('no demo occurrence');
    const skipped = await t.inject({
      method: 'POST',
      url: `/api/demos/${occurrence.id}/skip`,
      user: bea,
      body: { version: occurrence.version, reason: `${MARK} holiday` },
    });
    if (skipped.statusCode !== 200) throw new Error(skipped.body);
    const update = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${secret.id}/weekly-updates`,
      user: bea,
      body: { side: 'business', view: 'at_risk', text: `${MARK} worried` },
    });
    if (update.statusCode !== 200) throw new Error(update.body);
    const mention = await t.inject({
      method: 'POST',
      url: `/api/comments/handoff/${handoff.id}`,
      user: ian,
      body: { body: `${MARK} comment for @Bea`, mentions: [bea.id] },
    });
    if (mention.statusCode !== 201) throw new Error(mention.body);
    await t.app.background.drainOutbox();
    const channel = await t.inject({
      method: 'POST',
      url: `/api/initiatives/${secret.id}/channels`,
      user: bea,
      body: {
        kind: 'slack',
        name: `${MARK} channel`,
        url: 'https://52.112.0.10/hook',
        events: ['goal.agreed'],
        language: 'en',
      },
    });
    if (channel.statusCode !== 201) throw new Error(channel.body);
    channelId = channel.json<{ channel: { id: string } }>().channel.id;
    await t.db.kysely
      .insertInto('channel_deliveries')
      .values({
        id: 'd1',
        channel_id: channelId,
        event_id: 'e1',
        event_type: 'goal.agreed',
        webhook_id: 'msg_e1',
        attempt: 1,
        status: 'delivered',
        http_status: 200,
        answer: 'ok',
        duration_ms: 5,
        created_at: '2026-11-26T10:00:00.000Z',
      })
      .execute();
    beaFeed = await given.calendarFeed(bea, secret);
    coraFeed = await given.calendarFeed(cora, secret);
    const removed = await t.inject({
      method: 'DELETE',
      url: `/api/initiatives/${secret.id}/members/${cora.id}`,
      user: bea,
    });
    if (removed.statusCode !== 200) throw new Error(removed.body);
    // Last night's health snapshot, before the handoff went overdue (the history names it).
    await snapshotHealth(t.app.ctx);
    // The handoff is overdue now: it belongs in "needs attention".
    t.setClock(new Date('2026-12-10T10:00:00Z'));
    urls = {
      'GET /api/initiatives': '/api/initiatives',
      'GET /api/initiatives/:id': `/api/initiatives/${secret.id}`,
      'GET /api/initiatives/:id/activity': `/api/initiatives/${secret.id}/activity`,
      'GET /api/departments': '/api/departments',
      'GET /api/stages': '/api/stages',
      'GET /api/initiatives/:id/metrics': `/api/initiatives/${secret.id}/metrics`,
      'GET /api/initiatives/:id/tokens': `/api/initiatives/${secret.id}/tokens`,
      'GET /api/metrics/:id': `/api/metrics/${metric.id}`,
      'GET /api/metrics/:id/series': `/api/metrics/${metric.id}/series`,
      'GET /api/metrics/:id/series.csv': `/api/metrics/${metric.id}/series.csv`,
      'GET /api/metrics/:id/measurements': `/api/metrics/${metric.id}/measurements`,
      'GET /api/goals': '/api/goals',
      'GET /api/goals/:id': `/api/goals/${goal.id}`,
      'GET /api/initiatives/:id/goals': `/api/initiatives/${secret.id}/goals`,
      'GET /api/initiatives/:id/handoffs': `/api/initiatives/${secret.id}/handoffs`,
      'GET /api/handoffs/:id': `/api/handoffs/${handoff.id}`,
      'GET /api/handoffs/mine': '/api/handoffs/mine',
      'GET /api/handoffs/attention': '/api/handoffs/attention',
      'GET /api/desk': '/api/desk',
      'GET /api/initiatives/:id/demos': `/api/initiatives/${secret.id}/demos`,
      'GET /api/demos/:id': `/api/demos/${occurrence.id}`,
      'GET /api/calendar-feeds': '/api/calendar-feeds',
      'GET /api/initiatives/:id/health': `/api/initiatives/${secret.id}/health`,
      'GET /api/initiatives/:id/health/history': `/api/initiatives/${secret.id}/health/history`,
      'GET /api/initiatives/:id/weekly-updates': `/api/initiatives/${secret.id}/weekly-updates`,
      'GET /api/portfolio': '/api/portfolio',
      'GET /api/portfolio/history': '/api/portfolio/history',
      'GET /api/report/status': '/api/report/status',
      'GET /api/comments/:type/:id': `/api/comments/handoff/${handoff.id}`,
      'GET /api/comments/:type/:id/people': `/api/comments/handoff/${handoff.id}/people`,
      'GET /api/notifications': '/api/notifications',
      'GET /api/initiatives/:id/channels': `/api/initiatives/${secret.id}/channels`,
      'GET /api/channels/:id/deliveries': `/api/channels/${channelId}/deliveries`,
    };
  });
  afterAll(async () => t?.close());

  /** Who reads each route successfully (the receiver sees the handoff waiting for him). */
  const readerOf = (route: string) => (route === 'GET /api/handoffs/mine' ? ian : bea);

  const ask = async (url: string, user: TestUser) => {
    const before = seen.checks;
    const res = await t.inject({ method: 'GET', url, user });
    return { res, checked: seen.checks > before };
  };

  it('knows every GET route: each is checked below or reads nothing an initiative owns', () => {
    const reads = [...seen.routes].filter((r) => r.startsWith('GET /api/') && !isDocs(r));
    // The walk saw the routes (an empty list would make everything below vacuous).
    expect(reads.length).toBeGreaterThan(25);
    const unplaced = reads.filter((r) => !(r in urls) && !(r in UNRELATED));
    expect(unplaced).toEqual([]);
    // And nothing in the tables is stale.
    for (const r of [...Object.keys(urls), ...Object.keys(UNRELATED)]) expect(reads).toContain(r);
  });

  it('answers readers with the initiative’s things, and someone taken off its team without them', async () => {
    for (const [route, url] of Object.entries(urls)) {
      const reader = await ask(url, readerOf(route));
      const former = await ask(url, cora);
      const where = `${route} (${url})`;
      expect(reader.res.statusCode, where).toBe(200);
      expect(reader.checked, `${where} answers without the visibility rule`).toBe(true);
      expect(former.checked, `${where} answers without the visibility rule`).toBe(true);
      if (route === 'GET /api/stages') {
        // Only a count: the initiative is counted in its stage for readers only.
        const count = (res: LightMyRequestResponse) =>
          res.json<Stage[]>().reduce((n, s) => n + s.initiativeCount, 0);
        expect(count(reader.res), where).toBe(count(former.res) + 1);
        continue;
      }
      if (route === 'GET /api/portfolio/history') {
        // Only counts per day: the initiative is counted for readers only.
        const total = (res: LightMyRequestResponse) =>
          res.json<PortfolioHistory>().trend.reduce((n, d) => n + d.green + d.amber + d.red, 0);
        expect(total(reader.res), where).toBeGreaterThan(0);
        expect(total(reader.res), where).toBe(total(former.res) + 1);
        continue;
      }
      // Lists of people: the reader gets names, the former member a 404.
      if (route !== 'GET /api/handoffs/mine' && route !== 'GET /api/comments/:type/:id/people')
        expect(reader.res.body, where).toContain(MARK);
      expect([200, 404], where).toContain(former.res.statusCode);
      expect(former.res.body, where).not.toContain(MARK);
    }
  });

  it('keeps the routes that need no rule honest: the trail is for admins, feeds follow access', async () => {
    const trail = (user: TestUser) => t.inject({ method: 'GET', url: '/api/audit', user });
    expect((await trail(cora)).statusCode).toBe(403);
    expect((await trail(admin)).body).toContain(MARK);
    const feed = async (f: NewCalendarFeed) => {
      const before = seen.checks;
      const res = await t.inject({ method: 'GET', url: f.path });
      expect(seen.checks, `${f.path} answers without the visibility rule`).toBeGreaterThan(before);
      return res;
    };
    const readers = await feed(beaFeed);
    expect(readers.statusCode).toBe(200);
    expect(readers.body).toContain(MARK);
    const formers = await feed(coraFeed);
    expect(formers.statusCode).toBe(404);
    expect(formers.body).not.toContain(MARK);
  });
});

describe.each(dialects)(
  'the visibility rule in SQL agrees with domain/access.ts (%s)',
  (dialect) => {
    let t: TestApp;
    afterAll(async () => t?.close());

    it('for every org role, visibility and team role', async () => {
      t = await createTestApp(dialect);
      const owner = await t.user({ side: 'business' });
      const itOwner = await t.user({ side: 'it' });
      const people: Record<OrgRole, TestUser> = {
        admin: await t.user({ role: 'admin' }),
        member: await t.user({ role: 'member' }),
        viewer: await t.user({ role: 'viewer' }),
      };
      const teamRoles: (MemberRole | undefined)[] = [undefined, 'contributor', 'observer'];
      for (const vis of ['company', 'members'] as Visibility[]) {
        for (const teamRole of teamRoles) {
          const initiative = await t.given.initiative({
            businessOwner: owner,
            itOwner,
            visibility: vis,
          });
          for (const [orgRole, person] of Object.entries(people) as [OrgRole, TestUser][]) {
            if (teamRole === 'contributor' || teamRole === 'observer')
              await t.given.member(initiative, owner, person, teamRole);
            const actor = { id: person.id, role: orgRole };
            const ids = (await visibility.readableInitiativeIds(t.db.kysely, actor).execute()).map(
              (r) => r.id,
            );
            const expected = canRead(actor, { visibility: vis, memberRole: teamRole });
            expect(
              ids.includes(initiative.id),
              `${orgRole}, ${vis}, ${teamRole ?? 'no member'}`,
            ).toBe(expected);
            const readers = await visibility
              .readersOfInitiative(t.db.kysely, initiative.id)
              .select('u.id')
              .execute();
            expect(
              readers.some((r) => r.id === person.id),
              `readers: ${orgRole}, ${vis}, ${teamRole ?? 'no member'}`,
            ).toBe(expected);
          }
        }
      }
    });
  },
);
