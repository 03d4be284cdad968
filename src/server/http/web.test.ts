import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { parseConfig } from '../config.js';
import { createTestApp, createTestDb, type TestApp } from '../test-support/test-app.js';

/** A stand-in for the built web app, so these tests never depend on a Vite build. */
function fakeWebBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Tandem</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

const isAppShell = (res: { statusCode: number; headers: Record<string, unknown>; body: string }) =>
  res.statusCode === 200 &&
  String(res.headers['content-type']).startsWith('text/html') &&
  res.headers['cache-control'] === 'no-cache' &&
  res.body.includes('<title>Tandem</title>');

describe.each([
  ['on a fresh install', {}],
  [
    'behind a proxy',
    { PUBLIC_URL: 'https://tandem.example.com', TRUST_PROXY: '127.0.0.1' } as Record<
      string,
      string
    >,
  ],
])('the web app %s', (_name, env) => {
  const webDir = fakeWebBuild();
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    t = await createTestDb('sqlite');
    const config = {
      ...t.config,
      ...parseConfig({ TANDEM_DEMO: 'false', ...env }),
      database: t.config.database,
    };
    app = await buildApp({ config, db: t.db, webDir });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  const get = (url: string, method: 'GET' | 'HEAD' = 'GET') =>
    app.inject({
      method,
      url,
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'tandem.example.com' },
    });

  it('opens at / (the address the README gives)', async () => {
    expect(isAppShell(await get('/'))).toBe(true);
    expect((await get('/', 'HEAD')).statusCode).toBe(200);
  });

  it.each([
    '/login',
    '/initiatives',
    '/initiatives/0b1c2d3e-0000-4000-8000-000000000000/edit',
    '/goals?status=agreed',
    '/handoffs/mine',
    '/admin/users',
    '/profile',
    '/invite/some-token',
    '/no/such/page',
  ])('serves the app shell for the client-side route %s', async (url) => {
    expect(isAppShell(await get(url))).toBe(true);
  });

  it('serves hashed assets for good and top-level files as they are', async () => {
    const asset = await get('/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    expect((await get('/favicon.svg')).statusCode).toBe(200);
  });

  it('answers a malformed URL with a problem, not the app', async () => {
    const res = await get('/%E0%A4%A');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it.each(['/assets/missing-123.js', '/api/nope', '/%61pi/nope', '/api'])(
    'answers %s with a 404 problem, not the app',
    async (url) => {
      const res = await get(url);
      expect(res.statusCode, res.body).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    },
  );
});

describe('framework errors are problems too', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Without a web build: no catch-all static route takes over an over-long API path.
    t = await createTestApp('sqlite', {}, { webDir: path.join(os.tmpdir(), 'no-web-build') });
  });
  afterAll(async () => t?.close());

  it.each([
    ['a malformed URL', '/api/initiatives/%E0%A4%A', 400, 'fst_err_bad_url'],
    [
      'a path segment over the length limit',
      `/api/initiatives/${'x'.repeat(200)}`,
      414,
      'fst_err_max_param_length',
    ],
  ])('%s', async (_name, url, status, code) => {
    const u = await t.user();
    const res = await t.inject({ method: 'GET', url, user: u });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status, code, type: 'about:blank' });
  });

  it.each([
    ['broken JSON', '{"name":', 'application/json', 400],
    ['an unsupported media type', 'name=x', 'application/x-www-form-urlencoded', 415],
  ])('%s in a body', async (_name, payload, type, status) => {
    const u = await t.user();
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: {
        cookie: u.cookie,
        origin: 'http://localhost:80',
        host: 'localhost:80',
        'content-type': type,
      },
      payload,
    });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
