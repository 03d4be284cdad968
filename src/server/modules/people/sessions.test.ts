import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../contracts/account-security.js';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, ORIGIN, type TestApp, type TestUser } from '../../test-support/test-app.js';

const dialects = await testDialects();

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

describe.each(dialects)('the sessions page (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    // Behind a proxy on loopback: the forwarded address is the client's.
    t = await createTestApp(dialect, { TRUST_PROXY: '127.0.0.1' });
    admin = await t.user({ role: 'admin', side: 'it' });
  });
  afterAll(async () => t?.close());

  /** Signs `user` in once more from another device; returns that session's cookie. */
  const signInFrom = async (user: TestUser, userAgent: string, forwardedFor: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: {
        origin: ORIGIN,
        host: 'localhost:80',
        'user-agent': userAgent,
        'x-forwarded-for': forwardedFor,
      },
      payload: { email: user.email, password: user.password },
    });
    expect(res.statusCode, res.body).toBe(200);
    return { ...user, cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
  };
  const sessions = async (user: TestUser) => {
    const res = await t.inject({ method: 'GET', url: '/api/me/sessions', user });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<SessionInfo[]>();
  };
  const works = async (user: TestUser) =>
    (await t.inject({ method: 'GET', url: '/api/me', user })).statusCode === 200;

  it('lists my sessions with device, place and times, and marks this one', async () => {
    const me = await t.user();
    const laptop = await signInFrom(me, FIREFOX, '203.0.113.7');
    const phone = await signInFrom(me, IPHONE, '198.51.100.23');
    const list = await sessions(laptop);
    expect(list).toHaveLength(3);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list.find((s) => s.current)).toMatchObject({
      browser: 'Firefox',
      os: 'Linux',
      ip: '203.0.113.7',
      mobile: false,
    });
    expect(list.find((s) => s.ip === '198.51.100.23')).toMatchObject({
      browser: 'Safari',
      os: 'iOS',
      mobile: true,
      current: false,
    });
    expect(JSON.stringify(list)).not.toMatch(/id_hash|tandem_session/);
    // Nobody else sees them.
    const other = await t.user();
    expect((await sessions(other)).map((s) => s.id)).not.toContain(list[0]?.id);
    expect(await works(phone)).toBe(true);
  });

  it('ends one of my sessions, and not someone else’s', async () => {
    const me = await t.user();
    const laptop = await signInFrom(me, FIREFOX, '203.0.113.8');
    const phone = await signInFrom(me, IPHONE, '198.51.100.24');
    const phoneId = (await sessions(laptop)).find((s) => s.ip === '198.51.100.24')?.id;
    expect(phoneId).toBeDefined();
    const stranger = await t.user();
    const foreign = await t.inject({
      method: 'DELETE',
      url: `/api/me/sessions/${phoneId}`,
      user: stranger,
    });
    expect(foreign.statusCode).toBe(404);
    expect(await works(phone)).toBe(true);
    const ended = await t.inject({
      method: 'DELETE',
      url: `/api/me/sessions/${phoneId}`,
      user: laptop,
    });
    expect(ended.statusCode).toBe(204);
    expect(await works(phone)).toBe(false);
    expect(await works(laptop)).toBe(true);
  });

  it('ends all my other sessions at once; this one goes on', async () => {
    const me = await t.user();
    const laptop = await signInFrom(me, FIREFOX, '203.0.113.9');
    const phone = await signInFrom(me, IPHONE, '198.51.100.25');
    const res = await t.inject({ method: 'DELETE', url: '/api/me/sessions', user: laptop });
    expect(res.json()).toEqual({ ended: 2 });
    expect(await works(laptop)).toBe(true);
    expect(await works(phone)).toBe(false);
    expect(await works(me)).toBe(false);
  });

  it('admins see and end all sessions of a person; others may not', async () => {
    const person = await t.user();
    const phone = await signInFrom(person, IPHONE, '198.51.100.26');
    const member = await t.user();
    for (const method of ['GET', 'DELETE'] as const) {
      const res = await t.inject({
        method,
        url: `/api/users/${person.id}/sessions`,
        user: member,
      });
      expect(res.statusCode).toBe(403);
    }
    const seen = await t.inject({
      method: 'GET',
      url: `/api/users/${person.id}/sessions`,
      user: admin,
    });
    expect(seen.json<SessionInfo[]>()).toHaveLength(2);
    const res = await t.inject({
      method: 'DELETE',
      url: `/api/users/${person.id}/sessions`,
      user: admin,
    });
    expect(res.json()).toEqual({ ended: 2 });
    expect(await works(person)).toBe(false);
    expect(await works(phone)).toBe(false);
    expect(await works(admin)).toBe(true);
    const trail = await t.inject({ method: 'GET', url: '/api/audit?limit=5', user: admin });
    expect(trail.body).toContain('user.sessions_ended');
  });

  it('changing the password ends the other sessions unless I keep them', async () => {
    const me = await t.user();
    const phone = await signInFrom(me, IPHONE, '198.51.100.27');
    const keep = await t.inject({
      method: 'POST',
      url: '/api/me/password',
      user: me,
      body: {
        currentPassword: me.password,
        newPassword: 'a-new-password-kept',
        endOtherSessions: false,
      },
    });
    expect(keep.statusCode, keep.body).toBe(200);
    expect(await works(phone)).toBe(true);
    // The session that changed it got a fresh id; the old cookie is gone.
    expect(await works(me)).toBe(false);
    const fresh = { ...me, cookie: keep.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
    const end = await t.inject({
      method: 'POST',
      url: '/api/me/password',
      user: fresh,
      body: { currentPassword: 'a-new-password-kept', newPassword: 'another-new-password' },
    });
    expect(end.statusCode).toBe(200);
    expect(await works(phone)).toBe(false);
  });
});

describe.each(dialects)('session addresses without a trusted proxy (%s)', (dialect) => {
  it('ignores X-Forwarded-For from an untrusted peer', async () => {
    const t = await createTestApp(dialect);
    try {
      const me = await t.user();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: ORIGIN, host: 'localhost:80', 'x-forwarded-for': '203.0.113.99' },
        payload: { email: me.email, password: me.password },
      });
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const list = await t.inject({
        method: 'GET',
        url: '/api/me/sessions',
        user: { ...me, cookie },
      });
      expect(list.json<SessionInfo[]>().map((s) => s.ip)).not.toContain('203.0.113.99');
    } finally {
      await t.close();
    }
  });
});
