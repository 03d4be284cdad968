import type { PersonRef } from '../../../contracts/common.js';
import type { DbOrTrx } from '../../db/connect.js';

/**
 * Who is who, for other modules: people by id with what checks and presenters need.
 * The one way modules read people they did not create.
 */
export async function findPeople(db: DbOrTrx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'name', 'side', 'role', 'department', 'disabled_at'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export type PersonRow = Awaited<ReturnType<typeof findPeople>>[number];

export const personRef = (
  p: Pick<PersonRow, 'id' | 'name' | 'side' | 'department'>,
): PersonRef => ({
  id: p.id,
  name: p.name,
  side: p.side,
  department: p.department,
});

/** People as references by id; unset ids are skipped, unknown ones are simply absent. */
export async function personRefs(
  db: DbOrTrx,
  ids: readonly (string | null | undefined)[],
): Promise<Map<string, PersonRef>> {
  const wanted = ids.filter((x): x is string => typeof x === 'string' && x !== '');
  return new Map((await findPeople(db, wanted)).map((p) => [p.id, personRef(p)]));
}
