import { describe, expect, it } from 'vitest';
import { de, en } from '../src/web/i18n/resources.js';
import { browserAvailable, launchBrowser, newContext } from './support/browser.js';
import { startTandem } from './support/server.js';

/**
 * Each language's messages are a chunk of their own (i18n/index.ts, vite.config.ts): a page
 * loads the main chunk and only the language it starts in (public/early.js preloads it beside
 * the main chunk), and the other one only when someone switches to it, which shows the other
 * language's text at once, never a key.
 */

/** Every message text, flattened. */
const texts = (messages: object): string[] =>
  Object.values(messages).flatMap((v) => (typeof v === 'string' ? [v] : texts(v as object)));

/**
 * Texts that the build writes as they are (no quotes or escapes to change) and that are long
 * enough to be no accident: found in a chunk, that chunk carries the language's messages.
 */
const telling = (messages: object): string[] =>
  texts(messages).filter((t) => t.length >= 40 && /^[\p{L}\p{N} ,.;:()!?–—’-]+$/u.test(t));

const containing = (code: string, list: string[]) => list.filter((t) => code.includes(t));

describe.skipIf(!browserAvailable())('the messages of each language', () => {
  it('are in their own chunk, loaded for the language a page starts in, the other one at a switch', async () => {
    const server = await startTandem({
      TANDEM_DEMO: 'false',
      TANDEM_ADMIN_EMAIL: 'it-admin@example.com',
      TANDEM_ADMIN_PASSWORD: 'a-very-long-admin-password',
    });
    const { browser, close } = await launchBrowser();
    try {
      const html = await (await fetch(`${server.url}/login`)).text();
      const main = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
      const chunks = {
        de: /data-messages-de="([^"]+)"/.exec(html)?.[1],
        en: /data-messages-en="([^"]+)"/.exec(html)?.[1],
      };
      expect(main && chunks.de && chunks.en, html).toBeTruthy();
      const code = async (file = '') => (await fetch(`${server.url}${file}`)).text();
      const mainCode = await code(main);
      const sample = { de: telling(de), en: telling(en) };
      expect(sample.de.length).toBeGreaterThan(50);
      expect(sample.en.length).toBeGreaterThan(50);
      // Neither language in the main chunk, each in its own.
      expect(containing(mainCode, sample.de)).toEqual([]);
      expect(containing(mainCode, sample.en)).toEqual([]);
      for (const lang of ['de', 'en'] as const) {
        const own = await code(chunks[lang]);
        expect(containing(own, sample[lang])).toEqual(sample[lang]);
        expect(containing(own, sample[lang === 'de' ? 'en' : 'de'])).toEqual([]);
      }

      const context = await newContext(browser, server.url, 'de-DE');
      // Every text the page shows from its first draw on: a key (`auth.signIn`) would be a
      // draw before its messages were there.
      await context.addInitScript(() => {
        const shown: string[] = [];
        Object.assign(window, { shown });
        new MutationObserver(() => {
          const text = document.getElementById('root')?.innerText;
          if (text) shown.push(text);
        }).observe(document, { childList: true, subtree: true, characterData: true });
      });
      const page = await context.newPage();
      // The messages come late, after the session's answer: the app must wait for them
      // before it draws (and, at a switch, keep drawing the old language meanwhile).
      let heldBack = 0;
      await page.route(/\/assets\/resources\.(de|en)-[^/]*\.js$/, async (route) => {
        heldBack += 1;
        await new Promise((resolve) => setTimeout(resolve, 2000));
        await route.continue();
      });
      const loaded: string[] = [];
      page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
      // A message key as text: one of the top-level keys, a dot, more of the key.
      const key = new RegExp(`\\b(?:${Object.keys(en).join('|')})\\.[a-zA-Z]`);
      const keysShown = async () =>
        (await page.evaluate(() => (window as unknown as { shown: string[] }).shown)).filter((t) =>
          key.test(t),
        );

      // A German browser: German messages only, asked for by early.js beside the main chunk.
      await page.goto('/login');
      await page.getByRole('button', { name: 'Anmelden', exact: true }).waitFor();
      expect(await keysShown()).toEqual([]);
      // The hold-back did hold the messages back (the route matches the chunks' names).
      expect(heldBack).toBeGreaterThan(0);
      expect(loaded).toContain(chunks.de);
      expect(loaded).not.toContain(chunks.en);
      expect(await page.locator(`link[rel="modulepreload"][href="${chunks.de}"]`).count()).toBe(1);
      expect(await page.locator('html').getAttribute('lang')).toBe('de');

      // Switching to English loads English and shows it at once: the page goes from German
      // to English, with no key and no German left in between.
      await page.evaluate(() => {
        (window as unknown as { shown: string[] }).shown.length = 0;
      });
      await page.getByLabel('Sprache').getByText('EN', { exact: true }).click();
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
      expect(loaded).toContain(chunks.en);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByText('Anmelden', { exact: true }).count()).toBe(0);
      expect(await keysShown()).toEqual([]);
      const shownWhileSwitching = await page.evaluate(
        () => (window as unknown as { shown: string[] }).shown,
      );
      // Each draw is all German or all English: the heading and the button change together.
      for (const text of shownWhileSwitching) {
        const german = text.includes('Bei Tandem anmelden');
        const english = text.includes('Sign in to Tandem');
        expect(german || english, text).toBe(true);
        expect(german && english, text).toBe(false);
      }

      // The choice is kept: opened again, the page loads English only.
      loaded.length = 0;
      await page.reload();
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
      expect(loaded).toContain(chunks.en);
      expect(loaded).not.toContain(chunks.de);
      expect(await keysShown()).toEqual([]);

      // Signed in, the profile's language applies (loaded first if the page has not got it).
      await page.getByLabel('Email').fill('it-admin@example.com');
      await page.getByLabel('Password', { exact: true }).fill('a-very-long-admin-password');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/');
      const me = await (await page.request.get('/api/me')).json();
      const profile = (me as { language: 'de' | 'en' }).language;
      const other = profile === 'de' ? 'en' : 'de';
      await page
        .getByRole('heading', { name: profile === 'de' ? 'Mein Schreibtisch' : 'My desk' })
        .first()
        .waitFor();
      expect(loaded).toContain(chunks[profile]);
      expect(await keysShown()).toEqual([]);

      // A session resumed in a browser last set to the other language: the page starts in
      // that one (its messages alone, preloaded), then switches to the profile's once it
      // knows it (AppLayout useApplyProfileLanguage), after loading them; never a key between.
      await page.evaluate((lang) => localStorage.setItem('tandem-language', lang), other);
      loaded.length = 0;
      await page.goto('/goals');
      await page
        .getByRole('heading', { name: profile === 'de' ? 'Ziele' : 'Goals' })
        .first()
        .waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(profile);
      expect(loaded.indexOf(chunks[other] ?? '')).toBeGreaterThanOrEqual(0);
      expect(loaded.indexOf(chunks[profile] ?? '')).toBeGreaterThan(
        loaded.indexOf(chunks[other] ?? ''),
      );
      expect(await keysShown()).toEqual([]);
      await context.close();
    } finally {
      await close();
      await server.stop();
    }
  }, 120_000);
});
