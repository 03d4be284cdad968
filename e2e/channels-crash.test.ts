import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpClient } from './support/http.js';
import { type RunningServer, startTandem, tempDir } from './support/server.js';

/**
 * Chat channel messages survive a crash: the server is killed (SIGKILL) while it waits for
 * a channel's answer and more messages queue behind it. After a restart every message
 * arrives, and a message sent again carries the same `webhook-id` as before the kill.
 */
describe('channel messages survive a crash (sqlite)', () => {
  const dataDir = tempDir();
  const admin = { email: 'ops@example.com', password: 'a-long-admin-password' };
  let server: RunningServer | undefined;
  const received: { id: string; answered: boolean }[] = [];
  let answering = false;
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      received.push({ id, answered: answering });
      // Before the kill the target hangs: the server is killed while it waits.
      if (answering) res.writeHead(200).end('ok');
    });
  });
  afterAll(async () => {
    await server?.stop();
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const pending = () => {
    const db = new Database(path.join(dataDir, 'tandem.sqlite'), { readonly: true });
    try {
      return (
        db
          .prepare(
            "select count(*) as n from event_deliveries where subscriber = 'channels.deliver' and status = 'pending'",
          )
          .get() as { n: number }
      ).n;
    } finally {
      db.close();
    }
  };

  it('delivers every pending message after kill -9 and restart, with the same webhook-id', async () => {
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as AddressInfo).port;
    const env = {
      TANDEM_DATA_DIR: dataDir,
      TANDEM_DEMO: 'false',
      TANDEM_ADMIN_EMAIL: admin.email,
      TANDEM_ADMIN_PASSWORD: admin.password,
    };
    server = await startTandem(env);
    const client = new HttpClient(server.url);
    await client.login(admin.email, admin.password);
    expect(
      (
        await client.request('PUT', '/api/settings/channel-targets', {
          allowPrivateTargets: true,
          allowHttp: true,
        })
      ).status,
    ).toBe(200);
    const created = await client.request<{ channel: { id: string } }>(
      'POST',
      '/api/channels/workspace',
      {
        kind: 'webhook',
        name: 'Relay',
        url: `http://127.0.0.1:${port}/hook`,
        events: ['goal.agreed'],
        language: 'en',
      },
    );
    expect(created.status).toBe(201);
    const channelId = created.body.channel.id;
    // Three messages; each request answers at once, whatever the target does.
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      expect((await client.request('POST', `/api/channels/${channelId}/test`)).status).toBe(202);
      expect(Date.now() - started).toBeLessThan(2_000);
    }
    const deadline = Date.now() + 20_000;
    while (received.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(received).toHaveLength(1); // the first is in flight, the others wait behind it
    server.process.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    expect(pending()).toBe(3);

    answering = true;
    server = await startTandem(env);
    const until = Date.now() + 120_000;
    while (pending() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(pending()).toBe(0);

    const delivered = received.filter((r) => r.answered).map((r) => r.id);
    expect(new Set(delivered).size).toBe(3);
    // The message in flight at the kill came again, under the same id.
    expect(delivered).toContain(received[0]!.id);

    const db = new Database(path.join(dataDir, 'tandem.sqlite'), { readonly: true });
    try {
      const rows = db
        .prepare('select status, webhook_id from channel_deliveries where channel_id = ?')
        .all(channelId) as { status: string; webhook_id: string }[];
      expect(rows.filter((r) => r.status === 'delivered')).toHaveLength(3);
    } finally {
      db.close();
    }
  }, 240_000);
});
