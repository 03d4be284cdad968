import type { PersonRef } from '../../../contracts/common.js';
import type { Side } from '../../../domain/sides.js';
import type { ExpressionBuilder } from 'kysely';
import type { DbOrTrx } from '../../db/connect.js';
import type { InitiativesTable } from '../../db/schema.js';
import type { FieldError } from '../../http/problems.js';

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

/**
 * Both owners of a thing (an initiative, a metric) read in the same query: join `users` as
 * `bo` and `io` on the business and IT owner, select these columns, present with ownersOf.
 */
export const OWNER_COLUMNS = [
  'bo.name as bo_name',
  'bo.side as bo_side',
  'bo.department as bo_department',
  'io.name as io_name',
  'io.side as io_side',
  'io.department as io_department',
] as const;

/**
 * "Initiatives this person leads": they are the business or IT owner or a deputy of either.
 * A condition on `initiatives as i`, for the portfolio's and the list's owner filter, the
 * desk and the check before a person changes sides. The one place the four columns are listed.
 */
export const ownedOrDeputisedBy =
  (personId: string) => (eb: ExpressionBuilder<{ i: InitiativesTable }, 'i'>) =>
    eb.or([
      eb('i.business_owner_id', '=', personId),
      eb('i.it_owner_id', '=', personId),
      eb('i.business_deputy_id', '=', personId),
      eb('i.it_deputy_id', '=', personId),
    ]);

export const ownersOf = (r: {
  business_owner_id: string;
  it_owner_id: string;
  bo_name: string;
  bo_side: Side;
  bo_department: string | null;
  io_name: string;
  io_side: Side;
  io_department: string | null;
}): { businessOwner: PersonRef; itOwner: PersonRef } => ({
  businessOwner: {
    id: r.business_owner_id,
    name: r.bo_name,
    side: r.bo_side,
    department: r.bo_department,
  },
  itOwner: { id: r.it_owner_id, name: r.io_name, side: r.io_side, department: r.io_department },
});

const sideName = (side: Side) => (side === 'it' ? 'IT' : 'the business side');

/** What can be wrong with a person named in a request, worded once for every check. */
export const personProblem = {
  unknown: (pointer: string): FieldError => ({
    pointer,
    message: 'is not a known person',
    code: 'unknown_person',
  }),
  disabled: (pointer: string, name: string): FieldError => ({
    pointer,
    message: `${name} is disabled`,
    code: 'disabled',
  }),
  wrongSide: (pointer: string, side: Side, name: string): FieldError => ({
    pointer,
    message: `must be a person from ${sideName(side)}; ${name} is not`,
    code: 'wrong_side',
  }),
  notMember: (pointer: string, name: string): FieldError => ({
    pointer,
    message: `${name} is not a member of this initiative`,
    code: 'not_member',
  }),
};
