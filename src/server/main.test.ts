import { describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { prepareDatabase } from './main.js';
import { testDialects } from './test-support/dialects.js';
import { createTestDb } from './test-support/test-app.js';

const dialects = await testDialects();

describe.each(dialects)('start-up (%s)', (dialect) => {
  it('two instances starting at once migrate, create the admin and seed the demo exactly once', async () => {
    const t = await createTestDb(dialect);
    const config = {
      ...t.config,
      demo: true,
      admin: { email: 'ops@example.com', password: 'a-long-admin-password' },
    };
    const second =
      dialect === 'postgres' ? (await import('./db/connect.js')).connect(config.database) : t.db;
    try {
      const a = await buildApp({ config, db: t.db });
      const b = await buildApp({ config, db: second });
      const logs: string[] = [];
      await Promise.all([
        prepareDatabase(a.ctx, (m) => logs.push(m)),
        prepareDatabase(b.ctx, (m) => logs.push(m)),
      ]);
      const count = async (table: 'initiatives' | 'stages' | 'users') =>
        Number(
          (
            await t.db.kysely
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await count('initiatives')).toBe(5);
      expect(await count('stages')).toBe(6);
      expect(await count('users')).toBe(11); // 10 demo people + the configured admin
      expect(logs.filter((l) => l.startsWith('Seeded the demo workspace'))).toHaveLength(1);
      expect(logs.filter((l) => l.startsWith('Created admin'))).toHaveLength(1);
      await a.close();
      await b.close();
    } finally {
      if (second !== t.db) await second.close();
      await t.drop();
    }
  });
});
