import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InitiativeSummary } from '../../../contracts/initiatives.js';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';

const dialects = await testDialects();

/** The initiatives list at size: compact rows, compressed, with an ETag and 304. */
describe.each(dialects)('the initiatives list on the wire (%s)', (dialect) => {
  let t: TestApp;
  let biz: TestUser;
  let it_: TestUser;
  let firstId: string;
  const list = (headers: Record<string, string> = {}, url = '/api/initiatives') =>
    t.inject({ method: 'GET', url, user: biz, headers });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    biz = await t.user({ side: 'business', name: 'Anna Business', department: 'Sales' });
    it_ = await t.user({ side: 'it', name: 'Ivan IT' });
    // Enough rows that the body is worth compressing.
    for (let i = 0; i < 8; i += 1) {
      const created = await t.given.initiative({
        businessOwner: biz,
        itOwner: it_,
        by: biz,
        title: `Invoice matching ${i}`,
        tags: ['Finance'],
      });
      if (i === 0) firstId = created.id;
    }
  });
  afterAll(async () => t?.close());

  it('sends each row with only what the list shows', async () => {
    const rows = (await list()).json<InitiativeSummary[]>();
    expect(rows).toHaveLength(8);
    const row = rows.find((r) => r.id === firstId);
    expect(Object.keys(row ?? {}).sort()).toEqual(
      [
        'businessOwner',
        'department',
        'id',
        'itOwner',
        'riskClass',
        'stage',
        'status',
        'tags',
        'title',
        'updatedAt',
      ].sort(),
    );
    expect(row?.stage).toEqual({ nameEn: 'Idea', nameDe: 'Idee', position: expect.any(Number) });
    expect(row?.businessOwner).toEqual({ name: 'Anna Business', side: 'business' });
    expect(row?.itOwner).toEqual({ name: 'Ivan IT', side: 'it' });
  });

  it('compresses with brotli or gzip as the client accepts, and plain otherwise', async () => {
    const plain = await list();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    const br = await list({ 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    const gzip = await list({ 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
    const refused = await list({ 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body).toBe(plain.body);
  });

  it('answers 304 without a body while the list is unchanged, and a new ETag after a change', async () => {
    const first = await list({ 'accept-encoding': 'gzip' });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toBe('no-store');
    const again = await list({ 'if-none-match': etag, 'accept-encoding': 'gzip' });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    // Another filter is another list.
    const filtered = await list({ 'if-none-match': etag }, '/api/initiatives?q=matching%201');
    expect(filtered.statusCode).toBe(200);
    expect(filtered.json<InitiativeSummary[]>()).toHaveLength(1);
    // A change to one row changes the list's version.
    const current = (
      await t.inject({ method: 'GET', url: `/api/initiatives/${firstId}`, user: biz })
    ).json<{ version: number }>();
    const patched = await t.inject({
      method: 'PATCH',
      url: `/api/initiatives/${firstId}`,
      user: biz,
      body: { version: current.version, title: 'Invoice matching, renamed' },
    });
    expect(patched.statusCode).toBe(200);
    const changed = await list({ 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json<InitiativeSummary[]>().map((r) => r.title)).toContain(
      'Invoice matching, renamed',
    );
  });

  it('gives another reader their own version (the list depends on what they may read)', async () => {
    const mine = await list();
    const theirs = await t.inject({ method: 'GET', url: '/api/initiatives', user: it_ });
    expect(theirs.statusCode).toBe(200);
    const again = await t.inject({
      method: 'GET',
      url: '/api/initiatives',
      user: it_,
      headers: { 'if-none-match': String(theirs.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(mine.headers.etag).toBeDefined();
  });
});
