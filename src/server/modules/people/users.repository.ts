import type { DbOrTrx } from '../../db/connect.js';
import { notFound } from '../../http/problems.js';

/** One user row, or 404. */
export async function findUserRow(db: DbOrTrx, id: string) {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('User');
  return row;
}
