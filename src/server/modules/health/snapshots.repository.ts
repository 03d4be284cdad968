/** The daily health snapshots (`health_snapshots`): the 90-day trend's rows. */
import type { DbOrTrx } from '../../db/connect.js';
import type { HealthSnapshotsTable } from '../../db/schema.js';

/** One initiative's health on one day, as stored. */
export type SnapshotRow = HealthSnapshotsTable;

/** Upserts a batch of one day's snapshots (a second run the same day replaces them). */
export async function saveSnapshots(db: DbOrTrx, rows: SnapshotRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('health_snapshots')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['initiative_id', 'day']).doUpdateSet((eb) => ({
        ampel: eb.ref('excluded.ampel'),
        score: eb.ref('excluded.score'),
        areas: eb.ref('excluded.areas'),
        reasons: eb.ref('excluded.reasons'),
        computed_at: eb.ref('excluded.computed_at'),
      })),
    )
    .execute();
}

/** One initiative's snapshots from `fromDay` on, oldest first. */
export async function findSnapshots(db: DbOrTrx, initiativeId: string, fromDay: string) {
  return db
    .selectFrom('health_snapshots')
    .select(['day', 'ampel', 'score', 'areas', 'reasons'])
    .where('initiative_id', '=', initiativeId)
    .where('day', '>=', fromDay)
    .orderBy('day')
    .execute();
}
