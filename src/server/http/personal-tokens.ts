import type { AppContext } from '../context.js';
import { hashSecret } from '../secrets.js';
import { SESSION_USER_COLUMNS, type SessionUser, toSessionUser } from './sessions.js';

/**
 * Personal API tokens (`tdp_…`) are infrastructure of the HTTP layer like sessions: the
 * kernel resolves `Authorization: Bearer tdp_…` on every API route to the token's owner,
 * read live from `users` (so a token has exactly its owner's current rights, never more),
 * and refuses every write of a read-only token. The people module creates, lists and
 * revokes them. Only the SHA-256 of a token is stored.
 */
export const PERSONAL_TOKEN_PREFIX = 'tdp_';

/** `last_used_at` is written at most once a minute per token, by one conditional UPDATE. */
const TOUCH_INTERVAL_MS = 60_000;

export interface TokenCredential {
  tokenId: string;
  access: 'read' | 'write';
}

export type TokenResolution =
  | { ok: true; user: SessionUser; credential: TokenCredential }
  | { ok: false; reason: 'unknown' | 'revoked' | 'expired' | 'disabled' };

export async function resolvePersonalToken(
  ctx: AppContext,
  secret: string,
): Promise<TokenResolution> {
  const row = await ctx.db.kysely
    .selectFrom('personal_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id as token_id',
      't.access',
      't.expires_at',
      't.revoked_at',
      't.last_used_at',
      ...SESSION_USER_COLUMNS,
    ])
    .where('t.token_hash', '=', hashSecret(secret))
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
  const now = ctx.now();
  if (now.getTime() >= Date.parse(row.expires_at)) return { ok: false, reason: 'expired' };
  if (row.disabled_at !== null) return { ok: false, reason: 'disabled' };
  if (
    row.last_used_at === null ||
    now.getTime() - Date.parse(row.last_used_at) >= TOUCH_INTERVAL_MS
  ) {
    // Atomic and cheap: one statement, and only one of several parallel requests writes.
    const before = new Date(now.getTime() - TOUCH_INTERVAL_MS).toISOString();
    await ctx.db.kysely
      .updateTable('personal_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.token_id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', before)]))
      .execute();
  }
  return {
    ok: true,
    credential: { tokenId: row.token_id, access: row.access },
    user: toSessionUser(row),
  };
}
