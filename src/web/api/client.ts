import type { Problem } from '../../contracts/common.js';

/** One invalid field, addressed by its form path (`checklist.0.labelEn`). */
export interface FieldIssue {
  path: string;
  message: string;
  code: string | undefined;
}

/**
 * Every failed request becomes an ApiError: the HTTP status, the RFC 9457 problem, and the
 * field errors keyed by form path so forms can put each one next to its field.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Form path → first message for it. */
  readonly fieldErrors: Record<string, string>;
  readonly fieldIssues: FieldIssue[];
  /** Seconds from a Retry-After header (429). */
  readonly retryAfter: number | undefined;

  constructor(status: number, problem: Problem, retryAfter?: number) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
    this.fieldIssues = [];
    this.fieldErrors = {};
    for (const e of problem.errors ?? []) {
      const path = pointerToPath(e.pointer);
      if (path === null) continue;
      this.fieldIssues.push({ path, message: e.message, code: e.code });
      this.fieldErrors[path] ??= e.message;
    }
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  get isVersionConflict(): boolean {
    return this.status === 409 && this.problem.code === 'version_conflict';
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/**
 * `/body/checklist/0/labelEn` → `checklist.0.labelEn` (the path @mantine/form uses).
 * Pointers into the query or params are not form fields: null.
 */
export function pointerToPath(pointer: string): string | null {
  if (!pointer.startsWith('/body')) return null;
  const rest = pointer.slice('/body'.length);
  if (rest === '') return null;
  return rest
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function isProblemLike(v: unknown): v is Partial<Problem> {
  return typeof v === 'object' && v !== null;
}

/** Turns any error body into a Problem, so callers never branch on the body's shape. */
export function parseProblem(status: number, statusText: string, body: unknown): Problem {
  const p = isProblemLike(body) ? body : {};
  const errors = Array.isArray(p.errors)
    ? p.errors.filter(
        (e): e is NonNullable<Problem['errors']>[number] =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as { pointer?: unknown }).pointer === 'string' &&
          typeof (e as { message?: unknown }).message === 'string',
      )
    : undefined;
  return {
    type: typeof p.type === 'string' ? p.type : 'about:blank',
    title: typeof p.title === 'string' ? p.title : statusText || `HTTP ${status}`,
    status: typeof p.status === 'number' ? p.status : status,
    ...(typeof p.detail === 'string' ? { detail: p.detail } : {}),
    ...(typeof p.code === 'string' ? { code: p.code } : {}),
    ...(errors ? { errors } : {}),
  };
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener | undefined;

/** The app registers what a 401 means (forget the session, go to sign-in). */
export function setUnauthorizedHandler(listener: UnauthorizedListener | undefined): void {
  onUnauthorized = listener;
}

export interface RequestOptions {
  /** Do not treat 401 as "session ended" (sign-in itself, the session probe). */
  expectUnauthorized?: boolean;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `If-Match`. */
  headers?: Record<string, string>;
}

export type QueryParams = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, params?: QueryParams): string {
  if (!params) return path;
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  }
  const s = search.toString();
  return s ? `${path}?${s}` : path;
}

declare global {
  interface Window {
    /** Answers the start-up script (public/early.js) asked for, by path below /api. */
    __tandemEarly?: Record<string, Promise<Response> | undefined>;
    /**
     * On a page drawn on the server: whether each large answer it was drawn from (named on
     * `<html data-ask>`, asked for by early.js) came back in the version drawn.
     */
    __tandemDrawnCurrent?: Promise<boolean>;
  }
}

/**
 * The answer public/early.js is already waiting for at this path, once: the app's first
 * request for it takes that over instead of asking again.
 */
function takeEarly(path: string): Promise<Response> | undefined {
  const early = typeof window === 'undefined' ? undefined : window.__tandemEarly;
  const res = early?.[path];
  if (early && res) delete early[path];
  return res ?? (early ? takeGiven(path) : undefined);
}

/** The answers a page drawn on the server brought (http/first-screen.ts), after its markup. */
const givenAnswers = (): Element[] =>
  typeof document === 'undefined'
    ? []
    : [...document.querySelectorAll('script[type="application/json"][data-answer]')];

/** The answer a drawn page brought for this path, once. */
function takeGiven(path: string): Promise<Response> | undefined {
  const given = givenAnswers().find((el) => el.getAttribute('data-answer') === path);
  if (!given) return undefined;
  given.remove();
  return Promise.resolve(
    new Response(given.textContent, {
      status: 200,
      headers: { 'content-type': 'application/json' },
    }),
  );
}

/** How a request reaches the server: the browser's fetch, or the server's own (ssr.tsx). */
export type Transport = (url: string, init: RequestInit) => Promise<Response>;

let transport: Transport = (url, init) => fetch(url, init);

/**
 * Sends the app's requests another way: the first screen drawn on the server (ssr.tsx) asks
 * the server's own routes. Never called in the browser.
 */
export function setTransport(next: Transport): void {
  transport = next;
}

/**
 * Forgets the early answers nobody took (the app asked in another language, say): after the
 * start, a request always asks the server.
 */
export function forgetEarlyAnswers(): void {
  if (typeof window !== 'undefined') delete window.__tandemEarly;
  // The drawn page's answers nobody took (a megabyte for the portfolio) are let go too.
  for (const el of givenAnswers()) el.remove();
}

/** What goes over the wire: a JSON value, or a raw body (a file) with its own content type. */
type Payload =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; body: Blob | string; contentType: string };

async function send<T>(
  method: string,
  path: string,
  payload: Payload,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    ...options.headers,
  };
  let body: BodyInit | undefined;
  if (payload.kind === 'json') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(payload.value);
  } else if (payload.kind === 'raw') {
    headers['content-type'] = payload.contentType;
    body = payload.body;
  }
  let res: Response;
  const early = method === 'GET' && payload.kind === 'none' ? takeEarly(path) : undefined;
  try {
    res = await (early ??
      transport(`/api${path}`, {
        method,
        credentials: 'same-origin',
        headers,
        ...(body === undefined ? {} : { body }),
        ...(options.signal ? { signal: options.signal } : {}),
      }));
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, {
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      code: 'network',
      detail: cause instanceof Error ? cause.message : 'Network error',
    });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const retry = Number(res.headers.get('retry-after'));
    const error = new ApiError(
      res.status,
      parseProblem(res.status, res.statusText, data),
      Number.isFinite(retry) && retry > 0 ? retry : undefined,
    );
    if (res.status === 401 && !options.expectUnauthorized) onUnauthorized?.();
    throw error;
  }
  return data as T;
}

function request<T>(
  method: string,
  path: string,
  body: unknown,
  options?: RequestOptions,
): Promise<T> {
  return send<T>(
    method,
    path,
    body === undefined ? { kind: 'none' } : { kind: 'json', value: body },
    options,
  );
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, body ?? {}, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, body, options),
  delete: <T = void>(path: string, options?: RequestOptions) =>
    request<T>('DELETE', path, undefined, options),
  /** POSTs a file or text as it is (e.g. a CSV upload) with its own content type. */
  postRaw: <T>(path: string, body: Blob | string, contentType: string, options?: RequestOptions) =>
    send<T>('POST', path, { kind: 'raw', body, contentType }, options),
};
