import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createTestDb } from '../test-support/test-app.js';

/** A built app as vite.config.ts writes it: assets with .br and .gz beside them, a source map. */
function fakeBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Tandem</title>');
  const js = `console.log(${JSON.stringify('x'.repeat(5000))});`;
  const file = path.join(dir, 'assets', 'index-abc123.js');
  fs.writeFileSync(file, js);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(js));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(js));
  fs.writeFileSync(`${file}.map`, '{"version":3,"sources":["secret/src/App.tsx"]}');
  return dir;
}

describe('compressed answers', () => {
  const webDir = fakeBuild();
  let t: Awaited<ReturnType<typeof createTestDb>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    t = await createTestDb('sqlite');
    app = await buildApp({ config: t.config, db: t.db, webDir });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
    fs.rmSync(webDir, { recursive: true, force: true });
  });
  const get = (url: string, encoding?: string) =>
    app.inject({
      method: 'GET',
      url,
      headers: encoding ? { 'accept-encoding': encoding } : {},
    });
  const asset = '/assets/index-abc123.js';

  it.each([
    ['br', 'br'],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
  ])(
    'built assets come precompressed from disk (Accept-Encoding: %s → %s)',
    async (accept, enc) => {
      const res = await get(asset, accept);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(enc);
      expect(res.rawPayload).toEqual(
        fs.readFileSync(path.join(webDir, `${asset}.${enc === 'br' ? 'br' : 'gz'}`)),
      );
      expect(res.headers['cache-control']).toContain('immutable');
    },
  );

  it('plain for clients that take no compression', async () => {
    const res = await get(asset);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.length).toBeGreaterThan(5000);
  });

  it('source maps are not served', async () => {
    const res = await get(`${asset}.map`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('secret/src');
  });

  it('API answers are compressed', async () => {
    const res = await get('/api/docs/json', 'br, gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    const json = zlib.brotliDecompressSync(res.rawPayload).toString();
    expect(JSON.parse(json)).toHaveProperty('openapi');
    expect(res.rawPayload.length).toBeLessThan(json.length / 3);
  });
});
