import type { SessionInfo } from '../../../contracts/account-security.js';
import { describeDevice } from '../../../domain/account-security.js';
import type { Actor, AppContext } from '../../context.js';
import { notFound } from '../../http/problems.js';
import {
  endAllSessions,
  endOtherSessions,
  endSessionById,
  listSessions,
  sessionIdHash,
} from '../../http/sessions.js';
import { auditUser } from './users.audit.js';
import { findUserRow } from './users.repository.js';

/**
 * The sessions page: each person sees where they are signed in and ends the others; an
 * admin ends all sessions of a person. The session table itself is the HTTP kernel's.
 */
export async function mySessions(
  ctx: AppContext,
  userId: string,
  currentToken: string | undefined,
): Promise<SessionInfo[]> {
  const current = currentToken ? sessionIdHash(currentToken) : undefined;
  const rows = await listSessions(ctx, userId);
  return rows
    .filter((r): r is typeof r & { id: string } => r.id !== null)
    .map((r) => ({
      id: r.id,
      ...describeDevice(r.user_agent),
      ip: r.ip,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      current: r.id_hash === current,
    }));
}

/** Ends one of my sessions (any but none of anyone else's: those are 404). */
export async function endMySession(
  ctx: AppContext,
  userId: string,
  sessionId: string,
): Promise<void> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await endSessionById(trx, userId, sessionId))) throw notFound('Session');
    await auditUser(trx, {
      by: userId,
      userId,
      action: 'user.sessions_ended',
      after: { ended: 1 },
      at: now,
    });
  });
}

/** Ends all my sessions but this one. */
export async function endMyOtherSessions(
  ctx: AppContext,
  userId: string,
  currentToken: string | undefined,
): Promise<number> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const ended = await endOtherSessions(trx, userId, currentToken);
    if (ended > 0)
      await auditUser(trx, {
        by: userId,
        userId,
        action: 'user.sessions_ended',
        after: { ended },
        at: now,
      });
    return ended;
  });
}

/** Admin: the sessions of any person. */
export async function sessionsOf(ctx: AppContext, userId: string): Promise<SessionInfo[]> {
  await findUserRow(ctx.db.kysely, userId);
  return mySessions(ctx, userId, undefined);
}

/** Admin: ends every session of a person (they must sign in again everywhere). */
export async function endAllSessionsOf(
  ctx: AppContext,
  actor: Actor,
  userId: string,
): Promise<number> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await findUserRow(trx, userId);
    const ended = await endAllSessions(trx, userId);
    await auditUser(trx, {
      by: actor.id,
      userId,
      action: 'user.sessions_ended',
      after: { ended },
      at: now,
    });
    return ended;
  });
}
