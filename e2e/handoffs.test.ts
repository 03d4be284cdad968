import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, newContext, screenshotDir } from './support/browser.js';
import { useDemoWorkspace } from './support/workspace.js';
import { HttpClient } from './support/http.js';
import { LoginPage, switchLanguage } from './pages.js';

/** A handoff page, in the words of the English UI. */
class HandoffPage {
  constructor(private readonly page: Page) {}
  async reload(): Promise<void> {
    await this.page.reload();
    await this.page.getByRole('heading', { level: 1 }).waitFor();
  }
  async dialogAction(button: string, field: string, text: string) {
    await this.page.getByRole('button', { name: button, exact: true }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel(field).fill(text);
    return dialog;
  }
  async ask(text: string): Promise<void> {
    const dialog = await this.dialogAction('Ask a question', 'Your question', text);
    await dialog.getByRole('button', { name: 'Ask a question' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
  async answer(text: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Answer', exact: true }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('Your answer').fill(text);
    await dialog.getByRole('button', { name: 'Send answer' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
  async returnWith(reason: string, failedItem: string): Promise<void> {
    const dialog = await this.dialogAction('Return with reason', 'Reason', reason);
    await dialog.getByLabel(failedItem).check();
    await dialog.getByRole('button', { name: 'Return with reason' }).click();
    await dialog.waitFor({ state: 'detached' });
  }
  async accept(): Promise<void> {
    await this.page.getByRole('button', { name: 'Accept', exact: true }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Accept' }).click();
    await this.page.getByText('Accepted: the initiative is now in Build').waitFor();
  }
  async check(item: string): Promise<void> {
    // The box turns checked when the server has stored it.
    await this.page.getByRole('checkbox', { name: item }).click();
    await this.page.waitForFunction(
      (label) =>
        [...document.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].some(
          (i) => i.checked && !i.disabled && i.labels?.[0]?.textContent === label,
        ),
      item,
    );
  }
}

/**
 * The handoff as both sides live it: the business owner submits a specification, IT asks,
 * the business answers, IT returns it with a reason, the business resubmits, IT accepts, and
 * the initiative shows the new stage.
 */
describe.skipIf(!browserAvailable())('handoffs in Chromium', () => {
  const workspace = useDemoWorkspace();
  const account = (prefix: string) => workspace.account(prefix);

  it('submit, question, answer, return with reason, resubmit, accept: the initiative enters Build', async () => {
    const anna = account('anna@');
    const lukas = account('lukas@');
    // An initiative in Specification, Anna (business) and Lukas (IT) own it.
    const http = new HttpClient(workspace.server.url);
    await http.login(anna.email, anna.password);
    const users = await http.request<{ id: string; email: string }[]>('GET', '/api/people');
    const id = (email: string) => users.body.find((u) => u.email === email)?.id ?? '';
    const stages = await http.request<{ id: string; key: string }[]>('GET', '/api/stages');
    const created = await http.request<{ id: string }>('POST', '/api/initiatives', {
      title: 'Angebotsassistent',
      problem: 'Angebote werden aus alten Word-Dateien zusammenkopiert.',
      expectedBenefit: 'Angebote in Minuten statt Stunden.',
      department: 'Vertrieb',
      businessOwnerId: id(anna.email),
      itOwnerId: id(lukas.email),
      riskClass: 'minimal',
      stageId: stages.body.find((s) => s.key === 'specification')?.id,
    });
    expect(created.status).toBe(201);
    const initiativeUrl = `/initiatives/${created.body.id}`;

    const businessContext = await newContext(workspace.browser, workspace.server.url, 'en-US');
    const business = await businessContext.newPage();
    await new LoginPage(business).signIn(anna.email, anna.password);
    await switchLanguage(business, 'EN'); // Anna's profile says German
    await business.goto(`${initiativeUrl}?tab=handoffs`);
    await business.getByRole('button', { name: 'New handoff' }).first().click();
    const form = business.getByRole('dialog');
    await form.getByLabel(/^Title/).fill('Specification for the offer assistant');
    await form.getByLabel(/^Deliverable 1: title/).fill('Lastenheft v1');
    await form.getByLabel('Deliverable 1: link').fill('https://wiki.example/angebote');
    expect(
      await form
        .locator('input')
        .and(form.getByLabel(/^Receiver\W*$/))
        .inputValue(),
    ).toBe('Lukas Fischer');
    await form.getByRole('button', { name: 'Save draft' }).click();
    await business.waitForURL(/\/handoffs\/[0-9a-f-]{36}$/);
    const handoffUrl = new URL(business.url()).pathname;
    const sender = new HandoffPage(business);
    await business
      .getByRole('heading', { name: 'Specification for the offer assistant' })
      .waitFor();
    for (const item of [
      'Acceptance criteria agreed',
      'Data sources named',
      'Data-protection check done',
    ])
      await sender.check(item);
    await business.getByRole('button', { name: 'Submit', exact: true }).click();
    await business.getByText('The handoff was submitted to Lukas Fischer.').waitFor();

    // IT finds it waiting and asks a question.
    const itContext = await newContext(workspace.browser, workspace.server.url, 'en-US');
    const it = await itContext.newPage();
    await new LoginPage(it).signIn(lukas.email, lukas.password);
    await switchLanguage(it, 'EN');
    // On his desk, as a sentence that leads to it.
    await it.goto('/');
    await it
      .getByRole('region', { name: 'Handoffs' })
      .getByRole('link', {
        name: 'Receive the handoff “Specification for the offer assistant”: accept, return or ask',
      })
      .click();
    await it.waitForURL(new RegExp(`${handoffUrl}$`));
    const receiver = new HandoffPage(it);
    await receiver.ask('Which price lists are the data source?');
    await it.getByText('1 open question').first().waitFor();
    expect(await it.getByRole('button', { name: 'Accept', exact: true }).isDisabled()).toBe(true);

    // The business answers.
    await sender.reload();
    await sender.answer('The 2026 price list in the ERP, nothing else.');
    await business.getByText('The answer was sent.').waitFor();

    // IT returns it with a reason; the failed item is open again for the business.
    await receiver.reload();
    await receiver.returnWith(
      'The data-protection check is not attached.',
      'Data-protection check done',
    );
    await it.getByText('Lukas Fischer returned it').waitFor();

    await sender.reload();
    await business.getByText('The data-protection check is not attached.').first().waitFor();
    expect(
      await business.getByRole('checkbox', { name: 'Data-protection check done' }).isChecked(),
    ).toBe(false);
    await sender.check('Data-protection check done');
    await business.getByRole('button', { name: 'Resubmit' }).click();
    await business.getByText('The handoff was submitted to Lukas Fischer.').waitFor();

    // IT accepts; the initiative is in Build now.
    await receiver.reload();
    await it.getByText('Resubmitted (round 2)').first().waitFor();
    await receiver.accept();
    await it.getByText('Lukas Fischer accepted').waitFor();
    await it.screenshot({
      path: path.join(screenshotDir, 'handoff-accepted-en.png'),
      fullPage: true,
    });

    await business.goto(initiativeUrl);
    const current = business.locator('[aria-current="step"]');
    await current.getByText('Build').waitFor();
    await business.goto(`${initiativeUrl}?tab=handoffs`);
    await business.getByText('Returned 1 time').waitFor();
    await businessContext.close();
    await itContext.close();
  }, 180_000);
});
