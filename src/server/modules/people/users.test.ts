import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../../contracts/users.js';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';

const dialects = await testDialects();

describe.each(dialects)('user administration (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let member: TestUser;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.user({ role: 'admin', side: 'it' });
    member = await t.user();
  });
  afterAll(async () => t?.close());

  it('only admins list, create and change users', async () => {
    expect((await t.inject({ method: 'GET', url: '/api/users', user: member })).statusCode).toBe(
      403,
    );
    expect(
      (
        await t.inject({
          method: 'POST',
          url: '/api/users',
          user: member,
          body: { email: 'x@example.com', name: 'X', side: 'it' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.inject({
          method: 'PATCH',
          url: `/api/users/${member.id}`,
          user: member,
          body: { role: 'admin' },
        })
      ).statusCode,
    ).toBe(403);
    const list = await t.inject({ method: 'GET', url: '/api/users', user: admin });
    expect(list.statusCode).toBe(200);
    expect(JSON.stringify(list.json())).not.toMatch(/argon2|password/i);
  });

  it('creates a user with a password, and refuses a taken email naming the field', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/users',
      user: admin,
      body: {
        email: 'Pat@Example.com',
        name: 'Pat',
        side: 'business',
        role: 'viewer',
        department: 'Finance',
        password: 'a-long-password-1',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      user: { email: 'pat@example.com', state: 'active', role: 'viewer', department: 'Finance' },
    });
    expect(res.json<{ inviteUrl?: string }>().inviteUrl).toBeUndefined();
    const taken = await t.inject({
      method: 'POST',
      url: '/api/users',
      user: admin,
      body: { email: 'pat@example.com', name: 'Pat 2', side: 'it' },
    });
    expect(taken.statusCode).toBe(422);
    expect(taken.json()).toMatchObject({ errors: [{ pointer: '/body/email', code: 'taken' }] });
    const invalid = await t.inject({
      method: 'POST',
      url: '/api/users',
      user: admin,
      body: { email: 'not-an-email', name: '', side: 'marketing' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(
      invalid
        .json<{ errors: { pointer: string }[] }>()
        .errors.map((e) => e.pointer)
        .sort(),
    ).toEqual(['/body/email', '/body/name', '/body/side']);
  });

  it('changing a role ends the sessions of that user; an admin cannot lock themselves out', async () => {
    const u = await t.user();
    const res = await t.inject({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      user: admin,
      body: { role: 'viewer' },
    });
    expect(res.json<User>().role).toBe('viewer');
    expect((await t.inject({ method: 'GET', url: '/api/me', user: u })).statusCode).toBe(401);
    const self = await t.inject({
      method: 'PATCH',
      url: `/api/users/${admin.id}`,
      user: admin,
      body: { disabled: true },
    });
    expect(self.statusCode).toBe(422);
    expect((await t.inject({ method: 'GET', url: '/api/me', user: admin })).statusCode).toBe(200);
  });

  it('refuses to move an owner to the other side or make them a viewer', async () => {
    const biz = await t.user({ side: 'business' });
    const itOwner = await t.user({ side: 'it' });
    await t.given.initiative({ businessOwner: biz, itOwner });
    const side = await t.inject({
      method: 'PATCH',
      url: `/api/users/${biz.id}`,
      user: admin,
      body: { side: 'it' },
    });
    expect(side.json()).toMatchObject({ errors: [{ pointer: '/body/side' }] });
    const role = await t.inject({
      method: 'PATCH',
      url: `/api/users/${biz.id}`,
      user: admin,
      body: { role: 'viewer' },
    });
    expect(role.json()).toMatchObject({ errors: [{ pointer: '/body/role' }] });
  });

  it('re-enabling a user lets them sign in again, and every change is audited', async () => {
    const u = await t.user();
    await t.inject({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      user: admin,
      body: { disabled: true },
    });
    await t.inject({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      user: admin,
      body: { disabled: false },
    });
    const login = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: u.email, password: u.password },
    });
    expect(login.statusCode).toBe(200);
    const audit = await t.inject({
      method: 'GET',
      url: `/api/audit?entityType=user&entityId=${u.id}`,
      user: admin,
    });
    expect(audit.json<{ action: string }[]>().map((e) => e.action)).toEqual([
      'user.enabled',
      'user.disabled',
      'user.created',
    ]);
    expect((await t.inject({ method: 'GET', url: '/api/audit', user: member })).statusCode).toBe(
      403,
    );
  });

  it('lists active people for pickers to every signed-in user', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/people', user: member });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ id: string }[]>().map((p) => p.id)).toContain(admin.id);
  });
});
