import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoOverview, HeldDemo, NewCalendarFeed } from '../../../contracts/demos.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { LONG_SESSIONS } from '../../test-support/env.js';

const dialects = await testDialects();

describe.each(dialects)('regular demos (%s)', (dialect) => {
  let t: TestApp;
  let biz: TestUser;
  let itOwner: TestUser;
  let contributor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let initiative: Initiative;
  let secret: Initiative;

  const cadence = (over: Record<string, unknown> = {}) => ({
    interval: 'every_2_weeks',
    weekday: 4,
    time: '14:00',
    durationMinutes: 45,
    startsOn: '2026-11-26',
    location: 'Teams: https://teams.example.com/l/meetup-join/abc',
    presenterId: itOwner.id,
    inviteeIds: [biz.id, contributor.id],
    ...over,
  });
  const overview = async (user: TestUser = biz, id = initiative.id) =>
    (
      await t.inject({ method: 'GET', url: `/api/initiatives/${id}/demos`, user })
    ).json<DemoOverview>();
  const put = (body: unknown, user: TestUser = biz, id = initiative.id) =>
    t.inject({ method: 'PUT', url: `/api/initiatives/${id}/demo-cadence`, user, body });
  const post = (url: string, body: unknown, user: TestUser = biz) =>
    t.inject({ method: 'POST', url, user, body });

  beforeAll(async () => {
    t = await createTestApp(dialect, LONG_SESSIONS);
    // Thursday 26 November 2026, 10:00 UTC (11:00 in Berlin)
    t.setClock(new Date('2026-11-26T10:00:00Z'));
    biz = await t.user({ side: 'business', name: 'Bea' });
    itOwner = await t.user({ side: 'it', name: 'Ian' });
    contributor = await t.user({ side: 'business', name: 'Carla' });
    viewer = await t.user({ side: 'business', role: 'viewer', name: 'Vera' });
    outsider = await t.user({ side: 'it', name: 'Otto' });
    initiative = await t.given.initiative({
      businessOwner: biz,
      itOwner,
      // Characters iCalendar escapes (titles are single-line; see calendar.test.ts for more).
      title: 'Lead generator, "v2"; pilot\\phase',
      members: [contributor],
    });
    secret = await t.given.initiative({
      businessOwner: biz,
      itOwner,
      title: 'Secret pilot',
      visibility: 'members',
    });
  });
  afterAll(async () => t?.close());

  it('requires a session and refuses invalid bodies', async () => {
    expect(
      (await t.inject({ method: 'GET', url: `/api/initiatives/${initiative.id}/demos` }))
        .statusCode,
    ).toBe(401);
    const res = await put({ ...cadence(), weekday: 9, time: 'two' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer)).toEqual(
      expect.arrayContaining(['/body/weekday', '/body/time']),
    );
  });

  it.each([
    ['interval 0', { interval: 'every_0_weeks' }, 400, '/body/interval'],
    ['a fifth Thursday', { interval: 'monthly', weekOfMonth: 5 }, 422, '/body/weekOfMonth'],
    ['31 February', { startsOn: '2027-02-31' }, 400, '/body/startsOn'],
    ['the spring DST gap', { weekday: 7, interval: 'weekly', time: '02:30' }, 422, '/body/time'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 422, '/body/timeZone'],
    ['an offset instead of a zone', { timeZone: '+05:00' }, 422, '/body/timeZone'],
    ['a presenter who is no member', { presenterId: 'nobody' }, 422, '/body/presenterId'],
  ])('refuses %s with a clear error and changes nothing', async (_n, over, status, pointer) => {
    const res = await put(cadence(over));
    expect(res.statusCode).toBe(status);
    const body = res.json<{ errors: { pointer: string; message: string }[] }>();
    expect(body.errors.map((e) => e.pointer)).toContain(pointer);
    expect((await overview()).cadence).toBeNull();
  });

  it('viewers read but do not set a cadence; members-only initiatives stay hidden', async () => {
    expect((await put(cadence(), viewer)).statusCode).toBe(403);
    expect((await put(cadence(), outsider, secret.id)).statusCode).toBe(404);
    expect(
      (
        await t.inject({
          method: 'GET',
          url: `/api/initiatives/${secret.id}/demos`,
          user: outsider,
        })
      ).statusCode,
    ).toBe(404);
  });

  let firstPast: string;
  it('a cadence creates occurrences 12 weeks ahead, keeping 14:00 Berlin across DST', async () => {
    const res = await put(cadence());
    expect(res.statusCode).toBe(200);
    const o = res.json<DemoOverview>();
    expect(o.cadence).toMatchObject({
      interval: 'every_2_weeks',
      time: '14:00',
      timeZone: 'Europe/Berlin',
    });
    expect(o.cadence?.invitees.map((p) => p.name)).toEqual(['Bea', 'Carla']);
    // Created today at 11:00: today's 14:00 demo is the first.
    expect(o.upcoming[0]).toMatchObject({
      localDate: '2026-11-26',
      localTime: '14:00',
      state: 'planned',
    });
    expect(o.upcoming.length).toBe(7);
    expect(o.upcoming.every((x) => x.localTime === '14:00')).toBe(true);
    expect(o.past).toEqual([]);
    expect(o.permissions.edit).toBe(true);
    const viewerView = await overview(viewer);
    expect(viewerView.upcoming.length).toBe(7);
    expect(viewerView.permissions.edit).toBe(false);
    firstPast = o.upcoming[0]?.id ?? '';
  });

  it('a stale version of the cadence is refused', async () => {
    expect((await put(cadence({ time: '15:00' }))).statusCode).toBe(409);
  });

  it('refuses to record a demo of a later day, and bad votes; nothing changes', async () => {
    const o = await overview();
    const next = o.upcoming[0];
    if (!next) throw new Error('no occurrence');
    const body = {
      version: next.version,
      presenterId: itOwner.id,
      attendees: [{ userId: biz.id, confidence: 4 }],
    };
    const nextTime = o.upcoming[1];
    if (!nextTime) throw new Error('no second occurrence');
    const early = await post(`/api/demos/${nextTime.id}/record`, {
      ...body,
      version: nextTime.version,
    });
    expect(early.statusCode).toBe(422);
    expect(early.json<{ code: string }>().code).toBe('future_occurrence');
    t.setClock(new Date('2026-11-26T14:30:00Z'));
    const bad = await post(`/api/demos/${next.id}/record`, {
      ...body,
      attendees: [{ userId: biz.id, confidence: 6 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe(
      '/body/attendees/0/confidence',
    );
    const unknown = await post(`/api/demos/${next.id}/record`, {
      ...body,
      attendees: [{ userId: 'ghost', confidence: 3 }],
    });
    expect(unknown.statusCode).toBe(422);
    expect(
      (await t.inject({ method: 'GET', url: `/api/demos/${next.id}`, user: biz })).json<HeldDemo>()
        .state,
    ).toBe('planned');
    expect((await post(`/api/demos/${next.id}/record`, body, viewer)).statusCode).toBe(403);
  });

  let held: HeldDemo;
  it('records a held demo: attendance by side, votes with divergence, feedback', async () => {
    const o = await overview();
    const occ = o.past[0];
    if (!occ) throw new Error('no occurrence');
    expect(occ.localDate).toBe('2026-11-26');
    // The presenter is on the team; feedback comes from attendees or team members.
    const foreignPresenter = await post(`/api/demos/${occ.id}/record`, {
      version: occ.version,
      presenterId: outsider.id,
      attendees: [{ userId: biz.id, confidence: 5 }],
      feedback: [{ kind: 'concern', text: 'Ghost-written', authorId: viewer.id }],
    });
    expect(foreignPresenter.statusCode).toBe(422);
    expect(
      foreignPresenter
        .json<{ errors: { pointer: string; code: string }[] }>()
        .errors.map((e) => [e.pointer, e.code]),
    ).toEqual([
      ['/body/presenterId', 'not_member'],
      ['/body/feedback/0/authorId', 'not_attendee'],
    ]);
    const res = await post(`/api/demos/${occ.id}/record`, {
      version: occ.version,
      presenterId: itOwner.id,
      attendees: [
        { userId: biz.id, confidence: 5 },
        { userId: contributor.id, confidence: 4 },
        { userId: itOwner.id, confidence: 2 },
        { userId: outsider.id, confidence: null },
      ],
      notes: 'Showed the lead scoring prototype',
      links: [{ url: 'https://example.com/prototype', title: 'Prototype' }],
      feedback: [
        { kind: 'praise', text: 'Scores look plausible', authorId: biz.id },
        { kind: 'concern', text: 'CRM export is slow', authorId: itOwner.id },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    held = res.json<HeldDemo>();
    expect(held.state).toBe('held');
    expect(held.attendees.map((a) => [a.person.name, a.side])).toEqual([
      ['Bea', 'business'],
      ['Carla', 'business'],
      ['Ian', 'it'],
      ['Otto', 'it'],
    ]);
    expect(held.confidence).toEqual({
      business: 4.5,
      it: 2,
      overall: 3.67,
      votes: 3,
      businessVotes: 2,
      itVotes: 1,
      divergent: true,
    });
    expect(held.feedback.map((f) => [f.kind, f.side])).toEqual([
      ['praise', 'business'],
      ['concern', 'it'],
    ]);
    // Later feedback in someone else's name: only for an attendee or a team member.
    const ghost = await post(`/api/demos/${occ.id}/feedback`, {
      kind: 'defect',
      text: 'x',
      authorId: viewer.id,
    });
    expect(ghost.statusCode).toBe(422);
    const guest = await post(`/api/demos/${occ.id}/feedback`, {
      kind: 'idea',
      text: 'Add a CSV export',
      authorId: outsider.id,
    });
    expect(guest.statusCode).toBe(200);
    held = guest.json<HeldDemo>();
    expect(
      (
        await post(`/api/demos/${occ.id}/record`, {
          version: held.version,
          presenterId: biz.id,
          attendees: [{ userId: biz.id }],
        })
      ).statusCode,
    ).toBe(409);
  });

  it('feedback becomes an action item that shows on the initiative and at the next demo until done', async () => {
    const concern = held.feedback[1];
    if (!concern) throw new Error('no feedback');
    expect(
      (
        await post(`/api/demo-feedback/${concern.id}/action`, {
          ownerId: outsider.id,
          dueDate: '2026-12-01',
        })
      ).statusCode,
    ).toBe(422);
    const res = await post(`/api/demo-feedback/${concern.id}/action`, {
      ownerId: itOwner.id,
      dueDate: '2026-12-01',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<HeldDemo>().feedback[1]?.action).toMatchObject({
      status: 'open',
      overdue: false,
    });
    expect(
      (
        await post(`/api/demo-feedback/${concern.id}/action`, {
          ownerId: itOwner.id,
          dueDate: '2026-12-01',
        })
      ).statusCode,
    ).toBe(409);
    const added = await post(
      `/api/demos/${held.id}/feedback`,
      { kind: 'idea', text: 'Add a score threshold' },
      contributor,
    );
    expect(added.statusCode).toBe(200);
    expect(added.json<HeldDemo>().feedback.at(-1)).toMatchObject({
      kind: 'idea',
      side: 'business',
    });

    t.setClock(new Date('2026-12-02T09:00:00Z'));
    const o = await overview();
    expect(o.openActions.map((a) => [a.text, a.action?.overdue])).toEqual([
      ['CRM export is slow', true],
    ]);
    const next = o.upcoming[0];
    if (!next) throw new Error('no occurrence');
    const atNext = (
      await t.inject({ method: 'GET', url: `/api/demos/${next.id}`, user: viewer })
    ).json<HeldDemo>();
    expect(atNext.openActions.map((a) => a.text)).toEqual(['CRM export is slow']);
    const done = await t.inject({
      method: 'PATCH',
      url: `/api/demo-feedback/${concern.id}/action`,
      user: itOwner,
      body: { status: 'done' },
    });
    expect(done.statusCode).toBe(200);
    expect((await overview()).openActions).toEqual([]);
  });

  it('moves, skips and cancels with a reason; adherence counts and overdue', async () => {
    let o = await overview();
    const [a, b, c] = o.upcoming;
    if (!a || !b || !c) throw new Error('occurrences missing');
    const moved = await post(`/api/demos/${a.id}/move`, {
      version: a.version,
      date: '2026-12-11',
      time: '10:00',
      reason: 'Sprint review moved',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json<HeldDemo>()).toMatchObject({
      moved: true,
      sequence: 1,
      localTime: '10:00',
      ruleDate: a.ruleDate,
    });
    const gap = await post(`/api/demos/${b.id}/move`, {
      version: b.version,
      date: '2027-03-28',
      time: '02:30',
      reason: 'x',
    });
    expect(gap.statusCode).toBe(422);
    expect(gap.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe('/body/time');
    expect(
      (await post(`/api/demos/${b.id}/skip`, { version: b.version, reason: '' })).statusCode,
    ).toBe(400);
    expect(
      (
        await post(`/api/demos/${b.id}/cancel`, { version: b.version, reason: 'Holidays' })
      ).json<HeldDemo>(),
    ).toMatchObject({ state: 'cancelled', sequence: 1 });
    expect(
      (await post(`/api/demos/${c.id}/skip`, { version: c.version, reason: 'Nothing new' }))
        .statusCode,
    ).toBe(200);

    // 2027-01-22: the 2026-12-11 (moved) demo passed unrecorded → overdue; 07-01 is planned too.
    t.setClock(new Date('2027-01-22T09:00:00Z'));
    o = await overview();
    expect(o.adherence).toMatchObject({
      held: 1,
      skipped: 1,
      overdue: true,
      overdueSince: '2026-12-11',
      lastHeldDay: '2026-11-26',
      daysSinceLastHeld: 57,
    });
    expect(o.adherence.planned).toBe(o.adherence.held + o.adherence.skipped + o.adherence.missed);
    expect(o.past.find((p) => p.id === held.id)?.confidence?.divergent).toBe(true);
    void firstPast;
  });

  describe('calendar feed', () => {
    let personal: NewCalendarFeed;
    let perInitiative: NewCalendarFeed;
    const fetchFeed = (path: string) => t.inject({ method: 'GET', url: path });

    it('creates feed links; the feed parses with ical.js, with time zones and cancelled occurrences', async () => {
      const p = await post('/api/calendar-feeds', {}, contributor);
      expect(p.statusCode).toBe(201);
      personal = p.json<NewCalendarFeed>();
      expect(personal.path).toMatch(/^\/api\/calendar\/tdc_[A-Za-z0-9_-]+\.ics$/);
      perInitiative = (
        await post('/api/calendar-feeds', { initiativeId: initiative.id }, viewer)
      ).json<NewCalendarFeed>();

      const res = await fetchFeed(personal.path);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['referrer-policy']).toBe('no-referrer');

      const cal = new ICAL.Component(ICAL.parse(res.body));
      const tz = cal.getFirstSubcomponent('vtimezone');
      expect(tz?.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
      if (tz) ICAL.TimezoneService.register(tz);
      const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      expect(events.length).toBeGreaterThan(5);
      for (const e of events) {
        expect(e.summary).toBe('Demo: Lead generator, "v2"; pilot\\phase');
        expect(e.uid).toMatch(/@tandem$/);
        expect(e.startDate.zone?.tzid).toBe('Europe/Berlin');
      }
      const uids = events.map((e) => e.uid);
      expect(new Set(uids).size).toBe(uids.length);
      const byStatus = (s: string) =>
        events.filter((e) => e.component.getFirstPropertyValue('status') === s);
      expect(byStatus('CANCELLED').length).toBe(2);
      expect(byStatus('CANCELLED').every((e) => e.sequence === 1)).toBe(true);
      // The moved demo keeps the UID of its rule day, with the new time and a higher sequence.
      const moved = events.find((e) => e.startDate.toString().startsWith('2026-12-11'));
      expect(moved?.sequence).toBe(1);
      expect(moved?.uid).toContain('20261210');
      expect(moved?.startDate.hour).toBe(10);
      expect(moved?.startDate.toJSDate().toISOString()).toBe('2026-12-11T09:00:00.000Z');
      // Summer time: 14:00 Berlin is 12:00 UTC.
      const summer = events.find((e) => e.startDate.toString().startsWith('2027-04-'));
      expect(summer?.startDate.hour).toBe(14);
      expect(summer?.startDate.toJSDate().getUTCHours()).toBe(12);
      const winter = events.find((e) => e.startDate.toString().startsWith('2027-02-'));
      expect(winter?.startDate.toJSDate().getUTCHours()).toBe(13);
      expect(res.body).toContain('SUMMARY:Demo: Lead generator\\, "v2"\\; pilot\\\\phase');
    });

    it('per initiative: works for readers, 404 once they may no longer read it', async () => {
      expect((await fetchFeed(perInitiative.path)).statusCode).toBe(200);
      const hidden = await post('/api/calendar-feeds', { initiativeId: secret.id }, outsider);
      expect(hidden.statusCode).toBe(404);
      // A member of a members-only initiative subscribes, then is removed: the link stops.
      await post(`/api/initiatives/${secret.id}/members`, {
        userId: outsider.id,
        role: 'observer',
      });
      await put(cadence({ presenterId: null, inviteeIds: [] }), biz, secret.id);
      const feed = (
        await post('/api/calendar-feeds', { initiativeId: secret.id }, outsider)
      ).json<NewCalendarFeed>();
      expect((await fetchFeed(feed.path)).statusCode).toBe(200);
      const myFeeds = async () =>
        (await t.inject({ method: 'GET', url: '/api/calendar-feeds', user: outsider })).json<
          { id: string; initiative: { id: string; title: string } | null }[]
        >();
      expect((await myFeeds()).map((f) => f.initiative?.title)).toContain('Secret pilot');
      const personalFeed = (
        await post('/api/calendar-feeds', {}, outsider)
      ).json<NewCalendarFeed>();
      expect((await fetchFeed(personalFeed.path)).body).toContain('Secret pilot');
      const removed = await t.inject({
        method: 'DELETE',
        url: `/api/initiatives/${secret.id}/members/${outsider.id}`,
        user: biz,
      });
      expect(removed.statusCode).toBeLessThan(300);
      const gone = await fetchFeed(feed.path);
      expect(gone.statusCode).toBe(404);
      expect(gone.headers['cache-control']).toBe('no-store');
      expect(gone.headers['referrer-policy']).toBe('no-referrer');
      expect((await fetchFeed(personalFeed.path)).body).not.toContain('Secret pilot');
      // Nor does the list of their links still show the initiative's title.
      const listed = await myFeeds();
      expect(JSON.stringify(listed)).not.toContain('Secret pilot');
      expect(listed.map((f) => f.id)).toEqual([personalFeed.id]);
    });

    it('reset and revoke: old links answer 404; unknown tokens too; a feed token is not a session', async () => {
      const again = (await post('/api/calendar-feeds', {}, contributor)).json<NewCalendarFeed>();
      expect((await fetchFeed(personal.path)).statusCode).toBe(404);
      expect((await fetchFeed(again.path)).statusCode).toBe(200);
      const mine = await t.inject({ method: 'GET', url: '/api/calendar-feeds', user: contributor });
      expect(mine.json<unknown[]>()).toHaveLength(1);
      expect(mine.body).not.toContain('tdc_');
      expect(
        (await t.inject({ method: 'DELETE', url: `/api/calendar-feeds/${again.id}`, user: biz }))
          .statusCode,
      ).toBe(404);
      expect(
        (
          await t.inject({
            method: 'DELETE',
            url: `/api/calendar-feeds/${again.id}`,
            user: contributor,
          })
        ).statusCode,
      ).toBe(204);
      expect((await fetchFeed(again.path)).statusCode).toBe(404);
      expect(
        (await fetchFeed('/api/calendar/tdc_unknownunknownunknownunknown.ics')).statusCode,
      ).toBe(404);
      const token = perInitiative.path.split('/').at(-1)?.replace('.ics', '') ?? '';
      const asBearer = await t.inject({
        method: 'GET',
        url: `/api/initiatives/${initiative.id}/demos`,
        headers: { authorization: `Bearer ${token}`, cookie: `tandem_session=${token}` },
      });
      expect(asBearer.statusCode).toBe(401);
      const stored = await t.db.kysely.selectFrom('calendar_feeds').select('token_hash').execute();
      expect(stored.some((r) => r.token_hash === token)).toBe(false);
    });
  });

  it('writes an audit event for each change', async () => {
    const actions = (
      await t.db.kysely
        .selectFrom('audit_events')
        .select('action')
        .where('initiative_id', '=', initiative.id)
        .where('action', 'like', 'demo%')
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'demo_cadence.created',
        'demo.held',
        'demo_action.created',
        'demo_action.updated',
        'demo.moved',
        'demo.cancelled',
        'demo.skipped',
        'demo_feedback.created',
      ]),
    );
  });
});
