import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { AppError, conflict, invalidField, unauthorized } from '../../http/problems.js';
import { endAllSessions } from '../../http/sessions.js';
import { hashSecret } from '../../secrets.js';
import { auditUser } from './users.audit.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.js';
import { releaseAttempt, reserveAttempt, type ThrottleKey } from './throttle.js';
import { findUserRow } from './users.repository.js';

/**
 * Signing in with a password, invitation links, and changing passwords (split from
 * users.service.ts, which keeps the accounts themselves).
 */
/**
 * Checks email and password. Unknown account and wrong password get the same answer
 * and take the same time; repeated failures are throttled per account and per IP.
 */
export async function authenticate(
  ctx: AppContext,
  email: string,
  password: string,
  ip: string,
): Promise<string> {
  const normalised = email.trim().toLowerCase();
  const keys: ThrottleKey[] = [`account:${normalised}`, `ip:${ip}`];
  await reserveAttempt(ctx, keys, 'Too many failed sign-in attempts. Try again later.');
  const user = await ctx.db.kysely
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at'])
    .where('email', '=', normalised)
    .executeTakeFirst();
  const ok =
    user?.password_hash && user.disabled_at === null
      ? await verifyPassword(user.password_hash, password)
      : await verifyAgainstDummy(password);
  if (!ok || !user) throw unauthorized('Email or password is wrong');
  await releaseAttempt(ctx, keys);
  return user.id;
}

async function findInvite(ctx: AppContext, token: string) {
  const row = await ctx.db.kysely
    .selectFrom('users')
    .selectAll()
    .where('invite_token_hash', '=', hashSecret(token))
    .executeTakeFirst();
  if (
    !row ||
    row.disabled_at ||
    !row.invite_expires_at ||
    Date.parse(row.invite_expires_at) <= ctx.now().getTime()
  ) {
    throw new AppError(
      404,
      'invite_invalid',
      'This invitation link is invalid or has expired. Ask an administrator for a new one.',
    );
  }
  return row;
}

export async function inviteInfo(ctx: AppContext, token: string) {
  const row = await findInvite(ctx, token);
  return { email: row.email, name: row.name };
}

/** The update that stores a new password: any open invitation is used up with it. */
const storePassword = (trx: DbOrTrx, userId: string, passwordHash: string, now: Date) =>
  trx
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      invite_token_hash: null,
      invite_expires_at: null,
      updated_at: now.toISOString(),
    })
    .where('id', '=', userId);

/** Sets the password from an invitation link; the link works once. */
export async function acceptInvite(
  ctx: AppContext,
  token: string,
  password: string,
): Promise<string> {
  const row = await findInvite(ctx, token);
  const passwordHash = await hashPassword(password);
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const updated = await storePassword(trx, row.id, passwordHash, now)
      .where('invite_token_hash', '=', hashSecret(token))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict('This invitation link was just used.');
    await endAllSessions(trx, row.id);
    await auditUser(trx, {
      by: row.id,
      userId: row.id,
      action: 'user.password_set',
      at: now,
    });
  });
  return row.id;
}

/**
 * Sets a password directly (CLI, own password change). Ends all the user's sessions unless
 * they chose to keep them (`endSessions: false`, only offered for one's own change).
 */
export async function setPassword(
  ctx: AppContext,
  actorId: string | null,
  userId: string,
  password: string,
  options: { endSessions: boolean } = { endSessions: true },
): Promise<void> {
  const passwordHash = await hashPassword(password);
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await findUserRow(trx, userId);
    await storePassword(trx, userId, passwordHash, now).execute();
    if (options.endSessions) await endAllSessions(trx, userId);
    await auditUser(trx, {
      by: actorId,
      userId,
      action: 'user.password_set',
      at: now,
    });
  });
}

export async function changeOwnPassword(
  ctx: AppContext,
  userId: string,
  current: string,
  next: string,
  endOtherSessions = true,
): Promise<void> {
  // Throttled like sign-in: a stolen session must not become a way to guess the password.
  const keys: ThrottleKey[] = [`password:${userId}`];
  await reserveAttempt(ctx, keys, 'Too many wrong current passwords. Try again later.');
  const row = await findUserRow(ctx.db.kysely, userId);
  if (!row.password_hash || !(await verifyPassword(row.password_hash, current))) {
    throw invalidField('currentPassword', 'is not your current password', 'wrong_password');
  }
  await releaseAttempt(ctx, keys);
  await setPassword(ctx, userId, userId, next, { endSessions: endOtherSessions });
}
