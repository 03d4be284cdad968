import { randomBytes } from 'node:crypto';
import { type Document, Window } from 'happy-dom';
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, newContext } from './support/browser.js';
import { HttpClient } from './support/http.js';
import { useDemoWorkspace } from './support/workspace.js';

/**
 * The first screen of the list pages drawn on the server (src/web/ssr.tsx through
 * src/server/http/first-screen.ts), with the compiled server and the real server-side build:
 * the rows the signed-in person's API gives, in the page's order; nobody else gets them; a
 * hostile title stays text; and the app takes the drawn page over without loading it again.
 */

const DESKTOP =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

interface Row {
  id: string;
  title: string;
  updatedAt: string;
}

const byText = (a: string | null, b: string | null) => String(a).localeCompare(String(b));

const parse = (html: string): Document =>
  new new Window().DOMParser().parseFromString(html, 'text/html');

/** The initiatives' ids the drawn table links to, top down. */
const drawnIds = (doc: Document): string[] =>
  [...doc.querySelectorAll('#root tbody a[href^="/initiatives/"]')].map(
    (a) => a.getAttribute('href')?.slice('/initiatives/'.length) ?? '',
  );

/** How many portfolio rows the page drew. */
const drawnPortfolioRows = (doc: Document): number =>
  doc.querySelectorAll('#root [data-testid^="portfolio-row-"]').length;

/** The list page's default order (InitiativesTable sortInitiatives: changed, newest first). */
const newestFirst = (rows: Row[], lang: string): Row[] => {
  const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
  return [...rows].sort((a, b) =>
    a.updatedAt !== b.updatedAt
      ? a.updatedAt < b.updatedAt
        ? 1
        : -1
      : collator.compare(a.title, b.title),
  );
};

/** Someone on the IT side, to own an initiative's IT half. */
async function someoneOnTheItSide(http: HttpClient): Promise<string> {
  const people = await http.request<{ id: string; side: string }[]>('GET', '/api/people');
  const it = people.body.find((p) => p.side === 'it');
  if (!it) throw new Error('no IT person in the demo workspace');
  return it.id;
}

describe.skipIf(!browserAvailable())('the list pages’ first screen drawn on the server', () => {
  const workspace = useDemoWorkspace();

  const signedIn = async (prefix: string) => {
    const account = workspace.account(prefix);
    const http = new HttpClient(workspace.server.url);
    await http.login(account.email, account.password);
    return { http, account };
  };

  /** A desktop browser signed in as `account` (German), its pages drawn on the server. */
  const signedInDesktop = async (account: { email: string; password: string }) => {
    const context = await newContext(workspace.browser, workspace.server.url, 'de-DE', {
      userAgent: DESKTOP,
    });
    const login = await context.request.post('/api/auth/login', {
      data: { email: account.email, password: account.password },
      headers: { origin: workspace.server.url },
    });
    expect(login.status()).toBe(200);
    return context;
  };

  /** A new tab, with its errors (page and console) and its API requests (path and query). */
  const watchedTab = async (context: BrowserContext) => {
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const asked: string[] = [];
    tab.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) asked.push(`${u.pathname}${u.search}`);
    });
    return { tab, errors, asked };
  };

  it('draws the person’s own first rows; signed out or on a phone the page is empty', async () => {
    const { http } = await signedIn('anna@');
    // The demo workspace shows Anna four initiatives: two more of hers, changed last.
    const me = await http.request<{ id: string; language: string }>('GET', '/api/me');
    const itOwner = await someoneOnTheItSide(http);
    for (const title of ['Zuletzt geändert A', 'Zuletzt geändert B'])
      await http.createInitiative(title, me.body.id, itOwner);
    const page = await http.page('/initiatives', { 'user-agent': DESKTOP });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('vary')).toMatch(/cookie/i);
    const doc = parse(page.text);
    const lang = doc.documentElement.getAttribute('lang') ?? '';
    expect(lang).toBe(me.body.language);
    const api = await http.request<Row[]>('GET', '/api/initiatives');
    const drawn = drawnIds(doc);
    // A screen's worth of rows (all six here; the table draws those in its window).
    expect(drawn.length).toBeGreaterThanOrEqual(5);
    // The first rows of the page's own order, as the API gives them to this person.
    expect(drawn).toEqual(
      newestFirst(api.body, lang)
        .slice(0, drawn.length)
        .map((r) => r.id),
    );
    // The first row's title as text.
    const first = api.body.find((r) => r.id === drawn[0]);
    expect(doc.querySelector('#root tbody a')?.textContent).toBe(first?.title);
    // The answers it was drawn from, for the app to take.
    const answers = new Map(
      [...doc.querySelectorAll('script[data-answer]')].map((s) => [
        s.getAttribute('data-answer'),
        JSON.parse(s.textContent) as unknown,
      ]),
    );
    expect(
      [...answers.keys()].sort(byText),
      'the session, the list and the filters’ lists: what early.js would ask for',
    ).toEqual(['/departments', '/initiatives', '/me', '/people', '/stages']);
    expect((answers.get('/initiatives') as Row[]).map((r) => r.id).sort(byText)).toEqual(
      api.body.map((r) => r.id).sort(byText),
    );

    // The portfolio too.
    const portfolio = parse((await http.page('/portfolio', { 'user-agent': DESKTOP })).text);
    expect(
      portfolio.querySelectorAll('#root [data-testid^="portfolio-row-"]').length,
    ).toBeGreaterThanOrEqual(5);

    // Nobody signed in, or a cookie of nobody: the app's page alone, its root empty.
    const anonymous = new HttpClient(workspace.server.url);
    for (const headers of [{}, { cookie: 'tandem_session=nobody' }] as Record<string, string>[]) {
      const plain = await anonymous.page('/initiatives', { 'user-agent': DESKTOP, ...headers });
      expect(plain.status).toBe(200);
      expect(plain.text).toContain('<div id="root"></div>');
      expect(plain.text).not.toContain('data-answer');
      expect(plain.headers.get('cache-control')).toBe('no-cache');
    }
    // A phone (its UA, or its client hint): the app draws cards there, by the screen's width.
    for (const headers of [{ 'user-agent': IPHONE }, { 'sec-ch-ua-mobile': '?1' }] as Record<
      string,
      string
    >[]) {
      const plain = await http.page('/initiatives', { 'user-agent': DESKTOP, ...headers });
      expect(plain.text).toContain('<div id="root"></div>');
      expect(plain.text).not.toContain('data-answer');
    }
  });

  it('a hostile title is text in the drawn page, also with the app’s code blocked', async () => {
    const { http, account } = await signedIn('anna@');
    const mark = `ssr-${randomBytes(4).toString('hex')}`;
    const title = `</script><script>alert(1)</script> & "Ü" <!-- ${mark}`;
    const me = await http.request<{ id: string }>('GET', '/api/me');
    const created = await http.createInitiative(title, me.body.id, await someoneOnTheItSide(http));
    expect(created.id).toBeTruthy();
    // The whole hostile text in the address too (the search box's value, the answer's path).
    const url = `/initiatives?${new URLSearchParams({ q: title }).toString()}`;

    const page = await http.page(url, { 'user-agent': DESKTOP });
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).not.toMatch(/<!-- ssr-/);
    const doc = parse(page.text);
    expect(drawnIds(doc)).toEqual([created.id]);
    expect(doc.querySelector('#root tbody a')?.textContent).toBe(title);
    // Nothing outside the page's own scripts: the answers are data, early.js and the app code.
    for (const s of doc.querySelectorAll('script:not([src])'))
      expect(s.getAttribute('type')).toBe('application/json');

    // In Chromium, with the app's own code blocked: what shows is the server's page alone.
    const context = await newContext(workspace.browser, workspace.server.url, 'de-DE', {
      userAgent: DESKTOP,
    });
    try {
      await context.route(/\/assets\/(index|lists)-[^/]*\.js$/, (route) => route.abort());
      const login = await context.request.post('/api/auth/login', {
        data: { email: account.email, password: account.password },
        headers: { origin: workspace.server.url },
      });
      expect(login.status()).toBe(200);
      const tab = await context.newPage();
      const dialogs: string[] = [];
      tab.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await tab.goto(url);
      const link = tab.locator('#root tbody a').first();
      expect(await link.textContent()).toBe(title);
      expect(await tab.locator('#root tbody tr').count()).toBe(1);
      // The app's code did not run (blocked): this is the drawn page, not the app's.
      expect(await tab.evaluate(() => document.querySelectorAll('[data-answer]').length)).toBe(5);
      expect(dialogs).toEqual([]);
    } finally {
      // Throws on any Content-Security-Policy violation (an injected inline script would be one).
      await context.close();
    }
  });

  it('the app takes the drawn page over and opens a row without loading the page again', async () => {
    const account = workspace.account('anna@');
    const context = await signedInDesktop(account);
    try {
      const { tab, errors, asked } = await watchedTab(context);
      // Marks the drawn rows once the page is parsed, before the app's code runs (module
      // scripts run after "interactive"): the app takes them over (hydration).
      await context.addInitScript(() => {
        document.addEventListener('readystatechange', () => {
          if (document.readyState !== 'interactive') return;
          const drawn = document.querySelectorAll('#root tbody a[href^="/initiatives/"]');
          for (const a of drawn) a.setAttribute('data-drawn', '');
          Object.assign(window, { drawnRows: drawn.length });
        });
      });
      await tab.goto('/initiatives');
      const first = tab.locator('#root tbody a[href^="/initiatives/"]').first();
      await first.waitFor();
      expect(
        await tab.evaluate(() => (window as { drawnRows?: number }).drawnRows),
        'the rows drawn on the server',
      ).toBeGreaterThanOrEqual(3);
      // The app has taken the drawn rows over, as the same elements (a page it had to draw
      // anew would have lost the marks), without a hydration error.
      await tab.locator('html[data-list-ready]').waitFor({ state: 'attached' });
      expect(await first.getAttribute('data-drawn')).toBe('');
      expect(errors).toEqual([]);
      const drawnTitle = await first.textContent();
      expect(drawnTitle).toBeTruthy();
      // Nothing the page brought was asked for again (by path, whatever its query).
      const paths = asked.map((a) => a.split('?')[0]);
      for (const path of [
        '/api/me',
        '/api/initiatives',
        '/api/stages',
        '/api/people',
        '/api/departments',
      ])
        expect(paths, path).not.toContain(path);
      await tab.evaluate(() => Object.assign(window, { tandemSamePage: true }));
      const href = await first.getAttribute('href');
      await first.click();
      await tab.waitForURL((u) => u.pathname === href);
      await tab
        .getByRole('heading', { name: drawnTitle ?? '', exact: true })
        .first()
        .waitFor();
      expect(await tab.evaluate(() => 'tandemSamePage' in window)).toBe(true);
    } finally {
      await context.close();
    }
  });
  it('a large list goes by its version, not in the page: early.js asks for it, and the app takes the page over only in that version', async () => {
    const { http, account } = await signedIn('anna@');
    const me = await http.request<{ id: string; language: string }>('GET', '/api/me');
    const itOwner = await someoneOnTheItSide(http);
    // Enough initiatives for the portfolio's answer to pass the server's embedding limit
    // (EMBED_MAX_BYTES, 64 KiB; a new one is about 0.9 kB there).
    for (let i = 1; i <= 90; i += 1)
      await http.createInitiative(
        `Großes Portfolio ${String(i).padStart(2, '0')}`,
        me.body.id,
        itOwner,
      );
    const lang = me.body.language;
    const data = `/portfolio?lang=${lang}`;
    const doc = parse((await http.page('/portfolio', { 'user-agent': DESKTOP })).text);
    const asks = JSON.parse(doc.documentElement.getAttribute('data-ask') ?? '{}') as Record<
      string,
      string
    >;
    const current = await http.page(`/api${data}`, { accept: 'application/json' });
    expect(Buffer.byteLength(current.text)).toBeGreaterThan(64 * 1024);
    // Named with the version it was drawn from, not put in the page; the small ones are.
    expect(asks).toEqual({ [data]: current.headers.get('etag') });
    const given = [...doc.querySelectorAll('script[data-answer]')].map((s) =>
      s.getAttribute('data-answer'),
    );
    expect(given).not.toContain(data);
    expect(given).toEqual(expect.arrayContaining(['/me', '/stages', '/departments', '/people']));
    expect(drawnPortfolioRows(doc)).toBeGreaterThanOrEqual(5);

    const context = await signedInDesktop(account);
    try {
      await context.addInitScript(() => {
        document.addEventListener('readystatechange', () => {
          if (document.readyState !== 'interactive') return;
          for (const a of document.querySelectorAll('#root tbody a'))
            a.setAttribute('data-drawn', '');
        });
      });
      const open = async (): Promise<{ errors: string[]; asked: string[] }> => {
        const { tab, errors, asked } = await watchedTab(context);
        await tab.goto('/portfolio');
        await tab.locator('html[data-list-ready]').waitFor({ state: 'attached' });
        await tab.locator('[data-testid^="portfolio-row-"] a').first().waitFor();
        const marked = await tab.locator('[data-testid^="portfolio-row-"] a[data-drawn]').count();
        await tab.close();
        return { errors, asked: [...asked, `marked:${marked > 0}`] };
      };
      // The version drawn: asked for once (early.js), and the drawn rows taken over as they
      // are (hydrated: they keep the marks set before the app ran).
      const same = await open();
      expect(same.errors).toEqual([]);
      expect(same.asked.filter((a) => a === `/api${data}`)).toHaveLength(1);
      expect(same.asked).toContain('marked:true');
      for (const small of ['/api/me', '/api/stages', '/api/departments', '/api/people'])
        expect(same.asked, small).not.toContain(small);

      // Changed between the drawing and the app's answer (another version comes back): the
      // app draws the page anew from what it got, without an error.
      await context.route(`**/api${data}`, async (route) => {
        const res = await route.fetch();
        // The body as fetched (decoded), so without its encoding's headers.
        const headers = Object.fromEntries(
          Object.entries(res.headers()).filter(
            ([name]) => name !== 'content-encoding' && name !== 'content-length',
          ),
        );
        await route.fulfill({
          status: res.status(),
          body: await res.body(),
          headers: { ...headers, etag: 'W/"changed-since-drawn"' },
        });
      });
      const changed = await open();
      expect(changed.errors).toEqual([]);
      expect(changed.asked.filter((a) => a === `/api${data}`)).toHaveLength(1);
      expect(changed.asked).toContain('marked:false');
    } finally {
      await context.close();
    }
  });
});
