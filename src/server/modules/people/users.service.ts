import type { CreateUserBody, InviteEmail, UpdateUserBody } from '../../../contracts/users.js';
import type { Actor, AppContext } from '../../context.js';
import { constraintViolation } from '../../db/dialect.js';
import { newId } from '../../db/ids.js';
import { invalidField } from '../../http/problems.js';
import { auditUser } from './users.audit.js';
import { hashPassword } from './passwords.js';
import { endAllSessions } from '../../http/sessions.js';
import { hashSecret, newSecret } from '../../secrets.js';
import { composeAccountEmail, sendAccountEmail } from './account-emails.js';
import { presentUser } from './users.presenter.js';
import { findUserRow } from './users.repository.js';
import { ownedOrDeputisedBy } from './people.service.js';

const INVITE_VALID_MS = 7 * 24 * 3600_000;

/** What the audit trail keeps of a user: never hashes. */
const auditView = (u: {
  email: string;
  name: string;
  role: string;
  side: string;
  department: string | null;
  disabled_at: string | null;
}) => ({
  email: u.email,
  name: u.name,
  role: u.role,
  side: u.side,
  department: u.department,
  disabled: u.disabled_at !== null,
});

export async function listUsers(ctx: AppContext) {
  const rows = await ctx.db.kysely.selectFrom('users').selectAll().orderBy('name').execute();
  return rows.map(presentUser);
}

export interface CreateUserResult {
  user: ReturnType<typeof presentUser>;
  inviteToken?: string;
  inviteExpiresAt?: string;
}

/** Creates a user with a password, or invited (a link to set one) when none is given. */
export async function createUser(
  ctx: AppContext,
  actor: Pick<Actor, 'id'> | null,
  input: Omit<CreateUserBody, 'language' | 'role'> & {
    language: 'de' | 'en';
    role: 'admin' | 'member' | 'viewer';
  },
): Promise<CreateUserResult> {
  const now = ctx.now();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const inviteToken = passwordHash ? undefined : newSecret();
  const inviteExpiresAt = inviteToken
    ? new Date(now.getTime() + INVITE_VALID_MS).toISOString()
    : null;
  const row = {
    id: newId(),
    email: input.email.trim().toLowerCase(),
    name: input.name,
    language: input.language,
    department: input.department ?? null,
    side: input.side,
    role: input.role,
    password_hash: passwordHash,
    invite_token_hash: inviteToken ? hashSecret(inviteToken) : null,
    invite_expires_at: inviteExpiresAt,
    disabled_at: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  try {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('users').values(row).execute();
      await auditUser(trx, {
        by: actor?.id ?? null,
        userId: row.id,
        action: inviteToken ? 'user.invited' : 'user.created',
        after: auditView(row),
        at: now,
      });
    });
  } catch (err) {
    if (constraintViolation(ctx.db.dialect, err) === 'unique') {
      throw invalidField('email', 'is already used by another account', 'taken');
    }
    throw err;
  }
  return {
    user: presentUser(row),
    ...(inviteToken ? { inviteToken, inviteExpiresAt: inviteExpiresAt ?? undefined } : {}),
  };
}

/**
 * Issues a new invitation link for a user who has not set a password (or to reset one);
 * `actor` null: the `tandem` CLI.
 */
export async function reinvite(ctx: AppContext, actor: Actor | null, userId: string) {
  const now = ctx.now();
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + INVITE_VALID_MS).toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await findUserRow(trx, userId);
    await trx
      .updateTable('users')
      .set({
        invite_token_hash: hashSecret(token),
        invite_expires_at: expiresAt,
        updated_at: now.toISOString(),
      })
      .where('id', '=', userId)
      .execute();
    await auditUser(trx, {
      by: actor?.id ?? null,
      userId,
      action: 'user.invited',
      after: auditView(before),
      at: now,
    });
  });
  return { inviteToken: token, inviteExpiresAt: expiresAt };
}

/**
 * Sends an invitation link by email, right after the invitation committed, with the token
 * still in memory (only its hash is stored, so nothing could send it later). The outcome is
 * the admin's to see: `sent`; `failed` (the link is shown to copy, and a new invitation can be
 * sent, which replaces the link); `off` without an SMTP server. Never throws.
 */
export async function emailInvitation(
  ctx: AppContext,
  invitation: { userId: string; inviterId: string | null; url: string; expiresAt: string },
): Promise<{ outcome: InviteEmail; error?: string }> {
  if (!ctx.config.smtp) return { outcome: 'off' };
  try {
    const db = ctx.db.kysely;
    const user = await findUserRow(db, invitation.userId);
    const inviter = invitation.inviterId
      ? await db
          .selectFrom('users')
          .select('name')
          .where('id', '=', invitation.inviterId)
          .executeTakeFirst()
      : undefined;
    const mail = composeAccountEmail({
      kind: 'invite',
      language: user.language,
      name: user.name,
      email: user.email,
      inviterName: inviter?.name ?? null,
      url: invitation.url,
      expiresAt: invitation.expiresAt,
    });
    await sendAccountEmail(ctx, { name: user.name, address: user.email }, mail);
    return { outcome: 'sent' };
  } catch (err) {
    return { outcome: 'failed', error: err instanceof Error ? err.message : String(err) };
  }
}

/** Admin changes: name, language, department, side, role, disabled. */
export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  patch: UpdateUserBody,
) {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await findUserRow(trx, userId);
    if (
      userId === actor.id &&
      (patch.disabled === true || (patch.role && patch.role !== 'admin'))
    ) {
      throw invalidField(
        patch.disabled ? 'disabled' : 'role',
        'you cannot lock yourself out; ask another admin',
        'self',
      );
    }
    if (
      before.role === 'admin' &&
      ((patch.role && patch.role !== 'admin') || patch.disabled === true)
    ) {
      const admins = await trx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .where('disabled_at', 'is', null)
        .executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1)
        throw invalidField(
          patch.role ? 'role' : 'disabled',
          'the last active admin must stay',
          'last_admin',
        );
    }
    if (patch.side && patch.side !== before.side) {
      const owns = await trx
        .selectFrom('initiatives as i')
        .select('i.id')
        .where(ownedOrDeputisedBy(userId))
        .executeTakeFirst();
      if (owns)
        throw invalidField(
          'side',
          'this person owns or deputises an initiative on their current side; hand that over first',
          'owner',
        );
    }
    if (patch.role === 'viewer' && before.role !== 'viewer') {
      const owns = await trx
        .selectFrom('initiative_members')
        .select('initiative_id')
        .where('user_id', '=', userId)
        .where('role', 'in', ['owner', 'deputy'])
        .executeTakeFirst();
      if (owns)
        throw invalidField(
          'role',
          'a viewer cannot own or deputise an initiative; hand that over first',
          'owner',
        );
    }
    const set = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.language !== undefined ? { language: patch.language } : {}),
      ...(patch.department !== undefined ? { department: patch.department } : {}),
      ...(patch.side !== undefined ? { side: patch.side } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.disabled !== undefined
        ? { disabled_at: patch.disabled ? (before.disabled_at ?? now.toISOString()) : null }
        : {}),
      updated_at: now.toISOString(),
    };
    await trx.updateTable('users').set(set).where('id', '=', userId).execute();
    const after = { ...before, ...set };
    if (patch.disabled === true || (patch.role && patch.role !== before.role))
      await endAllSessions(trx, userId);
    await auditUser(trx, {
      by: actor.id,
      userId,
      action:
        patch.disabled === true && !before.disabled_at
          ? 'user.disabled'
          : patch.disabled === false && before.disabled_at
            ? 'user.enabled'
            : 'user.updated',
      before: auditView(before),
      after: auditView(after),
      at: now,
    });
    return presentUser(after);
  });
}

export async function updateMe(
  ctx: AppContext,
  userId: string,
  patch: { name?: string; language?: 'de' | 'en' },
) {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await findUserRow(trx, userId);
    const set = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.language !== undefined ? { language: patch.language } : {}),
      updated_at: now.toISOString(),
    };
    await trx.updateTable('users').set(set).where('id', '=', userId).execute();
    await auditUser(trx, {
      by: userId,
      userId,
      action: 'user.profile_updated',
      before: { name: before.name, language: before.language },
      after: { name: set.name ?? before.name, language: set.language ?? before.language },
      at: now,
    });
  });
}

export async function findUserByEmail(ctx: AppContext, email: string) {
  return ctx.db.kysely
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

/** Creates the configured admin on start when no user with that email exists. */
export async function ensureAdmin(ctx: AppContext): Promise<boolean> {
  const admin = ctx.config.admin;
  if (!admin || (await findUserByEmail(ctx, admin.email))) return false;
  await createUser(ctx, null, {
    email: admin.email,
    name: admin.email.split('@')[0] ?? 'Admin',
    language: 'de',
    side: 'it',
    role: 'admin',
    password: admin.password,
  });
  return true;
}
