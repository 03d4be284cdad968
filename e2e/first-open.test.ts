import { describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, newContext } from './support/browser.js';
import { startTandem, type RunningServer } from './support/server.js';

/**
 * The address the README gives, opened cold in a browser: on a fresh install with only an
 * admin, and on the demo workspace. It must show the app (sign-in, then the home page), never
 * an error document, and under the app's Content-Security-Policy.
 */
describe.skipIf(!browserAvailable())('opening http://localhost:3000 for the first time', () => {
  const open = async (server: RunningServer, email: string, password: string) => {
    const { browser, close } = await launchBrowser();
    try {
      const context = await newContext(browser, server.url, 'en-US');
      const page = await context.newPage();
      const response = await page.goto('/');
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toMatch(/text\/html/);
      expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
      // Not signed in: the app itself sends us to sign in.
      await page.waitForURL(/\/login$/);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // The home page is My desk (in the person's language), and `/` again is it once signed in.
      const desk = /^(My desk|Mein Schreibtisch)$/;
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByRole('heading', { name: desk }).first().waitFor();
      await page.goto('/');
      await page.getByRole('heading', { name: desk }).first().waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      // The first entry of the navigation.
      const first = page
        .getByRole('navigation', { name: /^(Main navigation|Hauptnavigation)$/ })
        .getByRole('link')
        .first();
      expect(await first.getAttribute('href')).toBe('/');
      // A deep link opened cold works as well.
      await page.goto('/goals');
      await page
        .getByRole('heading', { name: /^(Goals|Ziele)$/ })
        .first()
        .waitFor();
      // The API's docs page works under the same policy.
      await page.goto('/api/docs');
      await page.getByText('Tandem API').first().waitFor();
      await context.close();
    } finally {
      await close();
    }
  };

  it('a fresh install (no demo): / shows sign-in, then the home page', async () => {
    const server = await startTandem({
      TANDEM_DEMO: 'false',
      TANDEM_ADMIN_EMAIL: 'it-admin@example.com',
      TANDEM_ADMIN_PASSWORD: 'a-very-long-admin-password',
    });
    try {
      await open(server, 'it-admin@example.com', 'a-very-long-admin-password');
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('the demo workspace: / shows sign-in, then the home page', async () => {
    const server = await startTandem({ TANDEM_DEMO: 'true' });
    try {
      const anna = server.credentials.find((c) => c.email.startsWith('anna@'));
      if (!anna) throw new Error(`no demo account in:\n${server.output()}`);
      await open(server, anna.email, anna.password);
    } finally {
      await server.stop();
    }
    // Seeding the demo workspace alone takes half a minute on a busy machine.
  }, 120_000);

  it('a list page opened cold asks for its data once (early.js hands it over); signed out it shows sign-in', async () => {
    const server = await startTandem({ TANDEM_DEMO: 'true' });
    const { browser, close } = await launchBrowser();
    try {
      const anna = server.credentials.find((c) => c.email.startsWith('anna@'));
      if (!anna) throw new Error(`no demo account in:\n${server.output()}`);
      const context = await newContext(browser, server.url, 'de-DE');
      const page = await context.newPage();
      const api: string[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/api/'))
          api.push(`${r.method()} ${url.pathname}${url.search}`);
      });
      // Signed out, a deep link to the list: the early 401 is "nobody", so sign-in it is.
      await page.goto('/initiatives?status=active');
      await page.waitForURL(/\/login/);
      expect(api.filter((r) => r === 'GET /api/me')).toHaveLength(1);
      await page.getByLabel('E-Mail').fill(anna.email);
      await page.getByLabel('Passwort', { exact: true }).fill(anna.password);
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.waitForURL((url) => url.pathname !== '/login');
      for (const [path, endpoint, data, row] of [
        [
          '/initiatives?status=active',
          'GET /api/initiatives',
          'GET /api/initiatives?status=active',
          'tbody tr a',
        ],
        // In the language of the profile, which sign-in applied and stored.
        [
          '/portfolio',
          'GET /api/portfolio',
          'GET /api/portfolio?lang=',
          '[data-testid^="portfolio-row-"] a',
        ],
      ] as const) {
        api.length = 0;
        await page.goto(path);
        await page.locator(row).first().waitFor();
        // The session and the page's data: each asked for exactly once at the start.
        expect(api.filter((r) => r === 'GET /api/me')).toHaveLength(1);
        // The endpoint itself, not others under it (the portfolio's 90-day trend, /history).
        const asked = api.filter((r) => r === endpoint || r.startsWith(`${endpoint}?`));
        expect(asked).toHaveLength(1);
        expect(asked[0]?.startsWith(data)).toBe(true);
        // The filters' lists too (early.js asks for them in the same round).
        for (const list of ['GET /api/stages', 'GET /api/departments', 'GET /api/people'])
          expect(api.filter((r) => r === list).length, list).toBe(1);
      }
      // The first screen's code is marked for V8 to compile in the background as it streams
      // in (vite.config.ts compileHints): the main chunk and the list pages' chunk.
      const html = await (await page.request.get('/initiatives')).text();
      const main = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
      const lists = /data-lists-js="([^"]+)"/.exec(html)?.[1];
      for (const file of [main, lists]) {
        expect(file).toBeTruthy();
        const code = await (await page.request.get(file ?? '')).text();
        expect(code.startsWith('//# allFunctionsCalledOnLoad\n'), file).toBe(true);
      }
      await context.close();
    } finally {
      await close();
      await server.stop();
    }
  }, 120_000);
});
