import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../test-support/dialects.js';
import { createTestDb } from '../test-support/test-app.js';
import type { Db } from './connect.js';
import { initiativeHealthLockStatement, pgStringLiteral } from './dialect.js';

const dialects = await testDialects();

/**
 * The health lock statement carries the ids as literals (it shares a round trip with a
 * prepared read): they must lock the same keys as the ids passed as parameters, whether
 * `standard_conforming_strings` is on or off (a backslash means something else then).
 */
describe.skipIf(!dialects.includes('postgres'))('the health lock statement (postgres)', () => {
  let t: { db: Db; drop: () => Promise<void> };
  beforeAll(async () => {
    t = await createTestDb('postgres');
  });
  afterAll(async () => t?.drop());

  const ids = ['plain', `it's`, 'back\\slash', `\\' ; select 1 --`, `x\\''`];

  it.each(['on', 'off'])(
    'standard_conforming_strings %s: the ids lock their own keys',
    async (mode) => {
      const { keys, expected } = await t.db.kysely.transaction().execute(async (trx) => {
        await sql`select set_config('standard_conforming_strings', ${mode}, true)`.execute(trx);
        await initiativeHealthLockStatement(ids).execute(trx);
        const held = await sql<{
          k: string;
        }>`select objid::text as k from pg_locks where locktype = 'advisory' and pid = pg_backend_pid() and classid = 727274103 order by 1`.execute(
          trx,
        );
        const wanted = await sql<{
          k: string;
        }>`select distinct ((hashtext(x)::bigint + 4294967296) % 4294967296)::text as k from unnest(${ids}::text[]) as x order by 1`.execute(
          trx,
        );
        return { keys: held.rows.map((r) => r.k), expected: wanted.rows.map((r) => r.k) };
      });
      expect(expected).toHaveLength(ids.length);
      expect(keys).toEqual(expected);
    },
  );

  it('refuses a NUL character', () => {
    expect(() => pgStringLiteral('a\0b')).toThrow(/NUL/);
  });
});
