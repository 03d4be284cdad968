import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SignInOptions } from '../../../contracts/auth.js';
import type { CreatedUser, Reinvited } from '../../../contracts/users.js';
import { testDialects } from '../../test-support/dialects.js';
import {
  closedPort,
  decodeWords,
  header,
  partsOf,
  type Received,
  smtpEnv,
  startSmtp,
  waitForMail,
} from '../../test-support/smtp.js';
import { createTestApp, type TestApp, type TestUser } from '../../test-support/test-app.js';
import { LIMITS } from './throttle.js';

const dialects = await testDialects();

const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
/** The one link to this app in a mail's plain text. */
const linkIn = (text: string, path: string) => {
  const m = new RegExp(`https://tandem\\.example\\.com/${path}/[A-Za-z0-9_%-]+`).exec(text);
  if (!m) throw new Error(`no ${path} link in: ${text}`);
  return m[0];
};

/**
 * The steps these tests take: an admin invites someone; the sign-in page (same origin, no
 * session) requests and confirms a password reset.
 */
const accountSteps = (t: TestApp) => ({
  invite: (admin: TestUser, body: Record<string, string>) =>
    t.inject({ method: 'POST', url: '/api/users', user: admin, body }),
  request: (email: string) =>
    t.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      headers: SAME_ORIGIN,
      body: { email },
    }),
  confirm: (token: string, password: string) =>
    t.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      headers: SAME_ORIGIN,
      body: { token, password },
    }),
  login: (email: string, password: string) =>
    t.inject({ method: 'POST', url: '/api/auth/login', body: { email, password } }),
  /** The audit actions on a user's record, newest first, as the admin reads them. */
  auditActions: async (admin: TestUser, user: { id: string }) =>
    (
      await t.inject({
        method: 'GET',
        url: `/api/audit?entityType=user&entityId=${user.id}`,
        user: admin,
      })
    )
      .json<{ action: string }[]>()
      .map((e) => e.action),
});

describe.each(dialects)('invitations and password resets by email (%s)', (dialect) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  let admin: TestUser;
  let steps: ReturnType<typeof accountSteps>;
  /** The token in the one reset link mailed so far. */
  const mailedResetToken = async () => {
    await waitForMail(smtp.received, 1);
    return decodeURIComponent(
      tokenOf(linkIn(partsOf((smtp.received[0] as Received).raw).text, 'reset-password')),
    );
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(dialect, smtpEnv(smtp.port));
    steps = accountSteps(t);
    admin = await t.user({ role: 'admin', side: 'it', name: 'Ada Admin' });
    // Links lead to the public address (set late: test requests come from http://localhost).
    t.app.ctx.config.publicUrl = new URL('https://tandem.example.com');
  });
  beforeEach(() => {
    smtp.received.length = 0;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('emails the invitation in the invitee’s language; the link sets the password', async () => {
    const res = await steps.invite(admin, {
      email: 'Dora@Example.com',
      name: 'Dora Dietz',
      side: 'business',
      language: 'de',
    });
    expect(res.statusCode).toBe(201);
    const created = res.json<CreatedUser>();
    expect(created.inviteEmail).toBe('sent');
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0] as Received;
    expect(mail.to).toEqual(['dora@example.com']);
    expect(mail.from).toBe('tandem@example.com');
    expect(decodeWords(header(mail.raw, 'subject')[0] ?? '')).toBe(
      'Ada Admin hat Sie zu Tandem eingeladen',
    );
    expect(header(mail.raw, 'auto-submitted')).toEqual(['auto-generated']);
    const { text, html } = partsOf(mail.raw);
    const link = linkIn(text, 'invite');
    expect(link).toBe(created.inviteUrl);
    expect(text).toContain('Passwort festlegen');
    expect(text).toContain('Der Link gilt bis');
    expect(text).toContain('UTC');
    expect(html).toContain(`href="${link}"`);
    // Only the token's hash is stored.
    const stored = await sql<
      Record<string, unknown>
    >`select * from users where email = ${'dora@example.com'}`.execute(t.db.kysely);
    expect(JSON.stringify(stored.rows)).not.toContain(tokenOf(link));
    // The link from the email works end to end.
    const info = await t.inject({ method: 'GET', url: `/api/auth/invite/${tokenOf(link)}` });
    expect(info.json()).toEqual({ email: 'dora@example.com', name: 'Dora Dietz' });
    const accept = await t.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      headers: SAME_ORIGIN,
      body: { token: tokenOf(link), password: 'dora-new-password-1' },
    });
    expect(accept.statusCode).toBe(200);
  });

  it('a new invitation is emailed in English, replaces the old link, and no header can be injected', async () => {
    const res = await steps.invite(admin, {
      email: 'eli@example.com',
      name: 'Eli',
      side: 'it',
      language: 'en',
    });
    const first = res.json<CreatedUser>();
    // A name stored by other means, with a line break and markup.
    await t.db.kysely
      .updateTable('users')
      .set({ name: 'Eli\r\nBcc: victim@example.com <b>x</b>' })
      .where('id', '=', first.user.id)
      .execute();
    smtp.received.length = 0;
    const again = await t.inject({
      method: 'POST',
      url: `/api/users/${first.user.id}/invite`,
      user: admin,
    });
    expect(again.statusCode).toBe(200);
    const re = again.json<Reinvited>();
    expect(re.inviteEmail).toBe('sent');
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0] as Received;
    expect(mail.to).toEqual(['eli@example.com']);
    expect(header(mail.raw, 'bcc')).toEqual([]);
    expect(decodeWords(header(mail.raw, 'subject')[0] ?? '')).toBe(
      'Ada Admin invited you to Tandem',
    );
    const { text, html } = partsOf(mail.raw);
    expect(linkIn(text, 'invite')).toBe(re.inviteUrl);
    expect(text).toContain('Set your password');
    expect(html).toContain('Eli Bcc: victim@example.com &lt;b&gt;x&lt;/b&gt;');
    expect(html).not.toContain('<b>x');
    // The first link no longer works.
    const old = await t.inject({
      method: 'GET',
      url: `/api/auth/invite/${tokenOf(first.inviteUrl ?? '')}`,
    });
    expect(old.statusCode).toBe(404);
  });

  it('says the sign-in page may offer "Forgot password?"', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/auth/options' });
    expect(res.json<SignInOptions>().passwordReset).toBe(true);
  });

  it('resets a password by email: same answer for unknown addresses, one-time link, sessions end, audited', async () => {
    const pat = await t.user({ name: 'Pat Peters' });
    await t.db.kysely
      .updateTable('users')
      .set({ language: 'de' })
      .where('id', '=', pat.id)
      .execute();
    const known = await steps.request(pat.email.toUpperCase());
    const unknown = await steps.request('nobody@example.com');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    await waitForMail(smtp.received, 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0] as Received;
    expect(mail.to).toEqual([pat.email]);
    expect(decodeWords(header(mail.raw, 'subject')[0] ?? '')).toBe(
      'Ihr Tandem-Passwort zurücksetzen',
    );
    const { text, html } = partsOf(mail.raw);
    const link = linkIn(text, 'reset-password');
    expect(text).toContain('Der Link gilt eine Stunde');
    expect(html).toContain(`href="${link}"`);
    const token = decodeURIComponent(tokenOf(link));
    const rows = await sql<Record<string, unknown>>`select * from password_resets`.execute(
      t.db.kysely,
    );
    expect(JSON.stringify(rows.rows)).not.toContain(token);

    // Same password rules as everywhere: the field is named.
    const short = await steps.confirm(token, 'short');
    expect(short.statusCode).toBe(400);
    expect(JSON.stringify(short.json())).toContain('/password');

    const ok = await steps.confirm(token, 'pat-brand-new-pass');
    expect(ok.statusCode).toBe(204);
    // Every session ended; the new password signs in, the old one does not.
    expect((await t.inject({ method: 'GET', url: '/api/me', user: pat })).statusCode).toBe(401);
    expect((await steps.login(pat.email, pat.password)).statusCode).toBe(401);
    expect((await steps.login(pat.email, 'pat-brand-new-pass')).statusCode).toBe(200);
    // Once only.
    const twice = await steps.confirm(token, 'pat-another-pass-1');
    expect(twice.statusCode).toBe(404);
    expect(twice.json<{ code: string }>().code).toBe('reset_invalid');
    expect((await steps.auditActions(admin, pat)).slice(0, 2)).toEqual([
      'user.password_reset',
      'user.password_reset_requested',
    ]);
  });

  it('a link expires after an hour', async () => {
    const sam = await t.user({ name: 'Sam' });
    const start = t.now();
    await steps.request(sam.email);
    const token = await mailedResetToken();
    t.setClock(new Date(start.getTime() + 3600_000 + 1000));
    try {
      const late = await steps.confirm(token, 'sam-brand-new-pass');
      expect(late.statusCode).toBe(404);
    } finally {
      t.setClock(start);
    }
  });

  it('of parallel uses of one link exactly one sets the password', async () => {
    const kim = await t.user({ name: 'Kim' });
    await steps.request(kim.email);
    const token = await mailedResetToken();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => steps.confirm(token, `kim-parallel-pass-${i}`)),
    );
    const codes = results.map((r) => r.statusCode).sort((a, b) => a - b);
    expect(codes).toEqual([204, 404, 404, 404, 404, 404, 404, 404]);
    expect(
      (await steps.auditActions(admin, kim)).filter((a) => a === 'user.password_reset'),
    ).toHaveLength(1);
  });

  it('throttles requests per address, whether the account exists or not', async () => {
    const codes: number[] = [];
    for (let i = 0; i < LIMITS.reset + 1; i += 1)
      codes.push((await steps.request('ghost@example.com')).statusCode);
    expect(codes).toEqual([...Array.from({ length: LIMITS.reset }, () => 202), 429]);
  });
});

describe.each(dialects)('email unavailable (%s)', (dialect) => {
  it('without SMTP: the invitation link is shown, email is off, no reset', async () => {
    const t = await createTestApp(dialect);
    const steps = accountSteps(t);
    try {
      const admin = await t.user({ role: 'admin' });
      const res = await steps.invite(admin, { email: 'off@example.com', name: 'Off', side: 'it' });
      expect(res.json<CreatedUser>().inviteEmail).toBe('off');
      expect(res.json<CreatedUser>().inviteUrl).toMatch(/\/invite\//);
      const options = await t.inject({ method: 'GET', url: '/api/auth/options' });
      expect(options.json<SignInOptions>().passwordReset).toBe(false);
      const refused = await steps.request('off@example.com');
      expect(refused.statusCode).toBe(403);
      expect(refused.json<{ code: string }>().code).toBe('password_reset_off');
    } finally {
      await t.close();
    }
  });

  it('SMTP server down: the invitation stands, the admin is told and may send it again', async () => {
    const t = await createTestApp(dialect, smtpEnv(await closedPort(), 'tandem@example.com'));
    const steps = accountSteps(t);
    try {
      const admin = await t.user({ role: 'admin' });
      const res = await steps.invite(admin, {
        email: 'down@example.com',
        name: 'Down',
        side: 'it',
      });
      expect(res.statusCode).toBe(201);
      const created = res.json<CreatedUser>();
      expect(created.inviteEmail).toBe('failed');
      // The link to copy works.
      const info = await t.inject({
        method: 'GET',
        url: `/api/auth/invite/${tokenOf(created.inviteUrl ?? '')}`,
      });
      expect(info.statusCode).toBe(200);
      const again = await t.inject({
        method: 'POST',
        url: `/api/users/${created.user.id}/invite`,
        user: admin,
      });
      expect(again.json<Reinvited>().inviteEmail).toBe('failed');
    } finally {
      await t.close();
    }
  });
});
