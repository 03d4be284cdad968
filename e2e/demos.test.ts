import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, newContext, screenshotDir } from './support/browser.js';
import { type RunningServer, startTandem } from './support/server.js';
import { choose, LoginPage, setTime, switchLanguage } from './pages.js';

const isoDay = (daysFromNow: number) =>
  new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10);

/**
 * Regular demos as a team runs them: change the cadence, record the demo that is overdue with
 * attendance, a confidence vote and a feedback item, turn the feedback into an action item, and
 * skip the next demo with a reason.
 */
describe.skipIf(!browserAvailable())('regular demos in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    server = await startTandem({ TANDEM_DEMO: 'true' });
    ({ browser, close: closeBrowser } = await launchBrowser());
    fs.mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
  });

  it('sets a cadence, records a held demo with a vote and feedback, makes an action item, skips the next demo', async () => {
    const anna = server.credentials.find((c) => c.email.startsWith('anna@'));
    if (!anna) throw new Error(`demo account anna missing from:\n${server.output()}`);
    const context = await newContext(browser, server.url, 'en-US');
    const page = await context.newPage();
    try {
      await new LoginPage(page).signIn(anna.email, anna.password);
      await switchLanguage(page, 'EN');
      await page.getByRole('link', { name: 'Lead-Generator für den Vertrieb' }).first().click();
      await page.getByRole('tab', { name: 'Demos' }).click();
      // The seeded cadence is overdue: its last demo passed without being recorded.
      // On the Demos tab (the health panel's "what changed" may name the reason too).
      const demosTab = page.getByRole('tabpanel', { name: 'Demos' });
      await demosTab.getByText(/Demo overdue by \d+ days?/).waitFor();

      await page.getByRole('button', { name: 'Change cadence' }).click();
      const dialog = page.getByRole('dialog');
      await choose(page, 'Interval', 'Weekly');
      await choose(page, 'Weekday', 'Friday');
      await setTime(dialog, 'Time', '09:30');
      await dialog.getByRole('button', { name: 'Save cadence' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await page.getByTestId('cadence-rule').textContent()).toContain(
        'Weekly on Friday at 09:30',
      );

      // Record the overdue demo: everyone attended, Anna votes 4, one idea.
      await page.getByRole('button', { name: 'Record demo' }).first().click();
      const record = page.getByRole('dialog');
      await record.getByText('Who attended').waitFor();
      await record.getByRole('radiogroup').first().getByText('4', { exact: true }).click();
      await record.getByLabel('What was shown').fill('Lead scoring with real CRM data');
      await record.getByRole('button', { name: 'Add feedback' }).click();
      await record.getByPlaceholder('Feedback').fill('Show why a lead scores high');
      await record.getByRole('button', { name: 'Save demo' }).click();
      await record.waitFor({ state: 'detached' });

      const detail = page.getByTestId('demo-detail');
      await detail.getByText('Lead scoring with real CRM data').waitFor();
      await detail.getByText('Confidence 4/5').first().waitFor();
      const item = detail
        .getByTestId('feedback-item')
        .filter({ hasText: 'Show why a lead scores high' });
      await item.getByRole('button', { name: 'Make action item' }).click();
      await choose(page, 'Owner', 'Anna Becker');
      await item.getByLabel('Due date').fill(isoDay(7));
      await item.getByRole('button', { name: 'Create action item' }).click();
      await item.getByText(/Action item: Anna Becker, due .* · open/).waitFor();
      // Open action items show on the initiative until done.
      await page.getByText(/\d+ open action items?/).waitFor();
      expect(await demosTab.getByText(/Demo overdue by/).count()).toBe(0);

      // Skip the next demo: not without a reason; afterwards it shows as skipped, with the reason.
      const upcoming = page.getByTestId('upcoming-demos');
      await upcoming
        .getByTestId('occurrence')
        .first()
        .getByRole('button', { name: /Change the demo of/ })
        .click();
      await page.getByRole('menuitem', { name: 'Skip…' }).click();
      const skip = page.getByRole('dialog');
      await skip.getByRole('button', { name: 'Skip demo' }).click();
      await skip.getByText('Give the reason.').waitFor();
      await skip.getByLabel('Reason').fill('Team offsite, nothing new to show');
      await skip.getByRole('button', { name: 'Skip demo' }).click();
      await skip.waitFor({ state: 'detached' });
      const skipped = upcoming
        .getByTestId('occurrence')
        .filter({ hasText: 'Reason: Team offsite, nothing new to show' });
      await skipped.getByText('Skipped', { exact: true }).waitFor();
      expect(await skipped.getAttribute('data-state')).toBe('skipped');
      expect(await skipped.getByRole('button', { name: /Change the demo of/ }).count()).toBe(0);
      await page.screenshot({ path: path.join(screenshotDir, 'demos.png'), fullPage: true });
    } catch (err) {
      await page.screenshot({
        path: path.join(screenshotDir, 'demos-failure.png'),
        fullPage: true,
      });
      throw err;
    } finally {
      await context.close();
    }
  });
});
