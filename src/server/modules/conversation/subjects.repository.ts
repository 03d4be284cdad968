import type { CommentSubject } from '../../../domain/conversation.js';
import { type SqlBool, sql } from 'kysely';
import type { DbOrTrx } from '../../db/connect.js';
import { escapeLike } from '../../db/dialect.js';
import { readersOfInitiative } from '../initiatives/visibility.service.js';

/** The thing a comment or a notification is about: its initiative and a title to show. */
export interface SubjectInfo {
  initiativeId: string;
  title: string;
}

/** Finds a commentable thing by kind and id (undefined: there is none). */
export async function findSubject(
  db: DbOrTrx,
  type: CommentSubject,
  id: string,
): Promise<SubjectInfo | undefined> {
  switch (type) {
    case 'initiative': {
      const r = await db
        .selectFrom('initiatives')
        .select(['id', 'title'])
        .where('id', '=', id)
        .executeTakeFirst();
      return r && { initiativeId: r.id, title: r.title };
    }
    case 'goal': {
      const r = await db
        .selectFrom('goals')
        .select(['initiative_id', 'statement'])
        .where('id', '=', id)
        .executeTakeFirst();
      return r && { initiativeId: r.initiative_id, title: r.statement };
    }
    case 'metric': {
      const r = await db
        .selectFrom('metrics')
        .select(['initiative_id', 'name'])
        .where('id', '=', id)
        .executeTakeFirst();
      return r && { initiativeId: r.initiative_id, title: r.name };
    }
    case 'handoff': {
      const r = await db
        .selectFrom('handoffs')
        .select(['initiative_id', 'title'])
        .where('id', '=', id)
        .executeTakeFirst();
      return r && { initiativeId: r.initiative_id, title: r.title };
    }
    case 'demo': {
      const r = await db
        .selectFrom('demo_occurrences as o')
        .innerJoin('initiatives as i', 'i.id', 'o.initiative_id')
        .select(['o.initiative_id', 'o.starts_at', 'i.title'])
        .where('o.id', '=', id)
        .executeTakeFirst();
      return (
        r && { initiativeId: r.initiative_id, title: `${r.title} · ${r.starts_at.slice(0, 10)}` }
      );
    }
    case 'action_item': {
      const r = await db
        .selectFrom('demo_feedback')
        .select(['initiative_id', 'text'])
        .where('id', '=', id)
        .where('action_status', 'is not', null)
        .executeTakeFirst();
      return r && { initiativeId: r.initiative_id, title: r.text.slice(0, 200) };
    }
  }
}

/** Of these people, those who may read the initiative. */
export async function readersAmong(
  db: DbOrTrx,
  initiativeId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await readersOfInitiative(db, initiativeId)
    .select('u.id')
    .where('u.id', 'in', [...new Set(userIds)])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** People who may read the initiative whose name contains `q` (for @mentions). */
export function readersMatching(db: DbOrTrx, initiativeId: string, q: string, limit: number) {
  let query = readersOfInitiative(db, initiativeId).select([
    'u.id',
    'u.name',
    'u.side',
    'u.department',
  ]);
  const needle = q.trim().toLowerCase();
  if (needle) {
    const pattern = `%${escapeLike(needle)}%`;
    query = query.where(sql<SqlBool>`lower(u.name) like ${pattern} escape '\\'`);
  }
  return query.orderBy('u.name').limit(limit).execute();
}
