import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpClient } from './support/http.js';
import { type RunningServer, startTandem, tempDir } from './support/server.js';

/**
 * Durability of pushed measurements: the server is killed (SIGKILL, no shutdown) while
 * batches stream in. After a restart, every batch that was answered 2xx is stored exactly
 * once, no batch is half-stored, and retrying the unanswered ones stores them once.
 */
describe('pushed batches survive a crash', () => {
  const dataDir = tempDir();
  const admin = { email: 'ops@example.com', password: 'a-long-admin-password' };
  const env = {
    TANDEM_DATA_DIR: dataDir,
    TANDEM_DEMO: 'false',
    TANDEM_ADMIN_EMAIL: admin.email,
    TANDEM_ADMIN_PASSWORD: admin.password,
  };
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores every acknowledged batch exactly once after kill -9 and restart', async () => {
    server = await startTandem(env);
    const http = new HttpClient(server.url);
    await http.login(admin.email, admin.password);
    const biz = await http.createPerson('biz@example.com', 'business');
    const itId = await http.createPerson('it@example.com', 'it');
    const initiative = await http.createInitiative('Crash test', biz, itId);
    const bizClient = new HttpClient(server.url);
    await bizClient.login('biz@example.com', 'a-long-password-1');
    const metric = (
      await bizClient.request<{ id: string }>('POST', `/api/initiatives/${initiative.id}/metrics`, {
        name: 'Events',
        description: 'd',
        dataSource: 's',
        unit: 'n',
        direction: 'higher_is_better',
        aggregation: 'sum',
        period: 'day',
        businessOwnerId: biz,
        itOwnerId: itId,
      })
    ).body;
    const secret = (
      await bizClient.request<{ secret: string }>(
        'POST',
        `/api/initiatives/${initiative.id}/tokens`,
        { name: 'crash-bot' },
      )
    ).body.secret;

    const BATCH = 2000;
    const batch = (n: number) => ({
      points: Array.from({ length: BATCH }, (_, i) => ({
        metricId: metric.id,
        at: Date.UTC(2026, 0, 1) + (n * BATCH + i) * 60_000,
        value: 1,
        idempotencyKey: `b${n}-${i}`,
      })),
    });
    const send = (url: string, n: number) =>
      fetch(`${url}/api/push/measurements`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify(batch(n)),
      });

    const acknowledged: number[] = [];
    const unanswered: number[] = [];
    const running = server;
    // Two concurrent streams; the kill lands while requests are in flight.
    const stream = async (offset: number) => {
      for (let n = offset; n < 40; n += 2) {
        try {
          const res = await send(running.url, n);
          if (res.status >= 200 && res.status < 300) acknowledged.push(n);
          else unanswered.push(n);
        } catch {
          unanswered.push(n);
        }
      }
    };
    const streams = Promise.all([stream(0), stream(1)]);
    await new Promise<void>((resolve) => {
      const wait = () => (acknowledged.length >= 6 ? resolve() : setTimeout(wait, 5));
      wait();
    });
    running.process.kill('SIGKILL');
    await streams;
    await new Promise((r) => setTimeout(r, 200));
    expect(acknowledged.length).toBeGreaterThanOrEqual(6);
    expect(unanswered.length).toBeGreaterThan(0);

    const countByBatch = () => {
      const db = new Database(path.join(dataDir, 'tandem.sqlite'), { readonly: true });
      const rows = db
        .prepare(
          "select substr(idempotency_key, 2, instr(idempotency_key, '-') - 2) as b, count(*) as n from measurements group by b",
        )
        .all() as { b: string; n: number }[];
      const daily = db.prepare('select coalesce(sum(count), 0) as n from metric_daily').get() as {
        n: number;
      };
      const total = db.prepare('select count(*) as n from measurements').get() as { n: number };
      db.close();
      return {
        byBatch: new Map(rows.map((r) => [Number(r.b), r.n])),
        daily: daily.n,
        total: total.n,
      };
    };

    server = await startTandem(env);
    const after = countByBatch();
    for (const n of acknowledged) expect(after.byBatch.get(n), `batch ${n}`).toBe(BATCH);
    for (const [, n] of after.byBatch) expect(n).toBe(BATCH); // no batch half-stored
    expect(after.daily).toBe(after.total); // aggregates in step with the points

    // The client retries what it never heard back about: stored once, never twice.
    for (const n of [...unanswered, ...acknowledged]) {
      const res = await send(server.url, n);
      expect(res.status).toBe(200);
    }
    const final = countByBatch();
    expect(final.total).toBe((acknowledged.length + unanswered.length) * BATCH);
    expect(final.daily).toBe(final.total);
  });
});
