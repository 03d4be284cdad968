import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { onEachConnection } from './db/connect.js';
import { startServer } from './main.js';
import { recomputeStoredHealth } from './modules/health/stored-health.service.js';
import { testDialects } from './test-support/dialects.js';
import { createTestDb } from './test-support/test-app.js';

const dialects = await testDialects();

/**
 * PostgreSQL: the server's start warms each pooled connection: the facts statement of one
 * initiative's health (the recompute after a change, a read of the initiative just written)
 * is prepared and planned there before any change or read runs it, so none of them pays the
 * planning (30 ms and more per connection).
 */
describe.skipIf(!dialects.includes('postgres'))('warm-up of the pool at the start', () => {
  it('prepares the facts statement, with its generic plan, on every pooled connection', async () => {
    const t = await createTestDb('postgres');
    // No web build (its server-side first screen is loaded at the start, which is slow).
    const running = await startServer(
      { ...t.config, port: 0, host: '127.0.0.1' },
      { webDir: t.config.dataDir },
    );
    try {
      await running.warmed;
      const pids = new Set<number>();
      const seen: { pid: number; before: unknown[]; after: unknown[] }[] = [];
      const prepared = async (conn: typeof running.db.kysely) =>
        (
          await sql<{
            name: string;
            generic: number;
          }>`select name, generic_plans::int as generic from pg_prepared_statements where name like 'tandem_x_%'`.execute(
            conn,
          )
        ).rows;
      const errors = await onEachConnection(
        running.db,
        async (conn) => {
          const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn))
            .rows[0]?.pid as number;
          pids.add(pid);
          const before = await prepared(conn);
          // The recompute after a change (an initiative that does not exist: nothing stored)
          // uses the statement warmed, and prepares none of its own.
          await conn
            .transaction()
            .execute((trx) =>
              recomputeStoredHealth(trx, ['00000000-0000-0000-0000-00000000beef'], new Date()),
            );
          seen.push({ pid, before, after: await prepared(conn) });
        },
        20_000,
      );
      expect(errors).toEqual([]);
      // All of the pool's connections (10), each a backend of its own.
      expect(running.db.poolSize).toBe(10);
      expect(pids.size).toBe(10);
      for (const s of seen) {
        expect(s.before).toEqual([{ name: expect.stringMatching(/^tandem_x_/), generic: 1 }]);
        expect(s.after).toEqual([{ name: (s.before[0] as { name: string }).name, generic: 2 }]);
      }
    } finally {
      await running.close();
      await t.drop();
    }
  });
});
