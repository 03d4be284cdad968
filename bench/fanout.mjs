// Notification fan-out (issue 12), on SQLite and PostgreSQL: one event reaches the inbox of
// 50 people, and their open browser tabs (the bell), in at most a second.
//
// The whole app runs in this process as `tandem serve` runs it (compiled modules, the outbox
// dispatcher and scheduler started, a real HTTP listener). 50 people have a session each and
// an open GET /api/live stream (server-sent events, read like an EventSource does). One
// person comments on a company-wide initiative and mentions all 50 (the most a comment may
// mention). Measured from sending the POST (its commit included) until
//   1. all 50 `notifications` rows are committed (polled every 5 ms), and
//   2. all 50 streams received `event: inbox` (the bell refetches its count on it).
// Six rounds; the first warms up and is not counted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { atExit, median, root } from './lib.mjs';

const PEOPLE = 50;
const ROUNDS = 5;

const dist = (p) => import(path.join(root, 'dist/server', p));

async function modules() {
  const [app, config, connect, migrate, stages, users, sessions, security] = await Promise.all([
    dist('server/app.js'),
    dist('server/config.js'),
    dist('server/db/connect.js'),
    dist('server/db/migrate.js'),
    dist('server/modules/stages/stages.service.js'),
    dist('server/modules/people/users.service.js'),
    dist('server/http/sessions.js'),
    dist('server/http/security.js'),
  ]);
  return {
    ...app,
    ...config,
    ...connect,
    ...migrate,
    ...stages,
    ...users,
    ...sessions,
    ...security,
  };
}

/** An open GET /api/live stream that counts `event: inbox` messages with their arrival times. */
async function openStream(base, cookie) {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/live`, {
    headers: { accept: 'text/event-stream', cookie },
    signal: abort.signal,
  });
  if (!res.ok || !res.body) throw new Error(`live stream answered ${res.status}`);
  const stream = { inbox: [], connected: false, close: () => abort.abort() };
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (message.includes(': connected')) stream.connected = true;
          if (message.startsWith('event: inbox')) stream.inbox.push(performance.now());
        }
      }
    } catch {
      // aborted
    }
  })();
  while (!stream.connected) await new Promise((r) => setTimeout(r, 5));
  return stream;
}

async function measure(m, label, env) {
  const config = m.parseConfig({ TANDEM_DEMO: 'false', LOG_LEVEL: 'silent', ...env });
  const db = m.connect(config.database, label === 'SQLite' ? {} : { poolSize: 10 });
  await m.migrateToLatest(db.kysely);
  const app = await m.buildApp({ config, db, now: () => new Date() });
  const streams = [];
  try {
    await m.ensureDefaultStages(app.ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${app.server.address().port}`;
    app.background.start();
    const person = async (i, side) => {
      const { user } = await m.createUser(app.ctx, null, {
        email: `p${i}@bench.example`,
        name: `Person ${i}`,
        language: 'en',
        side,
        role: 'member',
        password: 'bench-password-123',
      });
      const { token } = await m.createSession(app.ctx, user.id, { ip: null, userAgent: null });
      return { id: user.id, cookie: `${m.cookieName(app.ctx)}=${token}` };
    };
    const author = await person('author', 'business');
    const itOwner = await person('it', 'it');
    const people = [];
    for (let i = 0; i < PEOPLE; i += 1) people.push(await person(i, i % 2 ? 'it' : 'business'));
    const post = async (url, who, body) => {
      const res = await fetch(`${base}${url}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'sec-fetch-site': 'same-origin',
          cookie: who.cookie,
        },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
      return res.json();
    };
    const initiative = await post('/api/initiatives', author, {
      title: 'Fan-out',
      problem: 'Everyone must hear of it.',
      expectedBenefit: 'A bell that rings at once.',
      department: 'Sales',
      riskClass: 'minimal',
      businessOwnerId: author.id,
      itOwnerId: itOwner.id,
    });
    for (const p of people) streams.push(await openStream(base, p.cookie));
    const mentions = async () =>
      Number(
        (
          await db.kysely
            .selectFrom('notifications')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('kind', '=', 'mention')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const inboxTimes = [];
    const liveTimes = [];
    for (let round = 0; round <= ROUNDS; round += 1) {
      await new Promise((r) => setTimeout(r, 300));
      const before = streams.map((s) => s.inbox.length);
      const t0 = performance.now();
      await post(`/api/comments/initiative/${initiative.id}`, author, {
        body: `Round ${round}: please look`,
        mentions: people.map((p) => p.id),
      });
      let inboxAt;
      const until = t0 + 20_000;
      for (;;) {
        const now = performance.now();
        if (inboxAt === undefined && (await mentions()) >= PEOPLE * (round + 1))
          inboxAt = performance.now();
        if (inboxAt !== undefined && streams.every((s, i) => s.inbox.length > before[i])) break;
        if (now > until) throw new Error(`round ${round}: not everyone was told within 20 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
      const liveAt = Math.max(...streams.map((s, i) => s.inbox[before[i]]));
      if (round === 0) continue;
      inboxTimes.push(inboxAt - t0);
      liveTimes.push(liveAt - t0);
    }
    const sorted = (xs) => [...xs].sort((a, b) => a - b);
    return {
      label,
      inbox: { median: median(inboxTimes), max: Math.max(...inboxTimes), all: sorted(inboxTimes) },
      live: { median: median(liveTimes), max: Math.max(...liveTimes), all: sorted(liveTimes) },
    };
  } finally {
    for (const s of streams) s.close();
    await app.close();
    await db.close();
  }
}

export async function inboxFanOut({ pgUrl }) {
  const m = await modules();
  const results = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-fanout-'));
  atExit(() => fs.rmSync(dir, { recursive: true, force: true }));
  results.push(await measure(m, 'SQLite', { TANDEM_DATA_DIR: dir }));
  if (pgUrl) {
    const name = `tandem_bench_fanout_${process.pid}`;
    const admin = async (statement) => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(statement);
      await c.end();
    };
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    try {
      results.push(await measure(m, 'PostgreSQL', { DATABASE_URL: url.toString() }));
    } finally {
      await admin(`drop database if exists ${name} with (force)`);
    }
  }
  return results;
}

const f = (x) => `${Math.round(x)} ms`;
export const describeFanOut = (r, which) =>
  `median ${f(r[which].median)}, max ${f(r[which].max)} (${r[which].all.length} rounds: ${r[which].all.map((x) => Math.round(x)).join(', ')} ms)`;

// Run on its own: node bench/fanout.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  const { ensureBuilt } = await import('../scripts/ensure-built.mjs');
  ensureBuilt({ web: false });
  const pgUrl =
    process.env.BENCH_PG === 'off'
      ? undefined
      : (process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  for (const r of await inboxFanOut({ pgUrl })) {
    console.log(`${r.label}, comment → 50 inbox rows: ${describeFanOut(r, 'inbox')}`);
    console.log(`${r.label}, comment → 50 live streams: ${describeFanOut(r, 'live')}`);
  }
  process.exit(0);
}
