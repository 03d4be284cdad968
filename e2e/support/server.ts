import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'tandem.js');

export interface Credential {
  email: string;
  password: string;
  role: string;
  side: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-'));

/** Parses the demo accounts the server prints once at first start. */
export function parseCredentials(output: string): Credential[] {
  const re = /^\s+(\S+@\S+)\s+(\S+)\s+\((\w+), (\w+)\)$/gm;
  return [...output.matchAll(re)].map((m) => ({
    email: m[1] ?? '',
    password: m[2] ?? '',
    role: m[3] ?? '',
    side: m[4] ?? '',
  }));
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  output: () => string;
  credentials: Credential[];
  process: ChildProcess;
  stop: () => Promise<void>;
}

/**
 * Starts `tandem serve` (compiled) on a free port with its own data folder; `args` replaces
 * the command, e.g. a script that registers a test subscriber before serving.
 */
export async function startTandem(
  env: Record<string, string> = {},
  args: string[] = [bin, 'serve'],
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = env.TANDEM_DATA_DIR ?? tempDir();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      TANDEM_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const check = () => {
      if (out.includes('Tandem is ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}:\n${out}`));
    });
  });
  // A server that dies while a test uses it shows up there only as refused connections: its
  // own last words are printed (a test that stops or kills it on purpose is not reported).
  let stopping = false;
  child.on('exit', (code, signal) => {
    if (stopping || signal === 'SIGKILL') return;
    process.stderr.write(
      `tandem serve on port ${port} exited unexpectedly (code ${String(code)}, signal ${String(signal)}); its output ended with:\n${out.slice(-4000)}\n`,
    );
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    output: () => out,
    credentials: parseCredentials(out),
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        // Killed by a signal: exitCode stays null, signalCode is set.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        stopping = true;
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs the CLI to completion. */
export function tandem(args: string[], env: Record<string, string>, input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs the CLI to completion without blocking this process, for tests that serve something
 * the CLI talks to (e.g. a local SMTP server) from the test process.
 */
export function tandemAsync(
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end(input ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
