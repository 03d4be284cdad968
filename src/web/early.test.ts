import fs from 'node:fs';
import path from 'node:path';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from './api/client.js';
import i18n from './i18n/index.js';
import { initiativesListQuery } from './modules/initiatives/list-query.js';
import { parsePortfolioQuery, portfolioQuery } from './modules/health/portfolio-query.js';
import { preloadRoute } from './preload.js';
import { asPhone } from './test-support/viewport.js';
import { PHONE_QUERY } from './lib/phone.js';
import { meKey } from './queries/session.js';
import { stagesKey } from './queries/stages.js';

/**
 * public/early.js starts the session's and the list page's requests before the app's code is
 * parsed; the app's start (preload.ts) must take those answers over, never ask twice.
 */
const EARLY = fs.readFileSync(path.join(import.meta.dirname, 'public', 'early.js'), 'utf8');

const ME = { id: 'p1', name: 'Ada', email: 'ada@example.com' };

/**
 * A fetch that answers every API path with a body naming it (401 for /api/me if signed out),
 * each in the version `etag` when given.
 */
function stubFetch(signedIn = true, etag?: string) {
  const fetchMock = vi.fn((url: string) => {
    if (url === '/api/me' && !signedIn)
      return Promise.resolve(
        new Response(JSON.stringify({ title: 'Unauthorized', status: 401 }), {
          status: 401,
          headers: { 'content-type': 'application/problem+json' },
        }),
      );
    return Promise.resolve(
      new Response(JSON.stringify(url === '/api/me' ? ME : { url }), {
        status: 200,
        headers: { 'content-type': 'application/json', ...(etag ? { etag } : {}) },
      }),
    );
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** Opens `url` as the browser would: early.js first, then the app's start. */
function start(url: string, signedIn = true, etag?: string) {
  window.history.replaceState(null, '', url);
  const fetchMock = stubFetch(signedIn, etag);
  // As the browser runs a classic script: global scope, no module.
  // oxlint-disable-next-line no-implied-eval -- running public/early.js as the browser would is the point
  new Function(EARLY)();
  const early = fetchMock.mock.calls.map(([u]) => u);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  void preloadRoute(queryClient, window.location);
  const all = fetchMock.mock.calls.map(([u]) => u);
  return { queryClient, early, all, fetchMock };
}

const count = (list: string[], url: string) => list.filter((u) => u === url).length;

afterEach(() => {
  delete window.__tandemEarly;
  delete window.__tandemDrawnCurrent;
  window.history.replaceState(null, '', '/');
});

describe('public/early.js and the app start (preload.ts)', () => {
  it.each([
    ['/initiatives', '/api/initiatives'],
    ['/initiatives/', '/api/initiatives'],
    [
      '/initiatives?q=%20Rollout%20&department=d1&owner=p2&status=paused&riskClass=high&mine=true',
      '/api/initiatives?q=Rollout&department=d1&owner=p2&status=paused&riskClass=high&mine=true',
    ],
    // Unknown values are left out, as the page's filters leave them out.
    ['/initiatives?status=nope&riskClass=huge&q=', '/api/initiatives'],
  ])('%s: the list is asked for once, early, and the app takes that answer', async (url, api) => {
    const { queryClient, early, all } = start(url);
    // The filters' lists in the same round: the page draws once, with all of it.
    expect(early).toEqual(['/api/me', api, '/api/stages', '/api/people', '/api/departments']);
    // The app takes every early answer over: nothing is asked twice.
    for (const u of early) expect(count(all, u)).toBe(1);
    expect(all).toHaveLength(early.length);
    const query = initiativesListQuery(
      // The same query the page builds from its URL.
      Object.fromEntries(new URL(api, 'http://x').searchParams),
    );
    await vi.waitFor(() => expect(queryClient.getQueryData(query.queryKey)).toEqual({ url: api }));
    expect(queryClient.getQueryData(meKey)).toEqual(ME);
  });

  it('a page drawn on the server: the answers in it are taken, not asked for again', async () => {
    // As http/first-screen.ts embeds them (jsonInHtml: `<` as \u003c): after the markup, the
    // page marked as drawn.
    const list = [{ id: 'i1', title: '</script> & "Ü"' }];
    const given: [string, string][] = [
      ['/me', JSON.stringify(ME)],
      ['/initiatives?status=active', JSON.stringify(list).replace(/</g, '\\u003c')],
      ['/stages', JSON.stringify([{ id: 's1', key: 'idea' }])],
    ];
    const scripts = given.map(([answer, json]) => {
      const script = document.createElement('script');
      script.type = 'application/json';
      script.setAttribute('data-answer', answer);
      script.textContent = json;
      document.body.append(script);
      return script;
    });
    document.documentElement.setAttribute('data-drawn', '');
    try {
      const { queryClient, early, all } = start('/initiatives?status=active');
      // early.js asks for nothing on a drawn page; the app only for what the page did not bring.
      expect(early).toEqual([]);
      expect(all).toEqual(['/api/people', '/api/departments']);
      // Taken or let go: none stays in the page.
      expect(document.querySelectorAll('script[data-answer]')).toHaveLength(0);
      const query = initiativesListQuery({ status: 'active' });
      await vi.waitFor(() => expect(queryClient.getQueryData(query.queryKey)).toEqual(list));
      expect(queryClient.getQueryData(meKey)).toEqual(ME);
      expect(queryClient.getQueryData(stagesKey)).toEqual([{ id: 's1', key: 'idea' }]);
    } finally {
      document.documentElement.removeAttribute('data-drawn');
      for (const s of scripts) s.remove();
    }
  });

  it.each([
    ['the version drawn', 'W/"v1"', '{"/initiatives?status=active":"W/\\"v1\\""}', true],
    ['another version', 'W/"v2"', '{"/initiatives?status=active":"W/\\"v1\\""}', false],
    ['no version', undefined, '{"/initiatives?status=active":"W/\\"v1\\""}', false],
    ['an unreadable list', 'W/"v1"', '{"/initiatives', false],
  ])(
    'a drawn page naming a large answer (data-ask), which comes back in %s',
    async (_, etag, ask, current) => {
      const script = document.createElement('script');
      script.type = 'application/json';
      script.setAttribute('data-answer', '/me');
      script.textContent = JSON.stringify(ME);
      document.body.append(script);
      document.documentElement.setAttribute('data-drawn', '');
      document.documentElement.setAttribute('data-ask', ask);
      try {
        const { queryClient, early, all } = start('/initiatives?status=active', true, etag);
        // early.js asks for the named answer alone (none when the list is unreadable) …
        const readable = ask.endsWith('}');
        expect(early).toEqual(readable ? ['/api/initiatives?status=active'] : []);
        // … and the app takes it: asked once in all.
        expect(count(all, '/api/initiatives?status=active')).toBe(1);
        expect(count(all, '/api/me')).toBe(0);
        // Taken over only in the version the page was drawn from (main.tsx).
        await expect(window.__tandemDrawnCurrent).resolves.toBe(current);
        const query = initiativesListQuery({ status: 'active' });
        await vi.waitFor(() =>
          expect(queryClient.getQueryData(query.queryKey)).toEqual({
            url: '/api/initiatives?status=active',
          }),
        );
      } finally {
        document.documentElement.removeAttribute('data-drawn');
        document.documentElement.removeAttribute('data-ask');
        script.remove();
      }
    },
  );

  it('a stage filter (the API wants its id, known only after the stages): no early list', () => {
    const { early, all } = start('/initiatives?stage=pilot');
    expect(early).toEqual(['/api/me', '/api/stages', '/api/people', '/api/departments']);
    expect(all.filter((u) => u.startsWith('/api/initiatives'))).toEqual([]);
  });

  it.each(['de', 'en'] as const)(
    '/portfolio in %s: asked for once in the app language, with its filters',
    async (lang) => {
      await i18n.changeLanguage(lang);
      const search = '?department=d1&stage=s1&owner=p2&riskClass=bogus&health=red&sort=title';
      const api = `/api/portfolio?department=d1&stage=s1&owner=p2&health=red&sort=title&lang=${lang}`;
      const { queryClient, early, all } = start(`/portfolio${search}`);
      expect(early).toEqual(['/api/me', api, '/api/stages', '/api/departments', '/api/people']);
      for (const u of early) expect(count(all, u)).toBe(1);
      expect(all).toHaveLength(early.length);
      expect(all.filter((u) => u.startsWith('/api/portfolio'))).toEqual([api]);
      const query = portfolioQuery(parsePortfolioQuery(new URLSearchParams(search)), lang);
      await vi.waitFor(() =>
        expect(queryClient.getQueryData(query.queryKey)).toEqual({ url: api }),
      );
    },
  );

  it('asks whether the screen is a phone’s as the app does (lib/phone.ts)', () => {
    expect(EARLY).toContain(`matchMedia('${PHONE_QUERY}')`);
  });

  it('/portfolio on a phone: the owner list (folded away there) is not asked for', () => {
    asPhone();
    const { early, all } = start('/portfolio');
    expect(early).toContain('/api/stages');
    expect(early).not.toContain('/api/people');
    expect(all).not.toContain('/api/people');
  });

  it('the first screen settles only once the session and all of the page’s data are there', async () => {
    window.history.replaceState(null, '', '/initiatives');
    const held = new Map<string, () => void>();
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (url: string) =>
          new Promise<Response>((resolve) =>
            held.set(url, () =>
              resolve(
                new Response(JSON.stringify(url === '/api/me' ? ME : []), {
                  headers: { 'content-type': 'application/json' },
                }),
              ),
            ),
          ),
      ),
    );
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    let settled = false;
    const firstScreen = preloadRoute(queryClient, window.location).then(() => (settled = true));
    const asked = [...held.keys()];
    expect(asked).toEqual(
      expect.arrayContaining(['/api/me', '/api/initiatives', '/api/stages', '/api/people']),
    );
    // All answered but one: not yet.
    for (const url of asked.slice(0, -1)) held.get(url)?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    held.get(asked.at(-1) ?? '')?.();
    await firstScreen;
    expect(queryClient.getQueryData(meKey)).toEqual(ME);
  });

  it('preloads the list pages’ code in the CORS mode of Vite’s own links (crossorigin="")', () => {
    const script = document.createElement('script');
    script.setAttribute('data-lists-js', '/assets/lists-1.js');
    script.setAttribute('data-lists-css', '/assets/lists-1.css');
    const current = vi.spyOn(document, 'currentScript', 'get').mockReturnValue(script);
    try {
      start('/initiatives');
    } finally {
      current.mockRestore();
    }
    const links = [...document.head.querySelectorAll('link')].filter((l) =>
      l.getAttribute('href')?.startsWith('/assets/lists-1.'),
    );
    expect(
      links.map((l) => [l.rel, l.getAttribute('href'), l.getAttribute('crossorigin')]),
    ).toEqual([
      ['preload', '/assets/lists-1.css', ''],
      ['modulepreload', '/assets/lists-1.js', ''],
    ]);
    for (const l of links) l.remove();
  });

  it('signed out: the early 401 is the session probe’s answer (nobody), asked once', async () => {
    const { queryClient, all } = start('/initiatives', false);
    expect(count(all, '/api/me')).toBe(1);
    await vi.waitFor(() => expect(queryClient.getQueryState(meKey)?.status).toBe('success'));
    expect(queryClient.getQueryData(meKey)).toBeNull();
  });

  it('other pages: only the session early; answers not taken at the start are forgotten', async () => {
    const { early } = start('/goals');
    expect(early).toEqual(['/api/me']);
    expect(window.__tandemEarly).toBeUndefined();
    // A later request asks the server again instead of reusing a start-up answer.
    const fetchMock = stubFetch();
    await api.get('/me');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
