import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, newContext, screenshotDir } from './support/browser.js';
import { HttpClient } from './support/http.js';
import { useDemoWorkspace } from './support/workspace.js';
import { LoginPage, switchLanguage } from './pages.js';

const isoDay = (daysFromNow: number) =>
  new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10);

/**
 * My desk, live: the business owner proposes and signs a goal; the IT owner's desk, open in
 * two tabs, shows "sign this for IT" without a reload; nobody else's desk shows it; once IT
 * signed, it leaves both tabs again without a reload.
 */
describe.skipIf(!browserAvailable())('My desk in Chromium', () => {
  const workspace = useDemoWorkspace();

  const openDesk = async (prefix: string) => {
    const account = workspace.account(prefix);
    const context = await newContext(workspace.browser, workspace.server.url, 'en-US');
    context.setDefaultTimeout(30_000); // the machine may be busy
    const page = await context.newPage();
    await new LoginPage(page).signIn(account.email, account.password);
    await switchLanguage(page, 'EN');
    await page.goto('/');
    await page.getByRole('heading', { name: 'My desk' }).first().waitFor();
    return { context, page };
  };

  it('shows a signature request to the side that must sign only, and updates open tabs live', async () => {
    const statement = `Twelve closed leads per week (${Date.now()})`;
    const sentence = `Sign the goal “${statement}” for IT`;
    const link = (page: Page) => page.getByRole('link', { name: sentence });

    const lukas = await openDesk('lukas@'); // IT owner of the lead generator
    const secondTab = await lukas.context.newPage();
    await secondTab.goto('/');
    await secondTab.getByRole('heading', { name: 'My desk' }).first().waitFor();
    const elena = await openDesk('elena@'); // IT, not on its team
    const anna = await openDesk('anna@'); // business owner: she signs first

    // Anna proposes and signs a goal for the business side (through the API, as her browser would).
    const api = new HttpClient(workspace.server.url);
    const annaAccount = workspace.account('anna@');
    await api.login(annaAccount.email, annaAccount.password);
    const list = await api.request<{ id: string; title: string }[]>(
      'GET',
      `/api/initiatives?q=${encodeURIComponent('Lead-Generator')}`,
    );
    const initiative = list.body.find((i) => i.title === 'Lead-Generator für den Vertrieb');
    if (!initiative) throw new Error('no lead generator in the demo');
    const metrics = await api.request<{ id: string; agreement: { agreed: boolean } }[]>(
      'GET',
      `/api/initiatives/${initiative.id}/metrics`,
    );
    const metric = metrics.body.find((m) => m.agreement.agreed) ?? metrics.body[0];
    const people = await api.request<{ id: string; email: string }[]>('GET', '/api/people');
    const idOf = (prefix: string) => people.body.find((p) => p.email.startsWith(prefix))?.id;
    const draft = await api.request<{ id: string; version: number }>(
      'POST',
      `/api/initiatives/${initiative.id}/goals`,
      {
        statement,
        rationale: 'Sales grows without new hires.',
        metricId: metric?.id ?? null,
        baselineValue: 4,
        baselineDate: isoDay(-30),
        targetValue: 12,
        dueDate: isoDay(150),
        businessResponsibleId: idOf('anna@'),
        itResponsibleId: idOf('lukas@'),
      },
    );
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const proposed = await api.request<{ agreement: { currentVersion: number } }>(
      'POST',
      `/api/goals/${draft.body.id}/propose`,
      { version: draft.body.version },
    );
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);
    const signed = await api.request('POST', `/api/goals/${draft.body.id}/signatures`, {
      version: proposed.body.agreement.currentVersion,
      side: 'business',
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);

    // Both of Lukas's tabs show it, without a reload, as a link to the goal.
    await link(lukas.page).waitFor({ timeout: 10_000 });
    await link(secondTab).waitFor({ timeout: 10_000 });
    expect(await link(secondTab).getAttribute('href')).toBe(`/goals/${draft.body.id}`);
    await secondTab.screenshot({ path: path.join(screenshotDir, 'desk-live-en.png') });

    // Not for IT off the team, not for the business side that signed (even after a reload).
    for (const other of [elena.page, anna.page]) {
      await other.reload();
      await other.getByRole('heading', { name: 'My desk' }).first().waitFor();
      await other.getByRole('heading', { name: 'My initiatives' }).waitFor();
      expect(await link(other).count()).toBe(0);
    }

    // Lukas signs in the first tab; the second tab drops it by itself.
    await link(lukas.page).click();
    await lukas.page.waitForURL(new RegExp(`/goals/${draft.body.id}$`));
    await lukas.page.getByRole('button', { name: 'Sign for IT' }).click();
    await lukas.page.getByRole('dialog').getByRole('button', { name: 'Sign for IT' }).click();
    await lukas.page
      .getByText(/the goal is agreed/)
      .first()
      .waitFor();
    await link(secondTab).waitFor({ state: 'detached', timeout: 10_000 });

    for (const c of [lukas, elena, anna]) await c.context.close();
  }, 180_000);
});
