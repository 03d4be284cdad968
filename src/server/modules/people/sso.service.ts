import * as client from 'openid-client';
import type { SsoRefusal } from '../../../contracts/auth.js';
import type { OidcConfig } from '../../config.js';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/connect.js';
import { newId } from '../../db/ids.js';
import { AppError } from '../../http/problems.js';
import { hashSecret } from '../../secrets.js';
import { appendAudit } from '../audit/audit.service.js';
import { findUserRow } from './users.repository.js';

/**
 * Single sign-on with OpenID Connect (openid-client): authorization code flow with PKCE,
 * state and nonce kept on the server (10 minutes, single use). People are found by
 * (issuer, subject), never by email alone: a matching email links an existing account only
 * when an admin allowed it and the provider says the email is verified. Unknown people get
 * an account just in time when OIDC_JIT is on, with the default role and side or what the
 * mapped claims say.
 */
const FLOW_TTL_MS = 10 * 60_000;
const LINK_TTL_MS = 7 * 24 * 3600_000;

export class SsoRefused extends Error {
  constructor(
    readonly reason: SsoRefusal,
    detail: string,
  ) {
    super(detail);
    this.name = 'SsoRefused';
  }
}

const discovered = new WeakMap<OidcConfig, Promise<client.Configuration>>();

function oidcOf(ctx: AppContext): OidcConfig {
  const oidc = ctx.config.oidc;
  if (!oidc) throw new AppError(404, 'sso_not_configured', 'Single sign-on is not set up');
  return oidc;
}

/** The provider's configuration from its discovery document, fetched once per process. */
async function configuration(oidc: OidcConfig): Promise<client.Configuration> {
  let pending = discovered.get(oidc);
  if (!pending) {
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(oidc.issuer.hostname);
    pending = client.discovery(
      oidc.issuer,
      oidc.clientId,
      undefined,
      client.ClientSecretPost(oidc.clientSecret),
      {
        execute: [
          // Check the ID token's signature against the provider's keys too, not only TLS.
          client.enableNonRepudiationChecks,
          // Plain http only for a provider on this machine (development, tests).
          ...(oidc.issuer.protocol === 'http:' && loopback ? [client.allowInsecureRequests] : []),
        ],
        ...(oidc.fetch ? { [client.customFetch]: oidc.fetch } : {}),
        timeout: 10,
      },
    );
    discovered.set(oidc, pending);
    // A failed discovery is tried again next time.
    pending.catch(() => discovered.delete(oidc));
  }
  const config = await pending;
  if (oidc.fetch) config[client.customFetch] = oidc.fetch;
  return config;
}

/** Starts a sign-in: remembers state, nonce and PKCE verifier; returns the provider URL. */
export async function startSso(ctx: AppContext, redirectUri: string): Promise<URL> {
  const oidc = oidcOf(ctx);
  let config: client.Configuration;
  try {
    config = await configuration(oidc);
  } catch (err) {
    throw new SsoRefused('unavailable', `The sign-in provider cannot be reached: ${String(err)}`);
  }
  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPKCECodeVerifier();
  const now = ctx.now();
  await deleteExpiredSsoFlows(ctx.db.kysely, now);
  await ctx.db.kysely
    .insertInto('oidc_flows')
    .values({
      state_hash: hashSecret(state),
      nonce,
      code_verifier: verifier,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + FLOW_TTL_MS).toISOString(),
    })
    .execute();
  return client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
}

/**
 * Removes the sign-ins started before `now` that expired unfinished (state, nonce, PKCE
 * verifier). Starting a sign-in also does it; the daily clean-up (privacy.clean_up) does it
 * for workspaces where nobody signs in for a while. Returns how many were removed.
 */
export async function deleteExpiredSsoFlows(db: DbOrTrx, now: Date): Promise<number> {
  const res = await db
    .deleteFrom('oidc_flows')
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Takes the flow of this state out of the table: whoever deletes it owns it (single use). */
async function claimFlow(ctx: AppContext, state: string) {
  const stateHash = hashSecret(state);
  const flow = await ctx.db.kysely
    .selectFrom('oidc_flows')
    .selectAll()
    .where('state_hash', '=', stateHash)
    .executeTakeFirst();
  if (!flow) return undefined;
  const res = await ctx.db.kysely
    .deleteFrom('oidc_flows')
    .where('state_hash', '=', stateHash)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) !== 1) return undefined;
  if (Date.parse(flow.expires_at) <= ctx.now().getTime()) return undefined;
  return flow;
}

const claimText = (claims: Record<string, unknown>, name: string | undefined) => {
  const v = name ? claims[name] : undefined;
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
};

function isAdminByClaim(oidc: OidcConfig, claims: Record<string, unknown>): boolean {
  if (!oidc.claims.admin) return false;
  const v = claims[oidc.claims.admin];
  if (oidc.claims.adminValue)
    return Array.isArray(v) ? v.includes(oidc.claims.adminValue) : v === oidc.claims.adminValue;
  return v === true || v === 'true';
}

/**
 * Finishes a sign-in at the callback: the state must be one we issued (and not used yet),
 * the code is exchanged with the PKCE verifier, and the ID token is checked (signature,
 * issuer, audience, expiry, nonce) by openid-client. Returns the account to sign in.
 */
export async function finishSso(ctx: AppContext, currentUrl: URL): Promise<string> {
  const oidc = oidcOf(ctx);
  const state = currentUrl.searchParams.get('state');
  const flow = state ? await claimFlow(ctx, state) : undefined;
  if (!state || !flow)
    throw new SsoRefused('state', 'Unknown, expired or already used sign-in state');
  let claims: Record<string, unknown> | undefined;
  try {
    const config = await configuration(oidc);
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: flow.code_verifier,
      expectedState: state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims() as Record<string, unknown> | undefined;
  } catch (err) {
    throw new SsoRefused('refused', `The provider's answer was refused: ${String(err)}`);
  }
  const issuer = typeof claims?.iss === 'string' ? claims.iss : undefined;
  const subject = typeof claims?.sub === 'string' ? claims.sub : undefined;
  if (!claims || !issuer || !subject) throw new SsoRefused('refused', 'No ID token');
  return accountFor(ctx, oidc, issuer, subject, claims);
}

async function accountFor(
  ctx: AppContext,
  oidc: OidcConfig,
  issuer: string,
  subject: string,
  claims: Record<string, unknown>,
): Promise<string> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const known = await trx
      .selectFrom('user_identities as i')
      .innerJoin('users as u', 'u.id', 'i.user_id')
      .select(['u.id', 'u.disabled_at'])
      .where('i.issuer', '=', issuer)
      .where('i.subject', '=', subject)
      .executeTakeFirst();
    if (known) {
      if (known.disabled_at) throw new SsoRefused('disabled', 'This account is disabled');
      await trx
        .updateTable('user_identities')
        .set({ last_login_at: now.toISOString() })
        .where('issuer', '=', issuer)
        .where('subject', '=', subject)
        .execute();
      return known.id;
    }
    const email = claimText(claims, 'email')?.toLowerCase();
    const verified = claims.email_verified === true;
    const existing = email
      ? await trx
          .selectFrom('users')
          .select(['id', 'disabled_at', 'sso_link_until'])
          .where('email', '=', email)
          .executeTakeFirst()
      : undefined;
    if (existing) {
      // Never by email alone: only an admin's permission plus a verified email link them.
      const allowed =
        verified &&
        existing.sso_link_until != null &&
        Date.parse(existing.sso_link_until) > now.getTime();
      if (!allowed)
        throw new SsoRefused(
          'account_exists',
          'An account with this email exists; an administrator must allow linking it first',
        );
      if (existing.disabled_at) throw new SsoRefused('disabled', 'This account is disabled');
      await trx
        .insertInto('user_identities')
        .values({
          issuer,
          subject,
          user_id: existing.id,
          created_at: now.toISOString(),
          last_login_at: now.toISOString(),
        })
        .execute();
      await trx
        .updateTable('users')
        .set({ sso_link_until: null, updated_at: now.toISOString() })
        .where('id', '=', existing.id)
        .execute();
      await appendAudit(trx, {
        actorId: existing.id,
        entityType: 'user',
        entityId: existing.id,
        initiativeId: null,
        action: 'user.sso_linked',
        after: { issuer },
        at: now,
      });
      return existing.id;
    }
    if (!oidc.jit || !email)
      throw new SsoRefused('not_registered', 'No account for this person; ask an administrator');
    const sideClaim = claimText(claims, oidc.claims.side)?.toLowerCase();
    const row = {
      id: newId(),
      email,
      name: claimText(claims, 'name') ?? email.split('@')[0] ?? email,
      language: claimText(claims, 'locale')?.toLowerCase().startsWith('en')
        ? ('en' as const)
        : ('de' as const),
      department: claimText(claims, oidc.claims.department)?.slice(0, 100) ?? null,
      side: sideClaim === 'it' || sideClaim === 'business' ? sideClaim : oidc.defaultSide,
      role: isAdminByClaim(oidc, claims) ? ('admin' as const) : oidc.defaultRole,
      password_hash: null,
      invite_token_hash: null,
      invite_expires_at: null,
      disabled_at: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
    await trx.insertInto('users').values(row).execute();
    await trx
      .insertInto('user_identities')
      .values({
        issuer,
        subject,
        user_id: row.id,
        created_at: now.toISOString(),
        last_login_at: now.toISOString(),
      })
      .execute();
    await appendAudit(trx, {
      actorId: null,
      entityType: 'user',
      entityId: row.id,
      initiativeId: null,
      action: 'user.created',
      after: {
        email: row.email,
        name: row.name,
        role: row.role,
        side: row.side,
        department: row.department,
        singleSignOn: issuer,
      },
      at: now,
    });
    return row.id;
  });
}

/** Admin: the person's next single sign-on with this verified email links the account. */
export async function allowSsoLink(ctx: AppContext, actor: Actor, userId: string) {
  const now = ctx.now();
  const until = new Date(now.getTime() + LINK_TTL_MS).toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await findUserRow(trx, userId);
    await trx
      .updateTable('users')
      .set({ sso_link_until: until, updated_at: now.toISOString() })
      .where('id', '=', userId)
      .execute();
    await appendAudit(trx, {
      actorId: actor.id,
      entityType: 'user',
      entityId: userId,
      initiativeId: null,
      action: 'user.sso_link_allowed',
      after: { until },
      at: now,
    });
  });
  return { linkAllowedUntil: until };
}
