import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { FastifyRequest } from 'fastify';
import { type Document, Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../test-support/dialects.js';
import { createTestApp, type TestApp, type TestUser } from '../test-support/test-app.js';
import {
  fillPage,
  jsonInHtml,
  looksLikePhone,
  MAX_DRAWING,
  ssrFileFor,
  timeBudget,
} from './first-screen.js';

/**
 * The first screen drawn on the server (first-screen.ts) without a Vite build: the page it
 * fills, the JSON it embeds, who gets it, and the wiring into the web app with a stand-in for
 * dist/web-ssr/ssr.js. The real ssr.tsx is covered in the browser (e2e/first-screen.test.ts).
 */

/** The built index.html, as Vite writes it (its tags in this order). */
const INDEX = `<!doctype html>
<html lang="de">
  <head>
    <meta charset="UTF-8" />
    <title>Tandem</title>
    <script src="/early.js" data-lists-js="/assets/lists-abc.js" data-lists-css="/assets/lists-abc.css" data-messages-de="/assets/resources.de-abc.js" data-messages-en="/assets/resources.en-abc.js"></script>
    <script src="/color-scheme.js"></script>
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

/** A page parsed as a browser parses it. */
function parse(html: string): Document {
  const window = new Window();
  return new window.DOMParser().parseFromString(html, 'text/html');
}

/** The answers embedded in a page, by path, as early.js reads them. */
function embedded(doc: Document): [string | null, unknown][] {
  return [...doc.querySelectorAll('script[data-answer]')].map((s) => [
    s.getAttribute('data-answer'),
    JSON.parse(s.textContent ?? ''),
  ]);
}

describe('fillPage', () => {
  const answers = new Map([
    ['/me', JSON.stringify({ id: 'p1', name: 'Ada' })],
    ['/initiatives?status=active', JSON.stringify([{ id: 'i1', title: 'One' }])],
  ]);
  const filled = fillPage(INDEX, {
    html: '<table><tbody><tr><td>One</td></tr></tbody></table>',
    lang: 'en',
    timeZone: 'Europe/Berlin',
    answers,
  });

  it('puts the drawn markup into the root, with the language and the light colour scheme', () => {
    expect(filled).toBeDefined();
    const doc = parse(filled ?? '');
    expect(doc.getElementById('root')?.innerHTML).toBe(
      '<table><tbody><tr><td>One</td></tr></tbody></table>',
    );
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(doc.documentElement.getAttribute('data-mantine-color-scheme')).toBe('light');
    // The time zone its times are in: the app takes the page over only in the same one.
    expect(doc.getElementById('root')?.getAttribute('data-time-zone')).toBe('Europe/Berlin');
    // One root, one html element: nothing doubled.
    expect(filled?.match(/<div id="root"/g)).toHaveLength(1);
    expect(filled?.match(/<html /g)).toHaveLength(1);
  });

  it('links the list pages’ style sheet in the head (the drawn rows are laid out at once)', () => {
    const doc = parse(filled ?? '');
    const links = [...doc.head.querySelectorAll('link[rel="stylesheet"]')];
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['/assets/lists-abc.css']);
    // In the CORS mode of early.js's preload (crossorigin=""): the preloaded file is reused.
    expect(links[0]?.getAttribute('crossorigin')).toBe('');
  });

  it('preloads the messages of the language it is drawn in, not the other’s', () => {
    for (const lang of ['de', 'en']) {
      const doc = parse(fillPage(INDEX, { html: 'x', lang }) ?? '');
      const links = [...doc.head.querySelectorAll('link[rel="modulepreload"]')];
      expect(links.map((l) => l.getAttribute('href'))).toEqual([
        `/assets/resources.${lang}-abc.js`,
      ]);
      // In the CORS mode of the app's own import: the preloaded module is reused.
      expect(links[0]?.getAttribute('crossorigin')).toBe('');
    }
  });

  it('no lists style sheet named: no link', () => {
    const page = fillPage(INDEX.replace(/ data-lists-css="[^"]*"/, ''), { html: 'x', lang: 'en' });
    expect(page).toBeDefined();
    expect(page).not.toContain('rel="stylesheet"');
  });

  it('embeds each answer after the markup (not before the first paint), the page marked drawn', () => {
    const doc = parse(filled ?? '');
    expect(embedded(doc)).toEqual([
      ['/me', { id: 'p1', name: 'Ada' }],
      ['/initiatives?status=active', [{ id: 'i1', title: 'One' }]],
    ]);
    // early.js asks for nothing on a drawn page; the app takes the answers (api/client.ts).
    expect(doc.documentElement.hasAttribute('data-drawn')).toBe(true);
    const scripts = [...doc.querySelectorAll('script')];
    const early = scripts.findIndex((s) => s.getAttribute('src') === '/early.js');
    expect(early).toBeGreaterThanOrEqual(0);
    for (const s of scripts.filter((x) => x.hasAttribute('data-answer'))) {
      expect(s.getAttribute('type')).toBe('application/json');
      expect(s.parentElement?.tagName).toBe('BODY');
      expect(filled?.indexOf(s.outerHTML)).toBeGreaterThan(filled?.indexOf('<div id="root"') ?? 0);
    }
    // early.js keeps its build attributes (the list pages' code to preload).
    expect(scripts[early]?.getAttribute('data-lists-js')).toBe('/assets/lists-abc.js');
  });

  it('a page without the root (or without early.js) is left alone: undefined', () => {
    expect(fillPage(INDEX.replace('<div id="root"></div>', ''), { html: 'x', lang: 'en' })).toBe(
      undefined,
    );
    expect(
      fillPage(INDEX.replace('<script src="/early.js"', '<script src="/other.js"'), {
        html: 'x',
        lang: 'en',
      }),
    ).toBe(undefined);
  });

  it('markup with $-patterns is put in as it is (no replacement patterns)', () => {
    const html = "<p>$&amp; $' $` $$ $1</p>";
    const page = fillPage(INDEX, { html, lang: 'de', answers: new Map([['/me', '"$&"']]) });
    expect(parse(page ?? '').getElementById('root')?.innerHTML).toBe(html);
    expect(embedded(parse(page ?? ''))).toEqual([['/me', '$&']]);
  });
});

/** Texts that end or bend a script element, or JSON in JavaScript, or an attribute. */
const NASTY = [
  '</script>',
  '</SCRIPT >',
  '<script>',
  '<!--',
  '-->',
  '<',
  '>',
  '"',
  "'",
  '&',
  '&amp;',
  '\\',
  '\u2028',
  '\u2029',
  '\u0000',
  'Ü',
  '😀',
  '/',
  ']]>',
  ' ',
];
const nastyString = fc
  .array(fc.oneof(fc.constantFrom(...NASTY), fc.string()), { maxLength: 8 })
  .map((parts) => parts.join(''));
const nastyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    fc.jsonValue(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nastyString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('the answers in the page', () => {
  it('jsonInHtml: no "<" is left, and the JSON means the same', () => {
    fc.assert(
      fc.property(nastyJson, (value) => {
        const json = JSON.stringify(value);
        const safe = jsonInHtml(json);
        expect(safe).not.toContain('<');
        // What the JSON meant (JSON has no -0 or undefined: compare with its own reading).
        expect(JSON.parse(safe)).toEqual(JSON.parse(json));
      }),
      { numRuns: 300 },
    );
  });

  it('a whole filled page parses back (a real HTML parser) into the same answers, under the same paths', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.tuple(
            nastyString.map((s) => `/${s}`),
            nastyJson,
          ),
          {
            selector: ([p]) => p,
            maxLength: 4,
          },
        ),
        (pairs) => {
          const answers = new Map(pairs.map(([p, v]) => [p, JSON.stringify(v)]));
          const page = fillPage(INDEX, { html: '<p id="drawn">drawn</p>', lang: 'en', answers });
          const doc = parse(page ?? '');
          expect(embedded(doc)).toEqual(pairs.map(([p, v]) => [p, JSON.parse(JSON.stringify(v))]));
          // Nothing leaked out of the answers into the page: the root and early.js as drawn.
          expect(doc.getElementById('root')?.innerHTML).toBe('<p id="drawn">drawn</p>');
          expect(doc.querySelectorAll('script:not([data-answer])')).toHaveLength(3);
          expect(doc.querySelectorAll('script[src="/early.js"]')).toHaveLength(1);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the large answers named on <html data-ask> parse back (a real HTML parser) to the same paths and versions', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          nastyString.map((s) => `/${s}`),
          nastyString.map((s) => `W/"${s}"`),
          { maxKeys: 3 },
        ),
        (asks) => {
          const page = fillPage(INDEX, {
            html: '<p id="drawn">drawn</p>',
            lang: 'en',
            asks: new Map(Object.entries(asks)),
          });
          const doc = parse(page ?? '');
          const attribute = doc.documentElement.getAttribute('data-ask');
          // No attribute at all when nothing is named (early.js then asks for nothing).
          if (Object.keys(asks).length === 0) expect(attribute).toBeNull();
          else expect(JSON.parse(attribute ?? '')).toEqual(asks);
          // Nothing leaked out of the attribute into the page.
          expect(doc.documentElement.getAttribute('lang')).toBe('en');
          expect(doc.documentElement.hasAttribute('data-drawn')).toBe(true);
          expect(doc.getElementById('root')?.innerHTML).toBe('<p id="drawn">drawn</p>');
          expect(doc.querySelectorAll('script')).toHaveLength(3);
        },
      ),
      { numRuns: 150 },
    );
  });

  it.each([
    ['a closing script tag', { title: '</script><script>alert(1)</script>' }],
    ['a comment opener', { title: '<!--<script>' }],
    ['the line separators', { title: 'a\u2028b\u2029c' }],
  ])('%s stays inside its element', (_name, value) => {
    const page = fillPage(INDEX, {
      html: '',
      lang: 'en',
      answers: new Map([['/x?a="1"&b=<2>', JSON.stringify(value)]]),
    });
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<!--');
    expect(embedded(parse(page ?? ''))).toEqual([['/x?a="1"&b=<2>', value]]);
  });
});

describe('timeBudget', () => {
  it('allows while time is left, refills at its share up to the burst, and may be overdrawn', () => {
    let now = 0;
    const budget = timeBudget(0.1, 200, () => now);
    expect(budget.allows()).toBe(true);
    budget.spend(150);
    expect(budget.allows()).toBe(true); // 50 left
    budget.spend(120); // overdrawn: -70
    expect(budget.allows()).toBe(false);
    now += 600; // +60 → -10
    expect(budget.allows()).toBe(false);
    now += 200; // +20 → 10
    expect(budget.allows()).toBe(true);
    now += 1_000_000; // never beyond the burst
    budget.spend(199);
    expect(budget.allows()).toBe(true);
    budget.spend(1);
    expect(budget.allows()).toBe(false);
  });
});

describe('looksLikePhone', () => {
  const request = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;
  const UA = {
    iPhoneSafari:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    androidChrome:
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
    androidFirefox: 'Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0',
    iPod: 'Mozilla/5.0 (iPod touch; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.0 Mobile/15E148 Safari/604.1',
    desktopChrome:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    desktopFirefox:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
    desktopEdge:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
    macSafari:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    // iPadOS 13+ Safari calls itself a Mac: a tablet gets the drawn (table) page.
    iPad: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    // Older iPad Safari: "iPad … Mobile/", no phone's word (\bMobi\b is not "Mobile").
    oldIPad:
      'Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1',
  };

  it.each([
    ['iPhone Safari', UA.iPhoneSafari, true],
    ['Android Chrome', UA.androidChrome, true],
    ['Android Firefox', UA.androidFirefox, true],
    ['iPod', UA.iPod, true],
    ['desktop Chrome', UA.desktopChrome, false],
    ['desktop Firefox', UA.desktopFirefox, false],
    ['desktop Edge', UA.desktopEdge, false],
    ['macOS Safari', UA.macSafari, false],
    ['iPad (desktop mode)', UA.iPad, false],
    ['no user agent', '', false],
  ])('%s: by its user agent', (_name, ua, phone) => {
    expect(looksLikePhone(request(ua ? { 'user-agent': ua } : {}))).toBe(phone);
  });

  it('an iPad (≥ 768 px wide: the table, as drawn) is no phone, though its Safari says "Mobile/"', () => {
    expect(looksLikePhone(request({ 'user-agent': UA.oldIPad }))).toBe(false);
  });

  it('the client hint wins over the user agent, both ways', () => {
    expect(
      looksLikePhone(request({ 'sec-ch-ua-mobile': '?1', 'user-agent': UA.desktopChrome })),
    ).toBe(true);
    expect(
      looksLikePhone(request({ 'sec-ch-ua-mobile': '?0', 'user-agent': UA.androidChrome })),
    ).toBe(false);
    expect(looksLikePhone(request({ 'sec-ch-ua-mobile': '?1' }))).toBe(true);
    expect(looksLikePhone(request({ 'sec-ch-ua-mobile': '?0' }))).toBe(false);
  });
});

/**
 * A stand-in for dist/web-ssr/ssr.js: draws /initiatives from the server's own /api/me and
 * /api/stages (and asks for a missing route, whose 404 must not be embedded); nobody signed in
 * → undefined; `?boom` → throws.
 */
const FAKE_SSR = `
export const FIRST_SCREEN_PATHS = ['/initiatives'];
export async function renderFirstScreen(url, ask) {
  globalThis.__fakeFirstScreen.push(url);
  if (url.includes('boom')) throw new Error('boom');
  if (url.includes('hold')) await globalThis.__fakeHold;
  const me = await ask('/api/me', {});
  if (me.status !== 200) return undefined;
  const person = await me.json();
  const stages = await (await ask('/api/stages', {})).json();
  await ask('/api/no-such-route', {});
  return {
    html: '<p id="drawn">' + person.email + ' ' + stages.length + ' ' + url + '</p>',
    lang: person.language,
  };
}
`;

const dialects = await testDialects();

/** The URLs the stand-in was asked to draw. */
const drawnUrls: string[] = [];
Object.assign(globalThis, { __fakeFirstScreen: drawnUrls });

describe.each(dialects)('the web app with a server-drawn first screen (%s)', (dialect) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-ssr-'));
  const webDir = path.join(dir, 'web');
  let t: TestApp;
  let ada: TestUser;
  beforeAll(async () => {
    fs.mkdirSync(webDir);
    fs.writeFileSync(path.join(webDir, 'index.html'), INDEX);
    fs.mkdirSync(path.dirname(ssrFileFor(webDir)));
    fs.writeFileSync(ssrFileFor(webDir), FAKE_SSR);
    t = await createTestApp(dialect, {}, { webDir });
    ada = await t.user({ name: 'Ada </script><script>alert(1)</script> <!-- & "Ü"' });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const DESKTOP =
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
  const open = (url: string, user?: TestUser, headers: Record<string, string> = {}) =>
    t.inject({ method: 'GET', url, user, headers: { 'user-agent': DESKTOP, ...headers } });

  /** The plain index.html, as without a server-side build. */
  const expectPlain = (res: Awaited<ReturnType<typeof open>>) => {
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(INDEX);
  };

  it('signed in: the page drawn for the person, with the answers it was drawn from', async () => {
    const res = await open('/initiatives?status=active', ada);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    // Per person: never kept by a shared cache, never handed to another cookie.
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.vary).toMatch(/\bcookie\b/i);
    // Exactly what the API gives this person (the same cookie): early.js hands it to the app.
    const me = await t.inject({ method: 'GET', url: '/api/me', user: ada });
    const stages = await t.inject({ method: 'GET', url: '/api/stages', user: ada });
    const doc = parse(res.body);
    expect(doc.getElementById('drawn')?.textContent).toBe(
      `${ada.email} ${stages.json<unknown[]>().length} /initiatives?status=active`,
    );
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    const answers = new Map(embedded(doc));
    expect([...answers.keys()]).toEqual(['/me', '/stages']);
    expect(answers.get('/me')).toEqual(me.json());
    expect(answers.get('/stages')).toEqual(stages.json());
    // The name with a closing script tag stays a JSON string.
    expect(res.body).not.toContain('<script>alert(1)');
    expect((answers.get('/me') as { name: string }).name).toContain('</script><script>');
  });

  it(`at most ${MAX_DRAWING} drawn at once: the others get the plain page at once`, async () => {
    let release = () => {};
    const hold = new Promise<void>((resolve) => (release = resolve));
    Object.assign(globalThis, { __fakeHold: hold });
    const held = Array.from({ length: MAX_DRAWING }, () => open('/initiatives?hold=1', ada));
    // Until the held ones have started drawing.
    while (drawnUrls.filter((u) => u.includes('hold')).length < MAX_DRAWING)
      await new Promise((r) => setTimeout(r, 5));
    expectPlain(await open('/initiatives?hold=2', ada));
    release();
    for (const res of await Promise.all(held))
      expect(parse(res.body).getElementById('drawn')).not.toBeNull();
    // And drawn again once they are done.
    expect(parse((await open('/initiatives', ada)).body).getElementById('drawn')).not.toBeNull();
  });

  it('the trailing slash is the same page', async () => {
    const res = await open('/initiatives/', ada);
    expect(parse(res.body).getElementById('drawn')).not.toBeNull();
  });

  it('no cookie: the plain page, without asking anything', async () => {
    drawnUrls.length = 0;
    expectPlain(await open('/initiatives'));
    expect(drawnUrls).toEqual([]);
  });

  it('a cookie of nobody (signed out, expired): the plain page', async () => {
    expectPlain(await open('/initiatives', { ...ada, cookie: 'tandem_session=nope' }));
  });

  it.each([
    [
      'a phone’s user agent',
      {
        'user-agent':
          'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148 Safari/604.1',
      },
    ],
    ['a phone’s client hint', { 'sec-ch-ua-mobile': '?1' }],
  ])('%s: the plain page (the app draws cards there)', async (_name, headers) => {
    drawnUrls.length = 0;
    expectPlain(await open('/initiatives', ada, headers));
    expect(drawnUrls).toEqual([]);
  });

  it('drawn in the person’s language', async () => {
    const res = await t.inject({
      method: 'PATCH',
      url: '/api/me',
      user: ada,
      body: { language: 'de' },
    });
    expect(res.statusCode, res.body).toBe(200);
    try {
      const page = await open('/initiatives', ada, { 'accept-language': 'en-US' });
      expect(parse(page.body).documentElement.getAttribute('lang')).toBe('de');
    } finally {
      await t.inject({ method: 'PATCH', url: '/api/me', user: ada, body: { language: 'en' } });
    }
  });

  it('the drawing fails: the plain page, 200', async () => {
    expectPlain(await open('/initiatives?boom=1', ada));
    // And the next one is drawn again (the module stays loaded).
    expect(parse((await open('/initiatives', ada)).body).getElementById('drawn')).not.toBeNull();
  });

  it.each(['/goals', '/', '/initiatives/new', '/portfolio'])(
    '%s (not a drawn page): the plain page',
    async (url) => {
      expectPlain(await open(url, ada));
    },
  );
});
