// Outbox throughput (issue 12), on SQLite (synchronous=FULL) and PostgreSQL, in one Node
// process as the server runs it, with the compiled modules:
//  1. dispatch: 10,000 events are pending (written first); the dispatcher works them off
//     with a transactional subscriber that writes one row per event (an inbox entry).
//     Events per second from start to the last one handled: the outbox's capacity.
//  2. end to end: 8 concurrent writers commit one event per transaction (the worst case:
//     one commit per event) while the dispatcher, woken by the commits, handles them.
//     Shown beside the database's raw commit rate (one small insert per transaction, same
//     settings, same run), because one commit per event cannot be faster than the disk.
//  3. latency at light load: one event at a time, from the writer's commit until the
//     subscriber's row is committed (woken, not polled: the poll interval is 1 s).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { atExit, median, root } from './lib.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const WRITERS = 8;
const STREAMS = 50;
const LATENCY_SAMPLES = 200;

const dist = (p) => import(path.join(root, 'dist/server', p));

async function modules() {
  const [{ connect }, { migrateToLatest }, { publish }, { subscribe }, { BackgroundWork }] =
    await Promise.all([
      dist('server/db/connect.js'),
      dist('server/db/migrate.js'),
      dist('server/events/publish.js'),
      dist('server/events/registry.js'),
      dist('server/events/background.js'),
    ]);
  return { connect, migrateToLatest, publish, subscribe, BackgroundWork };
}

const eventInput = (i) => ({
  type: 'bench.happened',
  entityType: 'initiative',
  entityId: `i${i % STREAMS}`,
  initiativeId: `i${i % STREAMS}`,
  actorId: null,
  data: { i },
  at: new Date(),
});

/** Counts the subscriber's committed rows until all are there; resolves with the time. */
function whenHandled(db, total) {
  return new Promise((resolve, reject) => {
    const timer = setInterval(async () => {
      try {
        const { n } = await db.kysely
          .selectFrom('bench_inbox')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow();
        if (Number(n) >= total) {
          clearInterval(timer);
          resolve(performance.now());
        }
      } catch (err) {
        clearInterval(timer);
        reject(err);
      }
    }, 20);
  });
}

async function measure(m, label, database) {
  const db = m.connect(database);
  await m.migrateToLatest(db.kysely);
  await db.kysely.schema
    .createTable('bench_inbox')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('initiative_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  const unsubscribe = m.subscribe({
    name: `bench.inbox-${label.toLowerCase()}`,
    events: ['bench.*'],
    handle: async (event, { trx }) => {
      await trx
        .insertInto('bench_inbox')
        .values({ event_id: event.id, initiative_id: event.stream, created_at: event.occurredAt })
        .execute();
    },
  });
  const ctx = { db, config: {}, now: () => new Date() };
  const log = (err, msg) => console.error(msg, err);
  try {
    // 1. A backlog worked off.
    for (let i = 0; i < EVENTS; i += 500)
      await db.kysely.transaction().execute(async (trx) => {
        for (let k = i; k < Math.min(EVENTS, i + 500); k += 1) await m.publish(trx, eventInput(k));
      });
    const bg = new m.BackgroundWork(ctx, log);
    const t0 = performance.now();
    const drained = await bg.drainOutbox();
    const dispatchRate = drained / ((performance.now() - t0) / 1000);
    if (drained !== EVENTS) throw new Error(`drained ${drained} of ${EVENTS}`);

    // 2. Writers and the woken dispatcher together, saturated.
    const handled = whenHandled(db, 2 * EVENTS);
    bg.start();
    const started = performance.now();
    let next = EVENTS;
    const writer = async () => {
      for (let i = next++; i < 2 * EVENTS; i = next++)
        await db.kysely.transaction().execute((trx) => m.publish(trx, eventInput(i)));
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    const rate = (EVENTS / ((await handled) - started)) * 1000;

    // 3. One event at a time.
    const latencies = [];
    for (let i = 0; i < LATENCY_SAMPLES; i += 1) {
      const id = await db.kysely
        .transaction()
        .execute((trx) => m.publish(trx, eventInput(2 * EVENTS + i)));
      const committed = performance.now();
      for (;;) {
        const row = await db.kysely
          .selectFrom('bench_inbox')
          .select('event_id')
          .where('event_id', '=', id)
          .executeTakeFirst();
        if (row) break;
        await new Promise((r) => setTimeout(r, 1));
      }
      latencies.push(performance.now() - committed);
      await new Promise((r) => setTimeout(r, 10));
    }
    await bg.stop();
    latencies.sort((a, b) => a - b);
    return {
      label,
      dispatchRate,
      rate,
      p50: median(latencies),
      p95: latencies[Math.floor(0.95 * latencies.length)],
    };
  } finally {
    unsubscribe();
    await db.close();
  }
}

/** One small insert per transaction for 2 s (better-sqlite3, same pragmas): what the disk allows. */
async function rawCommitsSqlite(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('create table raw (id integer primary key, v text not null)');
  const insert = db.prepare('insert into raw (v) values (?)');
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 2000) {
    insert.run('x');
    n += 1;
  }
  db.close();
  return n / 2;
}

async function rawCommitsPostgres(url, table) {
  const pool = new pg.Pool({ connectionString: url, max: WRITERS });
  await pool.query(`create table ${table} (id bigserial primary key, v text not null)`);
  const t0 = performance.now();
  let n = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (performance.now() - t0 < 2000) {
        await pool.query(`insert into ${table} (v) values ('x')`);
        n += 1;
      }
    }),
  );
  await pool.end();
  return n / ((performance.now() - t0) / 1000);
}

export async function outboxThroughput({ pgUrl }) {
  const m = await modules();
  const results = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-events-'));
  atExit(() => fs.rmSync(dir, { recursive: true, force: true }));
  // The disk is shared and noisy: raw commits are measured before and after, and averaged.
  const rawBefore = await rawCommitsSqlite(path.join(dir, 'raw1.sqlite'));
  const sqlite = await measure(m, 'SQLite', {
    dialect: 'sqlite',
    file: path.join(dir, 'bench.sqlite'),
  });
  const rawAfter = await rawCommitsSqlite(path.join(dir, 'raw2.sqlite'));
  sqlite.rawCommits = (rawBefore + rawAfter) / 2;
  sqlite.rawSpread = [rawBefore, rawAfter];
  results.push(sqlite);
  if (pgUrl) {
    // Per process: several benchmark runs on one PostgreSQL server must not drop each other's.
    const name = `tandem_bench_events_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    try {
      const rawBefore = await rawCommitsPostgres(url.toString(), 'raw1');
      const r = await measure(m, 'PostgreSQL', { dialect: 'postgres', url: url.toString() });
      const rawAfter = await rawCommitsPostgres(url.toString(), 'raw2');
      r.rawCommits = (rawBefore + rawAfter) / 2;
      r.rawSpread = [rawBefore, rawAfter];
      results.push(r);
    } finally {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    }
  }
  return results;
}

const n = (x) => Math.round(x).toLocaleString('en');
export const describeDispatch = (r) =>
  `${n(r.dispatchRate)} events/s (${EVENTS.toLocaleString('en')} pending, one inbox row each)`;
export const describeEndToEnd = (r) =>
  `${n(r.rate)} events/s; raw commits ${n(r.rawCommits)}/s (before ${n(r.rawSpread[0])}, after ${n(r.rawSpread[1])}); ratio ${(r.rate / r.rawCommits).toFixed(2)}`;
export const describeLatency = (r) =>
  `p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (${LATENCY_SAMPLES} events, one at a time)`;

// Run on its own: node bench/events.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  const { ensureBuilt } = await import('../scripts/ensure-built.mjs');
  ensureBuilt({ web: false });
  const pgUrl =
    process.env.BENCH_PG === 'off'
      ? undefined
      : (process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  for (const r of await outboxThroughput({ pgUrl })) {
    console.log(`${r.label}, dispatch: ${describeDispatch(r)}`);
    console.log(`${r.label}, end to end: ${describeEndToEnd(r)}`);
    console.log(`${r.label}, commit → handled: ${describeLatency(r)}`);
  }
  process.exit(0);
}
