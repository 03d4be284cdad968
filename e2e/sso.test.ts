import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProvider, type TestProvider } from '../src/server/test-support/oidc.js';
import { browserAvailable, launchBrowser, newContext, screenshotDir } from './support/browser.js';
import { freePort, type RunningServer, startTandem } from './support/server.js';

/**
 * Single sign-on in Chromium: the compiled server configured against a real OpenID Connect
 * provider (oidc-provider) running in this test process on loopback. The person clicks
 * "Sign in with Acme", the provider signs them in, and they land in Tandem with an account
 * created just in time.
 */
describe.skipIf(!browserAvailable())('single sign-on in Chromium', () => {
  let provider: TestProvider;
  let server: RunningServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  /** The app's address (its own PORT, so the provider knows the redirect URI up front). */
  let origin = '';

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    provider = await startTestProvider([`${origin}/api/auth/sso/callback`]);
    server = await startTandem({
      PORT: String(port),
      PUBLIC_URL: origin,
      TANDEM_DEMO: 'false',
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_DISPLAY_NAME: 'Acme',
      OIDC_JIT: 'on',
    });
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    await provider?.close();
  });

  it('signs in through the company sign-in and lands in Tandem', async () => {
    provider.accounts.set('e2e-1', {
      sub: 'e2e-1',
      email: 'jana.sso@acme.example',
      email_verified: true,
      name: 'Jana Single',
      locale: 'en',
    });
    provider.signInAs('e2e-1');
    const context = await newContext(browser, origin, 'en-US');
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Sign in with Acme' }).click();
    // Signed in, the bare address is My desk.
    await page.waitForURL((url) => url.pathname === '/');
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me).toMatchObject({ email: 'jana.sso@acme.example', name: 'Jana Single' });
    await page.screenshot({ path: path.join(screenshotDir, 'sso-signed-in.png') });
    await context.close();
  });

  it('explains a refused sign-in on the sign-in page', async () => {
    const context = await newContext(browser, origin, 'en-US');
    const page = await context.newPage();
    await page.goto('/api/auth/sso/callback?code=x&state=forged');
    await page
      .getByRole('alert')
      .getByText(/took too long or was already used/)
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });
});
