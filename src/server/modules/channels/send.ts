import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedTarget } from './targets.js';

/** How long one attempt may take, connection to last byte of the answer. */
export const SEND_TIMEOUT_MS = 5_000;
/** How much of an answer is kept with the attempt. */
export const ANSWER_EXCERPT = 300;

export interface SendResult {
  /** 2xx: delivered. */
  ok: boolean;
  httpStatus: number | null;
  /** The start of the answer's body, or why there was none. */
  answer: string;
  durationMs: number;
}

/**
 * POSTs a JSON body to a checked target, at the checked address (the name is not resolved
 * again; TLS still verifies the certificate against the name). Redirects are not followed:
 * a 3xx is an answer like any other and counts as not delivered. Never throws.
 */
export function sendJson(
  target: ResolvedTarget,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<SendResult> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? SEND_TIMEOUT_MS;
  const pinned: LookupFunction = (_host, opts, callback) => {
    if (opts.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (r: Omit<SendResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ ...r, durationMs: Math.round(performance.now() - started) });
    };
    const req = client.request(
      target.url,
      {
        method: 'POST',
        lookup: pinned,
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Tandem-Webhooks/1',
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < ANSWER_EXCERPT * 4) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8').slice(0, ANSWER_EXCERPT);
          const location = res.headers.location;
          finish({
            ok: status >= 200 && status < 300,
            httpStatus: status,
            answer:
              status >= 300 && status < 400 && location
                ? `redirect to ${location.slice(0, 200)} not followed`
                : text,
          });
        });
        res.on('error', (err) =>
          finish({ ok: false, httpStatus: res.statusCode ?? null, answer: err.message }),
        );
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, httpStatus: null, answer: `no answer within ${timeoutMs / 1000} s` });
      req.destroy();
    }, timeoutMs);
    const onAbort = () => {
      finish({ ok: false, httpStatus: null, answer: 'stopped (server shutting down)' });
      req.destroy();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err) =>
      finish({ ok: false, httpStatus: null, answer: err.message.slice(0, ANSWER_EXCERPT) }),
    );
    req.end(body);
  });
}
