import { vi } from 'vitest';

/** One request the app sent, as the stand-in for fetch saw it (a JSON body parsed). */
export interface SentRequest {
  method: string;
  url: string;
  body: unknown;
  /** The request's headers (names as the app wrote them). */
  headers: Record<string, string>;
}

/** The status and JSON body the stand-in answers with; `null` is an empty body. */
export type Answer = [status: number, json: unknown];

/**
 * Puts a stand-in for the API in place of fetch: every request is recorded and answered by
 * `answer`, an error status as application/problem+json like the server's. test-setup puts the
 * real fetch back after each test.
 */
export function mockApi(
  answer: (method: string, url: string, body: unknown) => Answer,
): SentRequest[] {
  const calls: SentRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
      calls.push({ method, url, body, headers: { ...(init?.headers as Record<string, string>) } });
      const [status, json] = answer(method, url, body);
      return Promise.resolve(
        new Response(json === null ? null : JSON.stringify(json), {
          status,
          headers: {
            'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
          },
        }),
      );
    }),
  );
  return calls;
}
