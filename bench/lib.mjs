// Helpers for the benchmarks: child processes that are always cleaned up, a tiny HTTP
// client (node:http, so no lazy undici start-up lands inside a timing) and statistics.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every child we started and has not exited yet. */
const children = new Set();

/** Kills every child still running (SIGKILL, synchronous): for exit and error paths. */
export function killAllChildren() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
}

/** Synchronous clean-ups (temporary folders, the benchmark database), run once on the way out. */
const cleanups = [];
export function atExit(fn) {
  hookProcessExit();
  cleanups.push(fn);
}

/** Kills the children, then runs the clean-ups (newest first). Safe to call more than once. */
export function cleanUp() {
  killAllChildren();
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      fn();
    } catch (err) {
      console.error('clean-up failed:', err);
    }
  }
}

let hooked = false;
export function hookProcessExit() {
  if (hooked) return;
  hooked = true;
  process.on('exit', cleanUp);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping the benchmark child processes and cleaning up`);
      cleanUp();
      process.exit(130);
    });
  }
}

/**
 * Environment for a child: ours without anything Tandem reads, plus `vars`, so a
 * DATABASE_URL or TANDEM_* in the caller's shell cannot change what is measured.
 */
export function childEnv(vars) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (
      key.startsWith('TANDEM_') ||
      ['PORT', 'HOST', 'DATABASE_URL', 'LOG_LEVEL', 'PUBLIC_URL'].includes(key)
    )
      delete env[key];
  }
  return { ...env, ...vars };
}

/**
 * Spawns `node <args>` and resolves once a stdout line matches `readyPattern`
 * (whose first group is the port). Rejects when the process exits first or after `timeoutMs`.
 */
export function startNode(args, { env, readyPattern, timeoutMs = 60_000, name = args[0] }) {
  hookProcessExit();
  const startedAt = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const output = [];
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${name} did not get ready within ${timeoutMs} ms:\n${tail(output)}`));
    }, timeoutMs);
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        output.push(line);
        const match = readyPattern.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve({ port: Number(match[1]), readyAt: performance.now() });
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => output.push(...chunk.split('\n').filter(Boolean)));
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? code}) before it was ready:\n${tail(output)}`));
    });
  });
  // Callers that never await `ready` (or await it late) must not crash on its rejection.
  ready.catch(() => {});
  return {
    child,
    startedAt,
    output,
    ready,
    exited,
    /** SIGTERM, then SIGKILL after `graceMs`. */
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

function tail(lines, n = 25) {
  return lines.slice(-n).join('\n');
}

const agent = new http.Agent({ keepAlive: false });

/** A request on the loopback interface; resolves with status, headers and the body as text. */
export function request(method, url, { headers = {}, json, raw, timeoutMs = 15_000 } = {}) {
  return new Promise((resolve, reject) => {
    // `raw`: an already serialised JSON body, so serialising is not inside a timing.
    const body = raw ?? (json === undefined ? undefined : JSON.stringify(json));
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          accept: 'application/json',
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          ...headers,
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Like `request`, but throws unless the status is `expected`; returns the parsed JSON body. */
export async function requestJson(method, url, options = {}, expected = 200) {
  const res = await request(method, url, options);
  if (res.status !== expected) {
    throw new Error(
      `${method} ${url} answered ${res.status} (expected ${expected}): ${res.body.slice(0, 500)}`,
    );
  }
  return { ...res, data: res.body ? JSON.parse(res.body) : undefined };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Resident set size and its peak of a Linux process, in bytes (from /proc/<pid>/status). */
export function readRss(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) * 1024 : NaN;
  };
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

export const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
/** kB as Vite prints them: 1 kB = 1000 bytes. */
export const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
export const ms = (value) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/** A password that satisfies the server's rules (≥ 12 characters). */
export function randomPassword(length = 20) {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
