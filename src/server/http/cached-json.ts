import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A JSON body that is read far more often than it changes (the initiatives list): kept with
 * its validator and its compressed forms, so a repeated read costs no serialising and no
 * compressing, and a client that has it already gets 304 Not Modified without a body.
 */
export interface CachedJson {
  /** The JSON, as a string or already UTF-8 encoded (a large body built of bytes). */
  body: string | Buffer;
  /** Weak: the same JSON is sent plain, gzip- or brotli-encoded. */
  etag: string;
  gzip?: Buffer;
  br?: Buffer;
  /** The body's UTF-8 length, measured once (a 1.7 MB string costs a scan per request). */
  bytes?: number;
  /**
   * Large bodies that change often (the portfolio): the first brotli answer is made at the
   * fastest quality, and the smaller one in the background for the reads after it.
   */
  fastFirst?: boolean;
  /**
   * Whether the entry is still the one its readers get (fastFirst): the smaller brotli form
   * is made only if it still is a moment after the first answer. Right after a write the
   * entry is often replaced at once (the outbox subscriber's commit, the next write), and
   * compressing 1.8 MB better costs tens of ms of CPU that the next requests wait for.
   */
  current?: () => boolean;
}

/** How long after a fastFirst answer its smaller brotli form is started (if still current). */
export const BETTER_BROTLI_AFTER_MS = 50;

const BROTLI_TEXT = (quality: number) => ({
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
  },
});

/** Bodies from this size on are sent fast first when the entry asks for it. */
const FAST_FIRST_MIN = 256 * 1024;

/** Below this many bytes compressing saves less than it costs. */
const MIN_COMPRESS = 1024;

export function cachedJson(body: string): CachedJson {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return { body, etag: `W/"${hash}"` };
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** If-None-Match (weak comparison, RFC 9110 13.1.2): does the client have this version? */
export function clientHas(req: FastifyRequest, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  const mine = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === mine);
}

/** The encoding to send: brotli, else gzip, else none (q=0 refuses one). */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
}

/**
 * Sends the entry: 304 when the client has it, else the body in the best encoding the client
 * accepts (compressed once per entry). `no-store` like every signed-in answer (hardening):
 * what a person may read stays out of shared and browser caches; clients that keep the
 * body themselves (scripts, integrations) still revalidate with If-None-Match.
 */
export function sendCachedJson(req: FastifyRequest, reply: FastifyReply, entry: CachedJson) {
  reply
    .header('etag', entry.etag)
    .header('cache-control', 'no-store')
    .header('vary', 'accept-encoding');
  if (clientHas(req, entry.etag)) return reply.code(304).send();
  reply.type('application/json; charset=utf-8');
  entry.bytes ??=
    typeof entry.body === 'string' ? Buffer.byteLength(entry.body) : entry.body.length;
  const encoding =
    entry.bytes >= MIN_COMPRESS ? pickEncoding(req.headers['accept-encoding']) : undefined;
  if (encoding === 'br') {
    if (!entry.br && entry.fastFirst && entry.bytes >= FAST_FIRST_MIN) {
      // Quality 0 now (≈ 5 ms for 1.8 MB, 2.5 times faster than quality 1 and ≈ 20 % larger);
      // quality 5 on the thread pool for the next reads, unless the entry is replaced first.
      entry.br = zlib.brotliCompressSync(entry.body, BROTLI_TEXT(0));
      const target = entry;
      setTimeout(() => {
        if (target.current && !target.current()) return;
        zlib.brotliCompress(target.body, BROTLI_TEXT(5), (err, better) => {
          if (!err) target.br = better;
        });
      }, BETTER_BROTLI_AFTER_MS).unref();
    }
    // Quality 5: most of brotli's gain at a small part of its top quality's time.
    entry.br ??= zlib.brotliCompressSync(entry.body, BROTLI_TEXT(5));
    return reply.header('content-encoding', 'br').send(entry.br);
  }
  if (encoding === 'gzip') {
    entry.gzip ??= zlib.gzipSync(entry.body, { level: 6 });
    return reply.header('content-encoding', 'gzip').send(entry.gzip);
  }
  return reply.send(entry.body);
}
