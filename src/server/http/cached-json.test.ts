import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CachedJson, sendCachedJson } from './cached-json.js';

/** A request accepting brotli and a reply that records what was sent. */
function exchange() {
  const req = { headers: { 'accept-encoding': 'br, gzip' } } as unknown as FastifyRequest;
  const sent: unknown[] = [];
  const reply = {
    header: () => reply,
    code: () => reply,
    type: () => reply,
    send: (body: unknown) => {
      sent.push(body);
      return reply;
    },
  };
  return { req, reply: reply as unknown as FastifyReply, sent };
}

/** A large JSON body (above the fast-first size), compressible as the portfolio is. */
const largeBody = () =>
  Buffer.from(
    JSON.stringify(
      Array.from({ length: 4000 }, (_, n) => ({
        n,
        title: `Initiative ${n}`,
        cells: 'x'.repeat(80),
      })),
    ),
  );

/** Resolves once `done()` holds (checked every 10 ms), rejects after 10 s. */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 10_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sendCachedJson, fast first', () => {
  it('sends brotli at the fastest quality first, the smaller form later while the entry is current', async () => {
    const entry: CachedJson = {
      body: largeBody(),
      etag: 'W/"a"',
      fastFirst: true,
      current: () => true,
    };
    const { req, reply, sent } = exchange();
    sendCachedJson(req, reply, entry);
    const first = sent[0] as Buffer;
    expect(zlib.brotliDecompressSync(first).equals(entry.body as Buffer)).toBe(true);
    await until(() => entry.br !== first);
    expect((entry.br as Buffer).length).toBeLessThan(first.length);
    expect(zlib.brotliDecompressSync(entry.br as Buffer).equals(entry.body as Buffer)).toBe(true);
  });

  it('does not compress an entry better once it is no longer current (replaced after a write)', async () => {
    const better = vi.spyOn(zlib, 'brotliCompress');
    let asked = 0;
    const entry: CachedJson = {
      body: largeBody(),
      etag: 'W/"b"',
      fastFirst: true,
      current: () => {
        asked += 1;
        return false;
      },
    };
    const { req, reply, sent } = exchange();
    sendCachedJson(req, reply, entry);
    await until(() => asked > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(better).not.toHaveBeenCalled();
    expect(entry.br).toBe(sent[0]);
  });
});
