import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, newContext, screenshotDir } from './support/browser.js';
import { type RunningServer, startTandem, tempDir } from './support/server.js';
import { choose, LoginPage, switchLanguage } from './pages.js';

const pad = (n: number) => String(n).padStart(2, '0');
/** A day some days ago at a full hour, as German writes it (27.11.2026 14:00). */
function daysAgo(days: number, hour: number) {
  const d = new Date(Date.now() - days * 86_400_000);
  const y = d.getFullYear();
  const m = pad(d.getMonth() + 1);
  const day = pad(d.getDate());
  return { german: `${day}.${m}.${y} ${pad(hour)}:00` };
}

/**
 * Shared metrics as the two sides use them: business defines and signs, IT signs in its own
 * browser, the metric is agreed; values arrive by hand and from an Excel CSV; the chart draws.
 */
describe.skipIf(!browserAvailable())('shared metrics in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const account = (prefix: string) => {
    const c = server.credentials.find((x) => x.email.startsWith(prefix));
    if (!c) throw new Error(`demo account ${prefix} missing from:\n${server.output()}`);
    return c;
  };
  const signIn = async (prefix: string) => {
    // Sign-in speaks the browser's language; after it, the profile's language applies.
    const context = await newContext(browser, server.url, 'en-US');
    context.setDefaultTimeout(30_000); // the machine may be busy; the chart loads lazily
    const page = await context.newPage();
    const a = account(prefix);
    await new LoginPage(page).signIn(a.email, a.password);
    return { context, page };
  };
  const slot = (page: Page, side: RegExp) => page.getByRole('region', { name: side });
  /** The drawn line of the chart (its SVG path), once the lazily loaded chart is there. */
  const chartLine = async (page: Page) => {
    const line = page.locator('[data-testid="metric-chart"] svg path.recharts-line-curve').first();
    await line.waitFor({ state: 'attached' });
    return line.getAttribute('d');
  };

  beforeAll(async () => {
    server = await startTandem({ TANDEM_DEMO: 'true' });
    ({ browser, close: closeBrowser } = await launchBrowser());
    fs.mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
  });

  it('business defines and signs, IT signs, values come in by hand and by CSV', async () => {
    // Anna owns "Lead-Generator für den Vertrieb" for the business side; her UI is German.
    const { context, page } = await signIn('anna@');
    await page.getByRole('link', { name: 'Lead-Generator für den Vertrieb' }).click();
    await page.getByRole('tab', { name: 'Kennzahlen' }).click();
    await page.getByRole('heading', { name: 'Abgeschlossene Leads' }).waitFor();

    await page.getByRole('button', { name: 'Kennzahl definieren' }).click();
    const dialog = page.getByRole('dialog', { name: 'Kennzahl definieren' });
    await dialog.getByLabel(/^Name/).fill('Qualifizierte Anfragen');
    await dialog
      .getByLabel(/^Was gezählt wird und wie/)
      .fill('Web-Anfragen, die der Vertrieb als qualifiziert markiert hat.');
    await dialog.getByLabel(/^Quelle/).fill('CRM, Bericht „Qualifizierte Anfragen“');
    await dialog.getByLabel(/^Einheit/).fill('Anfragen');
    await choose(page, 'Art der Zahl', 'Ganze Zahl');
    await dialog.getByRole('radio', { name: 'Summe' }).check();
    await dialog.getByRole('radio', { name: 'Woche' }).check();
    // The owners default to the initiative's owners: Anna and Lukas.
    expect(
      await dialog
        .locator('input')
        .and(dialog.getByLabel(/Verantwortlich IT/))
        .inputValue(),
    ).toBe('Lukas Fischer');
    await dialog.getByRole('button', { name: 'Kennzahl anlegen' }).click();

    await page.getByRole('heading', { name: 'Qualifizierte Anfragen', level: 1 }).waitFor();
    expect(page.url()).toMatch(/\/metrics\/[0-9a-f-]{36}$/);
    await page.getByText('Wartet auf Fachbereich und IT').first().waitFor();
    const metricUrl = new URL(page.url()).pathname;

    // Business signs version 1 (after confirming what a signature means).
    await slot(page, /Freigabe Fachbereich/)
      .getByRole('button', { name: 'Für Fachbereich freigeben' })
      .click();
    await page
      .getByRole('dialog', { name: /Fassung 1 für Fachbereich freigeben/ })
      .getByRole('button', { name: 'Für Fachbereich freigeben' })
      .click();
    await slot(page, /Freigabe Fachbereich/)
      .getByText('Anna Becker')
      .waitFor();
    await page.getByText('Wartet auf IT').first().waitFor();
    // Anna cannot sign for IT, and the page says why.
    expect(
      await slot(page, /Freigabe IT/)
        .getByRole('button', { name: 'Für IT freigeben' })
        .isDisabled(),
    ).toBe(true);
    await slot(page, /Freigabe IT/)
      .getByText('Sie gehören zur Seite Fachbereich und können nur für diese freigeben.')
      .waitFor();

    // IT signs in its own browser; Lukas reads English today.
    const lukas = await signIn('lukas@');
    await lukas.page.goto(metricUrl);
    await switchLanguage(lukas.page, 'EN');
    await slot(lukas.page, /Signature IT/)
      .getByRole('button', { name: 'Sign for IT' })
      .click();
    await lukas.page
      .getByRole('dialog', { name: /Sign version 1 for IT/ })
      .getByRole('button', { name: 'Sign for IT' })
      .click();
    await lukas.page.getByText('Agreed', { exact: true }).first().waitFor();
    await slot(lukas.page, /Signature IT/)
      .getByText('Lukas Fischer')
      .waitFor();
    await lukas.context.close();

    // Back with Anna: the metric is agreed for her, too.
    await page.reload();
    await page.getByText('Vereinbart', { exact: true }).first().waitFor();
    expect(await page.locator('[data-side][data-state="signed"]').count()).toBe(2);

    // A value by hand, in local time, typed as German writes it (not the browser's locale).
    const manual = daysAgo(5, 14);
    const form = page.getByRole('form', { name: 'Messwert erfassen' });
    expect(await form.getByLabel(/^Zeitpunkt/).inputValue()).toMatch(
      /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/,
    );
    await form.getByLabel(/^Zeitpunkt/).fill(manual.german);
    await form.getByLabel(/^Wert/).fill('7');
    await form.getByLabel(/^Notiz/).fill('von Hand gezählt');
    await form.getByRole('button', { name: 'Wert speichern' }).click();
    const row = page.getByRole('row').filter({ hasText: 'von Hand gezählt' });
    await row.waitFor();
    // The unit stands once in the column header; the row holds the plain number.
    await page.getByRole('columnheader', { name: 'Wert (Anfragen)' }).waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('7');
    expect(await row.textContent()).toContain('14:00 Uhr');

    // A CSV file as German Excel writes it: semicolons, dates with dots.
    const dir = tempDir();
    const file = path.join(dir, 'anfragen.csv');
    const a = daysAgo(3, 9);
    const b = daysAgo(2, 9);
    fs.writeFileSync(file, `Datum;Wert;Notiz\n${a.german};3;Montag\n${b.german};4;\n`);
    await page.getByRole('button', { name: 'CSV importieren' }).click();
    const importDialog = page.getByRole('dialog', { name: /CSV-Datei importieren/ });
    await importDialog.locator('input[type=file]').setInputFiles(file);
    await importDialog.getByText('2 Zeilen bereit zum Import').waitFor();
    await importDialog.getByText('Semikolon (;)').waitFor();
    await importDialog.getByRole('button', { name: '2 Zeilen importieren' }).click();
    await importDialog.getByText('2 importiert, 0 bereits vorhanden.').waitFor();
    await importDialog.getByRole('button', { name: 'Fertig' }).click();
    await page.getByRole('row').filter({ hasText: 'Montag' }).waitFor();

    // Both sides see the same chart: a line through the values (three days, two or three points).
    await page
      .getByRole('radiogroup', { name: 'Werte je' })
      .getByText('Tag', { exact: true })
      .click();
    await page.waitForURL(/period=day/); // the period lives in the URL
    await expect
      .poll(() => chartLine(page), { timeout: 10_000 })
      .toMatch(/^M[\d.,]+(L[\d.,]+){2}$/);
    await page.screenshot({
      path: path.join(screenshotDir, 'metrics-page-de.png'),
      fullPage: true,
    });
    fs.rmSync(dir, { recursive: true, force: true });
    await context.close();
  });

  it('shows a viewer everything, read-only', async () => {
    // Klaus is a viewer (observer on the lead generator).
    const { context, page } = await signIn('klaus@');
    await page.getByRole('link', { name: 'Lead-Generator für den Vertrieb' }).click();
    await page.getByRole('tab', { name: 'Kennzahlen' }).click();
    await page.getByRole('link', { name: 'Abgeschlossene Leads' }).click();
    await page.getByRole('heading', { name: 'Abgeschlossene Leads', level: 1 }).waitFor();
    await expect
      .poll(() => chartLine(page), { timeout: 10_000 })
      .toMatch(/^M[\d.,]+(L[\d.,]+){20,}$/); // weeks of a year
    await page.getByText('Sie können diese Kennzahl lesen').waitFor();
    expect(await page.getByRole('button', { name: 'Definition bearbeiten' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'CSV importieren' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Messwert erfassen' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Maschinenzugang' }).count()).toBe(0);
    await page.getByRole('row').nth(1).waitFor(); // the values are there to read
    await context.close();
  });
});
