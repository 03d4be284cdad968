import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserAvailable, newContext, screenshotDir } from './support/browser.js';
import { HttpClient } from './support/http.js';
import { useDemoWorkspace } from './support/workspace.js';
import { LoginPage, switchLanguage } from './pages.js';

/**
 * Conversation as people live it: Anna mentions Lukas in a comment on a handoff (picked from
 * the suggestions after typing @), Lukas signs in, sees the bell count, finds the mention in
 * his inbox and follows it to the comment. Markdown carrying script, event attributes and
 * javascript: links is shown harmless in the real browser.
 */
describe.skipIf(!browserAvailable())('comments and the inbox in Chromium', () => {
  const workspace = useDemoWorkspace();

  it('mention a colleague in a handoff comment; they find it in the inbox and follow the link', async () => {
    const anna = workspace.account('anna@');
    const lukas = workspace.account('lukas@');
    const http = new HttpClient(workspace.server.url);
    await http.login(anna.email, anna.password);
    const users = await http.request<{ id: string; email: string }[]>('GET', '/api/people');
    const id = (email: string) => users.body.find((u) => u.email === email)?.id ?? '';
    const stages = await http.request<{ id: string; key: string }[]>('GET', '/api/stages');
    const created = await http.request<{ id: string }>('POST', '/api/initiatives', {
      title: 'Reklamationsassistent',
      problem: 'Reklamationen werden von Hand sortiert.',
      expectedBenefit: 'Antworten am selben Tag.',
      department: 'Service',
      businessOwnerId: id(anna.email),
      itOwnerId: id(lukas.email),
      riskClass: 'minimal',
      stageId: stages.body.find((s) => s.key === 'specification')?.id,
    });
    expect(created.status).toBe(201);
    const handoff = await http.request<{ id: string }>(
      'POST',
      `/api/initiatives/${created.body.id}/handoffs`,
      {
        title: 'Specification for the complaints assistant',
        toStageId: stages.body.find((s) => s.key === 'build')?.id ?? null,
        receiverId: id(lukas.email),
        dueDate: '2027-01-15',
      },
    );
    expect(handoff.status).toBe(201);
    const handoffPath = `/handoffs/${handoff.body.id}`;

    const annaContext = await newContext(workspace.browser, workspace.server.url, 'en-US');
    const page = await annaContext.newPage();
    await new LoginPage(page).signIn(anna.email, anna.password);
    await switchLanguage(page, 'EN');
    await page.goto(handoffPath);
    await page.getByRole('heading', { name: 'Comments' }).waitFor();
    const box = page.getByLabel('Write a comment');
    await box.click();
    await box.pressSequentially('Please check section 3, @Luk');
    await page.getByRole('option', { name: /Lukas Fischer/ }).click();
    await box.pressSequentially(
      'and tell me. <img src=x onerror="window.__xss=1"> [click](javascript:window.__xss=2) **thanks**',
    );
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    const comment = page.locator('.comment-body').first();
    await comment.getByText('thanks').waitFor();
    expect(await comment.locator('strong').textContent()).toBe('thanks');
    expect(await comment.locator('img').count()).toBe(0);
    expect(await comment.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await comment.textContent()).toContain('<img src=x');
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    await page.getByText('@Lukas Fischer', { exact: true }).waitFor();
    await annaContext.close();

    const lukasContext = await newContext(workspace.browser, workspace.server.url, 'en-US');
    const it2 = await lukasContext.newPage();
    await new LoginPage(it2).signIn(lukas.email, lukas.password);
    await switchLanguage(it2, 'EN');
    // The outbox delivers within a second or two; the bell shows it on the next look.
    const bell = it2.getByTestId('notification-bell');
    for (let i = 0; i < 20; i += 1) {
      await it2.goto('/inbox');
      if (await it2.getByTestId('notification').first().isVisible()) break;
      await it2.waitForTimeout(500);
    }
    // The bell asks for its count once the page is first idle (useAfterFirstPaint).
    await expect
      .poll(() => bell.getAttribute('aria-label'), { timeout: 10_000 })
      .toMatch(/Notifications, [1-9]\d* unread/);
    const mention = it2
      .getByTestId('notification')
      .filter({ hasText: 'Mentioned you' })
      .filter({ hasText: 'Specification for the complaints assistant' });
    await mention.waitFor();
    await it2.screenshot({ path: path.join(screenshotDir, 'inbox-en.png'), fullPage: true });
    await mention.getByRole('link', { name: 'Specification for the complaints assistant' }).click();
    await it2.waitForURL(new RegExp(`${handoffPath}#comment-[0-9a-f-]{36}$`));
    await it2
      .getByRole('heading', { name: 'Specification for the complaints assistant' })
      .waitFor();
    await it2.getByText('Please check section 3').waitFor();

    // A goal and a metric of the demo workspace carry their comments too, and load whole.
    const goals = await http.request<{ id: string; metric: { id: string } | null }[]>(
      'GET',
      '/api/goals',
    );
    const goal = goals.body.find((g) => g.metric);
    for (const url of [`/goals/${goal?.id ?? ''}`, `/metrics/${goal?.metric?.id ?? ''}`]) {
      await it2.goto(url);
      await it2.getByRole('heading', { name: 'Comments' }).waitFor();
      await it2.waitForFunction(
        () => !document.querySelector('[aria-busy="true"], .mantine-Loader-root'),
        null,
        { timeout: 30_000 },
      );
    }
    await lukasContext.close();
  }, 180_000);
});
