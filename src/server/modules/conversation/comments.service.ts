/**
 * Comments on the things of an initiative. Whoever may read the thing may comment (viewers
 * only read); @mentions name people who may read it too. Edits keep the earlier text;
 * deleting (author or admin) hides the text and keeps the place. The notifications of the
 * people mentioned come from the audit events (`comment.created`, `comment.edited`) through
 * the outbox: see notifications.subscriber.ts.
 */
import type { Comment, CommentSubject } from '../../../contracts/conversation.js';
import type { PersonRef } from '../../../contracts/common.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newId } from '../../db/ids.js';
import type { CommentsTable } from '../../db/schema.js';
import {
  conflict,
  forbidden,
  invalidFields,
  notFound,
  versionConflict,
} from '../../http/problems.js';
import { entity, record } from '../audit/audit.service.js';
import { loadReadable } from '../initiatives/visibility.service.js';
import { findPeople, personRefs } from '../people/people.service.js';
import { findSubject, readersAmong, readersMatching } from './subjects.repository.js';

const WHAT: Record<CommentSubject, string> = {
  initiative: 'Initiative',
  goal: 'Goal',
  metric: 'Metric',
  handoff: 'Handoff',
  demo: 'Demo',
  action_item: 'Action item',
};

/** The subject if the actor may read it; 404 otherwise (hidden things stay hidden). */
async function readableSubject(db: DbOrTrx, actor: Actor, type: CommentSubject, id: string) {
  const subject = await findSubject(db, type, id);
  if (!subject) throw notFound(WHAT[type]);
  await loadReadable(db, actor, subject.initiativeId, WHAT[type]);
  return subject;
}

/** 422 naming each mentioned person who may not read the item (or does not exist). */
async function checkMentions(db: DbOrTrx, initiativeId: string, mentions: readonly string[]) {
  const unique = [...new Set(mentions)];
  const allowed = await readersAmong(db, initiativeId, unique);
  const refused = unique.filter((id) => !allowed.has(id));
  if (refused.length === 0) return unique;
  const names = new Map((await findPeople(db, refused)).map((p) => [p.id, p.name]));
  throw invalidFields(
    refused.map((id) => {
      const name = names.get(id);
      return {
        pointer: `/body/mentions/${mentions.indexOf(id)}`,
        message: name
          ? `${name} may not read this and cannot be mentioned`
          : 'There is no such person',
        code: name ? ('cannot_read' as const) : ('unknown_person' as const),
      };
    }),
  );
}

const parseIds = (json: string): string[] => JSON.parse(json) as string[];

async function present(db: DbOrTrx, actor: Actor, rows: CommentsTable[]): Promise<Comment[]> {
  const revisions = rows.length
    ? await db
        .selectFrom('comment_revisions')
        .selectAll()
        .where(
          'comment_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('replaced_at')
        .orderBy('id')
        .execute()
    : [];
  const people = await personRefs(db, [
    ...rows.flatMap((r) => [r.author_id, ...parseIds(r.mentions)]),
    ...revisions.map((r) => r.replaced_by),
  ]);
  const ref = (id: string | null): PersonRef | null => (id ? (people.get(id) ?? null) : null);
  return rows.map((r) => {
    const deleted = r.deleted_at !== null;
    return {
      id: r.id,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      author: ref(r.author_id),
      body: deleted ? '' : r.body,
      mentions: deleted
        ? []
        : parseIds(r.mentions)
            .map((id) => people.get(id))
            .filter((p): p is PersonRef => p !== undefined),
      version: r.version,
      createdAt: r.created_at,
      editedAt: r.edited_at,
      deletedAt: r.deleted_at,
      revisions: deleted
        ? []
        : revisions
            .filter((v) => v.comment_id === r.id)
            .map((v) => ({
              body: v.body,
              writtenAt: v.written_at,
              replacedBy: ref(v.replaced_by),
              replacedAt: v.replaced_at,
            })),
      canEdit: !deleted && actor.role !== 'viewer' && r.author_id === actor.id,
      canDelete:
        !deleted && actor.role !== 'viewer' && (r.author_id === actor.id || actor.role === 'admin'),
    };
  });
}

export async function listComments(
  ctx: AppContext,
  actor: Actor,
  type: CommentSubject,
  id: string,
): Promise<Comment[]> {
  const db = ctx.db.kysely;
  await readableSubject(db, actor, type, id);
  const rows = await db
    .selectFrom('comments')
    .selectAll()
    .where('subject_type', '=', type)
    .where('subject_id', '=', id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return present(db, actor, rows);
}

async function loadOne(db: DbOrTrx, actor: Actor, commentId: string): Promise<CommentsTable> {
  const row = await db
    .selectFrom('comments')
    .selectAll()
    .where('id', '=', commentId)
    .executeTakeFirst();
  if (!row) throw notFound('Comment');
  await readableSubject(db, actor, row.subject_type, row.subject_id).catch(() => {
    throw notFound('Comment');
  });
  return row;
}

const presentOne = async (db: DbOrTrx, actor: Actor, id: string): Promise<Comment> => {
  const row = await db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Comment');
  const [comment] = await present(db, actor, [row]);
  return comment as Comment;
};

export async function addComment(
  ctx: AppContext,
  actor: Actor,
  type: CommentSubject,
  id: string,
  body: { body: string; mentions: string[] },
): Promise<Comment> {
  const now = ctx.now();
  const commentId = newId();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const subject = await readableSubject(trx, actor, type, id);
    const mentions = await checkMentions(trx, subject.initiativeId, body.mentions);
    await trx
      .insertInto('comments')
      .values({
        id: commentId,
        initiative_id: subject.initiativeId,
        subject_type: type,
        subject_id: id,
        author_id: actor.id,
        body: body.body,
        mentions: JSON.stringify(mentions),
        version: 1,
        created_at: now.toISOString(),
        edited_at: null,
        deleted_at: null,
        deleted_by: null,
      })
      .execute();
    await record(
      trx,
      actor.id,
      now,
      entity('comment', commentId, subject.initiativeId),
      'comment.created',
      { after: { subjectType: type, subjectId: id, title: subject.title, mentions } },
    );
  });
  return presentOne(ctx.db.kysely, actor, commentId);
}

export async function editComment(
  ctx: AppContext,
  actor: Actor,
  commentId: string,
  body: { version: number; body: string; mentions: string[] },
): Promise<Comment> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await loadOne(trx, actor, commentId);
    if (row.deleted_at) throw conflict('This comment was deleted', 'comment_deleted');
    if (row.author_id !== actor.id) throw forbidden('Only the author may change a comment');
    if (row.version !== body.version) throw versionConflict('comment');
    const mentions = await checkMentions(trx, row.initiative_id, body.mentions);
    if (row.body === body.body && row.mentions === JSON.stringify(mentions)) return;
    const updated = await trx
      .updateTable('comments')
      .set({
        body: body.body,
        mentions: JSON.stringify(mentions),
        version: row.version + 1,
        edited_at: now.toISOString(),
      })
      .where('id', '=', commentId)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw versionConflict('comment');
    await trx
      .insertInto('comment_revisions')
      .values({
        id: newId(),
        comment_id: commentId,
        body: row.body,
        written_at: row.edited_at ?? row.created_at,
        replaced_by: actor.id,
        replaced_at: now.toISOString(),
      })
      .execute();
    const subject = await findSubject(trx, row.subject_type, row.subject_id);
    await record(
      trx,
      actor.id,
      now,
      entity('comment', commentId, row.initiative_id),
      'comment.edited',
      {
        before: { mentions: parseIds(row.mentions) },
        after: {
          subjectType: row.subject_type,
          subjectId: row.subject_id,
          title: subject?.title ?? '',
          mentions,
        },
      },
    );
  });
  return presentOne(ctx.db.kysely, actor, commentId);
}

export async function deleteComment(
  ctx: AppContext,
  actor: Actor,
  commentId: string,
): Promise<Comment> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await loadOne(trx, actor, commentId);
    if (row.deleted_at) return;
    const subject = await findSubject(trx, row.subject_type, row.subject_id);
    if (row.author_id !== actor.id && actor.role !== 'admin')
      throw forbidden('Only the author or an administrator may delete a comment');
    await trx
      .updateTable('comments')
      .set({ deleted_at: now.toISOString(), deleted_by: actor.id, version: row.version + 1 })
      .where('id', '=', commentId)
      .where('deleted_at', 'is', null)
      .execute();
    await record(
      trx,
      actor.id,
      now,
      entity('comment', commentId, row.initiative_id),
      'comment.deleted',
      {
        after: {
          subjectType: row.subject_type,
          subjectId: row.subject_id,
          title: subject?.title ?? '',
        },
      },
    );
  });
  return presentOne(ctx.db.kysely, actor, commentId);
}

/** People the actor can mention on this item: those who may read it. */
export async function mentionCandidates(
  ctx: AppContext,
  actor: Actor,
  type: CommentSubject,
  id: string,
  q: string,
): Promise<PersonRef[]> {
  const db = ctx.db.kysely;
  const subject = await readableSubject(db, actor, type, id);
  const rows = await readersMatching(db, subject.initiativeId, q, 20);
  return rows.map((p) => ({ id: p.id, name: p.name, side: p.side, department: p.department }));
}
