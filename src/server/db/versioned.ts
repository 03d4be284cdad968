import { type Expression, type SqlBool, sql, type UpdateResult } from 'kysely';
import { versionConflict } from '../http/problems.js';

/** An UPDATE of one table whose rows carry `id` and `version`, before its WHERE. */
interface VersionedUpdate {
  where(condition: Expression<SqlBool>): { executeTakeFirst(): Promise<UpdateResult> };
}

/**
 * Optimistic concurrency in one place: runs `update` (which raises the version) on the row
 * only if it is still at the version the writer read; otherwise 409 `version_conflict`,
 * saying which `what` someone else changed meanwhile.
 */
export async function updateVersioned(
  update: VersionedUpdate,
  row: { id: string; version: number },
  what: string,
): Promise<void> {
  const result = await update
    .where(sql<SqlBool>`id = ${row.id} and version = ${row.version}`)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw versionConflict(what);
}
