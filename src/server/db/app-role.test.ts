import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { parseConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { prepareDatabase } from '../main.js';
import { verifyAuditChain } from '../modules/audit/verify.js';
import { createUser } from '../modules/people/users.service.js';
import { projectRoot } from '../paths.js';
import { testDialects, testPgUrl } from '../test-support/dialects.js';
import { connect, type Db } from './connect.js';
import { migrateDatabase } from './migrate.js';

const dialects = await testDialects();

/**
 * Running the app as a PostgreSQL role that does not own the tables, set up exactly as
 * docs/postgres-app-role.sql says: the app works, and its role cannot touch the audit trail.
 */
describe.skipIf(!dialects.includes('postgres'))('PostgreSQL: the app as a non-owner role', () => {
  const suffix = randomBytes(4).toString('hex');
  const owner = `tandem_own_${suffix}`;
  const appRole = `tandem_app_${suffix}`;
  const database = `tandem_roles_${suffix}`;
  const urlFor = (role: string) => {
    const url = new URL(testPgUrl);
    url.username = role;
    url.password = '';
    url.pathname = `/${database}`;
    return url.toString();
  };
  const admin = async (statements: string[], url = testPgUrl) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      for (const s of statements) await c.query(s);
    } finally {
      await c.end();
    }
  };
  let appDb: Db | undefined;

  beforeAll(async () => {
    await admin([
      `create role ${owner} login`,
      `create role ${appRole} login`,
      `create database ${database} owner ${owner}`,
    ]);
    // 2. The owner creates the tables.
    const ownerOnly = connect(
      { dialect: 'postgres', url: urlFor(owner) },
      { poolSize: 1, listen: false },
    );
    await migrateDatabase(ownerOnly, { dialect: 'postgres', url: urlFor(owner) });
    await ownerOnly.close();
    // 3. The documented grants, run as the owner.
    const script = fs
      .readFileSync(path.join(projectRoot, 'docs', 'postgres-app-role.sql'), 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('--'))
      .join('\n')
      .replaceAll(':"app"', `"${appRole}"`)
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
    expect(script.length).toBeGreaterThan(4);
    await admin(script, urlFor(owner));
  });
  afterAll(async () => {
    await appDb?.close();
    await admin([
      `drop database if exists ${database} with (force)`,
      `drop role if exists ${appRole}`,
      `drop role if exists ${owner}`,
    ]);
  });

  it('starts, migrates as the owner, and works as the app role', async () => {
    const config = parseConfig({
      DATABASE_URL: urlFor(appRole),
      DATABASE_MIGRATION_URL: urlFor(owner),
      TANDEM_DEMO: 'false',
      LOG_LEVEL: 'silent',
    });
    appDb = connect(config.database, { poolSize: 2 });
    const app = await buildApp({ config, db: appDb });
    try {
      const ctx: AppContext = app.ctx;
      await prepareDatabase(ctx, () => undefined);
      const biz = await createUser(ctx, null, {
        email: 'bea@example.com',
        name: 'Bea',
        language: 'en',
        side: 'business',
        role: 'member',
        password: 'a-long-enough-password',
      });
      const it = await createUser(ctx, null, {
        email: 'ian@example.com',
        name: 'Ian',
        language: 'en',
        side: 'it',
        role: 'member',
        password: 'a-long-enough-password',
      });
      const origin = 'http://localhost:80';
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin, host: 'localhost:80' },
        payload: { email: 'bea@example.com', password: 'a-long-enough-password' },
      });
      expect(login.statusCode, login.body).toBe(200);
      const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const created = await app.inject({
        method: 'POST',
        url: '/api/initiatives',
        headers: { origin, host: 'localhost:80', cookie },
        payload: {
          title: 'Lead generator',
          problem: 'P',
          expectedBenefit: 'B',
          department: 'Sales',
          businessOwnerId: biz.user.id,
          itOwnerId: it.user.id,
          riskClass: 'minimal',
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({
        status: 'ok',
      });
      const events = await appDb.kysely
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(events.n)).toBeGreaterThan(3);
      expect(await verifyAuditChain(appDb.kysely)).toMatchObject({
        ok: true,
        checked: Number(events.n),
      });
    } finally {
      await app.close();
    }
  });

  it('the app role cannot switch off, change, delete or forge the audit trail', async () => {
    const c = new pg.Client({ connectionString: urlFor(appRole) });
    await c.connect();
    try {
      for (const statement of [
        'alter table audit_events disable trigger user',
        'drop trigger audit_events_chain on audit_events',
        "update audit_events set action = 'forged'",
        'delete from audit_events',
        'truncate audit_events',
        "update audit_chain_head set hash = 'x'",
        "insert into audit_chain (seq, event_id, digest, prev_hash, hash) values (99, 'x', 'x', 'x', 'x')",
        'delete from audit_chain',
        'create table forged (id int)',
      ])
        await expect(c.query(statement), statement).rejects.toThrow(
          /must be owner|permission denied/,
        );
    } finally {
      await c.end();
    }
  });
});
