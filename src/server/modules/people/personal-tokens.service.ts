import type {
  CreatedPersonalToken,
  CreatePersonalTokenBody,
  PersonalToken,
} from '../../../contracts/account-security.js';
import type { AppContext } from '../../context.js';
import { newId } from '../../db/ids.js';
import { notFound } from '../../http/problems.js';
import { PERSONAL_TOKEN_PREFIX } from '../../http/personal-tokens.js';
import { hashSecret, newSecret } from '../../secrets.js';
import { appendAudit } from '../audit/audit.service.js';

/**
 * Personal API tokens for scripts and agents: the person's own rights (read live on every
 * request by http/personal-tokens.ts), read-only or read-write, with an expiry. The secret
 * is shown once at creation; only its SHA-256 is stored.
 */
type Row = {
  id: string;
  name: string;
  prefix: string;
  access: 'read' | 'write';
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

const present = (r: Row): PersonalToken => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  access: r.access,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

const COLUMNS = [
  'id',
  'name',
  'prefix',
  'access',
  'created_at',
  'expires_at',
  'last_used_at',
  'revoked_at',
] as const;

export async function listPersonalTokens(
  ctx: AppContext,
  userId: string,
): Promise<PersonalToken[]> {
  const rows = await ctx.db.kysely
    .selectFrom('personal_tokens')
    .select(COLUMNS)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(present);
}

export async function createPersonalToken(
  ctx: AppContext,
  userId: string,
  input: CreatePersonalTokenBody,
): Promise<CreatedPersonalToken> {
  const now = ctx.now();
  const secret = `${PERSONAL_TOKEN_PREFIX}${newSecret()}`;
  const row = {
    id: newId(),
    user_id: userId,
    name: input.name,
    prefix: secret.slice(0, PERSONAL_TOKEN_PREFIX.length + 6),
    token_hash: hashSecret(secret),
    access: input.access,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
    last_used_at: null,
    revoked_at: null,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('personal_tokens').values(row).execute();
    await appendAudit(trx, {
      actorId: userId,
      entityType: 'personal_token',
      entityId: row.id,
      initiativeId: null,
      action: 'user.token_created',
      after: { name: row.name, access: row.access, expiresAt: row.expires_at },
      at: now,
    });
  });
  return { ...present(row), secret };
}

/** Revokes one of the person's own tokens; revoking twice changes nothing. */
export async function revokePersonalToken(
  ctx: AppContext,
  userId: string,
  tokenId: string,
): Promise<PersonalToken> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('personal_tokens')
      .set({ revoked_at: now.toISOString() })
      .where('id', '=', tokenId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const row = await trx
      .selectFrom('personal_tokens')
      .select(COLUMNS)
      .where('id', '=', tokenId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    // Another person's token is as unknown as a missing one.
    if (!row) throw notFound('API token');
    if (Number(updated.numUpdatedRows) === 1)
      await appendAudit(trx, {
        actorId: userId,
        entityType: 'personal_token',
        entityId: tokenId,
        initiativeId: null,
        action: 'user.token_revoked',
        before: { name: row.name, access: row.access },
        at: now,
      });
    return present(row);
  });
}
