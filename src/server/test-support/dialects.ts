import pg from 'pg';
import type { Dialect } from '../db/dialect.js';

/**
 * Which databases the API tests run on. TEST_DIALECTS=sqlite,postgres picks
 * explicitly; otherwise PostgreSQL joins when it answers. In CI (CI=true) PostgreSQL
 * is required: a missing server fails the run instead of skipping silently.
 */
export const testPgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: testPgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function resolveDialects(): Promise<Dialect[]> {
  const requested = process.env.TEST_DIALECTS?.split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  const required = process.env.CI === 'true' || requested?.includes('postgres');
  if (requested && !requested.includes('postgres')) return ['sqlite'];
  const problem = await postgresReachable();
  if (!problem) return ['sqlite', 'postgres'];
  if (required)
    throw new Error(
      `PostgreSQL is required (CI or TEST_DIALECTS) but ${testPgUrl} is not reachable: ${problem}`,
    );
  console.warn(
    `[tests] PostgreSQL tests skipped: ${testPgUrl} is not reachable (${problem}). Set TEST_DATABASE_URL to run them.`,
  );
  return ['sqlite'];
}

let cached: Promise<Dialect[]> | undefined;
export const testDialects = (): Promise<Dialect[]> => (cached ??= resolveDialects());
