import pg from 'pg';

/** The PostgreSQL server the end-to-end tests create their own databases on. */
export const pgAdminUrl =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: pgAdminUrl, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is required in CI (${pgAdminUrl})`);
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** SQLite always; PostgreSQL too when it answers (CI requires it). */
export const e2eDialects = async () =>
  ['sqlite', ...((await postgresReachable()) ? (['postgres'] as const) : [])] as const;

async function adminQuery(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: pgAdminUrl });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

export const dropDatabase = (name: string) =>
  adminQuery(`drop database if exists ${name} with (force)`);

/** A new, empty database `name` (one left over from a killed run is dropped first); its URL. */
export async function freshDatabase(name: string): Promise<string> {
  await dropDatabase(name);
  await adminQuery(`create database ${name}`);
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
