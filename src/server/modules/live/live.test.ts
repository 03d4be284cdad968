import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../app.js';
import { connect, type Db } from '../../db/connect.js';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';

const dialects = await testDialects();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An open GET /api/live stream: everything received so far, as text. */
async function openStream(base: string, user: TestUser | undefined, query = '') {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/live${query}`, {
    headers: { accept: 'text/event-stream', ...(user ? { cookie: user.cookie } : {}) },
    signal: abort.signal,
  });
  let text = '';
  let ended = false;
  if (res.ok && res.body) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
        }
      } catch {
        // aborted
      }
      ended = true;
    })();
  }
  const stream = {
    res,
    text: () => text,
    ended: () => ended,
    close: () => abort.abort(),
    /** Waits until the text contains `s` (or fails after `ms`). */
    waitFor: async (s: string, ms = 5000) => {
      const until = Date.now() + ms;
      while (!text.includes(s)) {
        if (Date.now() > until) throw new Error(`stream never said ${s}; it said:\n${text}`);
        await sleep(20);
      }
    },
  };
  if (res.ok) await stream.waitFor(': connected');
  return stream;
}

const changeOf = (initiativeId: string) =>
  `event: change\ndata: ${JSON.stringify({ initiativeId })}`;

async function listen(app: App): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

describe.each(dialects)('live updates over server-sent events (%s)', (dialect) => {
  let t: TestApp;
  let base: string;
  let bea: TestUser;
  let ian: TestUser;
  let otto: TestUser; // not on the team of the members-only initiative

  beforeAll(async () => {
    t = await createTestApp(dialect);
    base = await listen(t.app);
    bea = await t.user({ side: 'business' });
    ian = await t.user({ side: 'it' });
    otto = await t.user({ side: 'it' });
  });
  afterAll(async () => t?.close());

  it('refuses a signed-out stream with 401 problem+json', async () => {
    const s = await openStream(base, undefined);
    expect(s.res.status).toBe(401);
    expect(s.res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('refuses a request that does not ask for an event stream with 406', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/live', user: ian });
    expect(res.statusCode).toBe(406);
    expect(res.json()).toMatchObject({ code: 'not_acceptable' });
  });

  it('tells a member that their initiative changed, and a non-member nothing', async () => {
    const secret = await t.given.initiative({
      businessOwner: bea,
      itOwner: ian,
      visibility: 'members',
    });
    await t.app.background.drainOutbox();
    const forIan = await openStream(base, ian);
    const forOtto = await openStream(base, otto);
    try {
      expect(forIan.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      await t.given.metric(secret, { businessOwner: bea, itOwner: ian });
      await t.app.background.drainOutbox();
      await forIan.waitFor(changeOf(secret.id));
      await sleep(300);
      expect(forOtto.text()).not.toContain(secret.id);

      // A company-wide initiative: everyone signed in may read it, so Otto hears of it.
      const open = await t.given.initiative({ businessOwner: bea, itOwner: ian });
      await t.app.background.drainOutbox();
      await forOtto.waitFor(changeOf(open.id));
      expect(forOtto.text()).not.toContain(secret.id);
    } finally {
      forIan.close();
      forOtto.close();
    }
  });

  it('begins with resync when something changed within the age of the page’s data, not otherwise', async () => {
    const team = await t.given.initiative({ businessOwner: bea, itOwner: ian });
    await t.app.background.drainOutbox();
    await sleep(300);
    // A change the page's data may predate: the stream opened with an age that covers it.
    await t.given.metric(team, { businessOwner: bea, itOwner: ian });
    await t.app.background.drainOutbox();
    const covered = await openStream(base, ian, '?age=60000');
    // Data younger than the last change: nothing to catch up.
    await sleep(400);
    const younger = await openStream(base, ian, '?age=100');
    const plain = await openStream(base, ian);
    try {
      await covered.waitFor('event: resync');
      await sleep(300);
      expect(younger.text()).not.toContain('resync');
      expect(plain.text()).not.toContain('resync');
    } finally {
      covered.close();
      younger.close();
      plain.close();
    }
  });

  it('refuses an age that is not a whole number of milliseconds with 400 naming the field', async () => {
    const res = await fetch(`${base}/api/live?age=soon`, {
      headers: { accept: 'text/event-stream', cookie: ian.cookie },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await res.text()).toContain('age');
  });

  it('tells a person of their new notification, and nobody else', async () => {
    const open = await t.given.initiative({ businessOwner: bea, itOwner: ian });
    await t.app.background.drainOutbox();
    const forIan = await openStream(base, ian);
    const forOtto = await openStream(base, otto);
    const forBea = await openStream(base, bea);
    try {
      const res = await t.inject({
        method: 'POST',
        url: `/api/comments/initiative/${open.id}`,
        user: bea,
        headers: { 'sec-fetch-site': 'same-origin' },
        body: { body: 'Look @Ian', mentions: [ian.id] },
      });
      expect(res.statusCode).toBe(201);
      await t.app.background.drainOutbox();
      await forIan.waitFor('event: inbox\ndata: {}');
      // Everyone who may read the initiative hears that it changed, but only Ian of his inbox.
      await forOtto.waitFor(changeOf(open.id));
      await sleep(300);
      expect(forOtto.text()).not.toContain('event: inbox');
      expect(forBea.text()).not.toContain('event: inbox');
      // The message carries nothing but the signal to refetch one's own count.
      const unread = await t.inject({ method: 'GET', url: '/api/notifications/unread', user: ian });
      expect(unread.json<{ unread: number }>().unread).toBeGreaterThan(0);
    } finally {
      forIan.close();
      forOtto.close();
      forBea.close();
    }
  });

  it('ends open streams when the app shuts down', async () => {
    const other = await createTestApp(dialect);
    const url = await listen(other.app);
    const u = await other.user();
    const s = await openStream(url, u);
    expect(s.ended()).toBe(false);
    await other.close();
    await sleep(100);
    expect(s.ended()).toBe(true);
  });
});

describe.skipIf(!dialects.includes('postgres'))('live updates across instances (postgres)', () => {
  let a: TestApp;
  let b: App;
  let bDb: Db;

  beforeAll(async () => {
    a = await createTestApp('postgres');
    bDb = connect(a.app.ctx.config.database, { poolSize: 4 });
    b = await buildApp({ config: a.app.ctx.config, db: bDb, now: a.now });
  });
  afterAll(async () => {
    await b?.close();
    await bDb?.close();
    await a?.close();
  });

  it('a change written on instance A reaches a client of instance B', async () => {
    await listen(a.app);
    const baseB = await listen(b);
    const bea = await a.user({ side: 'business' });
    const ian = await a.user({ side: 'it' });
    const initiative = await a.given.initiative({
      businessOwner: bea,
      itOwner: ian,
      visibility: 'members',
    });
    await a.app.background.drainOutbox();
    const onB = await openStream(baseB, ian);
    try {
      await a.given.metric(initiative, { businessOwner: bea, itOwner: ian });
      // Instance A handles the delivery; B only listens.
      await a.app.background.drainOutbox();
      await onB.waitFor(changeOf(initiative.id));
      // A mention written on A reaches Ian's bell on B.
      const res = await a.inject({
        method: 'POST',
        url: `/api/comments/initiative/${initiative.id}`,
        user: bea,
        headers: { 'sec-fetch-site': 'same-origin' },
        body: { body: 'Look @Ian', mentions: [ian.id] },
      });
      expect(res.statusCode).toBe(201);
      await a.app.background.drainOutbox();
      await onB.waitFor('event: inbox');
    } finally {
      onB.close();
    }
  });
});
