import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedPersonalToken, PersonalToken } from '../../../contracts/account-security.js';
import type { RegisteredRoute } from '../../http/routes.js';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';

const dialects = await testDialects();

/**
 * Personal API tokens on the authorization matrix: a read-only token is refused on every
 * writing route (walked as Fastify registered them); a read-write token gets exactly what
 * its owner's session gets, never more; revoked, expired or a disabled owner → 401.
 */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const sessionRoutes = (t: TestApp): RegisteredRoute[] =>
  t.app.registeredRoutes.filter(
    (r) =>
      r.url.startsWith('/api/') &&
      !r.url.startsWith('/api/docs') &&
      r.method !== 'HEAD' &&
      r.access === 'session',
  );
const withParams = (url: string, value: string) =>
  url.replace(/:[A-Za-z]+/g, value).replace(/\*$/, value);

describe.each(dialects)('personal API tokens (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let member: TestUser;
  let viewer: TestUser;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.user({ role: 'admin', side: 'it' });
    member = await t.user({ role: 'member', side: 'business' });
    viewer = await t.user({ role: 'viewer', side: 'business' });
  });
  afterAll(async () => t?.close());

  const create = async (
    user: TestUser,
    access: 'read' | 'write',
    expiresInDays = 30,
    name = `script ${access}`,
  ) => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/me/tokens',
      user,
      body: { name, access, expiresInDays },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<CreatedPersonalToken>();
  };
  /** A request with the token only: no cookie, no Origin (scripts send none). */
  const bearer = (
    secret: string,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${secret}` },
      ...(body !== undefined ? { payload: body as object } : {}),
    });

  it('shows the secret once, stores only its hash, lists name, access, expiry, last use', async () => {
    const created = await create(member, 'read', 30, 'Nightly report');
    expect(created.secret).toMatch(/^tdp_[A-Za-z0-9_-]{40,}$/);
    expect(created.secret.startsWith(created.prefix)).toBe(true);
    expect(created).toMatchObject({ name: 'Nightly report', access: 'read', lastUsedAt: null });
    expect(Date.parse(created.expiresAt) - t.now().getTime()).toBe(30 * 86_400_000);
    const list = await t.inject({ method: 'GET', url: '/api/me/tokens', user: member });
    expect(list.body).not.toContain(created.secret);
    expect(list.json<PersonalToken[]>().map((x) => x.id)).toContain(created.id);
    const stored = await sql<Record<string, unknown>>`select * from personal_tokens`.execute(
      t.db.kysely,
    );
    expect(JSON.stringify(stored.rows)).not.toContain(created.secret.slice(10));
    // Others never see my tokens.
    const theirs = await t.inject({ method: 'GET', url: '/api/me/tokens', user: viewer });
    expect(theirs.json<PersonalToken[]>().map((x) => x.id)).not.toContain(created.id);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await t.count('personal_tokens');
    for (const body of [
      { name: '', access: 'read', expiresInDays: 30 },
      { name: 'x', access: 'admin', expiresInDays: 30 },
      { name: 'x', access: 'read', expiresInDays: 0 },
      { name: 'x', access: 'read', expiresInDays: 400 },
      { name: 'x', access: 'read', expiresInDays: 1.5 },
    ]) {
      const res = await t.inject({ method: 'POST', url: '/api/me/tokens', user: member, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await t.count('personal_tokens')).toBe(before);
  });

  it('a read-only token reads, and gets 403 on every writing route', async () => {
    const token = await create(admin, 'read');
    const me = await bearer(token.secret, 'GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: admin.id });
    expect((await bearer(token.secret, 'GET', '/api/users')).statusCode).toBe(200);
    const writes = sessionRoutes(t).filter((r) => WRITES.has(r.method));
    expect(writes.length).toBeGreaterThan(30);
    for (const r of writes) {
      const res = await bearer(
        token.secret,
        r.method as 'POST',
        withParams(r.url, randomUUID()),
        r.method === 'DELETE' ? undefined : {},
      );
      expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(403);
      expect(res.json(), `${r.method} ${r.url}`).toMatchObject({ code: 'token_read_only' });
    }
  });

  it("a read-write token gets exactly its owner's answers on every route, never more", async () => {
    for (const owner of [viewer, member]) {
      const token = await create(owner, 'write');
      // Logout and the owner's own session management run last / are compared specially.
      for (const r of sessionRoutes(t)) {
        const url = withParams(r.url, randomUUID());
        const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
        const withCookie = await t.inject({ method: r.method as 'GET', url, user: owner, body });
        const withToken = await bearer(token.secret, r.method as 'GET', url, body);
        const what = `${r.method} ${r.url}: cookie ${withCookie.statusCode}, token ${withToken.statusCode} ${withToken.body}`;
        if (
          withToken.statusCode === 403 &&
          withToken.json<{ code: string }>().code === 'session_required'
        )
          continue; // tokens, sessions, password: only a person at the keyboard
        expect(withToken.statusCode, what).toBe(withCookie.statusCode);
      }
    }
    // Concretely: a member's token is not an admin's; a viewer's token cannot write.
    const memberToken = await create(member, 'write');
    expect((await bearer(memberToken.secret, 'GET', '/api/users')).json()).toMatchObject({
      code: 'admin_only',
    });
    const viewerToken = await create(viewer, 'write');
    const refused = await bearer(viewerToken.secret, 'POST', '/api/initiatives', {
      title: 'From a viewer token',
    });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode).toBeLessThan(500);
  });

  it('a token cannot create or revoke tokens, end sessions or change the password', async () => {
    const token = await create(member, 'write');
    for (const [method, url, body] of [
      ['POST', '/api/me/tokens', { name: 'longer', access: 'write', expiresInDays: 366 }],
      ['DELETE', `/api/me/tokens/${token.id}`, undefined],
      ['DELETE', '/api/me/sessions', undefined],
      [
        'POST',
        '/api/me/password',
        { currentPassword: member.password, newPassword: 'a-brand-new-password' },
      ],
    ] as const) {
      const res = await bearer(token.secret, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json()).toMatchObject({ code: 'session_required' });
    }
  });

  it('writes with a read-write token need no Origin; cookie writes still do', async () => {
    const token = await create(member, 'write');
    const res = await bearer(token.secret, 'PATCH', '/api/me', { name: 'Renamed by script' });
    expect(res.statusCode, res.body).toBe(200);
    const cookieOnly = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: member.cookie },
      payload: { name: 'Cross-site' },
    });
    expect(cookieOnly.statusCode).toBe(403);
    // A cookie beside a token changes nothing: the token decides.
    const readOnly = await create(member, 'read');
    const both = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: member.cookie, authorization: `Bearer ${readOnly.secret}` },
      payload: { name: 'Both' },
    });
    expect(both.json()).toMatchObject({ code: 'token_read_only' });
  });

  it('revoked, expired, unknown or initiative tokens and disabled owners get 401', async () => {
    const person = await t.user({ role: 'member' });
    const token = await create(person, 'write', 1);
    expect((await bearer(token.secret, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await bearer(`${token.secret}x`, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await bearer('tdm_abcdef', 'GET', '/api/me')).statusCode).toBe(401);

    // Expired: a day later.
    const start = t.now();
    t.setClock(new Date(start.getTime() + 86_400_000));
    const expired = await bearer(token.secret, 'GET', '/api/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'unauthorized' });
    t.setClock(start);

    // Revoked: from the next request on; another person's token is 404 to me.
    const other = await t.inject({
      method: 'DELETE',
      url: `/api/me/tokens/${token.id}`,
      user: member,
    });
    expect(other.statusCode).toBe(404);
    const revoked = await t.inject({
      method: 'DELETE',
      url: `/api/me/tokens/${token.id}`,
      user: person,
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json<PersonalToken>().revokedAt).not.toBeNull();
    expect((await bearer(token.secret, 'GET', '/api/me')).statusCode).toBe(401);

    // The owner disabled: every token stops.
    const second = await create(person, 'read');
    expect((await bearer(second.secret, 'GET', '/api/me')).statusCode).toBe(200);
    const disable = await t.inject({
      method: 'PATCH',
      url: `/api/users/${person.id}`,
      user: admin,
      body: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect((await bearer(second.secret, 'GET', '/api/me')).statusCode).toBe(401);
  });

  it("follows its owner's current role: demoted to viewer, the token cannot write", async () => {
    const person = await t.user({ role: 'member', side: 'it' });
    const token = await create(person, 'write');
    await t.inject({
      method: 'PATCH',
      url: `/api/users/${person.id}`,
      user: admin,
      body: { role: 'viewer' },
    });
    const me = await bearer(token.secret, 'GET', '/api/me');
    expect(me.json()).toMatchObject({ role: 'viewer' });
  });

  it('records the last use at most once a minute, in one statement', async () => {
    const token = await create(member, 'read');
    const lastUsed = async () =>
      (await t.inject({ method: 'GET', url: '/api/me/tokens', user: member }))
        .json<PersonalToken[]>()
        .find((x) => x.id === token.id)?.lastUsedAt;
    const start = t.now();
    await bearer(token.secret, 'GET', '/api/me');
    expect(await lastUsed()).toBe(start.toISOString());
    t.setClock(new Date(start.getTime() + 30_000));
    await bearer(token.secret, 'GET', '/api/me');
    expect(await lastUsed()).toBe(start.toISOString());
    const later = new Date(start.getTime() + 61_000);
    t.setClock(later);
    await Promise.all([1, 2, 3].map(() => bearer(token.secret, 'GET', '/api/me')));
    expect(await lastUsed()).toBe(later.toISOString());
    t.setClock(start);
  });
});
