import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose } from './pages.js';
import { browserAvailable, launchBrowser, newContext, screenshotDir } from './support/browser.js';
import { HttpClient } from './support/http.js';
import { type RunningServer, startTandem } from './support/server.js';

/**
 * "Ready for a company" in Chromium: my data (readable page and JSON download), the record of
 * processing, an admin erasing a person, personal API tokens (shown once, read-only refused
 * writes, revoked → 401) and ending a session from another browser.
 */
const ADMIN = { email: 'it-admin@example.com', password: 'a-very-long-admin-password' };
const BEA = { email: 'bea@example.com', password: 'bea-long-password-1', name: 'Bea Business' };
const IAN = { email: 'ian@example.com', password: 'ian-long-password-1', name: 'Ian Infra' };

describe.skipIf(!browserAvailable())('privacy, tokens and sessions in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let initiativeId = '';
  const contexts: BrowserContext[] = [];

  const api = (method: string, url: string, headers: Record<string, string> = {}, body?: unknown) =>
    fetch(`${server.url}${url}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const signIn = async (
    who: { email: string; password: string },
    options: { userAgent?: string } = {},
  ): Promise<Page> => {
    const context = await newContext(browser, server.url, 'en-US', options);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    return page;
  };

  beforeAll(async () => {
    server = await startTandem({
      TANDEM_DEMO: 'false',
      TANDEM_ADMIN_EMAIL: ADMIN.email,
      TANDEM_ADMIN_PASSWORD: ADMIN.password,
    });
    ({ browser, close: closeBrowser } = await launchBrowser());
    fs.mkdirSync(screenshotDir, { recursive: true });
    const admin = new HttpClient(server.url);
    await admin.login(ADMIN.email, ADMIN.password);
    // The first admin speaks German by default; these tests read the English page.
    expect((await admin.request('PATCH', '/api/me', { language: 'en' })).status).toBe(200);
    const ids = new Map<string, string>();
    for (const [p, side] of [
      [BEA, 'business'],
      [IAN, 'it'],
    ] as const) {
      const r = await admin.request<{ user: { id: string } }>('POST', '/api/users', {
        email: p.email,
        name: p.name,
        language: 'en',
        side,
        role: 'member',
        password: p.password,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids.set(p.email, r.body.user.id);
    }
    const idOf = (email: string) => ids.get(email) ?? '';
    const bea = new HttpClient(server.url);
    await bea.login(BEA.email, BEA.password);
    const created = await bea.request<{ id: string }>('POST', '/api/initiatives', {
      title: 'Lead generator',
      problem: 'Leads wait days for a call back.',
      expectedBenefit: 'More closed leads per week.',
      department: 'Sales',
      riskClass: 'minimal',
      businessOwnerId: idOf(BEA.email),
      itOwnerId: idOf(IAN.email),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    initiativeId = created.body.id;
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await closeBrowser?.();
    await server?.stop();
  });

  it('shows my data as a readable page and downloads it as JSON', async () => {
    const page = await signIn(BEA);
    await page.goto('/profile');
    await page.getByRole('link', { name: 'See what Tandem stores about me' }).click();
    await page.waitForURL(/\/profile\/personal-data$/);
    await page.getByRole('heading', { name: 'My data in Tandem' }).waitFor();
    // Readable: my account, open it and my email address is there.
    const account = page.getByRole('button', { name: /users/ }).first();
    await account.click();
    await page.getByText(BEA.email).first().waitFor();
    // The download: JSON with my data and nobody else's address.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download as JSON' }).click(),
    ]);
    const file = path.join(screenshotDir, 'privacy-my-data.json');
    await download.saveAs(file);
    const text = fs.readFileSync(file, 'utf8');
    const data = JSON.parse(text) as { sections: { table: string; rows: unknown[] }[] };
    expect(data.sections.map((s) => s.table)).toEqual(expect.arrayContaining(['users']));
    expect(text).toContain(BEA.email);
    expect(text).not.toContain(IAN.email);
    expect(text).toContain('Lead generator');
  });

  it('shows the record of processing with the configured retention', async () => {
    const admin = new HttpClient(server.url);
    await admin.login(ADMIN.email, ADMIN.password);
    const put = await admin.request('PUT', '/api/admin/privacy', {
      retentionDays: { event_deliveries: 30 },
    });
    expect(put.status).toBe(200);
    const page = await signIn(BEA);
    await page.goto('/privacy');
    await page.getByRole('heading', { name: 'Privacy: what Tandem stores' }).waitFor();
    const row = page.getByRole('row', { name: /Notifications and webhook deliveries/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('30 days');
    expect(
      await page
        .getByRole('row', { name: /^Sessions/ })
        .first()
        .textContent(),
    ).toContain('30 days');
    await page.screenshot({ path: path.join(screenshotDir, 'privacy-record.png'), fullPage: true });
  });

  it('creates a read-only token shown once: reads work, writes are refused, revoked is 401', async () => {
    const page = await signIn(BEA);
    await page.goto('/profile');
    const section = page.getByRole('region', { name: 'Personal API tokens' });
    await section.getByLabel('Name of the token').fill('Report script');
    // Read only is the default.
    await section.getByRole('button', { name: 'Create token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Token "Report script" created' });
    await dialog.waitFor();
    const secret = await dialog.getByLabel('Token').inputValue();
    expect(secret).toMatch(/^tdp_/);
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await dialog.waitFor({ state: 'hidden' });
    // Shown once: neither the page nor the list of tokens carries it any more.
    await section.getByRole('cell', { name: /^Report script tdp_/ }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    await page
      .getByRole('region', { name: 'Personal API tokens' })
      .getByText('Read only')
      .waitFor();
    expect(await page.content()).not.toContain(secret);

    const bearer = { authorization: `Bearer ${secret}` };
    const me = await api('GET', '/api/me', bearer);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: BEA.email });
    const list = await api('GET', '/api/initiatives', bearer);
    expect(list.status).toBe(200);
    const write = await api('PATCH', '/api/me', bearer, { name: 'Changed by a script' });
    expect(write.status).toBe(403);
    expect(await write.json()).toMatchObject({ code: 'token_read_only' });
    expect(((await (await api('GET', '/api/me', bearer)).json()) as { name: string }).name).toBe(
      BEA.name,
    );

    // Revoke it in the page: from then on the API answers 401.
    const tokens = page.getByRole('region', { name: 'Personal API tokens' });
    await tokens.getByRole('button', { name: 'Revoke token Report script' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke token "Report script"?' });
    await confirm.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('Token "Report script" was revoked.').waitFor();
    expect((await api('GET', '/api/me', bearer)).status).toBe(401);
  });

  it('ends a session in another browser from the profile; that browser is signed out', async () => {
    const first = await signIn(BEA);
    // The second browser says it is Edge on Windows, so the profile tells the two apart.
    const second = await signIn(BEA, {
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
    });
    await second.goto('/profile');
    await second.getByRole('heading', { name: 'Where you are signed in' }).waitFor();
    await first.goto('/profile');
    const sessions = first.getByRole('region', { name: 'Where you are signed in' });
    await sessions.getByText('This browser').waitFor();
    // Every other session has a sign-out button (the earlier tests' browsers too); this
    // browser's has none.
    const others = sessions.getByRole('button', { name: /^Sign out (?!everywhere else$)/ });
    const before = await others.count();
    expect(before).toBeGreaterThanOrEqual(2);
    await sessions.getByRole('button', { name: 'Sign out Edge on Windows' }).click();
    await expect.poll(() => others.count(), { timeout: 15_000 }).toBe(before - 1);
    expect(await sessions.getByRole('button', { name: 'Sign out Edge on Windows' }).count()).toBe(
      0,
    );
    // The second browser: its next request is refused and the app goes to sign-in.
    const probe = await second.evaluate(async () => (await fetch('/api/me')).status);
    expect(probe).toBe(401);
    await second.goto('/profile');
    await second.waitForURL(/\/login/);
    // The first is still signed in, and so are the others.
    await first.reload();
    await first.getByRole('heading', { name: 'Where you are signed in' }).waitFor();
    expect(await first.evaluate(async () => (await fetch('/api/me')).status)).toBe(200);
    expect(await others.count()).toBe(before - 1);
  });

  it('an admin erases a person: their name becomes "Former colleague" everywhere', async () => {
    const page = await signIn(ADMIN);
    await page.goto(`/initiatives/${initiativeId}`);
    await page.getByText(IAN.name).first().waitFor();
    await page.goto('/admin/privacy');
    await page.getByRole('heading', { name: 'Erase a person' }).waitFor();
    await choose(page, 'Person', IAN.name);
    await page.getByRole('button', { name: 'Erase…' }).click();
    const confirm = page.getByRole('dialog', { name: `Erase ${IAN.name}?` });
    await confirm.getByRole('button', { name: 'Erase…' }).click();
    await page.getByText(`${IAN.name} was erased.`).waitFor();
    // The initiative keeps Ian's work, shown as by a former colleague.
    await page.goto(`/initiatives/${initiativeId}`);
    await page.getByRole('heading', { name: 'Lead generator' }).first().waitFor();
    await page.getByText('Former colleague').first().waitFor();
    expect(await page.content()).not.toContain(IAN.name);
    await page.screenshot({ path: path.join(screenshotDir, 'privacy-erased.png'), fullPage: true });
    // And Ian can no longer sign in.
    const login = await api(
      'POST',
      '/api/auth/login',
      { origin: server.url },
      { email: IAN.email, password: IAN.password },
    );
    expect(login.status).toBe(401);
  });
});
