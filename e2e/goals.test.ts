import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, newContext, screenshotDir } from './support/browser.js';
import { useDemoWorkspace } from './support/workspace.js';
import { choose, LoginPage, switchLanguage } from './pages.js';

const isoDay = (daysFromNow: number) =>
  new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10);

/** The slot of one side in the sign-off panel ("signed" or "waiting"). */
const slotState = (page: Page, side: 'business' | 'it') =>
  page.getByTestId('goal-agreement').locator(`[data-side="${side}"]`).getAttribute('data-state');

/**
 * Shared goals as the two sides use them: the business owner proposes a measurable goal and
 * signs it, IT signs in its own browser, the goal is agreed; a new target voids both signatures.
 */
describe.skipIf(!browserAvailable())('shared goals in Chromium', () => {
  const workspace = useDemoWorkspace();
  const account = (prefix: string) => workspace.account(prefix);

  it('business proposes and signs, IT signs: agreed; a new target voids both signatures', async () => {
    const statement = 'Ten closed leads per week by spring';
    const anna = account('anna@');
    const lukas = account('lukas@');

    // Anna owns the lead generator on the business side (her profile says German).
    const business = await newContext(workspace.browser, workspace.server.url, 'en-US');
    const page = await business.newPage();
    await new LoginPage(page).signIn(anna.email, anna.password);
    await switchLanguage(page, 'EN');
    await page.getByRole('link', { name: 'Lead-Generator für den Vertrieb' }).first().click();
    await page.getByRole('tab', { name: 'Goals' }).click();
    await page.getByRole('button', { name: 'New goal' }).click();

    const form = page.getByRole('dialog');
    await form.getByLabel(/^Goal/).fill(statement);
    await form.getByLabel('Why it matters').fill('Sales grows without new hires.');
    // The quality gate: nothing to propose while the goal is not measurable.
    await form.getByText('What is missing before both sides can sign').waitFor();
    expect(await form.getByRole('button', { name: 'Save and propose' }).isDisabled()).toBe(true);
    await choose(page, 'Metric', 'Abgeschlossene Leads');
    await form.getByLabel('Baseline', { exact: true }).fill('4');
    await form.getByLabel('Target', { exact: true }).fill('10');
    await form.getByLabel('Due date').fill(isoDay(150));
    // The owners are preselected as the responsible people of both sides.
    await form.getByText('Ready for signing').waitFor();
    await form.getByRole('button', { name: 'Save and propose' }).click();

    await page.waitForURL(/\/goals\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: statement }).waitFor();
    await page.getByText('Version 1 waits for Business and IT to sign.').waitFor();
    // Anna cannot sign for IT, and sees why.
    const signIt = page.getByRole('button', { name: 'Sign for IT' });
    expect(await signIt.isDisabled()).toBe(true);
    const why = await signIt.getAttribute('aria-describedby');
    expect(await page.locator(`#${why}`).textContent()).toMatch(/Business/);

    await page.getByRole('button', { name: 'Sign for Business' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign for Business' }).click();
    await page.getByText('Version 1 waits for IT to sign.').waitFor();
    expect(await slotState(page, 'business')).toBe('signed');
    expect(await slotState(page, 'it')).toBe('waiting');
    const goalUrl = new URL(page.url()).pathname;

    // Lukas signs for IT in his own browser.
    const it = await newContext(workspace.browser, workspace.server.url, 'en-US');
    const itPage = await it.newPage();
    await new LoginPage(itPage).signIn(lukas.email, lukas.password);
    await switchLanguage(itPage, 'EN');
    await itPage.goto(goalUrl);
    await itPage.getByRole('heading', { name: statement }).waitFor();
    await itPage.getByRole('button', { name: 'Sign for IT' }).click();
    await itPage.getByRole('dialog').getByRole('button', { name: 'Sign for IT' }).click();
    await itPage.getByText('Business and IT signed version 1: the goal is agreed.').waitFor();
    await it.close();

    // Anna sees it agreed.
    await page.reload();
    await page.getByText('Business and IT signed version 1: the goal is agreed.').waitFor();
    expect(await slotState(page, 'business')).toBe('signed');
    expect(await slotState(page, 'it')).toBe('signed');

    // A new target is a new version: the form warns, and both signatures are void.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await form.getByLabel('Target', { exact: true }).fill('12');
    await form.getByText('Both signatures will be voided; both sides sign again').waitFor();
    await form.getByRole('button', { name: 'Save version 2' }).click();
    await form.waitFor({ state: 'hidden' });

    await page.getByText('Version 2 waits for Business and IT to sign.').waitFor();
    expect(await slotState(page, 'business')).toBe('waiting');
    expect(await slotState(page, 'it')).toBe('waiting');
    // The history keeps version 1 with its signatures and says what changed.
    await page
      .getByTestId('goal-change')
      .filter({ hasText: /^Target: 10\sLeads → 12\sLeads$/ })
      .waitFor();
    expect(await page.getByTestId('goal-version').count()).toBe(2);
    await page
      .locator('[data-testid="goal-version"][data-version="1"]')
      .getByText(/IT: signed by Lukas Fischer/)
      .waitFor();
    await page.screenshot({
      path: path.join(screenshotDir, 'goals-new-version-en.png'),
      fullPage: true,
    });
    await business.close();
  });
});
