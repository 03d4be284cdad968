/** The workspace's settings: one row of `settings` per key, its value JSON text. */
import type { DbOrTrx } from './connect.js';

/** One setting's row, or undefined when it was never set (the caller's default applies). */
export const findSetting = (db: DbOrTrx, key: string) =>
  db
    .selectFrom('settings')
    .select(['value', 'updated_at'])
    .where('key', '=', key)
    .executeTakeFirst();

/** Sets one setting (`value` is JSON text): inserts its row or replaces it, never two rows. */
export async function saveSetting(
  db: DbOrTrx,
  key: string,
  value: string,
  actorId: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value, updated_by: actorId, updated_at: at })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value, updated_by: actorId, updated_at: at }),
    )
    .execute();
}
