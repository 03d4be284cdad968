import fc from 'fast-check';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comment, NotificationList } from '../../../contracts/conversation.js';
import type { Initiative } from '../../../contracts/initiatives.js';
import { NOTIFICATION_KINDS, oneLine } from '../../../domain/conversation.js';
import { testDialects } from '../../test-support/dialects.js';
import {
  closedPort,
  decodeWords,
  header,
  headersOf,
  partsOf,
  type Received,
  smtpEnv,
  startSmtp,
} from '../../test-support/smtp.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { LONG_SESSIONS } from '../../test-support/env.js';
import { composeEmail } from './email.js';
import { EMAIL_MAX_ATTEMPTS } from './notifications.email.js';

const dialects = await testDialects();

describe.each(dialects)('email notifications over SMTP (%s)', (dialect) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  let bea: TestUser;
  let ian: TestUser;
  let initiative: Initiative;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(dialect, smtpEnv(smtp.port));
    bea = await t.user({ side: 'business', name: 'Bea Berger' });
    ian = await t.user({ side: 'it', name: 'Ian Ito' });
    initiative = await t.given.initiative({ businessOwner: bea, itOwner: ian });
    // Links in emails lead to the public address (set late: the test requests come from
    // http://localhost, and a PUBLIC_URL makes the CSRF check expect that origin).
    t.app.ctx.config.publicUrl = new URL('https://tandem.example.com');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('mails the person mentioned, in their language, with a link back and List-Unsubscribe; no header injection', async () => {
    // Values that were stored before titles and names were checked, or by other means.
    await t.db.kysely
      .updateTable('initiatives')
      .set({ title: 'Pilot\r\nBcc: victim@example.com\r\n\r\n<b>bold</b>' })
      .where('id', '=', initiative.id)
      .execute();
    await t.db.kysely
      .updateTable('users')
      .set({ name: 'Ian\r\nBcc: victim@example.com', language: 'de' })
      .where('id', '=', ian.id)
      .execute();
    const res = await t.inject({
      method: 'POST',
      url: `/api/comments/initiative/${initiative.id}`,
      user: bea,
      headers: { 'sec-fetch-site': 'same-origin' },
      body: { body: 'Look <script>alert(1)</script> @Ian', mentions: [ian.id] },
    });
    expect(res.statusCode).toBe(201);
    await t.app.background.drainOutbox();
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0] as Received;
    expect(mail.to).toEqual([ian.email]);
    expect(mail.from).toBe('tandem@example.com');
    expect(mail.raw).not.toMatch(
      /victim/i.test(header(mail.raw, 'bcc').join('')) ? /x^/ : /^Bcc:/im,
    );
    expect(header(mail.raw, 'bcc')).toEqual([]);
    expect(header(mail.raw, 'subject')).toHaveLength(1);
    expect(decodeWords(header(mail.raw, 'subject')[0] ?? '')).toBe(
      'Bea Berger hat Sie erwähnt: Pilot Bcc: victim@example.com <b>bold</b>',
    );
    expect(header(mail.raw, 'list-unsubscribe')).toEqual([
      '<https://tandem.example.com/profile#notifications>',
    ]);
    expect(header(mail.raw, 'message-id')[0]).toMatch(/^<[0-9a-f-]+@tandem>$/);
    const { text, html } = partsOf(mail.raw);
    const comment = res.json<Comment>();
    expect(text).toContain(
      `https://tandem.example.com/initiatives/${initiative.id}#comment-${comment.id}`,
    );
    expect(text).toContain('In Tandem öffnen');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>bold');
    const inbox = await t.inject({ method: 'GET', url: '/api/notifications', user: ian });
    expect(inbox.json<NotificationList>().items[0]?.emailStatus).toBe('sent');
    // Redelivering the event sends nothing twice.
    await t.db.kysely
      .updateTable('event_deliveries')
      .set({ status: 'pending', finished_at: null })
      .where('subscriber', '=', 'notifications.email')
      .execute();
    await t.app.background.drainOutbox();
    expect(smtp.received).toHaveLength(1);
  });

  it('sends nothing for inbox-only kinds, and says email is available', async () => {
    const prefs = await t.inject({
      method: 'GET',
      url: '/api/notifications/preferences',
      user: bea,
    });
    expect(prefs.json()).toMatchObject({ emailAvailable: true });
    await t.inject({
      method: 'PUT',
      url: '/api/notifications/preferences',
      user: ian,
      headers: { 'sec-fetch-site': 'same-origin' },
      body: { channels: { mention: 'inbox' } },
    });
    const before = smtp.received.length;
    await t.inject({
      method: 'POST',
      url: `/api/comments/initiative/${initiative.id}`,
      user: bea,
      headers: { 'sec-fetch-site': 'same-origin' },
      body: { body: 'Inbox only @Ian', mentions: [ian.id] },
    });
    await t.app.background.drainOutbox();
    expect(smtp.received.length).toBe(before);
    const inbox = await t.inject({ method: 'GET', url: '/api/notifications', user: ian });
    const item = inbox.json<NotificationList>().items.find((n) => n.excerpt === 'Inbox only @Ian');
    expect(item).toMatchObject({ emailStatus: 'none' });
  });
});

describe.each(dialects)('an unreachable SMTP server (%s)', (dialect) => {
  let t: TestApp;
  afterAll(async () => t?.close());

  it('never blocks the action; the email is retried, then marked failed; the inbox has it', async () => {
    t = await createTestApp(dialect, {
      ...smtpEnv(await closedPort(), 'tandem@example.com'),
      ...LONG_SESSIONS,
    });
    const bea = await t.user({ side: 'business', name: 'Bea' });
    const ian = await t.user({ side: 'it', name: 'Ian' });
    const initiative = await t.given.initiative({ businessOwner: bea, itOwner: ian });
    const res = await t.inject({
      method: 'POST',
      url: `/api/comments/initiative/${initiative.id}`,
      user: bea,
      body: { body: 'Hello @Ian', mentions: [ian.id] },
    });
    expect(res.statusCode).toBe(201);
    for (let i = 0; i < EMAIL_MAX_ATTEMPTS + 2; i += 1) {
      await t.app.background.drainOutbox();
      t.setClock(new Date(t.now().getTime() + 3_600_000));
    }
    const delivery = await t.db.kysely
      .selectFrom('event_deliveries')
      .selectAll()
      .where('subscriber', '=', 'notifications.email')
      .executeTakeFirstOrThrow();
    expect(delivery).toMatchObject({ status: 'failed', attempts: EMAIL_MAX_ATTEMPTS });
    const inbox = await t.inject({ method: 'GET', url: '/api/notifications', user: ian });
    const item = inbox.json<NotificationList>().items[0];
    expect(item).toMatchObject({ kind: 'mention', emailStatus: 'failed' });
  });
});

describe('the subject header', () => {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const EXPECTED = new Set([
    'from',
    'to',
    'subject',
    'message-id',
    'date',
    'mime-version',
    'content-type',
    'list-unsubscribe',
    'auto-submitted',
  ]);

  it('carries any title safely: one Subject, no other header, the title as written on one line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 120 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.constantFrom(...NOTIFICATION_KINDS),
        fc.constantFrom('en' as const, 'de' as const),
        async (title, name, kind, language) => {
          const mail = composeEmail({
            kind,
            language,
            title,
            excerpt: title,
            actorName: name,
            itemUrl: 'https://tandem.example.com/goals/1',
            preferencesUrl: 'https://tandem.example.com/profile#notifications',
          });
          const info = await composer.sendMail({
            from: 'tandem@example.com',
            to: { name: oneLine(name), address: 'someone@example.com' },
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            headers: mail.headers,
          });
          const raw = (info.message as Buffer).toString('utf8');
          const headers = headersOf(raw);
          for (const [n] of headers) expect(EXPECTED).toContain(n);
          expect(headers.filter(([n]) => n === 'subject')).toHaveLength(1);
          expect(headers.filter(([n]) => n === 'to')).toHaveLength(1);
          const subject = decodeWords(header(raw, 'subject')[0] ?? '');
          expect(subject).toBe(mail.subject);
          expect(mail.subject).not.toMatch(/[\r\n]/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
