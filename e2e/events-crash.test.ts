import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpClient } from './support/http.js';
import { dropDatabase, e2eDialects, freshDatabase } from './support/postgres.js';
import { root, type RunningServer, startTandem, tempDir } from './support/server.js';

/**
 * Durability of domain events: the server is killed (SIGKILL, no shutdown) while writes
 * stream in and a slow subscriber is behind. After a restart, every event that committed
 * is handled by the subscriber exactly once (its effect rows), each initiative's events in
 * order, and every write that was answered 2xx has its event.
 */
interface Store {
  env: Record<string, string>;
  query<T>(text: string): Promise<T[]>;
  drop(): Promise<void>;
}

function sqliteStore(dataDir: string): Store {
  return {
    env: {},
    query: <T>(text: string) => {
      const db = new Database(path.join(dataDir, 'tandem.sqlite'), { readonly: true });
      try {
        return Promise.resolve(db.prepare(text).all() as T[]);
      } finally {
        db.close();
      }
    },
    drop: () => Promise.resolve(),
  };
}

async function postgresStore(): Promise<Store> {
  const name = `tandem_e2e_events_${process.pid}`;
  const url = await freshDatabase(name);
  return {
    env: { DATABASE_URL: url },
    query: async <T>(text: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query(text)).rows as T[];
      } finally {
        await c.end();
      }
    },
    drop: () => dropDatabase(name),
  };
}

const dialects = await e2eDialects();

describe.each(dialects)('domain events survive a crash (%s)', (dialect) => {
  const dataDir = tempDir();
  const admin = { email: 'ops@example.com', password: 'a-long-admin-password' };
  let store: Store;
  let server: RunningServer | undefined;
  const script = [path.join(root, 'e2e', 'support', 'events-server.mjs')];
  afterAll(async () => {
    await server?.stop();
    await store?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every committed event exactly once, in order, after kill -9 and restart', async () => {
    store = dialect === 'postgres' ? await postgresStore() : sqliteStore(dataDir);
    const env = {
      TANDEM_DATA_DIR: dataDir,
      TANDEM_DEMO: 'false',
      TANDEM_ADMIN_EMAIL: admin.email,
      TANDEM_ADMIN_PASSWORD: admin.password,
      ...store.env,
    };
    // Slow handlers before the kill (a backlog builds up), normal speed after the restart.
    server = await startTandem({ ...env, E2E_HANDLER_MS: '15' }, script);
    const http = new HttpClient(server.url);
    await http.login(admin.email, admin.password);
    const biz = await http.createPerson('biz@example.com', 'business');
    const itId = await http.createPerson('it@example.com', 'it');
    const initiatives = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => http.createInitiative(`Crash ${n}`, biz, itId)),
    );

    const pendingCount = async () =>
      Number(
        (
          await store.query<{ n: number | string }>(
            "select count(*) as n from event_deliveries where subscriber = 'e2e.crash-recorder' and status = 'pending'",
          )
        )[0]?.n ?? 0,
      );
    // Each initiative is edited over and over, one edit after the other: each answered
    // edit committed one `initiative.updated` event.
    let acknowledged = 0;
    let stop = false;
    const running = server;
    const edit = async (initiative: { id: string; version: number }) => {
      let version = initiative.version;
      for (let n = 0; !stop; n += 1) {
        try {
          const res = await http.request<{ version: number }>(
            'PATCH',
            `/api/initiatives/${initiative.id}`,
            { version, title: `Edit ${n}` },
          );
          if (res.status !== 200) return;
          version = res.body.version;
          acknowledged += 1;
        } catch {
          return; // the server is gone
        }
      }
    };
    const editors = Promise.all(initiatives.map(edit));
    // On SQLite writers and the subscriber share one connection, so the backlog stays
    // around the number of writers in flight; a handful pending is the mid-stream we want.
    const deadline = Date.now() + 60_000;
    while (!(acknowledged >= 80 && (await pendingCount()) >= 5) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    running.process.kill('SIGKILL');
    stop = true;
    await editors;
    await new Promise((r) => setTimeout(r, 200));

    const pendingAtKill = await pendingCount();
    expect(pendingAtKill).toBeGreaterThan(0); // the kill landed mid-stream
    const updates = await store.query<{ n: number | string }>(
      "select count(*) as n from domain_events where type = 'initiative.updated'",
    );
    expect(Number(updates[0]?.n)).toBeGreaterThanOrEqual(acknowledged);

    server = await startTandem(env, script);
    const until = Date.now() + 60_000;
    while ((await pendingCount()) > 0 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    expect(await pendingCount()).toBe(0);

    const deliveries = await store.query<{ event_id: string; status: string }>(
      "select event_id, status from event_deliveries where subscriber = 'e2e.crash-recorder'",
    );
    const events = await store.query<{ id: string; stream: string; seq: number | string }>(
      'select id, stream, seq from domain_events',
    );
    const effects = await store.query<{ event_id: string; stream: string; seq: number | string }>(
      'select event_id, stream, seq from crash_effects order by ord',
    );
    expect(deliveries.length).toBe(events.length); // the recorder wants every event
    expect(deliveries.every((d) => d.status === 'done')).toBe(true);
    const times = new Map<string, number>();
    for (const e of effects) times.set(e.event_id, (times.get(e.event_id) ?? 0) + 1);
    for (const e of events) expect(times.get(e.id), `event ${e.id}`).toBe(1);
    expect(effects.length).toBe(events.length);
    // Each stream (initiative, or the entity for events without one) in order, no gaps.
    const streams = new Map<string, number[]>();
    for (const e of effects)
      streams.set(e.stream, [...(streams.get(e.stream) ?? []), Number(e.seq)]);
    for (const [stream, seqs] of streams) expect(seqs, stream).toEqual(seqs.map((_, i) => i + 1));
    for (const i of initiatives) expect(streams.get(i.id)?.length).toBeGreaterThan(5);
  }, 180_000);
});
