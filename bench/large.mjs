// The large demo (`tandem demo seed --scale large`) and the initiatives list at that size:
// seed time; GET /api/initiatives server time (p95, cached and right after a change), bytes
// sent plain and compressed, throughput against a bare Fastify route sending the same
// compressed bytes; Chromium time to the first row and to idle on the initiatives page and on
// the portfolio page.
//
//   BENCH_LARGE_SQLITE_DIR=<data dir>   reuse a data dir that holds the large demo already
//   BENCH_LARGE_PG_URL=<url>            reuse a PostgreSQL database that holds it already
//   BENCH_LARGE_FACTOR=0.05             a smaller demo (trying the benchmark out)
// Seeding the full demo takes minutes; with the variables above only the list is measured.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { chromium } from 'playwright-core';
import { atExit, childEnv, median, randomPassword, root, startNode } from './lib.mjs';

const READY_LINE = /Tandem is ready on \S*?:(\d+)\b/;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FACTOR = process.env.BENCH_LARGE_FACTOR;

const env = (vars) => childEnv({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...vars });

/** Runs the compiled CLI; resolves with its output, rejects on a non-zero exit. */
function cli(args, vars, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bench/cli-compiled.mjs', ...args], {
      cwd: root,
      env: env(vars),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.stdin.end(input ?? '');
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`tandem ${args.join(' ')}: ${out.slice(-800)}`)),
    );
  });
}

/** A request that keeps the raw bytes; ms is the time to the last byte. */
function raw(url, headers = {}, method = 'GET', body) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(url, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          bytes: Buffer.concat(chunks),
          ms: performance.now() - started,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

const p95 = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
};

/** Seeds (or reuses) the large demo; returns the server's variables and the seed time. */
async function prepare(label, vars, reuse) {
  if (reuse) return { vars, seedMs: undefined };
  const args = ['demo', 'seed', '--scale', 'large', ...(FACTOR ? ['--factor', FACTOR] : [])];
  const started = performance.now();
  const out = await cli(args, vars);
  const seedMs = performance.now() - started;
  console.log(`  ${label}: ${out.split('\n').find((l) => l.startsWith('Large demo')) ?? ''}`);
  const verify = await cli(['audit', 'verify'], vars);
  console.log(`  ${label}: ${verify.split('\n')[0]}`);
  return { vars, seedMs, verified: verify.startsWith('Audit trail intact') };
}

async function adminCookie(base, vars) {
  const email = 'bench-admin@example.com';
  const password = randomPassword();
  await cli(
    [
      'users',
      'create',
      '--email',
      email,
      '--name',
      'Bench Admin',
      '--side',
      'it',
      '--role',
      'admin',
      '--password-stdin',
    ],
    vars,
    `${password}\n`,
  ).catch(() => cli(['users', 'set-password', email], vars, `${password}\n`));
  const res = await raw(
    `${base}/api/auth/login`,
    { origin: base, 'content-type': 'application/json' },
    'POST',
    JSON.stringify({ email, password }),
  );
  const cookie = [res.headers['set-cookie'] ?? []]
    .flat()
    .map((c) => c.split(';')[0])
    .find((c) => c.includes('tandem_session='));
  if (!cookie)
    throw new Error(`sign-in failed (${res.status}): ${res.bytes.toString().slice(0, 300)}`);
  return cookie;
}

async function listNumbers(base, cookie, rounds) {
  const url = `${base}/api/initiatives`;
  const plain = await raw(url, { cookie });
  const br = await raw(url, { cookie, 'accept-encoding': 'br, gzip' });
  const gzip = await raw(url, { cookie, 'accept-encoding': 'gzip' });
  const rows = JSON.parse(plain.bytes.toString()).length;
  const etag = br.headers.etag;
  const notModified = await raw(url, { cookie, 'accept-encoding': 'br', 'if-none-match': etag });
  // Served from the cache: repeated reads.
  const cached = [];
  for (let i = 0; i < rounds; i += 1)
    cached.push((await raw(url, { cookie, 'accept-encoding': 'br, gzip' })).ms);
  // Right after a change (the cache is empty): read, compress, send.
  const one = JSON.parse(plain.bytes.toString())[0];
  const fresh = [];
  for (let i = 0; i < Math.max(10, Math.round(rounds / 5)); i += 1) {
    const current = JSON.parse(
      (await raw(`${base}/api/initiatives/${one.id}`, { cookie })).bytes.toString(),
    );
    const patched = await raw(
      `${base}/api/initiatives/${one.id}`,
      { cookie, origin: base, 'content-type': 'application/json' },
      'PATCH',
      JSON.stringify({
        version: current.version,
        title: `${one.title.replace(/ \(\d+\)$/, '')} (${i})`,
      }),
    );
    if (patched.status !== 200) throw new Error(`PATCH answered ${patched.status}`);
    fresh.push((await raw(url, { cookie, 'accept-encoding': 'br, gzip' })).ms);
  }
  return {
    rows,
    plainBytes: plain.bytes.length,
    brBytes: br.bytes.length,
    gzipBytes: gzip.bytes.length,
    brBody: br.bytes,
    notModified: notModified.status,
    notModifiedBytes: notModified.bytes.length,
    cachedP95: p95(cached),
    cachedMedian: median(cached),
    freshP95: p95(fresh),
    freshMedian: median(fresh),
  };
}

async function load(url, headers, seconds, connections) {
  const r = await autocannon({ url, connections, duration: seconds, headers, timeout: 10 });
  return { rps: r.requests.total / r.duration, bad: r.non2xx + r.errors + r.timeouts };
}

/**
 * Chromium: time from navigation to the first row visible (`selector`) on the page at `route`,
 * and to the main thread idle.
 */
async function browserNumbers(base, cookie, runs, route = '/initiatives', selector = 'tbody tr a') {
  if (!fs.existsSync(CHROMIUM)) return undefined;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const first = [];
    const idle = [];
    for (let i = 0; i < runs; i += 1) {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: 'de-DE',
      });
      const eq = cookie.indexOf('=');
      await context.addCookies([
        { name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: base },
      ]);
      const page = await context.newPage();
      await page.goto(`${base}${route}`, { waitUntil: 'commit' });
      try {
        await page.waitForSelector(selector, { state: 'visible', timeout: 60_000 });
      } catch (err) {
        const shot = path.join(os.tmpdir(), `tandem-bench-large-${Date.now()}.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        throw new Error(`no row within 60 s at ${page.url()} (screenshot ${shot})`, {
          cause: err,
        });
      }
      first.push(await page.evaluate(() => performance.now()));
      idle.push(
        await page.evaluate(
          () =>
            new Promise((resolve) => {
              // Idle: a whole 50 ms idle period with nothing waiting on the main thread.
              const check = () =>
                requestIdleCallback((deadline) => {
                  if (deadline.timeRemaining() >= 49) resolve(performance.now());
                  else check();
                });
              check();
            }),
        ),
      );
      await context.close();
    }
    return { first: median(first), idle: median(idle), firsts: first, idles: idle };
  } finally {
    await browser.close();
  }
}

/** GET /api/portfolio (issue 10): p95 server time and throughput against a bare route. */
async function portfolio(label, base, cookie, connections, seconds, bare, report) {
  const url = `${base}/api/portfolio`;
  const first = await raw(url, { cookie });
  if (first.status === 404) return;
  if (first.status !== 200) throw new Error(`GET /api/portfolio answered ${first.status}`);
  const times = [first.ms];
  // A slow endpoint gets fewer reads and no load test (it would only measure the queue).
  const reads = first.ms > 2000 ? 4 : 30;
  for (let i = 1; i < reads; i += 1) times.push((await raw(url, { cookie })).ms);
  report(
    'Large demo',
    `${label}: GET /api/portfolio, server time (${(first.bytes.length / 1000).toFixed(0)} kB)`,
    'p95 ≤ 50 ms',
    `p95 ${p95(times).toFixed(0)} ms (median ${median(times).toFixed(0)} ms, ${reads} reads)`,
    p95(times) <= 50,
  );
  if (reads < 30) return;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-bare-')), 'p.json');
  fs.writeFileSync(file, first.bytes);
  const b = startNode(['bench/bare-server.mjs', file], {
    env: childEnv({}),
    readyPattern: /Bare server ready on \S*?:(\d+)\b/,
    name: 'bare Fastify (portfolio)',
  });
  bare.push(b);
  const { port } = await b.ready;
  const real = await load(url, { cookie }, seconds, connections);
  const ref = await load(`http://127.0.0.1:${port}/api/portfolio`, {}, seconds, connections);
  const ratio = real.rps / ref.rps;
  report(
    'Large demo',
    `${label}: GET /api/portfolio throughput ÷ bare Fastify (same bytes, ${connections} connections)`,
    '≥ 0.5',
    `${ratio.toFixed(2)} (${Math.round(real.rps)} vs ${Math.round(ref.rps)} req/s${real.bad ? `; ${real.bad} failed` : ''})`,
    ratio >= 0.5 && !real.bad,
  );
}

/**
 * Runs everything for SQLite and (unless skipped) PostgreSQL. `report(group, name, target,
 * measured, pass)` adds a row to the results.
 */
export async function benchLarge({ report, note, pgUrl, duration = 10, connections = 20 }) {
  const targets = [];
  const sqliteReuse = process.env.BENCH_LARGE_SQLITE_DIR;
  const sqliteDir =
    sqliteReuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-large-sqlite-'));
  if (!sqliteReuse) atExit(() => fs.rmSync(sqliteDir, { recursive: true, force: true }));
  targets.push({ label: 'SQLite', vars: { TANDEM_DATA_DIR: sqliteDir }, reuse: !!sqliteReuse });
  const pgReuse = process.env.BENCH_LARGE_PG_URL;
  if (pgReuse || pgUrl)
    targets.push({
      label: 'PostgreSQL',
      vars: {
        DATABASE_URL: pgReuse ?? pgUrl,
        TANDEM_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-large-pg-')),
      },
      reuse: !!pgReuse,
    });
  for (const t of targets) {
    console.log(`\n## Large demo on ${t.label}${t.reuse ? ' (reused)' : ''}`);
    const { seedMs, verified } = await prepare(t.label, t.vars, t.reuse);
    if (seedMs !== undefined) {
      report(
        'Large demo',
        `${t.label}: tandem demo seed --scale large${FACTOR ? ` (factor ${FACTOR})` : ''}`,
        '< 5 min',
        `${(seedMs / 1000).toFixed(0)} s${verified ? ', audit chain verified' : ', AUDIT VERIFY FAILED'}`,
        seedMs < 300_000 && verified,
      );
    }
    const server = startNode(['bench/serve-compiled.mjs'], {
      env: env({ TANDEM_DEMO: 'false', ...t.vars }),
      readyPattern: READY_LINE,
      name: `tandem serve (${t.label}, large)`,
      timeoutMs: 180_000,
    });
    const bare = [];
    try {
      const { port } = await server.ready;
      const base = `http://127.0.0.1:${port}`;
      const cookie = await adminCookie(base, t.vars);
      const n = await listNumbers(base, cookie, 100);
      report(
        'Large demo',
        `${t.label}: GET /api/initiatives, ${n.rows} rows, bytes sent`,
        '',
        `${(n.plainBytes / 1000).toFixed(0)} kB plain, ${(n.gzipBytes / 1000).toFixed(0)} kB gzip, ${(n.brBytes / 1000).toFixed(0)} kB brotli; unchanged: ${n.notModified} with ${n.notModifiedBytes} bytes`,
        n.notModified === 304,
      );
      report(
        'Large demo',
        `${t.label}: list server time, repeated reads (cached)`,
        '',
        `p95 ${n.cachedP95.toFixed(1)} ms (median ${n.cachedMedian.toFixed(1)} ms)`,
        null,
      );
      report(
        'Large demo',
        `${t.label}: list server time right after a change`,
        '',
        `p95 ${n.freshP95.toFixed(1)} ms (median ${n.freshMedian.toFixed(1)} ms)`,
        null,
      );
      // Throughput against a bare Fastify route sending the same brotli bytes.
      const file = path.join(
        fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-bare-')),
        'list.br',
      );
      fs.writeFileSync(file, n.brBody);
      const b = startNode(['bench/bare-server.mjs', file, 'br'], {
        env: childEnv({}),
        readyPattern: /Bare server ready on \S*?:(\d+)\b/,
        name: 'bare Fastify (brotli)',
      });
      bare.push(b);
      const { port: barePort } = await b.ready;
      const headers = { cookie, 'accept-encoding': 'br, gzip' };
      const slice = duration / 2;
      const real = [];
      const ref = [];
      for (let round = 0; round < 2; round += 1) {
        const order = round === 0 ? ['real', 'bare'] : ['bare', 'real'];
        for (const which of order) {
          if (which === 'real')
            real.push(await load(`${base}/api/initiatives`, headers, slice, connections));
          else
            ref.push(
              await load(`http://127.0.0.1:${barePort}/api/initiatives`, {}, slice, connections),
            );
        }
      }
      const rps = (list) => list.reduce((s, r) => s + r.rps, 0) / list.length;
      const ratio = rps(real) / rps(ref);
      report(
        'Large demo',
        `${t.label}: list throughput ÷ bare Fastify (same brotli bytes, ${connections} connections)`,
        '≥ 0.5',
        `${ratio.toFixed(2)} (${Math.round(rps(real))} vs ${Math.round(rps(ref))} req/s${real.some((r) => r.bad) ? '; failures' : ''})`,
        ratio >= 0.5 && !real.some((r) => r.bad),
      );
      const browser = await browserNumbers(base, cookie, 5);
      if (browser) {
        report(
          'Large demo',
          `${t.label}: Chromium, initiatives page, first row visible`,
          '≤ 1000 ms',
          `${browser.first.toFixed(0)} ms (median of ${browser.firsts.length}; ${browser.firsts.map((x) => x.toFixed(0)).join(', ')})`,
          browser.first <= 1000,
        );
        report(
          'Large demo',
          `${t.label}: Chromium, initiatives page, idle`,
          '≤ 1500 ms',
          `${browser.idle.toFixed(0)} ms (median; ${browser.idles.map((x) => x.toFixed(0)).join(', ')})`,
          browser.idle <= 1500,
        );
      } else report('Large demo', 'Chromium', '', `skipped: no ${CHROMIUM}`, null);
      await portfolio(t.label, base, cookie, connections, slice, bare, report);
      const heat = await browserNumbers(
        base,
        cookie,
        5,
        '/portfolio',
        '[data-testid^="portfolio-row-"] a',
      );
      if (heat) {
        report(
          'Large demo',
          `${t.label}: Chromium, portfolio page, first row visible`,
          '≤ 1000 ms',
          `${heat.first.toFixed(0)} ms (median of ${heat.firsts.length}; ${heat.firsts.map((x) => x.toFixed(0)).join(', ')})`,
          heat.first <= 1000,
        );
        report(
          'Large demo',
          `${t.label}: Chromium, portfolio page, idle`,
          '≤ 1500 ms',
          `${heat.idle.toFixed(0)} ms (median; ${heat.idles.map((x) => x.toFixed(0)).join(', ')})`,
          heat.idle <= 1500,
        );
      }
    } finally {
      for (const b of bare) await b.stop();
      await server.stop();
    }
  }
  note(
    'Large demo: server times are measured at the client on the loopback interface, one request at a time ' +
      '(time to the last byte, brotli accepted); "right after a change" patches an initiative before each read, ' +
      'so the list is read, serialised and compressed again. Chromium: fresh context per run, 1440×900, signed in ' +
      'as an admin who reads every initiative; first row = a link in the first table row visible (initiatives page, ' +
      'then the portfolio page); idle = the first ' +
      'idle period of 50 ms after it (requestIdleCallback), both from navigation start.',
  );
}
