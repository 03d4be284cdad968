import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../test-support/dialects.js';
import {
  followToCallback,
  oidcEnv,
  startTestProvider,
  type TestProvider,
} from '../../test-support/oidc.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { createUser } from './users.service.js';

const dialects = await testDialects();

/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider on loopback): a good
 * sign-in, and refusals for a bad or reused state, a replayed nonce, the wrong audience or
 * issuer, an expired token, a tampered signature, and an email that is not verified (or not
 * allowed by an admin) trying to take over an account.
 */
const PUBLIC = 'http://localhost:3999';
const CALLBACK = `${PUBLIC}/api/auth/sso/callback`;

type Claims = Record<string, unknown>;
const decode = (jwt: string): Claims =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Claims;

describe.each(dialects)('single sign-on (%s)', (dialect) => {
  let p: TestProvider;
  let t: TestApp;
  /** Changes the ID token on its way from the provider's token endpoint to the app. */
  let tamper: ((idToken: string) => string) | null = null;
  const seenIdTokens: string[] = [];

  beforeAll(async () => {
    p = await startTestProvider([CALLBACK]);
    t = await createTestApp(dialect, {
      ...oidcEnv(p, PUBLIC),
      OIDC_DISPLAY_NAME: 'Acme',
      OIDC_JIT: 'on',
      OIDC_CLAIM_SIDE: 'tandem_side',
      OIDC_CLAIM_DEPARTMENT: 'department',
      OIDC_CLAIM_ADMIN: 'groups',
      OIDC_ADMIN_VALUE: 'tandem-admins',
    });
    const oidc = t.app.ctx.config.oidc;
    if (!oidc) throw new Error('OIDC not configured');
    oidc.fetch = async (url, init) => {
      const res = await fetch(url, init);
      const href = typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;
      if (!href.endsWith('/token') || !res.ok) return res;
      const body = (await res.json()) as { id_token?: string };
      if (body.id_token) {
        seenIdTokens.push(body.id_token);
        if (tamper) body.id_token = tamper(body.id_token);
      }
      return new Response(JSON.stringify(body), {
        status: res.status,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      });
    };
  });
  afterEach(() => {
    tamper = null;
  });
  afterAll(async () => {
    await t?.close();
    await p?.close();
  });

  /** The whole browser round trip: start → provider → callback; returns the callback's answer. */
  const signIn = async (sub: string): Promise<LightMyRequestResponse> => {
    p.signInAs(sub);
    const start = await t.inject({ method: 'GET', url: '/api/auth/sso/start' });
    expect(start.statusCode, start.body).toBe(302);
    const authorize = new URL(String(start.headers.location));
    expect(authorize.origin).toBe(p.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const back = await followToCallback(authorize.href, CALLBACK);
    return callback(back);
  };
  const callback = (url: URL) => t.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
  const sessionCookie = (res: LightMyRequestResponse) =>
    res.cookies
      .filter((c) => c.name.endsWith('tandem_session') && c.value)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  const me = async (res: LightMyRequestResponse) =>
    (
      await t.inject({ method: 'GET', url: '/api/me', headers: { cookie: sessionCookie(res) } })
    ).json<{ id: string; email: string; role: string; side: string; department: string }>();
  const expectRefused = (res: LightMyRequestResponse, reason: string) => {
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe(`/login?sso=${reason}`);
    expect(sessionCookie(res)).toBe('');
  };
  /** A person with a password, signed in from this app's public origin. */
  const localUser = async (role: 'admin' | 'member') => {
    const email = `local-${randomUUID()}@example.com`;
    const password = 'a-long-password-1';
    const { user } = await createUser(t.app.ctx, null, {
      email,
      name: 'Local Person',
      language: 'en',
      side: 'it',
      role,
      password,
    });
    const res = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: PUBLIC },
      body: { email, password },
    });
    expect(res.statusCode, res.body).toBe(200);
    return { id: user.id, email, password, cookie: sessionCookie(res) };
  };
  const account = (props: Partial<Claims> = {}) => {
    const sub = `sub-${randomUUID()}`;
    p.accounts.set(sub, {
      sub,
      email: `${sub}@acme.example`,
      email_verified: true,
      name: 'Alex Example',
      ...props,
    });
    return sub;
  };

  it('tells the sign-in page about the button and password sign-in', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/auth/options' });
    expect(res.json()).toEqual({
      localLogin: true,
      // No SMTP in this test: "Forgot password?" says to ask an admin.
      passwordReset: false,
      sso: { displayName: 'Acme', startUrl: '/api/auth/sso/start' },
    });
  });

  it('signs a new person in, creating the account with the mapped claims; keyed by subject', async () => {
    const sub = account({
      tandem_side: 'it',
      department: 'Platform',
      groups: ['staff', 'tandem-admins'],
    });
    const before = await t.count('users');
    const res = await signIn(sub);
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe('/');
    const first = await me(res);
    expect(first).toMatchObject({
      email: `${sub}@acme.example`,
      side: 'it',
      department: 'Platform',
      role: 'admin',
    });
    expect(await t.count('users')).toBe(before + 1);
    // The same subject with a changed email is the same person; no second account.
    p.accounts.set(sub, { ...p.accounts.get(sub), sub, email: 'renamed@acme.example' });
    const again = await signIn(sub);
    expect((await me(again)).id).toBe(first.id);
    expect(await t.count('users')).toBe(before + 1);
    // Default role and side without claims.
    const plain = await me(await signIn(account()));
    expect(plain).toMatchObject({ role: 'member', side: 'business' });
  });

  it('refuses an unknown state, a missing one, and a callback used twice', async () => {
    expectRefused(
      await t.inject({ method: 'GET', url: `/api/auth/sso/callback?code=x&state=${randomUUID()}` }),
      'state',
    );
    expectRefused(await t.inject({ method: 'GET', url: '/api/auth/sso/callback?code=x' }), 'state');
    p.signInAs(account());
    const start = await t.inject({ method: 'GET', url: '/api/auth/sso/start' });
    const back = await followToCallback(String(start.headers.location), CALLBACK);
    expect((await callback(back)).headers.location).toBe('/');
    expectRefused(await callback(back), 'state');
  });

  it('refuses an ID token with a replayed nonce, wrong audience, wrong issuer or expired', async () => {
    const sub = account();
    await signIn(sub);
    const oldNonce = decode(seenIdTokens.at(-1) ?? '').nonce;
    expect(oldNonce).toBeTruthy();
    const users = await t.count('users');
    const now = Math.floor(Date.now() / 1000);
    const resigned = (change: Claims) => (jwt: string) => p.signJwt({ ...decode(jwt), ...change });
    for (const change of [
      { nonce: oldNonce },
      { aud: 'some-other-app' },
      { iss: 'http://evil.example' },
      { iat: now - 7200, exp: now - 3600 },
    ]) {
      tamper = resigned(change);
      expectRefused(await signIn(account()), 'refused');
    }
    // The same token unchanged but re-signed passes: the refusals were for the claims.
    tamper = resigned({});
    expect((await signIn(sub)).headers.location).toBe('/');
    tamper = null;
    expect(await t.count('users')).toBe(users);
  });

  it('refuses a tampered signature', async () => {
    tamper = (jwt) => {
      const [head, , sig] = jwt.split('.');
      const body = Buffer.from(JSON.stringify({ ...decode(jwt), sub: 'someone-else' })).toString(
        'base64url',
      );
      return `${head}.${body}.${sig}`;
    };
    expectRefused(await signIn(account()), 'refused');
    tamper = (jwt) => `${jwt.slice(0, -4)}${jwt.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expectRefused(await signIn(account()), 'refused');
  });

  it('an email never takes over a local account unless an admin allowed it and it is verified', async () => {
    const admin = await localUser('admin');
    const victim = await localUser('member');
    const unverified = account({ email: victim.email, email_verified: false });
    expectRefused(await signIn(unverified), 'account_exists');
    const verified = account({ email: victim.email.toUpperCase(), email_verified: true });
    expectRefused(await signIn(verified), 'account_exists');
    // An admin allows linking: still only with a verified email.
    const allow = await t.inject({
      method: 'POST',
      url: `/api/users/${victim.id}/sso-link`,
      user: admin,
      headers: { origin: PUBLIC },
    });
    expect(allow.statusCode, allow.body).toBe(200);
    expectRefused(await signIn(unverified), 'account_exists');
    const linked = await signIn(verified);
    expect(linked.headers.location).toBe('/');
    expect((await me(linked)).id).toBe(victim.id);
    // Linking was for one identity: a second one with the same email is refused again.
    expectRefused(await signIn(account({ email: victim.email })), 'account_exists');
    // Members cannot allow linking.
    const member = await localUser('member');
    const refused = await t.inject({
      method: 'POST',
      url: `/api/users/${member.id}/sso-link`,
      user: member,
      headers: { origin: PUBLIC },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('a disabled person cannot sign in with single sign-on', async () => {
    const admin = await localUser('admin');
    const sub = account();
    const first = await me(await signIn(sub));
    await t.inject({
      method: 'PATCH',
      url: `/api/users/${first.id}`,
      user: admin,
      headers: { origin: PUBLIC },
      body: { disabled: true },
    });
    expectRefused(await signIn(sub), 'disabled');
  });
});

describe.each(dialects)('local passwords switched off (%s)', (dialect) => {
  let p: TestProvider;
  let t: TestApp;
  beforeAll(async () => {
    p = await startTestProvider([CALLBACK]);
    t = await createTestApp(dialect, {
      ...oidcEnv(p, PUBLIC),
      LOCAL_LOGIN: 'off',
    });
  });
  afterAll(async () => {
    await t?.close();
    await p?.close();
  });

  it('refuses passwords and unknown people (no just-in-time accounts)', async () => {
    await createUser(t.app.ctx, null, {
      email: 'pat@example.com',
      name: 'Pat',
      language: 'en',
      side: 'business',
      role: 'member',
      password: 'a-long-password-1',
    });
    const login = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: PUBLIC },
      body: { email: 'pat@example.com', password: 'a-long-password-1' },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json()).toMatchObject({ code: 'local_login_off' });
    const options = await t.inject({ method: 'GET', url: '/api/auth/options' });
    expect(options.json()).toMatchObject({
      localLogin: false,
      sso: { displayName: 'single sign-on' },
    });
    const sub = `sub-${randomUUID()}`;
    p.accounts.set(sub, { sub, email: 'new@acme.example', email_verified: true });
    p.signInAs(sub);
    const start = await t.inject({ method: 'GET', url: '/api/auth/sso/start' });
    const back = await followToCallback(String(start.headers.location), CALLBACK);
    const res = await t.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
    expect(res.headers.location).toBe('/login?sso=not_registered');
  });
});
