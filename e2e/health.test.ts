import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserAvailable, newContext, screenshotDir } from './support/browser.js';
import { useDemoWorkspace } from './support/workspace.js';
import { LoginPage, switchLanguage } from './pages.js';

/**
 * Collaboration health as a steering committee member meets it: the portfolio's heat map,
 * a cell that opens the initiative at that pillar with its reasons, and a reason's link to
 * the thing to fix; then the business owner writes the weekly update.
 */
describe.skipIf(!browserAvailable())('collaboration health in Chromium', () => {
  const workspace = useDemoWorkspace();

  it('opens the portfolio, a cell’s reasons on the initiative, and writes a weekly update', async () => {
    const anna = workspace.account('anna@');
    const context = await newContext(workspace.browser, workspace.server.url, 'en-US');
    const page = await context.newPage();
    await new LoginPage(page).signIn(anna.email, anna.password);
    await switchLanguage(page, 'EN');

    await page.getByRole('link', { name: 'Portfolio' }).click();
    await page.getByRole('heading', { name: 'Portfolio' }).waitFor();
    await page.getByRole('heading', { name: 'What waits for whom' }).waitFor();
    const title = 'Lead-Generator für den Vertrieb';
    const row = page.locator('tr', { has: page.getByRole('link', { name: title, exact: true }) });
    await row.waitFor();
    // Every cell says its Ampel in words, not in colour alone.
    const goalsCell = row.getByRole('link', { name: new RegExp(`^${title}, Goals: `) });
    expect(await goalsCell.textContent()).toMatch(/Green|Amber|Red/);
    await page.screenshot({ path: path.join(screenshotDir, 'portfolio.png'), fullPage: true });

    await goalsCell.click();
    await page.waitForURL(/\/initiatives\/[0-9a-f-]{36}\?tab=goals&health=goals$/);
    await page.getByRole('heading', { name: 'Collaboration health' }).waitFor();
    const reasons = page.getByTestId('health-reasons');
    await reasons.getByRole('heading', { name: /^Why Goals is / }).waitFor();
    // The owners' view explains itself too, and each reason links to the thing to fix.
    await page.getByRole('button', { name: 'Show the reasons for Owners’ view' }).click();
    await reasons.getByRole('heading', { name: /^Why Owners’ view is / }).waitFor();
    const fix = reasons.getByRole('link', { name: /Open/ }).first();
    if ((await fix.count()) > 0) expect(await fix.getAttribute('href')).toMatch(/^\/initiatives\//);

    // Anna owns the business side: she writes this week's update on the overview.
    await page.getByRole('tab', { name: 'Overview' }).click();
    const form = page.getByRole('form', { name: 'Your update for Business side' });
    await form.getByText('At risk').click();
    await form.getByLabel('One sentence on why').fill('IT needs the data export first.');
    await form.getByRole('button', { name: /Save update|Replace this week’s update/ }).click();
    await page.getByText('Your update is saved.').waitFor();
    await page
      .getByTestId('weekly-latest-business')
      .getByText('IT needs the data export first.')
      .waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'initiative-health.png') });
    await context.close();
  });

  it('asks for the portfolio once, in the reader’s language, when opened at its address', async () => {
    const anna = workspace.account('anna@');
    // Anna chooses German; a later visit knows it before the first request (kept in the
    // browser), while the profile only answers after the start-up requests went out.
    const context = await newContext(workspace.browser, workspace.server.url, 'en-US');
    const signIn = await context.newPage();
    await new LoginPage(signIn).signIn(anna.email, anna.password);
    await switchLanguage(signIn, 'DE');
    await signIn.close();
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/portfolio') asked.push(url.search);
    });
    await page.goto('/portfolio');
    await page.getByRole('heading', { name: 'Was auf wen wartet' }).waitFor();
    await page.locator('[data-testid^="portfolio-row-"] a').first().waitFor();
    await page.waitForLoadState('networkidle');
    // The start-up prefetch and the page share one request: not one per language.
    expect(asked).toEqual(['?lang=de']);
    await context.close();
  });

  it('prints the status report with the portfolio first and each initiative on its own page, in both languages', async () => {
    const admin = workspace.account('admin@');
    const context = await newContext(workspace.browser, workspace.server.url, 'en-US');
    const page = await context.newPage();
    await new LoginPage(page).signIn(admin.email, admin.password);
    for (const [lang, heading] of [
      ['EN', 'Status report'],
      ['DE', 'Statusbericht'],
    ] as const) {
      await switchLanguage(page, lang);
      await page.goto('/report');
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      const sections = page.getByTestId('report-initiative');
      await sections.first().waitFor();
      const count = await sections.count();
      expect(count).toBeGreaterThan(1);
      const nav = page.getByRole('navigation').first();
      expect(await nav.isVisible()).toBe(true);
      await page.emulateMedia({ media: 'print' });
      // Without the app's navigation, and a page break before each initiative.
      expect(await nav.isVisible()).toBe(false);
      const breaks = await sections.evaluateAll((els) =>
        els.map((el) => getComputedStyle(el).breakBefore),
      );
      expect(breaks).toEqual(Array.from({ length: count }, () => 'page'));
      // The demo's initiatives are short: the summary and each one fill exactly one A4 page.
      const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
      expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(count + 1);
      await page.emulateMedia({ media: 'screen' });
    }
    await context.close();
  });
});
