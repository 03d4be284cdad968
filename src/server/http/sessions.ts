import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import { readCache } from '../db/read-cache.js';
import { hashSecret, newSecret } from '../secrets.js';
import type { Side } from '../../domain/sides.js';

/**
 * Sessions are infrastructure of the HTTP layer: the cookie, its lookup on every request,
 * the idle and absolute timeouts. The people module starts and ends them; nothing else
 * reaches into the table.
 *
 * `last_seen_at` is written only when it is older than the touch interval (saves a write
 * per request), so it lags the real last request by less than that interval. The idle
 * check adds the interval as grace: a session ends only after at least the idle time
 * without any request, and at most one touch interval later.
 */
const touchIntervalMs = (idleMs: number): number => Math.min(60_000, Math.floor(idleMs / 10));
const idleLimitMs = (idleMs: number): number => idleMs + touchIntervalMs(idleMs);

/** A touch of a session's `last_seen_at` by this instance: when, and its write. */
interface Touch {
  at: number;
  done: Promise<unknown>;
}

/**
 * This instance's latest touch of each session (per database): a page's requests arrive
 * together and all hold the same cached row, so without this each of them wrote
 * `last_seen_at`, and each write emptied every read cache (50 open tabs of one person: 50
 * writes, then the portfolio and lists read anew 50 times). Now the first request due writes
 * and the others wait for its write; when it fails, each writes itself. Bounded; forgetting
 * a touch only costs a write.
 */
const touched = new WeakMap<object, Map<string, Touch>>();

function touchesOf(db: object): Map<string, Touch> {
  let m = touched.get(db);
  if (!m) {
    m = new Map();
    touched.set(db, m);
  }
  return m;
}

/** Writes the session's `last_seen_at` unless it, or this instance's touch, is recent enough. */
async function touchSession(
  ctx: AppContext,
  idHash: string,
  lastSeen: number,
  now: number,
): Promise<void> {
  const interval = touchIntervalMs(ctx.config.sessionIdleMs);
  if (now - lastSeen < interval) return;
  const touches = touchesOf(ctx.db);
  for (;;) {
    const recent = touches.get(idHash);
    if (!recent || now - recent.at >= interval) break;
    try {
      await recent.done;
      return;
    } catch {
      // That write failed: the next request waiting writes, and the others wait for it.
      if (touches.get(idHash) === recent) touches.delete(idHash);
    }
  }
  if (touches.size >= 10_000) {
    // Touches older than the interval suppress nothing any more; then the oldest go.
    for (const [key, t] of touches) if (now - t.at >= interval) touches.delete(key);
    for (const key of touches.keys()) {
      if (touches.size < 10_000) break;
      touches.delete(key);
    }
  }
  const mine: Touch = {
    at: now,
    done: ctx.db.kysely
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id_hash', '=', idHash)
      .execute(),
  };
  touches.delete(idHash); // re-inserted last: the map's order is the touches' order
  touches.set(idHash, mine);
  try {
    await mine.done;
  } catch (err) {
    if (touches.get(idHash) === mine) touches.delete(idHash);
    throw err;
  }
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  language: 'de' | 'en';
  department: string | null;
  side: Side;
  role: 'admin' | 'member' | 'viewer';
}

/** The columns of `users as u` a signed-in request needs, for a session's or a token's user. */
export const SESSION_USER_COLUMNS = [
  'u.id',
  'u.email',
  'u.name',
  'u.language',
  'u.department',
  'u.side',
  'u.role',
  'u.disabled_at',
] as const;

/** The signed-in user of a row selected with SESSION_USER_COLUMNS. */
export const toSessionUser = (row: SessionUser): SessionUser => ({
  id: row.id,
  email: row.email,
  name: row.name,
  language: row.language,
  department: row.department,
  side: row.side,
  role: row.role,
});

/** Starts a session with a fresh id; returns the cookie value (never stored). */
export async function createSession(
  ctx: AppContext,
  userId: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionAbsoluteMs);
  await ctx.db.kysely
    .insertInto('sessions')
    .values({
      id_hash: hashSecret(token),
      id: newId(),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

function findSessionRow(ctx: AppContext, idHash: string) {
  return ctx.db.kysely
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.last_seen_at', 's.expires_at', ...SESSION_USER_COLUMNS])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
}

type SessionRow = NonNullable<Awaited<ReturnType<typeof findSessionRow>>>;

/**
 * Resolves a cookie value to its active user, enforcing the idle and absolute
 * timeouts and the user's disabled flag on every request. The lookup is cached until
 * the next write (see ReadCache): disabling a user or ending a session is a write, so
 * it takes effect on the very next request.
 */
export async function resolveSession(
  ctx: AppContext,
  token: string,
): Promise<SessionUser | undefined> {
  const idHash = hashSecret(token);
  const cache = readCache<SessionRow | null>(ctx.db, 'sessions');
  const changeToken = ctx.db.changeToken();
  let row = cache.get(idHash, changeToken);
  if (row === undefined) {
    row = (await findSessionRow(ctx, idHash)) ?? null;
    cache.set(idHash, changeToken, row);
  }
  if (!row) return undefined;
  const now = ctx.now().getTime();
  const lastSeen = Date.parse(row.last_seen_at);
  if (
    row.disabled_at !== null ||
    now >= Date.parse(row.expires_at) ||
    now - lastSeen >= idleLimitMs(ctx.config.sessionIdleMs)
  ) {
    await ctx.db.kysely.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return undefined;
  }
  await touchSession(ctx, idHash, lastSeen, now);
  return toSessionUser(row);
}

/**
 * Whether a session is still valid, without counting as a request: a long-lived stream
 * (GET /api/live) checks at each heartbeat, so logging out, disabling the user and the
 * idle and absolute timeouts end the stream, and an open tab alone never keeps the session alive.
 */
export async function sessionStillValid(ctx: AppContext, token: string): Promise<boolean> {
  const row = await findSessionRow(ctx, hashSecret(token));
  if (!row) return false;
  const now = ctx.now().getTime();
  return (
    row.disabled_at === null &&
    now < Date.parse(row.expires_at) &&
    now - Date.parse(row.last_seen_at) < idleLimitMs(ctx.config.sessionIdleMs)
  );
}

export async function endSession(ctx: AppContext, token: string): Promise<void> {
  await ctx.db.kysely.deleteFrom('sessions').where('id_hash', '=', hashSecret(token)).execute();
}

export async function endAllSessions(
  db: AppContext['db']['kysely'],
  userId: string,
): Promise<number> {
  const res = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Removes expired sessions; called from time to time, not on the request path. */
export async function purgeExpiredSessions(ctx: AppContext): Promise<void> {
  const now = ctx.now();
  await ctx.db.kysely
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', now.toISOString()),
        eb(
          'last_seen_at',
          '<=',
          new Date(now.getTime() - idleLimitMs(ctx.config.sessionIdleMs)).toISOString(),
        ),
      ]),
    )
    .execute();
}

/** A user's live sessions (not past their timeouts), newest activity first. */
export async function listSessions(ctx: AppContext, userId: string) {
  const now = ctx.now();
  return ctx.db.kysely
    .selectFrom('sessions')
    .select(['id', 'id_hash', 'ip', 'user_agent', 'created_at', 'last_seen_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now.toISOString())
    .where(
      'last_seen_at',
      '>',
      new Date(now.getTime() - idleLimitMs(ctx.config.sessionIdleMs)).toISOString(),
    )
    .orderBy('last_seen_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/** Ends one session of a user by its public id; false when there is none. */
export async function endSessionById(
  db: AppContext['db']['kysely'],
  userId: string,
  sessionId: string,
): Promise<boolean> {
  const res = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** Ends every session of a user except the one with this cookie value; returns how many. */
export async function endOtherSessions(
  db: AppContext['db']['kysely'],
  userId: string,
  keepToken: string | undefined,
): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepToken) q = q.where('id_hash', '!=', hashSecret(keepToken));
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows);
}

export const sessionIdHash = (token: string): string => hashSecret(token);
