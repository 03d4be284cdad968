import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  Channel,
  ChannelDelivery,
  CreatedChannel,
  CreateChannelBody,
} from '../../../contracts/channels.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import { testDialects } from '../../test-support/dialects.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';

const dialects = await testDialects();

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local HTTP receiver: records every request and answers as the test says. */
async function receiver() {
  const received: Received[] = [];
  let answer: (r: Received, res: http.ServerResponse) => void = (_r, res) => {
    res.writeHead(200).end('ok');
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(r);
      answer(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    answerWith: (f: typeof answer) => {
      answer = f;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.each(dialects)('chat channels (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestUser;
  let biz: TestUser;
  let itOwner: TestUser;
  let colleague: TestUser;
  let initiative: Initiative;
  let r: Awaited<ReturnType<typeof receiver>>;
  const drain = () => t.app.background.drainOutbox();
  const later = (ms: number) => t.setClock(new Date(t.now().getTime() + ms));

  const allow = (allowPrivateTargets: boolean, allowHttp = allowPrivateTargets) =>
    t.inject({
      method: 'PUT',
      url: '/api/settings/channel-targets',
      user: admin,
      body: { allowPrivateTargets, allowHttp },
    });
  const add = (body: Partial<CreateChannelBody>, user: TestUser = biz, of = initiative.id) =>
    t.inject({
      method: 'POST',
      url: `/api/initiatives/${of}/channels`,
      user,
      body: {
        kind: 'webhook',
        name: 'Team hook',
        url: r.url(),
        events: ['handoff.submitted'],
        language: 'en',
        ...body,
      },
    });
  const created = async (body: Partial<CreateChannelBody>) => {
    const res = await add(body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<CreatedChannel>();
  };
  const deliveries = async (channel: { id: string }) =>
    (
      await t.inject({ method: 'GET', url: `/api/channels/${channel.id}/deliveries`, user: biz })
    ).json<ChannelDelivery[]>();
  const test = (channel: { id: string }) =>
    t.inject({ method: 'POST', url: `/api/channels/${channel.id}/test`, user: biz });
  const removeAll = async () => {
    for (const c of (
      await t.inject({
        method: 'GET',
        url: `/api/initiatives/${initiative.id}/channels`,
        user: biz,
      })
    ).json<Channel[]>())
      await t.inject({ method: 'DELETE', url: `/api/channels/${c.id}`, user: biz });
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, { PUBLIC_URL: 'https://tandem.example.com' });
    r = await receiver();
    admin = await t.user({ role: 'admin', side: 'it' });
    biz = await t.user({ side: 'business', name: 'Anna Business' });
    itOwner = await t.user({ side: 'it' });
    colleague = await t.user({ side: 'business' });
    initiative = await t.given.initiative({
      businessOwner: biz,
      itOwner,
      title: 'Lead <generator> & *friends*',
      members: [colleague],
    });
  });
  beforeEach(async () => {
    // Retries left behind by the last test find no channel and end (a message still being
    // retried holds back the initiative's later ones).
    await removeAll();
    later(3_600_000);
    await drain();
    r.received.length = 0;
    r.answerWith((_r, res) => res.writeHead(200).end('ok'));
  });
  afterAll(async () => {
    await r?.close();
    await t?.close();
  });

  it('refuses targets on loopback, private, link-local and metadata addresses (422, nothing saved)', async () => {
    expect((await allow(false)).statusCode).toBe(200);
    const cases: [string, string][] = [
      ['https://127.0.0.1/hook', 'private_address'],
      ['https://169.254.169.254/latest/meta-data', 'private_address'],
      ['https://10.20.30.40/hook', 'private_address'],
      ['https://192.168.1.1/hook', 'private_address'],
      ['https://[::1]/hook', 'private_address'],
      ['https://[fd00::1]/hook', 'private_address'],
      ['https://[::ffff:127.0.0.1]/hook', 'private_address'],
      ['https://localhost/hook', 'private_address'],
      ['http://93.184.215.14/hook', 'insecure_url'],
    ];
    const before = await t.count('channels');
    for (const [url, code] of cases) {
      const res = await add({ url });
      expect(res.statusCode, url).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const problem = res.json<{ errors: { pointer: string; code: string }[] }>();
      expect(problem.errors, url).toEqual([
        expect.objectContaining({ pointer: '/body/url', code }),
      ]);
    }
    expect(await t.count('channels')).toBe(before);
  });

  it('lets only owners manage an initiative’s channels and only admins the workspace’s', async () => {
    await allow(true);
    expect((await add({}, colleague)).statusCode).toBe(403);
    const hidden = await t.given.initiative({ businessOwner: biz, itOwner, visibility: 'members' });
    expect((await add({}, colleague, hidden.id)).statusCode).toBe(404);
    const ws = {
      kind: 'slack',
      name: 'All',
      url: r.url(),
      events: ['goal.agreed'],
      language: 'de',
    };
    expect(
      (await t.inject({ method: 'POST', url: '/api/channels/workspace', user: biz, body: ws }))
        .statusCode,
    ).toBe(403);
    const res = await t.inject({
      method: 'POST',
      url: '/api/channels/workspace',
      user: admin,
      body: ws,
    });
    expect(res.statusCode).toBe(201);
    await t.inject({
      method: 'DELETE',
      url: `/api/channels/${res.json<CreatedChannel>().channel.id}`,
      user: admin,
    });
  });

  it('records who allowed private targets', async () => {
    await allow(false);
    await allow(true);
    const audit = await t.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('action', '=', 'setting.channel_targets_changed')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(audit.every((a) => a.actor_id === admin.id)).toBe(true);
  });

  it('signs a generic webhook the Standard Webhooks way, after the action committed', async () => {
    await allow(true);
    const { channel, secret } = await created({ kind: 'webhook' });
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify(channel)).not.toContain(secret);
    expect(channel.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/…$/);

    const handoff = await t.given.submittedHandoff(initiative, {
      by: biz,
      receiver: itOwner,
      toStage: null,
      title: 'Pilot for *Sales*',
    });
    expect(r.received).toEqual([]); // never inside the user's request
    await drain();
    expect(r.received).toHaveLength(1);
    const got = r.received[0]!;
    const payload = new Webhook(secret!).verify(
      got.body,
      got.headers as Record<string, string>,
    ) as {
      type: string;
      data: { entityId: string; initiative: string; item: string; url: string };
    };
    expect(payload.type).toBe('handoff.submitted');
    expect(payload.data).toMatchObject({
      entityId: handoff.id,
      initiative: 'Lead <generator> & *friends*',
      item: 'Pilot for *Sales*',
      url: `https://tandem.example.com/handoffs/${handoff.id}`,
    });
    expect(() =>
      new Webhook(`whsec_${Buffer.from('another secret!!').toString('base64')}`).verify(
        got.body,
        got.headers as Record<string, string>,
      ),
    ).toThrow();
    const [attempt] = await deliveries(channel);
    expect(attempt).toMatchObject({
      status: 'delivered',
      httpStatus: 200,
      answer: 'ok',
      attempt: 1,
      eventType: 'handoff.submitted',
      webhookId: got.headers['webhook-id'],
    });
  });

  it('sends Teams an Adaptive Card 1.5 in the Workflows envelope, linking back via PUBLIC_URL', async () => {
    await allow(true);
    const { channel, secret } = await created({ kind: 'teams', language: 'de' });
    expect(secret).toBeNull();
    expect((await test(channel)).statusCode).toBe(202);
    await drain();
    const body = JSON.parse(r.received[0]!.body) as {
      type: string;
      attachments: {
        contentType: string;
        content: {
          type: string;
          version: string;
          body: { type: string; text: string }[];
          actions: { type: string; url: string }[];
        };
      }[];
    };
    expect(body.type).toBe('message');
    expect(body.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = body.attachments[0]!.content;
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    expect(card.body.every((b) => b.type === 'TextBlock')).toBe(true);
    expect(card.body[0]!.text).toBe('Testnachricht von Tandem');
    // Escaped for the card's Markdown: nothing of the title turns into markup.
    expect(card.body[1]!.text).toBe('Lead \\<generator\\> \\& \\*friends\\*');
    expect(card.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'In Tandem öffnen',
        url: `https://tandem.example.com/initiatives/${initiative.id}`,
      },
    ]);
  });

  it('sends Slack Block Kit blocks with fallback text, escaped for mrkdwn', async () => {
    await allow(true);
    const { channel } = await created({ kind: 'slack' });
    await test(channel);
    await drain();
    const body = JSON.parse(r.received[0]!.body) as {
      text: string;
      blocks: { type: string; text?: { type: string; text: string } }[];
    };
    expect(body.text).toBe('Test message from Tandem: Lead &lt;generator&gt; &amp; *friends*');
    expect(body.blocks[0]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '*Test message from Tandem*\nLead &lt;generator&gt; &amp; *friends*',
      },
    });
    expect(body.blocks.map((b) => b.type)).toContain('actions');
  });

  it('retries a 500 with backoff, with the same webhook-id, then delivers', async () => {
    await allow(true);
    const { channel } = await created({ kind: 'webhook' });
    let calls = 0;
    r.answerWith((_r, res) => {
      calls += 1;
      if (calls === 1) res.writeHead(500).end('database down');
      else res.writeHead(204).end();
    });
    await test(channel);
    await drain();
    expect(r.received).toHaveLength(1);
    await drain(); // not due yet
    expect(r.received).toHaveLength(1);
    later(6_000);
    await drain();
    expect(r.received).toHaveLength(2);
    expect(r.received[0]!.headers['webhook-id']).toBe(r.received[1]!.headers['webhook-id']);
    const attempts = await deliveries(channel);
    expect(attempts.map((a) => [a.attempt, a.status, a.httpStatus, a.answer])).toEqual([
      [2, 'delivered', 204, ''],
      [1, 'retrying', 500, 'database down'],
    ]);
  });

  it('marks a message failed after the last attempt, and admins see every attempt', async () => {
    await allow(true);
    const { channel } = await created({ kind: 'slack' });
    r.answerWith((_r, res) => res.writeHead(503).end('gone'));
    await test(channel);
    for (let i = 0; i < 6; i++) {
      await drain();
      later(120_000);
    }
    expect(r.received).toHaveLength(5);
    const attempts = await deliveries(channel);
    expect(attempts.map((a) => a.status)).toEqual([
      'failed',
      'retrying',
      'retrying',
      'retrying',
      'retrying',
    ]);
    const outbox = await t.db.kysely
      .selectFrom('event_deliveries')
      .select('status')
      .where('subscriber', '=', 'channels.deliver')
      .where('event_id', '=', attempts[0]!.eventId)
      .executeTakeFirstOrThrow();
    expect(outbox.status).toBe('failed');
    const all = await t.inject({
      method: 'GET',
      url: '/api/admin/channel-deliveries',
      user: admin,
    });
    expect(all.json<ChannelDelivery[]>().filter((d) => d.channelId === channel.id)).toHaveLength(5);
    expect(
      (await t.inject({ method: 'GET', url: '/api/admin/channel-deliveries', user: biz }))
        .statusCode,
    ).toBe(403);
  });

  it('does not follow redirects', async () => {
    await allow(true);
    const { channel } = await created({ kind: 'webhook' });
    r.answerWith((req, res) => {
      if (req.path === '/hook') res.writeHead(302, { location: r.url('/elsewhere') }).end();
      else res.writeHead(200).end('followed');
    });
    await test(channel);
    await drain();
    expect(r.received.map((x) => x.path)).toEqual(['/hook']);
    const [attempt] = await deliveries(channel);
    expect(attempt).toMatchObject({ status: 'retrying', httpStatus: 302 });
    expect(attempt!.answer).toContain('not followed');
  });

  it('checks the address again when sending: a target allowed once is refused once forbidden', async () => {
    await allow(true);
    const { channel } = await created({ kind: 'webhook' });
    await allow(false);
    await test(channel);
    await drain();
    expect(r.received).toEqual([]);
    const [attempt] = await deliveries(channel);
    expect(attempt).toMatchObject({ status: 'retrying', httpStatus: null });
    expect(attempt!.answer).toMatch(/^refused: /);
  });

  it('sends only the events a channel chose, and lets owners change them', async () => {
    await allow(true);
    const { channel } = await created({ kind: 'webhook', events: ['goal.agreed'] });
    await t.given.submittedHandoff(initiative, { by: biz, receiver: itOwner, toStage: null });
    await drain();
    expect(r.received).toEqual([]);
    const changed = await t.inject({
      method: 'PATCH',
      url: `/api/channels/${channel.id}`,
      user: biz,
      body: { version: channel.version, events: ['handoff.submitted'] },
    });
    expect(changed.statusCode).toBe(200);
    const stale = await t.inject({
      method: 'PATCH',
      url: `/api/channels/${channel.id}`,
      user: biz,
      body: { version: channel.version, enabled: false },
    });
    expect(stale.statusCode).toBe(409);
    await allow(false);
    const refused = await t.inject({
      method: 'PATCH',
      url: `/api/channels/${channel.id}`,
      user: biz,
      body: { version: channel.version + 1, url: 'https://169.254.169.254/x' },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ errors: { pointer: string }[] }>().errors[0]!.pointer).toBe('/body/url');
    await allow(true);
    await t.given.submittedHandoff(initiative, { by: biz, receiver: itOwner, toStage: null });
    await drain();
    expect(r.received).toHaveLength(1);
    expect(JSON.parse(r.received[0]!.body)).toMatchObject({ type: 'handoff.submitted' });
  });
});
