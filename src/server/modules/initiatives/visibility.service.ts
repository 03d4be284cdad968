import type { Actor } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { notFound } from '../../http/problems.js';
import { checkAccess } from '../../http/security.js';
import { findMemberRole, selectInitiativeRows } from './initiatives.repository.js';

/**
 * Which initiatives a person may read: all for admins; otherwise those visible to the whole
 * company and those whose team they are on (domain/access.ts `canRead`, as SQL). The one
 * place this is written: every query that lists or loads an initiative or anything it owns
 * (goals, metrics, handoffs, demos, activity, …) goes through these two functions, and
 * read-routes.test.ts checks that every read route does.
 */
export function readableInitiativeIds(db: DbOrTrx, actor: Pick<Actor, 'id' | 'role'>) {
  const q = db.selectFrom('initiatives as readable').select('readable.id');
  if (actor.role === 'admin') return q;
  return q.where((eb) =>
    eb.or([
      eb('readable.visibility', '=', 'company'),
      eb.exists(
        eb
          .selectFrom('initiative_members as team')
          .select('team.user_id')
          .whereRef('team.initiative_id', '=', 'readable.id')
          .where('team.user_id', '=', actor.id),
      ),
    ]),
  );
}

/**
 * The same rule the other way round: the active people who may read one initiative (admins,
 * everyone for company-wide ones, its team otherwise), as a query on `users as u` to select
 * from. For mentions and notifications; checked against domain/access.ts by the same test.
 */
export function readersOfInitiative(db: DbOrTrx, initiativeId: string) {
  return db
    .selectFrom('users as u')
    .where('u.disabled_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('u.role', '=', 'admin'),
        eb.exists(
          eb
            .selectFrom('initiatives as readable')
            .select('readable.id')
            .where('readable.id', '=', initiativeId)
            .where('readable.visibility', '=', 'company'),
        ),
        eb.exists(
          eb
            .selectFrom('initiative_members as team')
            .select('team.user_id')
            .where('team.initiative_id', '=', initiativeId)
            .whereRef('team.user_id', '=', 'u.id'),
        ),
      ]),
    );
}

/**
 * Loads an initiative the actor may read, with their role in it; 404 otherwise, so that
 * members-only initiatives stay invisible. `what` names the thing asked for in the 404
 * (a goal of a hidden initiative is "Goal not found", not "Initiative not found").
 */
export async function loadReadable(
  db: DbOrTrx,
  actor: Pick<Actor, 'id' | 'role'>,
  initiativeId: string,
  what = 'Initiative',
) {
  // The permission check of nearly every route: it fails closed (security.ts checkAccess).
  return checkAccess('loadReadable', async () => {
    const row = await selectInitiativeRows(db)
      .where('i.id', '=', initiativeId)
      .where('i.id', 'in', readableInitiativeIds(db, actor))
      .executeTakeFirst();
    if (!row) throw notFound(what);
    const memberRole = await findMemberRole(db, initiativeId, actor.id);
    return { row, facts: { visibility: row.visibility, memberRole } };
  });
}

export type ReadableInitiative = Awaited<ReturnType<typeof loadReadable>>;
export type ReadableIds = ReturnType<typeof readableInitiativeIds>;
