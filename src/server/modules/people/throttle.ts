import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { AppError } from '../../http/problems.js';

/**
 * Throttling of password checks, kept in the database so several app instances share it.
 * Per account: 5 failed sign-ins in 15 minutes block the account for 15 minutes; per IP
 * address: 30; per signed-in person changing their password: 5. Password reset requests
 * ("Forgot password?"): 3 per email address and 20 per IP address (counted whether the
 * account exists or not, so the limit tells nothing about it; never given back).
 *
 * Every attempt is counted *before* the password is checked, by one atomic upsert per key
 * that returns the new count: of any number of parallel attempts, at most the limit get
 * their password checked, whatever the timing (a count read first and written after the
 * check lets a burst through). A successful check gives its reservation back, so only
 * failures use up the limit.
 */
const WINDOW_MS = 15 * 60_000;
const BLOCK_MS = 15 * 60_000;
export const LIMITS = { account: 5, ip: 30, password: 5, reset: 3, 'reset-ip': 20 } as const;

export type ThrottleKey =
  | `account:${string}`
  | `ip:${string}`
  | `password:${string}`
  | `reset:${string}`
  | `reset-ip:${string}`;

const limitFor = (key: ThrottleKey): number =>
  LIMITS[key.slice(0, key.indexOf(':')) as keyof typeof LIMITS];

/** Counts one attempt for a key; returns the count including it and any block. */
async function countAttempt(ctx: AppContext, key: ThrottleKey, now: Date) {
  const nowIso = now.toISOString();
  const windowStart = new Date(now.getTime() - WINDOW_MS).toISOString();
  const blockUntil = new Date(now.getTime() + BLOCK_MS).toISOString();
  const limit = limitFor(key);
  // A new window starts when the old one has passed (and no block runs) or the block ended.
  const reset = sql<boolean>`(
    (login_throttle.blocked_until is null and login_throttle.window_started_at <= ${windowStart})
    or (login_throttle.blocked_until is not null and login_throttle.blocked_until <= ${nowIso}))`;
  return ctx.db.kysely
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_started_at: nowIso, blocked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when ${reset} then 1 else login_throttle.failures + 1 end`,
        window_started_at: sql<string>`case when ${reset} then ${nowIso} else login_throttle.window_started_at end`,
        blocked_until: sql<string | null>`case
          when ${reset} then null
          when login_throttle.blocked_until is not null then login_throttle.blocked_until
          when login_throttle.failures + 1 > ${limit} then ${blockUntil}
          else null end`,
      }),
    )
    .returning(['failures', 'blocked_until'])
    .executeTakeFirstOrThrow();
}

/**
 * Reserves one attempt on every key, or refuses with 429 (and Retry-After) when any key is
 * over its limit. Call before checking the password; call `release` after a success.
 */
export async function reserveAttempt(
  ctx: AppContext,
  keys: ThrottleKey[],
  message: string,
): Promise<void> {
  const now = ctx.now();
  let wait = 0;
  for (const key of keys) {
    const counted = await countAttempt(ctx, key, now);
    if (Number(counted.failures) > limitFor(key)) {
      const until = counted.blocked_until ? Date.parse(counted.blocked_until) : now.getTime();
      wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000), 1);
    }
  }
  if (wait > 0)
    throw new AppError(429, 'too_many_attempts', message, [], { 'retry-after': String(wait) });
}

/** Gives back the attempts reserved for a check that succeeded. */
export async function releaseAttempt(ctx: AppContext, keys: ThrottleKey[]): Promise<void> {
  await ctx.db.kysely
    .updateTable('login_throttle')
    .set({ failures: sql<number>`failures - 1` })
    .where('key', 'in', keys)
    .where('failures', '>', 0)
    .execute();
}
