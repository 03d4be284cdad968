import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import pg from 'pg';
import { type App, buildApp } from '../app.js';
import { type Config, parseConfig } from '../config.js';
import { connect, type Db } from '../db/connect.js';
import type { Dialect } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import type { AuditEvent } from '../../contracts/audit.js';
import { migrateToLatest } from '../db/migrate.js';
import { createUser } from '../modules/people/users.service.js';
import { ensureDefaultStages } from '../modules/stages/stages.service.js';
import { testPgUrl } from './dialects.js';
import { givenFor } from './given.js';
import type { OrgRole } from '../../domain/people.js';
import type { Side } from '../../domain/sides.js';

export const ORIGIN = 'http://localhost:80';

/** A fresh, migrated database: a temp SQLite file, or a new PostgreSQL database. */
export async function createTestDb(
  dialect: Dialect,
  options: { migrate?: boolean } = {},
): Promise<{ db: Db; config: Config; drop: () => Promise<void> }> {
  const migrate = options.migrate ?? true;
  const place = dialect === 'sqlite' ? sqliteFile() : await postgresDatabase();
  const config = parseConfig({ ...place.env, TANDEM_DEMO: 'false', LOG_LEVEL: 'silent' });
  const db = connect(config.database, dialect === 'sqlite' ? {} : { poolSize: 4 });
  if (migrate) await migrateToLatest(db.kysely);
  return {
    db,
    config,
    drop: async () => {
      await db.close();
      await place.remove();
    },
  };
}

function sqliteFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-test-'));
  return {
    env: { TANDEM_DATA_DIR: dir },
    remove: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** One database per test file: isolated, and Kysely's introspection sees only it. */
async function postgresDatabase() {
  const name = `tandem_t_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: testPgUrl });
    await c.connect();
    await c.query(statement);
    await c.end();
  };
  await admin(`create database ${name}`);
  const url = new URL(testPgUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    remove: () => admin(`drop database if exists ${name} with (force)`),
  };
}

/** How many rows a table has (to prove that a refused request wrote nothing). */
export async function countRows(db: Db, table: keyof Database): Promise<number> {
  const row = await db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  cookie: string;
}

/** The app on a fresh database with default stages and a settable clock. */
export async function createTestApp(
  dialect: Dialect,
  env: Record<string, string> = {},
  options: {
    webDir?: string | undefined;
    /** Kysely plugins for the app's queries (e.g. to inject faults). */
    plugins?: KyselyPlugin[];
    /** pino options (e.g. `{ level: 'error', stream }` to read what is logged); none by default. */
    logger?: object;
  } = {},
) {
  const { db: plain, config: base, drop } = await createTestDb(dialect);
  const db: Db = options.plugins?.length
    ? { ...plain, kysely: options.plugins.reduce((k, p) => k.withPlugin(p), plain.kysely) }
    : plain;
  const config = { ...base, ...(Object.keys(env).length ? parseConfigOverrides(env) : {}) };
  let clock = new Date('2026-11-27T09:00:00.000Z');
  const app: App = await buildApp({
    config,
    db,
    now: () => clock,
    webDir: options.webDir,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  await ensureDefaultStages(app.ctx);
  let counter = 0;

  const inject = (opts: {
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    url: string;
    user?: TestUser | undefined;
    body?: unknown;
    headers?: Record<string, string>;
  }): Promise<LightMyRequestResponse> =>
    app.inject({
      method: opts.method,
      url: opts.url,
      headers: {
        // The browser's origin: the public address when PUBLIC_URL is set.
        origin: config.publicUrl?.origin ?? ORIGIN,
        host: 'localhost:80',
        ...(opts.user ? { cookie: opts.user.cookie } : {}),
        ...opts.headers,
      },
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
    });

  /** Creates a user directly and signs them in through the API. */
  const user = async (
    props: {
      side?: Side;
      role?: OrgRole;
      name?: string;
      department?: string;
    } = {},
  ): Promise<TestUser> => {
    counter += 1;
    const email = `user${counter}-${randomBytes(3).toString('hex')}@example.com`;
    const password = `password-${randomBytes(6).toString('hex')}`;
    const { user: created } = await createUser(app.ctx, null, {
      email,
      name: props.name ?? `Person ${counter}`,
      language: 'en',
      department: props.department ?? null,
      side: props.side ?? 'business',
      role: props.role ?? 'member',
      password,
    });
    const res = await inject({ method: 'POST', url: '/api/auth/login', body: { email, password } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    return { id: created.id, email, password, cookie };
  };

  return {
    app,
    db,
    inject,
    user,
    /** Typed builders for the set-up: given.initiative({…}), given.agreedMetric(…), … */
    given: givenFor(inject),
    count: (table: keyof Database) => countRows(db, table),
    /** An initiative's activity feed as `user` reads it, newest first. */
    activity: async (initiative: { id: string }, user: TestUser, limit = 50) =>
      (
        await inject({
          method: 'GET',
          url: `/api/initiatives/${initiative.id}/activity?limit=${limit}`,
          user,
        })
      ).json<AuditEvent[]>(),
    setClock: (d: Date) => {
      clock = d;
    },
    now: () => clock,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

function parseConfigOverrides(env: Record<string, string>): Partial<Config> {
  const parsed = parseConfig({ TANDEM_DEMO: 'false', ...env });
  return {
    publicUrl: parsed.publicUrl,
    trustProxy: parsed.trustProxy,
    secureCookies: parsed.secureCookies,
    sessionIdleMs: parsed.sessionIdleMs,
    sessionAbsoluteMs: parsed.sessionAbsoluteMs,
    smtp: parsed.smtp,
    oidc: parsed.oidc,
    localLogin: parsed.localLogin,
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
