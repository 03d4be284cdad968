import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n/index.js';
import { api, ApiError, parseProblem, pointerToPath, setUnauthorizedHandler } from './client.js';
import { problemMessage, translatedFieldErrors } from './problems.js';

function respond(status: number, body: unknown, headers: Record<string, string> = {}) {
  const fetchMock = vi.fn(() =>
    Promise.resolve(
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/problem+json', ...headers },
      }),
    ),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  setUnauthorizedHandler(undefined);
});

describe('pointerToPath', () => {
  it('turns body pointers into form paths', () => {
    expect(pointerToPath('/body/title')).toBe('title');
    expect(pointerToPath('/body/checklist/0/labelEn')).toBe('checklist.0.labelEn');
    expect(pointerToPath('/body/a~1b')).toBe('a/b');
  });

  it('ignores pointers that are not form fields', () => {
    expect(pointerToPath('/query/limit')).toBeNull();
    expect(pointerToPath('/body')).toBeNull();
  });
});

describe('api client', () => {
  it('parses a problem into status, code and field errors', async () => {
    respond(422, {
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'itOwnerId: must be a person from IT',
      code: 'validation_failed',
      errors: [
        { pointer: '/body/itOwnerId', message: 'must be a person from IT', code: 'wrong_side' },
        { pointer: '/body/checklist/1/labelDe', message: 'must not be empty', code: 'too_small' },
        { pointer: '/body/itOwnerId', message: 'second message is ignored' },
      ],
    });
    const error = await api.post('/initiatives', { title: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect(e.status).toBe(422);
    expect(e.code).toBe('validation_failed');
    expect(e.fieldErrors).toEqual({
      itOwnerId: 'must be a person from IT',
      'checklist.1.labelDe': 'must not be empty',
    });
    expect(e.fieldIssues).toHaveLength(3);
  });

  it('sends JSON with the session cookie and returns the body', async () => {
    const fetchMock = vi.fn(() =>
      Promise.resolve(new Response(JSON.stringify({ id: '1' }), { status: 200 })),
    );
    vi.stubGlobal('fetch', fetchMock);
    await expect(api.patch('/me', { name: 'A' })).resolves.toEqual({ id: '1' });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/me',
      expect.objectContaining({
        method: 'PATCH',
        credentials: 'same-origin',
        body: JSON.stringify({ name: 'A' }),
      }),
    );
  });

  it('posts a raw body (a file) with its own content type and headers', async () => {
    const fetchMock = vi.fn((_url: string, _init: RequestInit) =>
      Promise.resolve(new Response(JSON.stringify({ rows: 1 }), { status: 200 })),
    );
    vi.stubGlobal('fetch', fetchMock);
    const file = new Blob(['Datum;Wert\n27.11.2026;12,5\n'], { type: 'text/csv' });
    await expect(
      api.postRaw('/metrics/m1/import?dryRun=true', file, 'text/csv', {
        headers: { 'x-file-name': encodeURIComponent('Zähler.csv') },
      }),
    ).resolves.toEqual({ rows: 1 });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/metrics/m1/import?dryRun=true');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe(file);
    expect(init?.headers).toEqual({
      accept: 'application/json, application/problem+json',
      'content-type': 'text/csv',
      'x-file-name': 'Z%C3%A4hler.csv',
    });
  });

  it('sends no content type without a body', async () => {
    const fetchMock = vi.fn((_url: string, _init: RequestInit) =>
      Promise.resolve(new Response('[]', { status: 200 })),
    );
    vi.stubGlobal('fetch', fetchMock);
    await api.get('/initiatives');
    expect(fetchMock.mock.calls[0]?.[1]?.headers).toEqual({
      accept: 'application/json, application/problem+json',
    });
    expect(fetchMock.mock.calls[0]?.[1]).not.toHaveProperty('body');
  });

  it('returns undefined for 204', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response(null, { status: 204 }))),
    );
    await expect(api.post('/auth/logout')).resolves.toBeUndefined();
  });

  it('recognises a version conflict', async () => {
    respond(409, { type: 'about:blank', title: 'Conflict', status: 409, code: 'version_conflict' });
    const e = (await api
      .patch('/initiatives/1', { version: 1 })
      .catch((x: unknown) => x)) as ApiError;
    expect(e.isVersionConflict).toBe(true);
    expect(problemMessage(e, i18n.t)).toMatch(/someone else changed/i);
  });

  it('reads Retry-After on 429', async () => {
    respond(
      429,
      { title: 'Too Many Requests', status: 429, code: 'too_many_attempts' },
      {
        'retry-after': '120',
      },
    );
    const e = (await api.post('/auth/login', {}).catch((x: unknown) => x)) as ApiError;
    expect(e.retryAfter).toBe(120);
  });

  it('reports 401 as an ended session, except where 401 is expected', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    respond(401, { title: 'Unauthorized', status: 401, code: 'unauthorized' });
    await api.get('/initiatives').catch(() => undefined);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await api.get('/me', { expectUnauthorized: true }).catch(() => undefined);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('turns a failed connection into status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const e = (await api.get('/health').catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(0);
    expect(problemMessage(e, i18n.t)).toMatch(/cannot be reached/);
  });

  it('copes with bodies that are not problems', () => {
    expect(parseProblem(502, 'Bad Gateway', 'oops')).toEqual({
      type: 'about:blank',
      title: 'Bad Gateway',
      status: 502,
    });
  });
});

describe('field messages', () => {
  it('translates known codes and keeps the server words otherwise', async () => {
    await i18n.changeLanguage('de');
    const e = new ApiError(422, {
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      errors: [
        { pointer: '/body/itOwnerId', message: 'must be a person from IT', code: 'wrong_side' },
        { pointer: '/body/title', message: 'must not be empty', code: 'too_small' },
      ],
    });
    expect(translatedFieldErrors(e, i18n.t)).toEqual({
      itOwnerId: 'Diese Person gehört zur anderen Seite.',
      title: 'must not be empty',
    });
  });
});
