import { createPrivateKey, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (oidc-provider) on loopback for tests: one confidential
 * client, accounts the test defines, and an interaction that signs in whoever the test
 * names next (no login form). Its signing key is known to the test, so it can re-sign an
 * ID token with one claim wrong (audience, issuer, expiry, nonce) the way an attacker with
 * a stolen or foreign token would present it.
 */
export interface TestAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  [claim: string]: unknown;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** Who signs in at the next interaction. */
  signInAs: (sub: string) => void;
  /** Signs a JWT with the provider's own key (RS256, its kid). */
  signJwt: (payload: Record<string, unknown>) => string;
  close: () => Promise<void>;
}

/** The app's settings to sign in with `provider`, the app answering at `publicUrl`. */
export const oidcEnv = (provider: TestProvider, publicUrl: string) => ({
  PUBLIC_URL: publicUrl,
  OIDC_ISSUER: provider.issuer,
  OIDC_CLIENT_ID: provider.clientId,
  OIDC_CLIENT_SECRET: provider.clientSecret,
});

const b64url = (v: Buffer | string) => Buffer.from(v).toString('base64url');

export async function startTestProvider(redirectUris: string[]): Promise<TestProvider> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const accounts = new Map<string, TestAccount>();
  let next = '';
  const clientId = 'tandem-test';
  const clientSecret = `secret-${randomUUID()}`;

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomUUID()] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'locale', 'tandem_side', 'department', 'groups'],
    },
    // Put the scope's claims into the ID token (the app reads only the ID token).
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      return account ? { accountId: id, claims: () => account } : undefined;
    },
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      void (async () => {
        try {
          const details = await provider.interactionDetails(req, res);
          const grant = new provider.Grant({
            accountId: next,
            clientId: details.params.client_id ?? clientId,
          });
          grant.addOIDCScope('openid email profile');
          const grantId = await grant.save();
          await provider.interactionFinished(
            req,
            res,
            { login: { accountId: next }, consent: { grantId } },
            { mergeWithLastSubmission: false },
          );
        } catch (err) {
          res.statusCode = 500;
          res.end(String(err));
        }
      })();
      return;
    }
    handle(req, res);
  });

  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signInAs: (sub) => {
      next = sub;
    },
    signJwt: (payload) => {
      const head = b64url(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT' }));
      const body = b64url(JSON.stringify(payload));
      const signature = sign('sha256', Buffer.from(`${head}.${body}`), key);
      return `${head}.${body}.${b64url(signature)}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Follows the browser's redirects from the provider's authorization URL (keeping its
 * cookies) until it is sent back to `callbackPrefix`; returns that URL.
 */
export async function followToCallback(start: string, callbackPrefix: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = start;
  for (let i = 0; i < 10; i += 1) {
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`provider stopped at ${url}: ${res.status} ${await res.text()}`);
    url = new URL(location, url).href;
    if (url.startsWith(callbackPrefix)) return new URL(url);
  }
  throw new Error('too many redirects');
}
