// One initiative's stored health recomputed (issue 10): p50/p95 over N recomputes of
// initiatives picked evenly from the database, each in its own transaction (as the outbox
// subscriber does), after N untimed-against-the-target warm-up recomputes (a running server's
// code is compiled; BENCH_RECOMPUTE_WARM=0 measures a cold process), and the portfolio
// computed from scratch once for comparison.
// Prints one JSON line. Uses the compiled server (dist/), the database of the environment
// (DATABASE_URL or TANDEM_DATA_DIR): `node bench/health-recompute.mjs 500`.
import { PerformanceObserver } from 'node:perf_hooks';
import { parseConfig } from '../dist/server/server/config.js';
import { connect, onEachConnection } from '../dist/server/server/db/connect.js';
import { migrateDatabase } from '../dist/server/server/db/migrate.js';
import { portfolioComputedOf } from '../dist/server/server/modules/health/portfolio.service.js';
import {
  recomputeStoredHealth,
  refreshExpiredHealth,
  warmHealthStatements,
} from '../dist/server/server/modules/health/stored-health.service.js';

/** A whole number from the command line or the environment, or a clear error. */
function count(value, fallback, name) {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name}: a whole number ≥ 0, not ${value}`);
  return n;
}
const rounds = count(process.argv[2], 500, 'rounds');
const config = parseConfig(process.env);
const db = connect(config.database, { poolSize: 2, listen: false });
const ctx = { db, config, now: () => new Date() };
try {
  await migrateDatabase(db, config.database);
  // Rows missing after an upgrade or a seed that bypasses the services: all computed once.
  let started = performance.now();
  const filled = await refreshExpiredHealth(ctx);
  const fillMs = performance.now() - started;
  // Each pooled connection warmed, as the server's start does (main.ts warmConnections): the
  // first recompute on a connection does not plan the facts statement.
  const warmErrors = await onEachConnection(db, (conn) => warmHealthStatements(conn, new Date()));
  if (warmErrors.length > 0) throw warmErrors[0];
  const ids = (await db.kysely.selectFrom('initiatives').select('id').orderBy('id').execute()).map(
    (r) => r.id,
  );
  // The recompute as a server that has been running does it: its code compiled by V8's
  // optimising compiler. A fresh process runs its first recomputes in the interpreter and the
  // baseline compiler (its first 20 took 6–45 ms, median ~18, against a p50 of 6–9 ms later:
  // docs/BENCHMARKS.md), which a long-running server has left behind after its first minutes.
  // These warm-up rounds (initiatives spread over the data the same way, each stored again unchanged) are timed too and
  // reported apart (`cold*`), not mixed into the numbers against the target.
  const warmRounds = count(process.env.BENCH_RECOMPUTE_WARM, 200, 'BENCH_RECOMPUTE_WARM');
  const cold = [];
  for (let i = 0; i < warmRounds; i += 1) {
    const id = ids[Math.floor(((i + 0.5) * ids.length) / warmRounds) % ids.length];
    await db.kysely.transaction().execute(async (trx) => {
      const t1 = performance.now();
      await recomputeStoredHealth(trx, [id], new Date());
      cold.push(performance.now() - t1);
    });
  }
  // Inside the transaction (what the outbox subscriber adds to the dispatcher's batch) and
  // with a commit of its own (what a read that finds the row stale pays).
  const inner = [];
  const times = [];
  // Breakdown only (not part of what is timed): this process's CPU time and its garbage
  // collections during the loop, which on a busy machine say more than wall times do.
  const gcs = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push(e.duration);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < rounds; i += 1) {
    const id = ids[Math.floor((i * ids.length) / rounds) % ids.length];
    const t0 = performance.now();
    await db.kysely.transaction().execute(async (trx) => {
      const t1 = performance.now();
      await recomputeStoredHealth(trx, [id], new Date());
      inner.push(performance.now() - t1);
    });
    times.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpuBefore);
  await new Promise((resolve) => setImmediate(resolve)); // the last collections reported
  gcObserver.disconnect();
  times.sort((a, b) => a - b);
  inner.sort((a, b) => a - b);
  cold.sort((a, b) => a - b);
  const at = (list, p) => list[Math.min(list.length - 1, Math.ceil(list.length * p) - 1)];
  const q = (p) => at(times, p);
  started = performance.now();
  const computed = await portfolioComputedOf(ctx, { id: 'system', role: 'admin' }, {});
  const fullMs = performance.now() - started;
  console.log(
    JSON.stringify({
      initiatives: ids.length,
      filled,
      fillMs,
      rounds,
      p50: q(0.5),
      p95: q(0.95),
      max: times.at(-1),
      innerP50: at(inner, 0.5),
      innerP95: at(inner, 0.95),
      warmRounds,
      coldP50: warmRounds > 0 ? at(cold, 0.5) : null,
      coldP95: warmRounds > 0 ? at(cold, 0.95) : null,
      cpuMsPerRound: (cpu.user + cpu.system) / 1000 / rounds,
      gcCount: gcs.length,
      gcMs: gcs.reduce((a, b) => a + b, 0),
      fullComputeMs: fullMs,
      fullRows: computed.rows.length,
    }),
  );
} finally {
  await db.close();
}
