/** The admin's health threshold overrides, one row of `settings`. */
import type { DbOrTrx } from '../../db/connect.js';

/** The health thresholds setting's key in `settings`. */
export const THRESHOLDS_KEY = 'health_thresholds';

export async function findThresholdSetting(db: DbOrTrx) {
  return db
    .selectFrom('settings')
    .select(['value', 'updated_at'])
    .where('key', '=', THRESHOLDS_KEY)
    .executeTakeFirst();
}

export async function saveThresholdSetting(
  db: DbOrTrx,
  value: string,
  actorId: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: THRESHOLDS_KEY, value, updated_by: actorId, updated_at: at })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value, updated_by: actorId, updated_at: at }),
    )
    .execute();
}
