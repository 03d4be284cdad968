import type { DbOrTrx } from '../../db/connect.js';
import type { FieldError } from '../../http/problems.js';
import { findPeople, personProblem } from '../people/people.service.js';
import type { Side } from '../../../domain/sides.js';

export interface SideMemberField {
  /** The request field, e.g. `businessOwnerId`. */
  field: string;
  id: string | null;
  side: Side;
}

/**
 * People named for one side of an initiative (metric owners, goal responsibles, …) must
 * exist, belong to that side and be members of the initiative. Returns one problem per
 * offending field; empty when all is well. Unset (null) fields are not checked.
 */
export async function sideMemberProblems(
  db: DbOrTrx,
  initiativeId: string,
  fields: SideMemberField[],
): Promise<FieldError[]> {
  const ids = fields.map((f) => f.id).filter((x): x is string => x !== null);
  if (ids.length === 0) return [];
  const people = new Map((await findPeople(db, ids)).map((p) => [p.id, p]));
  const members = new Set(
    (
      await db
        .selectFrom('initiative_members')
        .select('user_id')
        .where('initiative_id', '=', initiativeId)
        .where('user_id', 'in', ids)
        .execute()
    ).map((m) => m.user_id),
  );
  const errors: FieldError[] = [];
  for (const { field, id, side } of fields) {
    if (!id) continue;
    const p = people.get(id);
    const pointer = `/body/${field}`;
    if (!p) errors.push(personProblem.unknown(pointer));
    else if (p.side !== side) errors.push(personProblem.wrongSide(pointer, side, p.name));
    else if (!members.has(id)) errors.push(personProblem.notMember(pointer, p.name));
  }
  return errors;
}
