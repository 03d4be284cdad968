/**
 * "Forgot password?": a one-time link by email to set a new password.
 *
 * - The request is answered the same whether the account exists or not, and throttled per
 *   email and per IP address (throttle.ts) before anything is looked up. The email is sent
 *   after the answer (not awaited), so neither the answer nor its timing tells whether an
 *   account exists (the link is stored after answering too).
 * - Only the SHA-256 of the link's token is stored (password_resets). A link is valid for an
 *   hour and works once: one conditional UPDATE (`used_at is null and expires_at > now`)
 *   consumes it, so of parallel uses exactly one wins (PostgreSQL re-checks the condition
 *   after waiting for the row lock; SQLite has one writer).
 * - Setting the password ends every session of the person, spends their other open reset
 *   links and any invitation link, and is audited (`user.password_reset`).
 * - Passwords switched off (LOCAL_LOGIN=off) or no SMTP server: no reset (the sign-in page
 *   says to ask an administrator: `tandem users set-password`).
 */
import type { AppContext } from '../../context.js';
import { newId } from '../../db/ids.js';
import { endAllSessions } from '../../http/sessions.js';
import { AppError } from '../../http/problems.js';
import { publicBase } from '../../mail.js';
import { hashSecret, newSecret } from '../../secrets.js';
import { appendAudit } from '../audit/audit.service.js';
import { composeAccountEmail, sendAccountEmail } from './account-emails.js';
import { hashPassword } from './passwords.js';
import { reserveAttempt } from './throttle.js';

export const RESET_VALID_MS = 3600_000;

export const passwordResetAvailable = (ctx: AppContext): boolean =>
  ctx.config.localLogin && ctx.config.smtp !== undefined;

const resetOff = () =>
  new AppError(
    403,
    'password_reset_off',
    'Password reset by email is not available here; ask an administrator to set a new password',
  );

/** The link in the email: the web's reset page with the token. */
export const resetUrl = (ctx: AppContext, token: string) =>
  `${publicBase(ctx)}/reset-password/${encodeURIComponent(token)}`;

/**
 * Handles "Forgot password?". Resolves the same way for every email; when an active account
 * has it, `send` is returned to run after answering: it stores the link (hashed) and emails it.
 */
export async function requestPasswordReset(
  ctx: AppContext,
  email: string,
  ip: string,
): Promise<{ send: () => Promise<void> } | null> {
  if (!passwordResetAvailable(ctx)) throw resetOff();
  const normalised = email.trim().toLowerCase();
  await reserveAttempt(
    ctx,
    [`reset:${normalised}`, `reset-ip:${ip}`],
    'Too many password reset requests. Try again later.',
  );
  const user = await ctx.db.kysely
    .selectFrom('users')
    .select(['id', 'email', 'name', 'language', 'disabled_at'])
    .where('email', '=', normalised)
    .executeTakeFirst();
  if (!user || user.disabled_at) return null;
  // The link is stored and sent after answering: an existing account costs the answer no time.
  return {
    send: async () => {
      const token = newSecret();
      const now = ctx.now();
      const expiresAt = new Date(now.getTime() + RESET_VALID_MS).toISOString();
      await ctx.db.kysely.transaction().execute(async (trx) => {
        await trx
          .insertInto('password_resets')
          .values({
            id: newId(),
            user_id: user.id,
            token_hash: hashSecret(token),
            created_at: now.toISOString(),
            expires_at: expiresAt,
            used_at: null,
          })
          .execute();
        await appendAudit(trx, {
          actorId: null,
          entityType: 'user',
          entityId: user.id,
          initiativeId: null,
          action: 'user.password_reset_requested',
          at: now,
        });
      });
      const mail = composeAccountEmail({
        kind: 'reset',
        language: user.language,
        name: user.name,
        email: user.email,
        url: resetUrl(ctx, token),
        expiresAt,
      });
      await sendAccountEmail(ctx, { name: user.name, address: user.email }, mail);
    },
  };
}

const invalid = () =>
  new AppError(
    404,
    'reset_invalid',
    'This password reset link is invalid, has expired or was already used. Ask for a new one.',
  );

/** Sets a new password from a reset link (once); ends all the person's sessions. */
export async function resetPassword(
  ctx: AppContext,
  token: string,
  password: string,
): Promise<string> {
  if (!ctx.config.localLogin) throw resetOff();
  const passwordHash = await hashPassword(password);
  const now = ctx.now().toISOString();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    // The one consume: of parallel uses of a link, exactly one gets its row back.
    const used = await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('token_hash', '=', hashSecret(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['id', 'user_id'])
      .executeTakeFirst();
    if (!used) throw invalid();
    const user = await trx
      .selectFrom('users')
      .select(['id', 'disabled_at'])
      .where('id', '=', used.user_id)
      .executeTakeFirst();
    if (!user || user.disabled_at) throw invalid();
    await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        invite_token_hash: null,
        invite_expires_at: null,
        updated_at: now,
      })
      .where('id', '=', user.id)
      .execute();
    // Other links of this person are spent too.
    await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .execute();
    await endAllSessions(trx, user.id);
    await appendAudit(trx, {
      actorId: user.id,
      entityType: 'user',
      entityId: user.id,
      initiativeId: null,
      action: 'user.password_reset',
      at: ctx.now(),
    });
    return user.id;
  });
}
