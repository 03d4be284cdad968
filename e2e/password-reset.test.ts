import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partsOf, type Received, startSmtp } from '../src/server/test-support/smtp.js';
import { browserAvailable, launchBrowser, newContext, screenshotDir } from './support/browser.js';
import { freePort, type RunningServer, startTandem } from './support/server.js';

const ADMIN = { email: 'admin@example.com', password: 'the-first-admin-password' };
/** The admin's password after the reset (the second test signs in with it). */
const FRESH = 'a-brand-new-admin-password';

/**
 * "Forgot password?" in Chromium against the compiled server, which sends its email to an
 * SMTP server running in this test process: ask for a link, read the email, open the link,
 * choose a new password, sign in with it.
 */
describe.skipIf(!browserAvailable())('password reset by email in Chromium', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let server: RunningServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let origin = '';

  beforeAll(async () => {
    smtp = await startSmtp();
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    server = await startTandem({
      PORT: String(port),
      PUBLIC_URL: origin,
      TANDEM_DEMO: 'false',
      TANDEM_ADMIN_EMAIL: ADMIN.email,
      TANDEM_ADMIN_PASSWORD: ADMIN.password,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: 'Tandem <tandem@example.com>',
    });
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
    await smtp?.close();
  });

  /** Waits for the email to `to` whose text has a link to `path`; returns the link. */
  async function linkFromMail(to: string, linkPath: string): Promise<string> {
    const until = Date.now() + 20_000;
    const pattern = new RegExp(`${origin.replace(/[.:/]/g, '\\$&')}/${linkPath}/[A-Za-z0-9_%-]+`);
    for (;;) {
      for (const mail of smtp.received as Received[]) {
        if (!mail.to.includes(to)) continue;
        const m = pattern.exec(partsOf(mail.raw).text);
        if (m) return m[0];
      }
      if (Date.now() > until) throw new Error(`no ${linkPath} email to ${to}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('forgot password → email → link → new password → signed in', async () => {
    const context = await newContext(browser, origin, 'en-US');
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL((url) => url.pathname === '/forgot-password');
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByRole('button', { name: 'Send link' }).click();
    await page.getByText(`If an account with ${ADMIN.email} exists`).waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'password-reset-sent.png') });

    const link = await linkFromMail(ADMIN.email, 'reset-password');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password').fill('short');
    await page.getByLabel('Repeat password').fill('short');
    await page.getByRole('button', { name: 'Set new password' }).click();
    // The rule is shown next to the field; nothing was sent.
    await page.getByText('Please enter at least 12 characters.').waitFor();
    const fresh = FRESH;
    await page.getByLabel('New password').fill(fresh);
    await page.getByLabel('Repeat password').fill(fresh);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('Your password was changed').waitFor();
    await page.getByRole('link', { name: 'Go to sign-in' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByRole('heading', { name: 'Sign in to Tandem' }).waitFor();

    // The old password no longer works, the new one does.
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Email or password is wrong.').waitFor();
    await page.getByLabel('Password', { exact: true }).fill(fresh);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me).toMatchObject({ email: ADMIN.email });

    await context.close();

    // The link worked once (another browser, signed out).
    const other = await newContext(browser, origin, 'en-US');
    const again = await other.newPage();
    await again.goto(link);
    await again.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await again.getByLabel('New password').fill('yet-another-password');
    await again.getByLabel('Repeat password').fill('yet-another-password');
    await again.getByRole('button', { name: 'Set new password' }).click();
    await again.getByText('This link is invalid, has expired or was already used.').waitFor();
    await other.close();
  });

  it('an invitation goes out by email; the admin sees so; the link activates the account', async () => {
    const context = await newContext(browser, origin, 'en-US');
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Sign in to Tandem' }).waitFor();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(FRESH);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    // The admin account was created German; this test reads the English UI.
    await page.evaluate(() =>
      fetch('/api/me', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ language: 'en' }),
      }),
    );
    await page.goto('/admin/users');
    await page.getByRole('button', { name: 'New user' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('Name').fill('Nora Neu');
    await form.getByLabel('Email').fill('nora@example.com');
    await form.getByRole('button', { name: 'New user' }).click();
    const shown = page.getByRole('dialog', { name: 'Invitation link for Nora Neu' });
    await shown.getByText('The invitation was emailed to Nora Neu').waitFor();
    const copied = await shown.getByLabel('Invitation link').inputValue();
    await page.getByRole('dialog', { name: 'New user' }).waitFor({ state: 'hidden' });
    await page.screenshot({ path: path.join(screenshotDir, 'invitation-emailed.png') });
    await context.close();

    const link = await linkFromMail('nora@example.com', 'invite');
    expect(link).toBe(copied);
    const invitee = await newContext(browser, origin, 'en-US');
    const welcome = await invitee.newPage();
    await welcome.goto(link);
    await welcome.getByRole('heading', { name: 'Welcome to Tandem' }).waitFor();
    await welcome.getByLabel('New password').fill('nora-chose-this-one');
    await welcome.getByLabel('Repeat password').fill('nora-chose-this-one');
    await welcome.getByRole('button', { name: 'Activate account' }).click();
    await welcome.waitForURL((url) => url.pathname === '/');
    const me = await welcome.evaluate(async () => (await fetch('/api/me')).json());
    expect(me).toMatchObject({ email: 'nora@example.com', name: 'Nora Neu' });
    await invitee.close();
  });

  it('the sign-in, forgot and reset pages fit a phone (390 px) in German', async () => {
    const context = await newContext(browser, origin, 'de-DE');
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [url, heading] of [
      ['/login', 'Bei Tandem anmelden'],
      ['/forgot-password', 'Passwort vergessen?'],
      ['/reset-password/some-token', 'Neues Passwort wählen'],
    ] as const) {
      await page.goto(url);
      await page.getByRole('heading', { name: heading }).waitFor();
      const fits = await page.evaluate(() => {
        const inside = [...document.querySelectorAll('button, a')].every((el) => {
          const r = el.getBoundingClientRect();
          return r.width === 0 || (r.left >= 0 && r.right <= window.innerWidth);
        });
        return document.documentElement.scrollWidth <= window.innerWidth && inside;
      });
      expect(fits, url).toBe(true);
      await page.screenshot({
        path: path.join(screenshotDir, `phone${url.split('/')[1] ?? ''}.png`),
      });
    }
    await context.close();
  });
});
