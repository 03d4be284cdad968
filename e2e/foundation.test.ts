import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserAvailable, newContext, screenshotDir } from './support/browser.js';
import { useDemoWorkspace } from './support/workspace.js';
import { choose, LoginPage, openList, switchLanguage } from './pages.js';

/** The foundation as a person uses it: sign in, register a use case, find it, switch to German. */
describe.skipIf(!browserAvailable())('foundation in Chromium', () => {
  const workspace = useDemoWorkspace();
  const account = (prefix: string) => workspace.account(prefix);

  it('signs in, creates an initiative, finds it in the list and switches to German', async () => {
    const context = await newContext(workspace.browser, workspace.server.url, 'en-US');
    const page = await context.newPage();
    // Elena's profile language is English; Anna owns the use case on the business side.
    const elena = account('elena@');
    await new LoginPage(page).signIn(elena.email, elena.password);
    await page.getByRole('heading', { name: 'Initiatives' }).first().waitFor();

    await page
      .getByRole('link', { name: 'New initiative' })
      .or(page.getByRole('button', { name: 'New initiative' }))
      .first()
      .click();
    await page.getByLabel('Title').fill('Contract clause checker');
    await page.getByLabel('Problem').fill('Legal reviews every supplier contract by hand.');
    await page
      .getByLabel('Expected benefit')
      .fill('Risky clauses flagged before the review starts.');
    await page.locator('input').and(page.getByLabel('Department')).fill('Einkauf');
    await choose(page, 'Business owner', 'Anna Becker');
    await choose(page, 'IT owner', 'Elena Schmidt');
    await page
      .getByRole('radiogroup', { name: /publish/ })
      .getByLabel('Yes')
      .check();
    await page.getByText('Suggested: Limited risk').waitFor({ state: 'attached' }); // announced to screen readers
    await page.getByRole('button', { name: 'Create initiative' }).click();

    await page.getByRole('heading', { name: 'Contract clause checker' }).waitFor();
    expect(page.url()).toMatch(/\/initiatives\/[0-9a-f-]{36}$/);
    await page.getByText('Limited risk').first().waitFor();

    await openList(page, '/initiatives');
    await page.getByLabel('Search').fill('clause');
    await page.waitForURL(/q=clause/); // filters live in the URL
    await page.getByRole('link', { name: 'Contract clause checker' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
    expect(await page.getByRole('row').count()).toBe(2); // header + the one match
    await page.screenshot({ path: path.join(screenshotDir, 'foundation-list-en.png') });

    await switchLanguage(page, 'DE');
    await page.getByRole('heading', { name: 'Initiativen' }).first().waitFor();
    await page.getByLabel('Suche').waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'foundation-list-de.png') });

    // The choice is kept per user: a new browser signs in and gets German.
    const other = await newContext(workspace.browser, workspace.server.url, 'en-US');
    const second = await other.newPage();
    await second.goto('/login');
    await second.getByLabel('Email').fill(elena.email);
    await second.getByLabel('Password', { exact: true }).fill(elena.password);
    await second.getByRole('button', { name: 'Sign in' }).click();
    await second.getByRole('heading', { name: 'Initiativen' }).first().waitFor();
    await other.close();
    await context.close();
  });

  it('shows a members-only initiative only to its members', async () => {
    const context = await newContext(workspace.browser, workspace.server.url, 'en-US');
    const page = await context.newPage();
    const markus = account('markus@');
    await new LoginPage(page).signIn(markus.email, markus.password);
    await page.getByRole('link', { name: 'Lead-Generator für den Vertrieb' }).waitFor();
    expect(await page.getByRole('link', { name: 'Bewerber-Vorauswahl' }).count()).toBe(0);
    await context.close();
  });

  it('an admin creates a user by invitation and the invited person sets a password', async () => {
    const context = await newContext(workspace.browser, workspace.server.url, 'en-US');
    const page = await context.newPage();
    const admin = account('admin@');
    await new LoginPage(page).signIn(admin.email, admin.password);
    await page.goto('/admin/users');
    await switchLanguage(page, 'EN'); // the admin's profile says German
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Email').fill('new.colleague@example.com');
    await dialog.getByLabel('Name').fill('New Colleague');
    await choose(page, 'Side', 'IT');
    await dialog.getByRole('button', { name: 'New user' }).click();
    const url = await page.locator('input').and(page.getByLabel('Invitation link')).inputValue();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invite\/[\w-]{40,}$/);
    await context.close();

    const invited = await newContext(workspace.browser, workspace.server.url, 'en-US');
    const p2 = await invited.newPage();
    await p2.goto(new URL(url).pathname);
    await p2.getByLabel('New password').fill('a-long-new-password');
    await p2.getByLabel('Repeat password').fill('a-long-new-password');
    await p2.getByRole('button', { name: 'Activate account' }).click();
    await p2.waitForURL((u) => u.pathname === '/');
    await invited.close();
  });
});
