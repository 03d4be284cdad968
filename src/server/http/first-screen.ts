import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The first screen of the big list pages drawn on the server (src/web/ssr.tsx, built into
 * dist/web-ssr): the browser shows the page's first rows as soon as the HTML and the style
 * sheet are there, instead of after the app's code has arrived, been compiled and drawn the page
 * (about a second on a busy two-core computer with a thousand initiatives). The app then draws
 * the same page in its place. Only an optimisation: whatever goes wrong here, the plain app page
 * is sent, as without a server-side build.
 */

/** What dist/web-ssr/ssr.js exports (src/web/ssr.tsx). */
interface FirstScreenModule {
  FIRST_SCREEN_PATHS: readonly string[];
  renderFirstScreen(
    url: string,
    ask: (url: string, init: RequestInit) => Promise<Response>,
  ): Promise<{ html: string; lang: 'de' | 'en'; timeZone: string; drawnAt: number } | undefined>;
}

/** First screens drawn at the same time, at most (per server process). */
export const MAX_DRAWING = 2;
/** The share of the server's time that drawing first screens may take, over a burst of … */
export const DRAWING_SHARE = 0.1;
export const DRAWING_BURST_MS = 2000;
/**
 * Answers from this size on do not go into the page: early.js asks for them as on a page not
 * drawn (the portfolio's is 1.3 MB, the list's 0.4 MB with a thousand initiatives, and each
 * megabyte in the page costs the server ~70 ms of decoding, escaping and compressing before
 * the page goes out, and the browser its parsing). The page names them with the version it
 * was drawn from (their ETag), and the app takes the page over only if it gets that version.
 */
export const EMBED_MAX_BYTES = 64 * 1024;

/**
 * A budget of time that refills at `share` of the time passing, up to `burstMs`: `allows()`
 * while some is left, `spend(ms)` after the work (which may overdraw it; it refills first).
 */
export function timeBudget(
  share: number,
  burstMs: number,
  now: () => number = () => performance.now(),
): { allows: () => boolean; spend: (ms: number) => void } {
  let left = burstMs;
  let at = now();
  const refill = () => {
    const t = now();
    left = Math.min(burstMs, left + (t - at) * share);
    at = t;
  };
  return {
    allows: () => {
      refill();
      return left > 0;
    },
    spend: (ms) => {
      refill();
      left -= ms;
    },
  };
}

export type DrawFirstScreen = (req: FastifyRequest) => Promise<string | undefined>;

/**
 * Phones get the app's page alone: their lists are cards, chosen by the screen's width, which
 * the server cannot know; the browser tells whether it is a phone's (a client hint), or its
 * user agent does.
 */
export function looksLikePhone(req: FastifyRequest): boolean {
  const hint = req.headers['sec-ch-ua-mobile'];
  if (hint === '?1') return true;
  if (hint === '?0') return false;
  return /\b(Mobi|iPhone|iPod|Android)\b/.test(req.headers['user-agent'] ?? '');
}

/** How long a drawing may take before the plain page goes out instead (it then runs on). */
export const DRAWING_DEADLINE_MS = 2000;

/**
 * Loads the server-side build (undefined when there is none: `vite build --ssr` not run, tests)
 * and answers a function that draws a request's first screen into the app's page (the web
 * build's index.html), or undefined where the browser draws it alone. Drawn only with the
 * server-side build of the web build being sent: built together (`npm run build`), it is the
 * newer file; a rebuild while running is loaded anew.
 */
export function firstScreenDrawer(
  app: FastifyInstance,
  webDir: string,
): DrawFirstScreen | undefined {
  const ssrFile = ssrFileFor(webDir);
  if (!fs.existsSync(ssrFile)) return undefined;
  const indexFile = path.join(webDir, 'index.html');
  const mtime = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs;
  let loaded: { at: number; module: Promise<FirstScreenModule | undefined> } | undefined;
  let drawing = 0;
  const budget = timeBudget(DRAWING_SHARE, DRAWING_BURST_MS);
  const load = async (): Promise<FirstScreenModule | undefined> => {
    const at = mtime(ssrFile);
    const web = mtime(indexFile);
    // A web build newer than the server-side one (`vite build` alone): their class names and
    // texts may differ, and the app would take over a page that is not its own.
    if (at === undefined || web === undefined || web > at) return undefined;
    if (loaded?.at !== at) {
      const url = `${pathToFileURL(ssrFile).href}?at=${at}`;
      loaded = {
        at,
        module: (import(url) as Promise<FirstScreenModule>).catch((err: unknown) => {
          app.log.error({ err }, `the server-side first screen (${ssrFile}) could not be loaded`);
          return undefined;
        }),
      };
    }
    return loaded.module;
  };
  // Loaded (and compiled) while the server starts, not when the first person opens a list.
  app.addHook('onReady', async () => {
    await load();
  });
  return async (req) => {
    const url = req.url;
    const pathname = url.split('?')[0]?.replace(/\/+$/, '') ?? '';
    if (req.method !== 'GET' || !req.headers.cookie || looksLikePhone(req)) return undefined;
    const ssr = await load();
    if (!ssr?.FIRST_SCREEN_PATHS.includes(pathname)) return undefined;
    // Best effort, never at the cost of everyone's reads: a drawing takes 50–200 ms of the
    // server's one thread (rendering is synchronous), so when two are under way or the share of
    // time spent drawing is used up, the plain page goes out (the browser draws it, as before).
    // Without this, 50 connections loading pages and reading lists at once got 15 answers a
    // second instead of 500, and the server grew to 660–880 MB.
    if (drawing >= MAX_DRAWING || !budget.allows()) return undefined;
    drawing += 1;
    const started = performance.now();
    try {
      const answers = new Map<string, string>();
      const asks = new Map<string, string>();
      const render = ssr.renderFirstScreen(url, (apiUrl) =>
        askOwnRoute(app, req, apiUrl, { answers, asks }),
      );
      // A slow answer (a busy database) does not hold the page back: the plain page then.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), DRAWING_DEADLINE_MS);
      });
      const drawn = await Promise.race([render, late]).finally(() => clearTimeout(timer));
      if (!drawn) void render.catch(() => undefined);
      // The web build's page, read only for a page that was drawn (the others are sent as
      // the file, precompressed).
      return (
        drawn &&
        fillPage(await fs.promises.readFile(indexFile, 'utf8'), { ...drawn, answers, asks })
      );
    } catch (err) {
      req.log.warn({ err }, 'the first screen could not be drawn on the server');
      return undefined;
    } finally {
      drawing -= 1;
      budget.spend(performance.now() - started);
    }
  };
}

/**
 * One of the app's GET requests, answered by the server's own routes for the same person (the
 * same cookie and languages): exactly what the browser would have received. Noted for the
 * page: a small answer itself, a large one by its version (EMBED_MAX_BYTES).
 */
async function askOwnRoute(
  app: FastifyInstance,
  req: FastifyRequest,
  url: string,
  drawnFrom: { answers: Map<string, string>; asks: Map<string, string> },
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const name of ['cookie', 'accept-language', 'user-agent', 'host'] as const) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const res = await app.inject({ method: 'GET', url, headers, remoteAddress: req.ip });
  if (res.statusCode === 200 && url.startsWith('/api/')) {
    const etag = res.headers.etag;
    if (res.rawPayload.length >= EMBED_MAX_BYTES && typeof etag === 'string' && etag)
      drawnFrom.asks.set(url.slice(4), etag);
    else drawnFrom.answers.set(url.slice(4), res.body);
  }
  return new Response(res.statusCode === 204 ? null : res.rawPayload, {
    status: res.statusCode,
    headers: { 'content-type': String(res.headers['content-type'] ?? '') },
  });
}

/**
 * The app's page with the drawn screen in its root, its language, and the list pages' style
 * sheet (which the app loads with their code) linked, so the screen is laid out as drawn, and
 * the language's messages preloaded. The small answers the screen was drawn from go along at
 * the end of the page (after the markup, so they do not hold its first paint back): the app
 * takes them instead of asking the server again (api/client.ts). The large ones are named on `<html data-ask>` with the version drawn
 * (`{"/portfolio?lang=de": "W/\"…\""}`): early.js, seeing `data-drawn`, asks for those alone,
 * and the app takes the page over only if each came back in that version (main.tsx).
 */
export function fillPage(
  page: string,
  drawn: {
    html: string;
    lang: string;
    timeZone?: string;
    drawnAt?: number;
    answers?: ReadonlyMap<string, string>;
    asks?: ReadonlyMap<string, string>;
  },
): string | undefined {
  const root = '<div id="root"></div>';
  const early = '<script src="/early.js"';
  if (!page.includes(root) || !page.includes(early) || !page.includes('</body>')) return undefined;
  const listsCss = /data-lists-css="([^"]+)"/.exec(page)?.[1];
  // The messages of the language it is drawn in (their own chunk, which the app loads before
  // it takes the page over): asked for with the app's code, before early.js even runs.
  const messages = /^[a-z]{2}$/.test(drawn.lang)
    ? new RegExp(`data-messages-${drawn.lang}="([^"]+)"`).exec(page)?.[1]
    : undefined;
  const link =
    (listsCss ? `<link rel="stylesheet" crossorigin href="${listsCss}">` : '') +
    (messages ? `<link rel="modulepreload" crossorigin href="${messages}">` : '');
  const answers = [...(drawn.answers ?? [])]
    .map(
      ([path, json]) =>
        `<script type="application/json" data-answer="${escapeAttribute(path)}">${jsonInHtml(json)}</script>`,
    )
    .join('');
  const asks = drawn.asks?.size
    ? ` data-ask="${escapeAttribute(JSON.stringify(Object.fromEntries(drawn.asks)))}"`
    : '';
  return (
    page
      // Light until color-scheme.js (which runs before the body is shown) says otherwise: the
      // drawn page's colours hang on this attribute.
      .replace(
        /<html lang="[a-z-]*"/,
        () => `<html lang="${drawn.lang}" data-drawn${asks} data-mantine-color-scheme="light"`,
      )
      .replace('</body>', () => `${answers}</body>`)
      .replace('</head>', () => `${link}</head>`)
      .replace(
        root,
        () =>
          `<div id="root" data-time-zone="${escapeAttribute(drawn.timeZone ?? '')}" data-drawn-at="${Number(drawn.drawnAt ?? 0)}">${drawn.html}</div>`,
      )
  );
}

/** An attribute value between double quotes. */
const escapeAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * JSON as the text of a `<script>` element: `<` occurs in JSON only inside strings, where
 * `\u003c` means the same, so no `</script>` or `<!--` can end or bend the element.
 */
export const jsonInHtml = (json: string): string => json.replace(/</g, '\\u003c');

/** Where `vite build --ssr` puts the first screen's code, beside the web app's folder. */
export const ssrFileFor = (webDir: string): string => path.join(webDir, '..', 'web-ssr', 'ssr.js');
