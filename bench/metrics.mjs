// Shared-metrics benchmarks (issue: shared metrics):
//  1. push ingestion over HTTP, batches of 10,000 points, SQLite synchronous=FULL, as a ratio
//     to raw better-sqlite3 inserts into the same table and indexes, in the same run;
//     the PostgreSQL figure beside it, against COPY into the same table;
//  2. reading one metric's chart (3 years of daily points, weekly periods) with 5,000 metrics
//     and 5 million points in the database: p95 latency.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { atExit, childEnv, randomPassword, request, requestJson, root, startNode } from './lib.mjs';

const BATCH = 10_000;
const BATCHES = 10;
const DAY = 86_400_000;

async function startServer(vars) {
  const server = startNode([path.join(root, 'bench', 'serve-compiled.mjs')], {
    env: childEnv({ PORT: '0', LOG_LEVEL: 'warn', TANDEM_DEMO: 'false', ...vars }),
    readyPattern: /Tandem is ready on http:\/\/[^:]+:(\d+)/,
    name: 'tandem',
  });
  const { port } = await server.ready;
  return { server, base: `http://127.0.0.1:${port}` };
}

async function login(base, email, password) {
  const res = await requestJson('POST', `${base}/api/auth/login`, {
    headers: { origin: base },
    json: { email, password },
  });
  return String(res.headers['set-cookie']?.[0] ?? '').split(';')[0];
}

/** Admin, two owners, an initiative, a metric and a token — through the API. */
async function setUpMetric(base, adminEmail, adminPassword) {
  const cookie = await login(base, adminEmail, adminPassword);
  const h = { origin: base, cookie };
  const user = async (email, side) =>
    (
      await requestJson(
        'POST',
        `${base}/api/users`,
        { headers: h, json: { email, name: email, side, password: 'bench-password-1' } },
        201,
      )
    ).data.user.id;
  const biz = await user(`biz-${Date.now()}@example.com`, 'business');
  const it = await user(`it-${Date.now()}@example.com`, 'it');
  const initiative = (
    await requestJson(
      'POST',
      `${base}/api/initiatives`,
      {
        headers: h,
        json: {
          title: 'Bench',
          problem: 'p',
          expectedBenefit: 'b',
          department: 'IT',
          businessOwnerId: biz,
          itOwnerId: it,
          riskClass: 'minimal',
        },
      },
      201,
    )
  ).data;
  const metric = (
    await requestJson(
      'POST',
      `${base}/api/initiatives/${initiative.id}/metrics`,
      {
        headers: h,
        json: {
          name: 'Events',
          description: 'd',
          dataSource: 's',
          unit: 'n',
          direction: 'higher_is_better',
          aggregation: 'sum',
          period: 'week',
          businessOwnerId: biz,
          itOwnerId: it,
        },
      },
      201,
    )
  ).data;
  const token = (
    await requestJson(
      'POST',
      `${base}/api/initiatives/${initiative.id}/tokens`,
      { headers: h, json: { name: 'bench' } },
      201,
    )
  ).data.secret;
  return { metricId: metric.id, token, cookie };
}

const batchBody = (metricId, n) =>
  JSON.stringify({
    points: Array.from({ length: BATCH }, (_, i) => ({
      metricId,
      at: Date.UTC(2020, 0, 1) + (n * BATCH + i) * 60_000,
      value: (i % 100) / 4,
      idempotencyKey: `b${n}-${i}`,
    })),
  });

async function pushAll(base, metricId, token) {
  const bodies = Array.from({ length: BATCHES }, (_, n) => batchBody(metricId, n));
  // One warm-up batch outside the timing (JIT, prepared statements).
  await request('POST', `${base}/api/push/measurements`, {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    json: JSON.parse(batchBody(metricId, 999)),
  });
  const started = performance.now();
  for (const body of bodies) {
    const res = await request('POST', `${base}/api/push/measurements`, {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      raw: body,
    });
    if (res.status !== 200)
      throw new Error(`push answered ${res.status}: ${res.body.slice(0, 300)}`);
  }
  return (BATCHES * BATCH) / ((performance.now() - started) / 1000);
}

/** Raw better-sqlite3: the same rows into the same table and indexes, 10,000 per transaction. */
function rawSqlite(file, metricId) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const stmt = db.prepare(
    'insert into measurements (id, metric_id, at, value, note, source, idempotency_key, created_at, created_by, token_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertBatch = db.transaction((n) => {
    for (let i = 0; i < BATCH; i += 1)
      stmt.run(
        crypto.randomUUID(),
        metricId,
        Date.UTC(2024, 0, 1) + (n * BATCH + i) * 60_000,
        (i % 100) / 4,
        null,
        'raw',
        `r${n}-${i}`,
        Date.now(),
        null,
        null,
      );
  });
  insertBatch(999);
  const started = performance.now();
  for (let n = 0; n < BATCHES; n += 1) insertBatch(n);
  const rate = (BATCHES * BATCH) / ((performance.now() - started) / 1000);
  db.close();
  return rate;
}

/** COPY into the same PostgreSQL table (the fastest way in), 10,000 rows per COPY. */
async function copyPostgres(url, metricId) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const copyBatch = async (n) => {
    const lines = [];
    for (let i = 0; i < BATCH; i += 1)
      lines.push(
        `${crypto.randomUUID()}\t${metricId}\t${Date.UTC(2024, 0, 1) + (n * BATCH + i) * 60_000}\t${(i % 100) / 4}\t\\N\traw\tr${n}-${i}\t${Date.now()}\t\\N\t\\N\n`,
      );
    const stream = client.query(
      copyFrom(
        'copy measurements (id, metric_id, at, value, note, source, idempotency_key, created_at, created_by, token_id) from stdin',
      ),
    );
    await pipeline(Readable.from([lines.join('')]), stream);
  };
  await copyBatch(999);
  const started = performance.now();
  for (let n = 0; n < BATCHES; n += 1) await copyBatch(n);
  const rate = (BATCHES * BATCH) / ((performance.now() - started) / 1000);
  await client.end();
  return rate;
}

export async function ingestion({ pgUrl }) {
  const admin = { email: 'bench@example.com', password: randomPassword() };
  const rows = [];
  // SQLite
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-ingest-'));
  atExit(() => fs.rmSync(dir, { recursive: true, force: true }));
  const { server, base } = await startServer({
    TANDEM_DATA_DIR: dir,
    TANDEM_ADMIN_EMAIL: admin.email,
    TANDEM_ADMIN_PASSWORD: admin.password,
  });
  const { metricId, token } = await setUpMetric(base, admin.email, admin.password);
  const tandemRate = await pushAll(base, metricId, token);
  await server.stop();
  const rawRate = rawSqlite(path.join(dir, 'tandem.sqlite'), metricId);
  rows.push({
    name: 'Push ingestion, SQLite (synchronous=FULL), batches of 10,000',
    tandem: tandemRate,
    baseline: rawRate,
    baselineName: 'raw better-sqlite3 inserts',
    target: 0.5,
  });
  // PostgreSQL
  if (pgUrl) {
    const dbName = `tandem_bench_ingest`;
    const adminClient = new pg.Client({ connectionString: pgUrl });
    await adminClient.connect();
    await adminClient.query(`drop database if exists ${dbName} with (force)`);
    await adminClient.query(`create database ${dbName}`);
    await adminClient.end();
    const url = new URL(pgUrl);
    url.pathname = `/${dbName}`;
    atExit(() => {});
    const pgServer = await startServer({
      DATABASE_URL: url.toString(),
      TANDEM_ADMIN_EMAIL: admin.email,
      TANDEM_ADMIN_PASSWORD: admin.password,
    });
    const pgSetup = await setUpMetric(pgServer.base, admin.email, admin.password);
    const pgRate = await pushAll(pgServer.base, pgSetup.metricId, pgSetup.token);
    await pgServer.server.stop();
    const copyRate = await copyPostgres(url.toString(), pgSetup.metricId);
    rows.push({
      name: 'Push ingestion, PostgreSQL, batches of 10,000',
      tandem: pgRate,
      baseline: copyRate,
      baselineName: 'COPY',
      target: null,
    });
    const cleanup = new pg.Client({ connectionString: pgUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${dbName} with (force)`);
    await cleanup.end();
  }
  return rows;
}

/**
 * 5,000 metrics and 5 million points written straight into SQLite (points and their daily
 * aggregates, as the app keeps them), then the chart of one metric with 3 years of daily
 * points read over HTTP with weekly periods.
 */
export async function chartRead() {
  const admin = { email: 'bench@example.com', password: randomPassword() };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-chart-'));
  atExit(() => fs.rmSync(dir, { recursive: true, force: true }));
  // First start: migrations, admin, stages.
  let { server, base } = await startServer({
    TANDEM_DATA_DIR: dir,
    TANDEM_ADMIN_EMAIL: admin.email,
    TANDEM_ADMIN_PASSWORD: admin.password,
  });
  const { metricId } = await setUpMetric(base, admin.email, admin.password);
  await server.stop();

  const db = new Database(path.join(dir, 'tandem.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // generation only; the server reopens with FULL
  const template = db.prepare('select * from metrics where id = ?').get(metricId);
  const insMetric = db.prepare(
    `insert into metrics (id, initiative_id, name, description, data_source, unit, value_type, min_value, max_value, direction, aggregation, period, time_zone, business_owner_id, it_owner_id, definition_version, version, created_by, created_at, updated_at) values (@id, @initiative_id, @name, @description, @data_source, @unit, @value_type, @min_value, @max_value, @direction, @aggregation, @period, @time_zone, @business_owner_id, @it_owner_id, @definition_version, @version, @created_by, @created_at, @updated_at)`,
  );
  const insPoint = db.prepare(
    'insert into measurements (id, metric_id, at, value, note, source, idempotency_key, created_at, created_by, token_id) values (?, ?, ?, ?, null, ?, null, ?, null, null)',
  );
  const insDay = db.prepare(
    'insert into metric_daily (metric_id, day, count, sum, last_at, last_value, sources) values (?, ?, 1, ?, ?, ?, ?)',
  );
  const start = Date.UTC(2023, 10, 1, 11);
  const METRICS = 5000;
  const POINTS_PER_METRIC = 1000;
  const fill = db.transaction((ids) => {
    for (const id of ids) {
      if (id !== metricId) insMetric.run({ ...template, id, name: `Metric ${id.slice(0, 6)}` });
      const days = id === metricId ? 3 * 365 : POINTS_PER_METRIC;
      for (let d = 0; d < days; d += 1) {
        const at = start + d * DAY;
        const value = (d % 50) + 1;
        insPoint.run(crypto.randomUUID(), id, at, value, 'bench', at);
        insDay.run(id, new Date(at).toISOString().slice(0, 10), value, at, value, '["bench"]');
      }
    }
  });
  const ids = [metricId, ...Array.from({ length: METRICS - 1 }, () => crypto.randomUUID())];
  for (let i = 0; i < ids.length; i += 250) fill(ids.slice(i, i + 250));
  const points = db.prepare('select count(*) as n from measurements').get().n;
  const metrics = db.prepare('select count(*) as n from metrics').get().n;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();

  ({ server, base } = await startServer({ TANDEM_DATA_DIR: dir }));
  const cookie = await login(base, admin.email, admin.password);
  const url = `${base}/api/metrics/${metricId}/series?period=week`;
  const timings = [];
  for (let i = 0; i < 30; i += 1) await request('GET', url, { headers: { cookie } }); // warm-up
  const roundTrips = [];
  for (let i = 0; i < 300; i += 1) {
    const t0 = performance.now();
    const res = await request('GET', url, { headers: { cookie } });
    roundTrips.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`series answered ${res.status}`);
    // Server time from the Server-Timing header: the target is about the server, not loopback.
    timings.push(Number(/dur=([\d.]+)/.exec(String(res.headers['server-timing']))?.[1]));
  }
  roundTrips.sort((a, b) => a - b);
  const weeks = JSON.parse((await request('GET', url, { headers: { cookie } })).body).points.length;
  await server.stop();
  timings.sort((a, b) => a - b);
  const p = (q) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))];
  return {
    metrics,
    points,
    weeks,
    p50: p(0.5),
    p95: p(0.95),
    p99: p(0.99),
    roundTripP95: roundTrips[Math.floor(0.95 * roundTrips.length)],
  };
}

// Run on its own: node bench/metrics.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  const { ensureBuilt } = await import('../scripts/ensure-built.mjs');
  ensureBuilt({ web: false });
  const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  for (const r of await ingestion({ pgUrl })) {
    console.log(
      `${r.name}: ${Math.round(r.tandem)} points/s vs ${r.baselineName} ${Math.round(r.baseline)} points/s → ratio ${(r.tandem / r.baseline).toFixed(2)}`,
    );
  }
  const c = await chartRead();
  console.log(
    `Chart read (${c.metrics} metrics, ${c.points} points, ${c.weeks} weeks), server time: p50 ${c.p50.toFixed(2)} ms, p95 ${c.p95.toFixed(2)} ms, p99 ${c.p99.toFixed(2)} ms; round trip p95 ${c.roundTripP95.toFixed(2)} ms`,
  );
  process.exit(0);
}
