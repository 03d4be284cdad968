/** Queries of the demos module: the cadence, the team, feedback rows. */
import type { DbOrTrx } from '../../db/connect.js';
import { newSortableId } from '../../db/ids.js';
import type { DemoFeedbackTable } from '../../db/schema.js';
import type { FieldError } from '../../http/problems.js';
import { personProblem, personRefs } from '../people/people.service.js';
import type { People } from './demos.presenter.js';
import type { Side } from '../../../domain/sides.js';

export const findCadence = (db: DbOrTrx, initiativeId: string) =>
  db
    .selectFrom('demo_cadences')
    .selectAll()
    .where('initiative_id', '=', initiativeId)
    .executeTakeFirst();

/** Ids of the initiative's members with a writing role (observers only watch). */
export async function teamOf(db: DbOrTrx, initiativeId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('initiative_members')
    .select('user_id')
    .where('initiative_id', '=', initiativeId)
    .where('role', '!=', 'observer')
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

export async function assertMembers(
  db: DbOrTrx,
  initiativeId: string,
  fields: [pointer: string, id: string | null | undefined][],
  errors: FieldError[],
): Promise<People> {
  const ids = fields.map(([, id]) => id).filter((x): x is string => !!x);
  const people = await personRefs(db, ids);
  const members = new Set(
    (
      await db
        .selectFrom('initiative_members')
        .select('user_id')
        .where('initiative_id', '=', initiativeId)
        .execute()
    ).map((r) => r.user_id),
  );
  for (const [pointer, id] of fields) {
    if (!id) continue;
    const person = people.get(id);
    if (!person) errors.push(personProblem.unknown(pointer));
    else if (!members.has(id)) errors.push(personProblem.notMember(pointer, person.name));
  }
  return people;
}

export async function insertFeedback(
  trx: DbOrTrx,
  initiativeId: string,
  occurrenceId: string,
  f: {
    kind: DemoFeedbackTable['kind'];
    text: string;
    authorId: string;
    side: Side;
    at: string;
  },
): Promise<string> {
  // Sortable: items given in one go keep their order.
  const id = newSortableId(Date.parse(f.at));
  await trx
    .insertInto('demo_feedback')
    .values({
      id,
      occurrence_id: occurrenceId,
      initiative_id: initiativeId,
      kind: f.kind,
      text: f.text,
      author_id: f.authorId,
      author_side: f.side,
      created_at: f.at,
      action_owner_id: null,
      action_due_date: null,
      action_status: null,
      action_created_at: null,
      action_done_at: null,
    })
    .execute();
  return id;
}
