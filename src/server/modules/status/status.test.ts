import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

const dialects = await testDialects();

describe.each(dialects)('status (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('reports liveness: version, dialect, migrations current', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      database: { dialect, migrationsCurrent: true },
    });
  });

  it('publishes OpenAPI 3.1 with the documented routes, and a docs page', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/login',
        '/api/auth/logout',
        '/api/me',
        '/api/initiatives',
        '/api/initiatives/{id}',
        '/api/initiatives/{id}/activity',
        '/api/stages',
        '/api/users',
      ]),
    );
    const docs = await t.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('has no route that edits or deletes audit events', async () => {
    const doc = (await t.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (path.includes('audit') || path.includes('activity'))
        expect(Object.keys(methods)).toEqual(['get']);
    }
  });
});

describe('web app serving', () => {
  it('serves the app for app routes, assets with long caching, and 404 for missing assets', async () => {
    const { webDist } = await import('../../paths.js');
    const fs = await import('node:fs');
    // The web app is built by `npm test`'s e2e setup; a fresh checkout may not have it yet.
    if (!fs.existsSync(`${webDist}/index.html`)) return;
    const t = await createTestApp('sqlite');
    try {
      const page = await t.inject({ method: 'GET', url: '/initiatives/some-id' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.headers['cache-control']).toBe('no-cache');
      const asset = fs.readdirSync(`${webDist}/assets`).find((f) => f.endsWith('.js'));
      const res = await t.inject({ method: 'GET', url: `/assets/${asset ?? ''}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toMatch(/immutable/);
      expect((await t.inject({ method: 'GET', url: '/assets/missing-123.js' })).statusCode).toBe(
        404,
      );
    } finally {
      await t.close();
    }
  });
});
