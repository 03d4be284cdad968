#!/usr/bin/env node
// `npm run bench`: measures Tandem against the performance targets and reports them.
//
//   npm run bench                          all benchmarks, results also written to docs/BENCHMARKS.md
//   npm run bench -- --only=bundle,memory  a subset (not written to the docs unless --docs)
//   npm run bench -- --no-docs             print only
//   npm run bench -- --duration=5          seconds of load per throughput target (default 10),
//                                          split into --rounds=5 interleaved slices
//   BENCH_PG_ADMIN_URL=postgres://…/postgres  where to create the tandem_bench database
//   BENCH_PG=off                           skip PostgreSQL
//   npm run bench -- --only=large          the large demo: seed time and the initiatives list at
//                                          size (see bench/large.mjs for reusing a seeded database)
//
// Always exits 0 when the measurements ran (a missed target is a finding, not a crash);
// exits 1 only when the harness itself failed. Every child process is killed on the way out.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import { ensureBuilt } from '../scripts/ensure-built.mjs';
import {
  childEnv,
  atExit,
  cleanUp,
  hookProcessExit,
  kb,
  mb,
  median,
  ms,
  randomPassword,
  readRss,
  request,
  requestJson,
  root,
  sleep,
  startNode,
} from './lib.mjs';
import { chartRead, ingestion } from './metrics.mjs';
import {
  describeDispatch,
  describeEndToEnd,
  describeLatency,
  outboxThroughput,
} from './events.mjs';
import { describeFanOut, inboxFanOut } from './fanout.mjs';
import { benchLarge } from './large.mjs';

const ALL = ['startup', 'throughput', 'bundle', 'memory', 'ingest', 'chart', 'events', 'large'];
const { values: opts } = parseArgs({
  options: {
    only: { type: 'string' },
    docs: { type: 'boolean' },
    'no-docs': { type: 'boolean' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    'startup-runs': { type: 'string', default: '7' },
    rounds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    'cpu-prof': { type: 'boolean' },
  },
});
const selected = opts.only ? opts.only.split(',').map((s) => s.trim()) : ALL;
for (const name of selected) {
  if (!ALL.includes(name)) {
    console.error(`Unknown benchmark "${name}"; choose from ${ALL.join(', ')}`);
    process.exit(2);
  }
}
const writeDocs = opts['no-docs'] ? false : (opts.docs ?? !opts.only);
const DURATION = Number(opts.duration);
const WARMUP = Number(opts.warmup);
const STARTUP_RUNS = Number(opts['startup-runs']);
const CONNECTIONS = Number(opts.connections);
const ROUNDS = Math.max(1, Number(opts.rounds));
const INITIATIVES = 50;
/** --cpu-prof: the real servers of the throughput benchmark write V8 CPU profiles here. */
const PROFILE_DIR = opts['cpu-prof'] ? path.join(os.tmpdir(), 'tandem-bench-profiles') : undefined;

const TARGETS = {
  startMs: 1000,
  ratio: 0.5,
  p99Ms: 20,
  initialJsGzip: 300_000,
  idleRss: 150 * 1024 * 1024,
};

const READY_LINE = /Tandem is ready on \S*?:(\d+)\b/;
const tempDir = (label) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tandem-bench-${label}-`));
  atExit(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
};

/** @type {{ group: string, name: string, target: string, measured: string, pass: boolean | null }[]} */
const rows = [];
const notes = [];
const row = (group, name, target, measured, pass) => {
  rows.push({ group, name, target, measured, pass });
  const verdict = pass === null ? 'info' : pass ? 'PASS' : 'FAIL';
  console.log(`  ${verdict.padEnd(4)}  ${name}: ${measured}${target ? ` (target ${target})` : ''}`);
};
const note = (text) => {
  notes.push(text);
  console.log(`  note: ${text}`);
};

// ---------------------------------------------------------------------------------------------
// Build

/** Builds what is stale. Returns how the server should be started for the start-up benchmark. */
function build() {
  console.log('\n## Build (scripts/ensure-built.mjs)');
  let webError;
  try {
    ensureBuilt();
  } catch (err) {
    webError = err;
    // The server is built before the web app; make sure it is, then go on without the web app.
    ensureBuilt({ web: false });
  }
  if (webError) {
    const manifest = path.join(root, 'dist/web/.vite/manifest.json');
    note(
      `The web app did not build (${firstLine(webError)}); ` +
        (fs.existsSync(manifest)
          ? 'the bundle figure is from the previous, stale dist/web build.'
          : 'there is no dist/web, so the bundle benchmark is skipped.') +
        ' Start-up is measured with bench/serve-compiled.mjs (the compiled CLI without bin/tandem.js’s build check), because bin/tandem.js would try to rebuild the web app.',
    );
    return {
      entry: ['bench/serve-compiled.mjs'],
      entryLabel: 'bench/serve-compiled.mjs',
      webBuilt: false,
    };
  }
  console.log('  server and web app are up to date');
  return { entry: ['bin/tandem.js', 'serve'], entryLabel: 'bin/tandem.js serve', webBuilt: true };
}

function firstLine(err) {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0].slice(0, 200);
}

// ---------------------------------------------------------------------------------------------
// 1. Start to ready

const serverEnv = (vars) => childEnv({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...vars });

async function waitHealthy(port, deadlineMs = 10_000) {
  const until = performance.now() + deadlineMs;
  for (;;) {
    try {
      const res = await request('GET', `http://127.0.0.1:${port}/api/health`, { timeoutMs: 2000 });
      if (res.status === 200) return;
      if (performance.now() > until)
        throw new Error(`/api/health answered ${res.status}: ${res.body}`);
    } catch (err) {
      if (performance.now() > until) throw err;
    }
    await sleep(5);
  }
}

/** Spawn → "Tandem is ready on" printed and /api/health answered 200, in ms. */
async function timeStart(entry, env) {
  const proc = startNode(entry, { env, readyPattern: READY_LINE, name: 'tandem serve' });
  try {
    const { port } = await proc.ready;
    await waitHealthy(port);
    return { ms: performance.now() - proc.startedAt, output: proc.output };
  } finally {
    await proc.stop();
  }
}

/** Parses the demo accounts the first start prints ("passwords are shown only now"). */
function demoAdmin(output) {
  for (const line of output) {
    const m = /^\s+(\S+@\S+)\s+(\S+)\s+\(admin, (?:business|it)\)/.exec(line);
    if (m) return { email: m[1], password: m[2] };
  }
  throw new Error(`the first start printed no demo admin account:\n${output.join('\n')}`);
}

/** A migrated, demo-seeded SQLite data dir; shared by the start-up and memory benchmarks. */
let seeded;

async function benchStartup(how) {
  console.log(`\n## Start to ready, SQLite (${how.entryLabel})`);
  const dataDir = tempDir('start');
  const env = serverEnv({ TANDEM_DATA_DIR: dataDir, TANDEM_DEMO: 'true' });
  const first = await timeStart(how.entry, env);
  seeded = { dataDir, admin: demoAdmin(first.output) };
  const times = [];
  for (let i = 0; i < STARTUP_RUNS; i++) times.push((await timeStart(how.entry, env)).ms);
  const med = median(times);
  row(
    'Start-up',
    `Start to ready, SQLite, restart (median of ${times.length})`,
    `≤ ${TARGETS.startMs} ms`,
    `${ms(med)} (min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))})`,
    med <= TARGETS.startMs,
  );
  row('Start-up', 'First start: empty data dir, migrations + demo seed', '', ms(first.ms), null);
}

async function ensureSeeded(how) {
  if (seeded) return;
  const dataDir = tempDir('seed');
  const first = await timeStart(
    how.entry,
    serverEnv({ TANDEM_DATA_DIR: dataDir, TANDEM_DEMO: 'true' }),
  );
  seeded = { dataDir, admin: demoAdmin(first.output) };
}

// ---------------------------------------------------------------------------------------------
// 2. GET /api/initiatives throughput, relative to a bare Fastify route

async function signIn(base, email, password) {
  const res = await requestJson('POST', `${base}/api/auth/login`, {
    headers: { origin: base },
    json: { email, password },
  });
  const setCookie = [res.headers['set-cookie'] ?? []].flat();
  const cookie = setCookie.map((c) => c.split(';')[0]).find((c) => c.includes('tandem_session='));
  if (!cookie) throw new Error(`sign-in set no session cookie (${setCookie.join(' | ')})`);
  return cookie;
}

/** Starts the real server, creates two owners and 50 initiatives, captures the list response. */
async function startSeededForList(label, dbVars) {
  const admin = { email: 'bench@example.com', password: randomPassword() };
  const nodeFlags = PROFILE_DIR
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${PROFILE_DIR}`,
        `--cpu-prof-name=${label}-${Date.now()}.cpuprofile`,
      ]
    : [];
  const proc = startNode([...nodeFlags, 'bench/serve-compiled.mjs'], {
    env: serverEnv({
      TANDEM_DEMO: 'false',
      TANDEM_ADMIN_EMAIL: admin.email,
      TANDEM_ADMIN_PASSWORD: admin.password,
      ...dbVars,
    }),
    readyPattern: READY_LINE,
    name: `tandem serve (${label})`,
  });
  try {
    const { port } = await proc.ready;
    const base = `http://127.0.0.1:${port}`;
    await waitHealthy(port);
    const cookie = await signIn(base, admin.email, admin.password);
    const headers = { origin: base, cookie };
    const owner = async (side) =>
      (
        await requestJson(
          'POST',
          `${base}/api/users`,
          {
            headers,
            json: {
              email: `${side}-owner@example.com`,
              name: side === 'it' ? 'Ines IT-Owner' : 'Bernd Business-Owner',
              side,
              role: 'member',
              password: randomPassword(),
            },
          },
          201,
        )
      ).data.user.id;
    const businessOwnerId = await owner('business');
    const itOwnerId = await owner('it');
    const departments = ['Sales', 'Marketing', 'Finance', 'Customer Service', 'HR'];
    for (let i = 1; i <= INITIATIVES; i++) {
      await requestJson(
        'POST',
        `${base}/api/initiatives`,
        {
          headers,
          json: {
            title: `Benchmark initiative ${i}: automate the weekly report`,
            problem:
              'Every week someone copies figures from three systems into a spreadsheet by hand.',
            expectedBenefit: 'Four hours a week saved and fewer copy errors.',
            department: departments[i % departments.length],
            businessOwnerId,
            itOwnerId,
            riskClass: 'minimal',
          },
        },
        201,
      );
    }
    const list = await requestJson('GET', `${base}/api/initiatives`, { headers: { cookie } });
    if (!Array.isArray(list.data) || list.data.length !== INITIATIVES) {
      throw new Error(
        `GET /api/initiatives returned ${list.data?.length} items, expected ${INITIATIVES}`,
      );
    }
    return { proc, base, cookie, body: list.body, contentType: list.headers['content-type'] };
  } catch (err) {
    await proc.stop();
    throw err;
  }
}

/** One autocannon run; rps is completed requests per second of the run. */
async function hit(url, headers, seconds) {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers,
    timeout: 10,
  });
  return {
    rps: r.requests.total / r.duration,
    total: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    bad: r.non2xx + r.errors + r.timeouts,
  };
}

/** Combines the rounds of one target: overall rate, median p99 of the rounds, worst max. */
function combine(rounds) {
  const seconds = rounds.reduce((sum, r) => sum + r.total / r.rps, 0);
  const total = rounds.reduce((sum, r) => sum + r.total, 0);
  return {
    rps: total / seconds,
    total,
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    p99s: rounds.map((r) => r.p99),
    max: Math.max(...rounds.map((r) => r.max)),
    bad: rounds.reduce((sum, r) => sum + r.bad, 0),
  };
}

const describeLoad = (r) =>
  `${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms` +
  (r.bad ? `, ${r.bad} failed/non-2xx` : '');

function startBare(bodyFile) {
  return startNode(['bench/bare-server.mjs', bodyFile], {
    env: childEnv({}),
    readyPattern: /Bare server ready on \S*?:(\d+)\b/,
    name: 'bare Fastify',
  });
}

/** Creates a fresh tandem_bench database; returns its URL, or a reason to skip PostgreSQL. */
function preparePostgres() {
  if (process.env.BENCH_PG === 'off') return { skip: 'BENCH_PG=off' };
  const adminUrl = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = new URL(adminUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    return { skip: `BENCH_PG_ADMIN_URL must point at the loopback interface, not ${url.hostname}` };
  }
  const psql = (...commands) =>
    execFileSync(
      'psql',
      [adminUrl, '-X', '-q', '-v', 'ON_ERROR_STOP=1', ...commands.flatMap((c) => ['-c', c])],
      {
        env: { ...process.env, PGCONNECT_TIMEOUT: '5' },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 30_000,
      },
    );
  try {
    try {
      psql('drop database if exists tandem_bench with (force)', 'create database tandem_bench');
    } catch {
      psql('drop database if exists tandem_bench', 'create database tandem_bench'); // PostgreSQL < 13
    }
  } catch (err) {
    const stderr =
      err && typeof err === 'object' && 'stderr' in err ? String(err.stderr).trim() : '';
    return {
      skip: `PostgreSQL unreachable at ${url.host}: ${stderr.split('\n')[0] || firstLine(err)}`,
    };
  }
  url.pathname = '/tandem_bench';
  let dropped = false;
  const drop = () => {
    if (dropped) return;
    dropped = true;
    try {
      psql('drop database if exists tandem_bench with (force)');
    } catch {
      // best effort
    }
  };
  atExit(drop);
  return { url: url.toString(), drop };
}

/**
 * All servers are started first and stay idle while another one is under load; the load
 * runs one target at a time, in ROUNDS interleaved slices (rotating the order), so a noisy
 * neighbour on the shared machine hits every target alike instead of skewing one run.
 */
async function benchThroughput() {
  console.log(`\n## GET /api/initiatives (${INITIATIVES} initiatives, signed in) vs bare Fastify`);
  const procs = [];
  const targets = [];
  let pg;
  try {
    console.log(`  SQLite: seeding ${INITIATIVES} initiatives …`);
    const sqlite = await startSeededForList('SQLite', { TANDEM_DATA_DIR: tempDir('list-sqlite') });
    procs.push(sqlite.proc);
    const bodyFile = path.join(tempDir('bare'), 'initiatives.json');
    fs.writeFileSync(bodyFile, sqlite.body);
    const bare = startBare(bodyFile);
    procs.push(bare);
    const { port: barePort } = await bare.ready;
    targets.push({
      label: 'Bare Fastify',
      url: `http://127.0.0.1:${barePort}/api/initiatives`,
      headers: {},
      rounds: [],
    });
    targets.push({
      label: 'SQLite',
      url: `${sqlite.base}/api/initiatives`,
      headers: { cookie: sqlite.cookie },
      rounds: [],
    });

    pg = preparePostgres();
    if (pg.skip) {
      console.log(`  PostgreSQL skipped: ${pg.skip}`);
    } else {
      console.log(`  PostgreSQL: seeding ${INITIATIVES} initiatives …`);
      const server = await startSeededForList('PostgreSQL', {
        DATABASE_URL: pg.url,
        TANDEM_DATA_DIR: tempDir('list-pg'),
      });
      procs.push(server.proc);
      targets.push({
        label: 'PostgreSQL',
        url: `${server.base}/api/initiatives`,
        headers: { cookie: server.cookie },
        rounds: [],
      });
    }

    const slice = DURATION / ROUNDS;
    console.log(
      `  ${CONNECTIONS} connections; ${WARMUP} s warm-up each, then ${ROUNDS} rounds of ${slice} s per target, one target at a time …`,
    );
    if (WARMUP > 0) for (const t of targets) await hit(t.url, t.headers, WARMUP);
    for (let round = 0; round < ROUNDS; round++) {
      const order = targets.map((_, i) => targets[(i + round) % targets.length]);
      for (const t of order) t.rounds.push(await hit(t.url, t.headers, slice));
      console.log(
        `  round ${round + 1}: ${targets.map((t) => `${t.label} ${Math.round(t.rounds[round].rps)} req/s (p99 ${t.rounds[round].p99} ms)`).join(', ')}`,
      );
    }
    for (const t of targets) {
      t.result = combine(t.rounds);
      console.log(`  ${t.label}: ${describeLoad(t.result)}`);
    }

    const [reference, ...real] = targets;
    row(
      'Throughput',
      'Bare Fastify, same JSON from memory (reference)',
      '',
      `${Math.round(reference.result.rps)} req/s, p99 ${reference.result.p99} ms`,
      null,
    );
    for (const t of real) {
      const r = t.result;
      const ratio = r.rps / reference.result.rps;
      const roundRatios = t.rounds.map((x, i) => x.rps / reference.rounds[i].rps);
      row(
        'Throughput',
        `${t.label}: throughput ÷ bare Fastify`,
        `≥ ${TARGETS.ratio}`,
        `${ratio.toFixed(2)} (${Math.round(r.rps)} req/s; rounds ${Math.min(...roundRatios).toFixed(2)}–${Math.max(...roundRatios).toFixed(2)}${r.bad ? `; ${r.bad} failed/non-2xx` : ''})`,
        ratio >= TARGETS.ratio && r.bad === 0,
      );
      row(
        'Throughput',
        `${t.label}: p99 latency at ${CONNECTIONS} connections`,
        `≤ ${TARGETS.p99Ms} ms`,
        `${r.p99} ms (rounds ${Math.min(...r.p99s)}–${Math.max(...r.p99s)} ms; p50 ${r.p50} ms)`,
        r.p99 <= TARGETS.p99Ms,
      );
    }
    if (pg.skip) row('Throughput', 'PostgreSQL', '', `skipped: ${pg.skip}`, null);
    note(
      `Throughput: ${kb(Buffer.byteLength(sqlite.body))} JSON body (${INITIATIVES} initiatives), ` +
        `${CONNECTIONS} connections, ${WARMUP} s warm-up per target, then ${ROUNDS} interleaved rounds of ${slice} s per target; ` +
        'ratio = total requests ÷ total requests of the bare route; p99 = median of the rounds’ p99.',
    );
  } finally {
    for (const proc of procs) await proc.stop();
    pg?.drop?.();
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Initial JavaScript of the web app

function benchBundle() {
  console.log('\n## Initial JavaScript of the web app (gzip -9)');
  const webDir = path.join(root, 'dist/web');
  const manifestFile = path.join(webDir, '.vite/manifest.json');
  if (!fs.existsSync(manifestFile)) {
    row(
      'Web app',
      'Initial JavaScript, gzip',
      `≤ ${TARGETS.initialJsGzip / 1000} kB`,
      'skipped: no dist/web/.vite/manifest.json (web app not built)',
      null,
    );
    return;
  }
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
  if (entries.length === 0) throw new Error('the Vite manifest has no entry chunk');
  // The entry chunks and everything they import statically, transitively (not dynamicImports).
  const chunks = new Set();
  const visit = (key) => {
    if (chunks.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the Vite manifest has no chunk "${key}"`);
    chunks.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  entries.forEach(visit);
  const js = new Set();
  const css = new Set();
  for (const key of chunks) {
    const chunk = manifest[key];
    if (chunk.file.endsWith('.js')) js.add(chunk.file);
    else if (chunk.file.endsWith('.css')) css.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
  }
  const size = (files) => {
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      const content = fs.readFileSync(path.join(webDir, file));
      raw += content.length;
      gzip += zlib.gzipSync(content, { level: 9 }).length;
    }
    return { raw, gzip };
  };
  // Each language's messages are a chunk of their own (src/web/i18n/index.ts), loaded
  // dynamically but before the first screen draws (early.js preloads the one a page starts
  // in): the larger of the two counts as initial, the other is loaded only at a switch.
  const languages = Object.keys(manifest)
    .filter((key) => /i18n\/resources\.[a-z]{2}\.ts$/.test(key))
    .map((key) => ({ key, file: manifest[key].file, ...size([manifest[key].file]) }))
    .sort((a, b) => b.gzip - a.gzip);
  const entryOnly = size(js);
  if (languages[0]) js.add(languages[0].file);
  const jsSize = size(js);
  const cssSize = size(css);
  const builtAt = fs.statSync(manifestFile).mtime.toISOString().slice(0, 16).replace('T', ' ');
  row(
    'Web app',
    `Initial JavaScript, gzip (entry + static imports${languages[0] ? ' + one language’s messages' : ''}: ${js.size} file${js.size === 1 ? '' : 's'})`,
    `≤ ${TARGETS.initialJsGzip / 1000} kB`,
    `${kb(jsSize.gzip)} (${kb(jsSize.raw)} raw)`,
    jsSize.gzip <= TARGETS.initialJsGzip,
  );
  row(
    'Web app',
    `Initial CSS, gzip (${css.size} file${css.size === 1 ? '' : 's'})`,
    '',
    `${kb(cssSize.gzip)} (${kb(cssSize.raw)} raw)`,
    null,
  );
  if (languages.length > 0) {
    row(
      'Web app',
      'Entry + static imports alone, gzip',
      '',
      `${kb(entryOnly.gzip)} (${kb(entryOnly.raw)} raw)`,
      null,
    );
    for (const l of languages)
      row(
        'Web app',
        `Messages of ${l.key.replace(/^.*resources\.([a-z]{2})\.ts$/, '$1')}, gzip (own chunk)`,
        '',
        `${kb(l.gzip)} (${kb(l.raw)} raw)`,
        null,
      );
  }
  console.log(`  files: ${[...js, ...css].join(', ')} (build of ${builtAt} UTC)`);
}

// ---------------------------------------------------------------------------------------------
// 4. Idle memory

async function benchMemory(how) {
  console.log('\n## Idle server memory, SQLite with the demo workspace');
  await ensureSeeded(how);
  const proc = startNode(['bench/serve-compiled.mjs'], {
    env: serverEnv({ TANDEM_DATA_DIR: seeded.dataDir, TANDEM_DEMO: 'true' }),
    readyPattern: READY_LINE,
    name: 'tandem serve (memory)',
  });
  try {
    const { port } = await proc.ready;
    const base = `http://127.0.0.1:${port}`;
    await waitHealthy(port);
    const cookie = await signIn(base, seeded.admin.email, seeded.admin.password);
    const list = await requestJson('GET', `${base}/api/initiatives`, { headers: { cookie } });
    const first = list.data[0];
    if (first)
      await requestJson('GET', `${base}/api/initiatives/${first.id}`, { headers: { cookie } });
    await requestJson('GET', `${base}/api/me`, { headers: { cookie } });
    await sleep(5000);
    const { rss, peak } = readRss(proc.child.pid);
    row(
      'Memory',
      'Idle RSS after sign-in, list and one initiative (+5 s)',
      `≤ ${mb(TARGETS.idleRss)}`,
      `${mb(rss)} (peak ${mb(peak)})`,
      rss <= TARGETS.idleRss,
    );
  } finally {
    await proc.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    ram: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM`,
    node: process.version,
    load: os.loadavg()[0].toFixed(2),
  };
}

function table() {
  const header = ['Benchmark', 'Target', 'Measured', 'Result'];
  const body = rows.map((r) => [
    r.name,
    r.target || '–',
    r.measured,
    r.pass === null ? 'info' : r.pass ? 'PASS' : '**FAIL**',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...body.map(line),
  ].join('\n');
}

const START = '<!-- bench-results:start -->';
const END = '<!-- bench-results:end -->';

/** Replaces today's section for this machine, or adds a new one on top; keeps the last ten. */
function writeResults(section, day, machineLine) {
  const file = path.join(root, 'docs/BENCHMARKS.md');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let text = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8')
    : '# Benchmarks\n\nRun `npm run bench`.\n\n## Results\n\n';
  if (!text.includes(START) || !text.includes(END))
    text = `${text.trimEnd()}\n\n${START}\n${END}\n`;
  const before = text.slice(0, text.indexOf(START) + START.length);
  const inside = text.slice(text.indexOf(START) + START.length, text.indexOf(END));
  const after = text.slice(text.indexOf(END));
  const sections = inside
    .split(/^(?=### )/m)
    .map((s) => s.trim())
    .filter((s) => s.startsWith('### '))
    .filter((s) => !(s.startsWith(`### ${day}`) && s.includes(machineLine)));
  const kept = [section.trim(), ...sections].slice(0, 10);
  fs.writeFileSync(file, `${before}\n\n${kept.join('\n\n')}\n\n${after}`);
  console.log(`\nWrote the results to ${path.relative(root, file)}`);
}

// ---------------------------------------------------------------------------------------------

// Shared metrics: ingestion against raw inserts / COPY, and a chart read in a large database.
async function benchIngest() {
  console.log('\nShared metrics: push ingestion (10 batches of 10,000 points)');
  const pgUrl =
    process.env.BENCH_PG === 'off'
      ? undefined
      : (process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  for (const r of await ingestion({ pgUrl })) {
    const ratio = r.tandem / r.baseline;
    const measured = `${Math.round(r.tandem).toLocaleString('en')} points/s; ${r.baselineName} ${Math.round(r.baseline).toLocaleString('en')} points/s; ratio ${ratio.toFixed(2)}`;
    row(
      'metrics',
      r.name,
      r.target === null ? '' : `ratio ≥ ${r.target}`,
      measured,
      r.target === null ? null : ratio >= r.target,
    );
  }
}

async function benchChart() {
  console.log('\nShared metrics: chart read (5,000 metrics, 5 million points)');
  const c = await chartRead();
  row(
    'metrics',
    `Chart of one metric, 3 years daily, weekly periods (${c.metrics.toLocaleString('en')} metrics, ${c.points.toLocaleString('en')} points in the database)`,
    'p95 ≤ 10 ms server time',
    `p50 ${ms(c.p50)}, p95 ${ms(c.p95)}, p99 ${ms(c.p99)} (Server-Timing; loopback round trip p95 ${ms(c.roundTripP95)})`,
    c.p95 <= 10,
  );
}

// Domain events: the outbox's capacity, end to end with one commit per event, latency.
async function benchEvents() {
  console.log('\nDomain events: outbox throughput (10,000 events)');
  const pgUrl =
    process.env.BENCH_PG === 'off'
      ? undefined
      : (process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  for (const r of await outboxThroughput({ pgUrl })) {
    const sqlite = r.label === 'SQLite';
    row(
      'events',
      `Outbox dispatch, ${r.label}: a backlog handled by a transactional subscriber`,
      sqlite ? '≥ 1,000 events/s' : '',
      describeDispatch(r),
      sqlite ? r.dispatchRate >= 1000 : null,
    );
    row(
      'events',
      `Outbox end to end, ${r.label}: 8 writers, one event per transaction`,
      '',
      describeEndToEnd(r),
      null,
    );
    row('events', `Outbox commit → handled, ${r.label}, light load`, '', describeLatency(r), null);
  }
  // One event to 50 people: their inbox rows and their open tabs' bells (bench/fanout.mjs).
  console.log('\nDomain events: one comment mentioning 50 people');
  for (const r of await inboxFanOut({ pgUrl })) {
    row(
      'events',
      `A comment reaches the inbox of 50 people, ${r.label} (request sent → 50 rows committed)`,
      '≤ 1 s',
      describeFanOut(r, 'inbox'),
      r.inbox.max <= 1000,
    );
    row(
      'events',
      `… and their 50 open live streams (\`event: inbox\` for the bell), ${r.label}`,
      '≤ 1 s',
      describeFanOut(r, 'live'),
      r.live.max <= 1000,
    );
  }
}

async function main() {
  hookProcessExit();
  const started = performance.now();
  const m = machine();
  const now = new Date();
  const day = now.toISOString().slice(0, 10);
  const machineLine = `${m.cpu}, ${m.cores} cores, ${m.ram}, Node ${m.node}`;
  console.log(`Tandem benchmarks — ${now.toISOString()} — ${machineLine} (load average ${m.load})`);

  const how = build();
  if (selected.includes('startup')) await benchStartup(how);
  if (selected.includes('throughput')) await benchThroughput();
  if (selected.includes('bundle')) benchBundle();
  if (selected.includes('memory')) await benchMemory(how);
  if (selected.includes('ingest')) await benchIngest();
  if (selected.includes('chart')) await benchChart();
  if (selected.includes('events')) await benchEvents();
  if (selected.includes('large')) {
    const pg = process.env.BENCH_LARGE_PG_URL ? undefined : preparePostgres();
    if (pg?.skip) console.log(`  PostgreSQL skipped for the large demo: ${pg.skip}`);
    try {
      await benchLarge({ report: row, note, pgUrl: pg?.url, duration: DURATION });
    } finally {
      pg?.drop?.();
    }
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const failed = rows.filter((r) => r.pass === false);
  const section = [
    `### ${day} ${now.toISOString().slice(11, 16)} UTC — ${machineLine}`,
    '',
    `Load average at start ${m.load}; start-up measured with \`${how.entryLabel}\`; whole run ${seconds} s.`,
    '',
    table(),
    ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
  ].join('\n');

  console.log(`\n${table()}\n`);
  console.log(
    failed.length
      ? `${failed.length} target(s) missed: ${failed.map((r) => r.name).join('; ')}`
      : 'All measured targets met.',
  );
  if (writeDocs) writeResults(section, day, machineLine);
}

try {
  await main();
} catch (err) {
  console.error('\nThe benchmark harness failed:', err);
  process.exitCode = 1;
} finally {
  cleanUp();
}
