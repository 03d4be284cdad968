import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

const dialects = await testDialects();

describe.each(dialects)('auth and sessions (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('signs in, sets a HttpOnly SameSite=Lax cookie, and stores only a hash of it', async () => {
    const u = await t.user();
    const res = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: u.email.toUpperCase(), password: u.password },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email: u.email, role: 'member' });
    const cookie = res.cookies[0];
    expect(cookie?.name).toBe('tandem_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const stored = await t.db.kysely.selectFrom('sessions').select('id_hash').execute();
    expect(stored.map((s) => s.id_hash)).not.toContain(cookie?.value);
    const me = await t.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: `tandem_session=${cookie?.value ?? ''}` },
    });
    expect(me.statusCode).toBe(200);
  });

  it('issues a new session id at every sign-in and ends the old one', async () => {
    const u = await t.user();
    const res = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      user: u,
      body: { email: u.email, password: u.password },
    });
    expect(res.statusCode).toBe(200);
    const fresh = res.cookies[0]?.value;
    expect(`tandem_session=${fresh ?? ''}`).not.toBe(u.cookie);
    expect((await t.inject({ method: 'GET', url: '/api/me', user: u })).statusCode).toBe(401);
  });

  it('answers unknown account and wrong password the same way', async () => {
    const u = await t.user();
    const wrong = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: u.email, password: 'not-the-password' },
      headers: { 'x-forwarded-for': '10.0.0.1' },
    });
    const unknown = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: 'nobody@example.com', password: 'whatever-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('throttles an account after 5 failures, even with the right password, and says when to retry', async () => {
    const u = await t.user();
    for (let i = 0; i < 5; i += 1) {
      const r = await t.inject({
        method: 'POST',
        url: '/api/auth/login',
        body: { email: u.email, password: `wrong-${i}` },
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: u.email, password: u.password },
    });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    t.setClock(new Date(t.now().getTime() + 16 * 60_000));
    const later = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: u.email, password: u.password },
    });
    expect(later.statusCode).toBe(200);
  });

  it('logout ends the session at once', async () => {
    const u = await t.user();
    expect((await t.inject({ method: 'POST', url: '/api/auth/logout', user: u })).statusCode).toBe(
      204,
    );
    expect((await t.inject({ method: 'GET', url: '/api/me', user: u })).statusCode).toBe(401);
  });

  it('ends sessions after the idle timeout and after the absolute timeout', async () => {
    const idle = await t.user();
    t.setClock(new Date(t.now().getTime() + 121 * 60_000));
    expect((await t.inject({ method: 'GET', url: '/api/me', user: idle })).statusCode).toBe(401);

    const busy = await t.user();
    // Active every 100 minutes: never idle, but past the 12-hour absolute limit.
    for (let h = 0; h < 7; h += 1) {
      t.setClock(new Date(t.now().getTime() + 100 * 60_000));
      expect((await t.inject({ method: 'GET', url: '/api/me', user: busy })).statusCode).toBe(200);
    }
    t.setClock(new Date(t.now().getTime() + 100 * 60_000));
    expect((await t.inject({ method: 'GET', url: '/api/me', user: busy })).statusCode).toBe(401);
  });

  it('a disabled user gets 401 at once, on the very next request', async () => {
    const admin = await t.user({ role: 'admin', side: 'it' });
    const u = await t.user();
    expect((await t.inject({ method: 'GET', url: '/api/me', user: u })).statusCode).toBe(200);
    const res = await t.inject({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      user: admin,
      body: { disabled: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'disabled' });
    expect((await t.inject({ method: 'GET', url: '/api/me', user: u })).statusCode).toBe(401);
    const again = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: u.email, password: u.password },
    });
    expect(again.statusCode).toBe(401);
  });

  it('refuses cross-site writes made with a cookie and changes nothing', async () => {
    const u = await t.user();
    const crossSite = await t.inject({
      method: 'PATCH',
      url: '/api/me',
      user: u,
      body: { name: 'Forged' },
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.statusCode).toBe(403);
    const foreignOrigin = await t.inject({
      method: 'PATCH',
      url: '/api/me',
      user: u,
      body: { name: 'Forged' },
      headers: { origin: 'https://evil.example' },
    });
    expect(foreignOrigin.statusCode).toBe(403);
    const noHeaders = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: u.cookie },
      payload: { name: 'Forged' },
    });
    expect(noHeaders.statusCode).toBe(403);
    const me = await t.inject({ method: 'GET', url: '/api/me', user: u });
    expect(me.json<{ name: string }>().name).not.toBe('Forged');
    const sameOrigin = await t.inject({
      method: 'PATCH',
      url: '/api/me',
      user: u,
      body: { name: 'Renamed' },
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(sameOrigin.statusCode).toBe(200);
  });

  it('requires authentication', async () => {
    for (const url of ['/api/me', '/api/initiatives', '/api/stages', '/api/people']) {
      const res = await t.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
  });

  it('changes the language and the own password', async () => {
    const u = await t.user();
    const lang = await t.inject({
      method: 'PATCH',
      url: '/api/me',
      user: u,
      body: { language: 'de' },
    });
    expect(lang.json()).toMatchObject({ language: 'de' });
    const bad = await t.inject({
      method: 'POST',
      url: '/api/me/password',
      user: u,
      body: { currentPassword: 'nope-nope-nope', newPassword: 'a-new-long-password' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ errors: [{ pointer: '/body/currentPassword' }] });
    const ok = await t.inject({
      method: 'POST',
      url: '/api/me/password',
      user: u,
      body: { currentPassword: u.password, newPassword: 'a-new-long-password' },
    });
    expect(ok.statusCode).toBe(200);
    const login = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: u.email, password: 'a-new-long-password' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('hashes passwords with argon2id at OWASP strength', async () => {
    const u = await t.user();
    const row = await t.db.kysely
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe.each(dialects)('invitations (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('an admin invites; the link sets a password once and signs in', async () => {
    const admin = await t.user({ role: 'admin', side: 'it' });
    const created = await t.inject({
      method: 'POST',
      url: '/api/users',
      user: admin,
      body: { email: 'New.Person@Example.com', name: 'New Person', side: 'business' },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ user: { state: string; email: string }; inviteUrl: string }>();
    expect(body.user).toMatchObject({ state: 'invited', email: 'new.person@example.com' });
    const token = body.inviteUrl.split('/invite/')[1] ?? '';
    expect((await t.inject({ method: 'GET', url: `/api/auth/invite/${token}` })).json()).toEqual({
      email: 'new.person@example.com',
      name: 'New Person',
    });
    const short = await t.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      body: { token, password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ errors: [{ pointer: '/body/password' }] });
    const accepted = await t.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      body: { token, password: 'a-long-enough-password' },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.cookies[0]?.name).toBe('tandem_session');
    const reused = await t.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      body: { token, password: 'another-long-password' },
    });
    expect(reused.statusCode).toBe(404);
  });

  it('expired invitations do not work', async () => {
    const admin = await t.user({ role: 'admin', side: 'it' });
    const created = await t.inject({
      method: 'POST',
      url: '/api/users',
      user: admin,
      body: { email: 'late@example.com', name: 'Late', side: 'it' },
    });
    const token = created.json<{ inviteUrl: string }>().inviteUrl.split('/invite/')[1] ?? '';
    t.setClock(new Date(t.now().getTime() + 8 * 24 * 3600_000));
    expect(
      (
        await t.inject({
          method: 'POST',
          url: '/api/auth/accept-invite',
          body: { token, password: 'a-long-enough-password' },
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('secure cookies behind https', () => {
  it('uses the __Host- prefix and Secure when PUBLIC_URL is https', async () => {
    const t = await createTestApp('sqlite', { PUBLIC_URL: 'https://tandem.example.com' });
    try {
      // Sign-in from the public origin.
      const { createUser } = await import('./users.service.js');
      await createUser(t.app.ctx, null, {
        email: 'sec@example.com',
        name: 'Sec',
        language: 'en',
        side: 'it',
        role: 'member',
        password: 'secure-password-1',
      });
      const res = await t.inject({
        method: 'POST',
        url: '/api/auth/login',
        body: { email: 'sec@example.com', password: 'secure-password-1' },
        headers: { origin: 'https://tandem.example.com' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.cookies[0]).toMatchObject({
        name: '__Host-tandem_session',
        secure: true,
        httpOnly: true,
        path: '/',
      });
      // From any other origin the same sign-in is refused as cross-site, and sets no cookie.
      const cross = await t.inject({
        method: 'POST',
        url: '/api/auth/login',
        body: { email: 'sec@example.com', password: 'secure-password-1' },
        headers: { origin: 'http://localhost' },
      });
      expect(cross.statusCode).toBe(403);
      expect(cross.cookies).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
