import type { AppContext } from '../../context.js';

/**
 * Sign-in throttling, kept in the database so several app instances share it.
 * Per account: 5 failures in 15 minutes block that account for 15 minutes.
 * Per IP: 30 failures in 15 minutes block the IP for 15 minutes.
 */
const WINDOW_MS = 15 * 60_000;
const BLOCK_MS = 15 * 60_000;
export const LIMITS = { account: 5, ip: 30 } as const;

export type ThrottleKey = `account:${string}` | `ip:${string}`;

const limitFor = (key: ThrottleKey): number => (key.startsWith('ip:') ? LIMITS.ip : LIMITS.account);

/** Seconds until the key may try again, or 0 when it may try now. */
export async function retryAfterSeconds(ctx: AppContext, keys: ThrottleKey[]): Promise<number> {
  const now = ctx.now().getTime();
  const rows = await ctx.db.kysely
    .selectFrom('login_throttle')
    .select(['blocked_until'])
    .where('key', 'in', keys)
    .execute();
  let wait = 0;
  for (const r of rows) {
    if (r.blocked_until)
      wait = Math.max(wait, Math.ceil((Date.parse(r.blocked_until) - now) / 1000));
  }
  return Math.max(0, wait);
}

export async function recordFailure(ctx: AppContext, keys: ThrottleKey[]): Promise<void> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    for (const key of keys) {
      const row = await trx
        .selectFrom('login_throttle')
        .selectAll()
        .where('key', '=', key)
        .executeTakeFirst();
      const windowOpen = row && now.getTime() - Date.parse(row.window_started_at) < WINDOW_MS;
      const failures = windowOpen ? row.failures + 1 : 1;
      const blockedUntil =
        failures >= limitFor(key) ? new Date(now.getTime() + BLOCK_MS).toISOString() : null;
      const values = {
        failures,
        window_started_at: windowOpen ? row.window_started_at : now.toISOString(),
        blocked_until: blockedUntil,
      };
      await trx
        .insertInto('login_throttle')
        .values({ key, ...values })
        .onConflict((oc) => oc.column('key').doUpdateSet(values))
        .execute();
    }
  });
}

export async function clearFailures(ctx: AppContext, key: ThrottleKey): Promise<void> {
  await ctx.db.kysely.deleteFrom('login_throttle').where('key', '=', key).execute();
}
