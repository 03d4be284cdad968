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

  it('a list page opened cold brings its data in the page (drawn on the server) or asks for it once (early.js); signed out it shows sign-in', async () => {
    const server = await startTandem({ TANDEM_DEMO: 'true' });
    const { browser, close } = await launchBrowser();
    try {
      const anna = server.credentials.find((c) => c.email.startsWith('anna@'));
      if (!anna) throw new Error(`no demo account in:\n${server.output()}`);
      const context = await newContext(browser, server.url, 'de-DE');
      // The rows the server drew, marked once the page is parsed and before the app's code
      // runs (module scripts run after "interactive"): the app takes them over (hydration).
      await context.addInitScript(() => {
        document.addEventListener('readystatechange', () => {
          if (document.readyState !== 'interactive') return;
          const drawn = document.querySelectorAll('#root a');
          for (const a of drawn) a.setAttribute('data-drawn', '');
          Object.assign(window, { drawnLinks: drawn.length });
        });
      });
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
      // Nothing was drawn on the server for nobody.
      expect(await page.evaluate(() => (window as { drawnLinks?: number }).drawnLinks)).toBe(0);
      await page.getByLabel('E-Mail').fill(anna.email);
      await page.getByLabel('Passwort', { exact: true }).fill(anna.password);
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.waitForURL((url) => url.pathname !== '/login');
      // Back at the list (inside the app): its requests are out before the cold opens below.
      await page.locator('tbody tr a').first().waitFor();
      for (const [path, endpoint, data, row] of [
        [
          '/initiatives?status=active',
          'GET /api/initiatives',
          '/initiatives?status=active',
          'tbody tr a',
        ],
        // In the language of the profile, which sign-in applied and stored.
        [
          '/portfolio',
          'GET /api/portfolio',
          '/portfolio?lang=de',
          '[data-testid^="portfolio-row-"] a',
        ],
      ] as const) {
        api.length = 0;
        const sent = (await (await page.goto(path))?.text()) ?? '';
        // The server drew the first rows (a screen of them) …
        expect(
          await page.evaluate(() => (window as { drawnLinks?: number }).drawnLinks),
          path,
        ).toBeGreaterThanOrEqual(5);
        // … and the app has taken them over as they are (hydrated, in the same time zone):
        // the very elements the server drew, not drawn anew.
        await page.locator('html[data-list-ready]').waitFor({ state: 'attached' });
        await page.locator(row).first().waitFor();
        expect(await page.locator(`${row}:not([data-drawn])`).count(), path).toBe(0);
        // The page brought the answers it was drawn from: the session, the page's data and
        // the filters' lists, each under the address the app asks for it by …
        const given = [...sent.matchAll(/data-answer="([^"]*)"/g)].map((m) =>
          (m[1] ?? '')
            .replace(/&quot;/g, '"')
            .replace(/&lt;/g, '<')
            .replace(/&amp;/g, '&'),
        );
        for (const answer of [data, '/me', '/stages', '/departments', '/people'])
          expect(given, path).toContain(answer);
        // … which the app took (and let go of) at its start.
        expect(await page.locator('script[data-answer]').count(), path).toBe(0);
        // So the app asked the server for none of them (early.js and its start take them).
        expect(api.filter((r) => r === 'GET /api/me')).toEqual([]);
        // The endpoint itself, not others under it (the portfolio's 90-day trend, /history).
        expect(api.filter((r) => r === endpoint || r.startsWith(`${endpoint}?`))).toEqual([]);
        for (const list of ['GET /api/stages', 'GET /api/departments', 'GET /api/people'])
          expect(
            api.filter((r) => r === list),
            list,
          ).toEqual([]);
      }
      // A page the server does not draw: early.js asks for the session, once.
      api.length = 0;
      await page.goto('/goals');
      await page
        .getByRole('heading', { name: /^(Goals|Ziele)$/ })
        .first()
        .waitFor();
      expect(api.filter((r) => r === 'GET /api/me')).toHaveLength(1);
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
