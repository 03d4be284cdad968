import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InitiativeSummary } from '../src/contracts/initiatives.js';
import { startSmtp } from '../src/server/test-support/smtp.js';
import { screenshotDir } from './support/browser.js';
import { browserAvailable, launchBrowser } from './support/browser.js';
import { HttpClient } from './support/http.js';
import { freePort, type RunningServer, startTandem } from './support/server.js';
import { useDemoWorkspace } from './support/workspace.js';
import { openList, switchLanguage } from './pages.js';

/** A phone, the tablet demos are recorded on, and a desktop. */
const WIDTHS = [
  { width: 390, height: 844, name: 'phone' },
  { width: 1024, height: 768, name: 'tablet' },
  { width: 1440, height: 900, name: 'desktop' },
] as const;
type Screen = (typeof WIDTHS)[number];

/** The pages of the demo workspace that every screen must show whole. */
interface Paths {
  initiative: string;
  goal: string;
  metric: string;
  handoff: string;
}

const shot = (page: Page, screen: Screen, name: string) =>
  page.screenshot({
    path: path.join(screenshotDir, `screens-${screen.width}-${name}.png`),
    fullPage: true,
  });

/** The document never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(client);
}

/**
 * Buttons that are cut off: outside the window, squeezed so their text is clipped, or outside
 * a box that clips (a table that scrolls sideways, a card with hidden overflow). Each is named
 * with its text.
 */
function clippedButtons(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut: string[] = [];
    const buttons = document.querySelectorAll<HTMLElement>(
      'main button, main a[data-variant], [role="dialog"] button',
    );
    for (const b of buttons) {
      const r = b.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(b).visibility === 'hidden') continue;
      const name = (b.textContent || b.getAttribute('aria-label') || b.tagName).trim();
      if (r.left < -0.5 || r.right > window.innerWidth + 0.5) {
        cut.push(`${name} (outside the window)`);
        continue;
      }
      // A button squeezed narrower than its text clips the text inside.
      const squeezed = [b, ...b.querySelectorAll<HTMLElement>('span')].some(
        (el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible',
      );
      if (squeezed) {
        cut.push(`${name} (text cut inside the button)`);
        continue;
      }
      for (let a = b.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const box = a.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5) {
          cut.push(`${name} (cut by ${a.className || a.tagName})`);
          break;
        }
      }
    }
    return cut;
  });
}

async function expectWhole(page: Page, where: string): Promise<void> {
  await expectNoSidewaysScroll(page, where);
  expect(await clippedButtons(page), `${where}: buttons cut off`).toEqual([]);
}

/** The element is on screen and not cut by the box it sits in. */
async function expectInside(inner: Locator, outer: Locator, what: string): Promise<void> {
  await inner.waitFor();
  const a = await inner.boundingBox();
  const b = await outer.boundingBox();
  if (!a || !b) throw new Error(`${what}: not laid out`);
  expect(a.x, `${what} starts inside`).toBeGreaterThanOrEqual(b.x - 0.5);
  expect(a.x + a.width, `${what} ends inside`).toBeLessThanOrEqual(b.x + b.width + 0.5);
  const fits = await inner.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
  expect(fits, `${what} is not cut short`).toBe(true);
}

/** Waits until the page has loaded what it shows (no skeletons, no spinner). */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(
    () => !document.querySelector('[aria-busy="true"], .mantine-Loader-root'),
    null,
    { timeout: 30_000 },
  );
}

async function signIn(context: BrowserContext, email: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('E-Mail').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL((u) => u.pathname === '/');
  await switchLanguage(page, 'DE');
  return page;
}

/**
 * Every page at 390, 1024 and 1440 px in German: screenshots under test-results/ to look at,
 * no page that scrolls sideways, no button cut off, and what each screen size must show:
 * the current stage, the state of each signature, 1–5 vote buttons of at least 44 px.
 */
describe.skipIf(!browserAvailable())('every page on phone, tablet and desktop', () => {
  const workspace = useDemoWorkspace();
  let paths: Paths | undefined;

  /** Where the demo workspace's pages are, found once through the API. */
  async function demoPaths(): Promise<Paths> {
    if (paths) return paths;
    const anna = workspace.account('anna@');
    const http = new HttpClient(workspace.server.url);
    await http.login(anna.email, anna.password);
    const list = (await http.request<InitiativeSummary[]>('GET', '/api/initiatives')).body;
    const lead = list.find((i) => i.title === 'Lead-Generator für den Vertrieb');
    if (!lead) throw new Error('the demo initiative is missing');
    const first = async (url: string) => {
      const [item] = (await http.request<{ id: string }[]>('GET', url)).body;
      if (!item) throw new Error(`nothing at ${url}`);
      return item.id;
    };
    paths = {
      initiative: `/initiatives/${lead.id}`,
      goal: `/goals/${await first(`/api/initiatives/${lead.id}/goals`)}`,
      metric: `/metrics/${await first(`/api/initiatives/${lead.id}/metrics`)}`,
      handoff: `/handoffs/${await first(`/api/initiatives/${lead.id}/handoffs`)}`,
    };
    return paths;
  }

  async function visit(page: Page, screen: Screen, name: string, url: string): Promise<void> {
    // The list pages are drawn on the server first: shot once the app has taken them over.
    if (url === '/initiatives' || url === '/portfolio') await openList(page, url);
    else await page.goto(url);
    await settled(page);
    await shot(page, screen, name);
    await expectWhole(page, `${name} at ${screen.width} px`);
  }

  for (const screen of WIDTHS) {
    it(`shows every page whole at ${screen.width} px (${screen.name})`, async () => {
      const p = await demoPaths();
      const viewport = { width: screen.width, height: screen.height };
      const options = { baseURL: workspace.server.url, locale: 'de-DE', viewport };

      // Signed out: the sign-in page.
      const guest = await workspace.browser.newContext(options);
      const login = await guest.newPage();
      await visit(login, screen, 'sign-in', '/login');
      await login.getByRole('button', { name: 'Anmelden' }).waitFor();
      await guest.close();

      const context = await workspace.browser.newContext(options);
      context.setDefaultTimeout(30_000);
      const anna = workspace.account('anna@');
      const page = await signIn(context, anna.email, anna.password);

      await visit(page, screen, 'initiatives', '/initiatives');
      const filters = page.getByRole('region', { name: 'Filter' });
      if (screen.width < 768) {
        // Phones: cards with whole names, and the five lists folded behind "Filter".
        await page.getByTestId('initiative-card').first().waitFor();
        await expectInside(
          page.getByRole('link', { name: 'Lead-Generator für den Vertrieb' }),
          page.getByTestId('initiative-card').filter({ hasText: 'Lead-Generator' }),
          'the initiative name on its card',
        );
        expect(await filters.getByRole('combobox', { name: 'Phase' }).isVisible()).toBe(false);
        await filters.getByRole('button', { name: 'Filter', exact: true }).waitFor();
      } else {
        await filters.getByRole('combobox', { name: 'Phase' }).waitFor();
      }

      for (const tab of ['overview', 'goals', 'handoffs', 'demos', 'metrics', 'members']) {
        await visit(page, screen, `initiative-${tab}`, `${p.initiative}?tab=${tab}`);
      }
      await visit(page, screen, 'initiative-activity', `${p.initiative}?tab=activity`);
      await page.getByTestId('activity-day').first().waitFor();

      // The current stage is in view, named on a phone where the steps are dots.
      await page.goto(p.initiative);
      await settled(page);
      const current = page.locator('[aria-current="step"]');
      await expectInside(current, page.locator('main'), 'the current stage');
      if (screen.width < 768) {
        expect(await page.getByTestId('stage-summary').textContent()).toContain('Pilotbetrieb');
      } else {
        expect(await current.textContent()).toContain('Pilotbetrieb');
      }

      // The goal: both signature states whole ("Freigegeben" not cut).
      await visit(page, screen, 'goal', p.goal);
      for (const side of ['business', 'it']) {
        const slot = page.getByTestId('goal-agreement').locator(`[data-side="${side}"]`);
        await expectInside(slot.getByText('Freigegeben'), slot, `the ${side} signature state`);
      }
      await page.getByTestId('chart-key').waitFor();

      await visit(page, screen, 'metric', p.metric);
      await page.getByTestId('chart-key').or(page.getByTestId('metric-chart')).first().waitFor();
      await visit(page, screen, 'handoff', p.handoff);

      // Recording a demo, as on the tablet in the meeting room: vote buttons of 44 px.
      await page.goto(`${p.initiative}?tab=demos`);
      await settled(page);
      await expectWhole(page, `demos at ${screen.width} px`);
      await page.getByRole('button', { name: 'Demo erfassen' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('vote-control').first().waitFor();
      await page.screenshot({
        path: path.join(screenshotDir, `screens-${screen.width}-record-demo.png`),
      });
      await expectNoSidewaysScroll(page, `record demo at ${screen.width} px`);
      for (const option of await dialog
        .getByTestId('vote-control')
        .first()
        .locator('label')
        .all()) {
        const box = await option.boundingBox();
        expect(box?.height, 'vote button height').toBeGreaterThanOrEqual(44);
        expect(box?.width, 'vote button width').toBeGreaterThanOrEqual(44);
      }
      await expectInside(
        dialog.getByTestId('vote-control').first(),
        dialog,
        'the 1–5 vote buttons',
      );
      await page.keyboard.press('Escape');

      await visit(page, screen, 'goals', '/goals');
      await visit(page, screen, 'desk', '/');
      await visit(page, screen, 'portfolio', '/portfolio');
      if (screen.width >= 1024) {
        // The heat map fits beside the navigation: no sideways scrolling inside the table,
        // and no column heading broken inside a word.
        const table = await page.evaluate(() => {
          const t = document.querySelector('table');
          const box = t?.parentElement;
          const headings = [...(t?.querySelectorAll('th') ?? [])];
          return {
            fits: !!t && !!box && t.scrollWidth <= box.clientWidth + 1,
            cut: headings
              .filter((th) => th.scrollWidth > th.clientWidth + 1)
              .map((th) => th.textContent),
          };
        });
        expect(table.fits, `portfolio table fits at ${screen.width} px`).toBe(true);
        expect(table.cut, `portfolio headings whole at ${screen.width} px`).toEqual([]);
      }
      await visit(page, screen, 'attention', '/handoffs/attention');
      await visit(page, screen, 'profile', '/profile');
      await visit(page, screen, 'inbox', '/inbox');
      await visit(page, screen, 'initiative-new', '/initiatives/new');
      await context.close();

      const adminContext = await workspace.browser.newContext(options);
      adminContext.setDefaultTimeout(30_000);
      const admin = workspace.account('admin@');
      const adminPage = await signIn(adminContext, admin.email, admin.password);
      await visit(adminPage, screen, 'admin-users', '/admin/users');
      await visit(adminPage, screen, 'admin-stages', '/admin/stages');
      await visit(adminPage, screen, 'admin-health', '/admin/health');
      await visit(adminPage, screen, 'admin-channels', '/admin/channels');
      await visit(adminPage, screen, 'channels', `${p.initiative}?tab=channels`);
      await adminContext.close();
    }, 600_000);
  }

  it('draws the goal and metric charts readably in dark mode', async () => {
    const p = await demoPaths();
    const context = await workspace.browser.newContext({
      baseURL: workspace.server.url,
      locale: 'de-DE',
      viewport: { width: 1440, height: 900 },
      colorScheme: 'dark',
    });
    context.setDefaultTimeout(30_000);
    const anna = workspace.account('anna@');
    const page = await signIn(context, anna.email, anna.password);
    const desktop = WIDTHS[2];
    for (const [name, url] of [
      ['goal-dark', p.goal],
      ['metric-dark', p.metric],
    ] as const) {
      await page.goto(url);
      await settled(page);
      await page.getByTestId('metric-chart').first().waitFor();
      expect(await page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
      await shot(page, desktop, name);
      await expectWhole(page, name);
    }
    await context.close();
  }, 300_000);
});

/**
 * The signed-out password pages at 390, 1024 and 1440 px, in German and English: *Forgot
 * password?* (the form, a field error, the answer, and "ask an administrator" without email)
 * and the page a reset link opens (the form, field errors, a link that does not work), next to
 * the sign-in page they belong with: the same card, the same width, the same place.
 */
const ADMIN = {
  TANDEM_DEMO: 'false',
  TANDEM_ADMIN_EMAIL: 'admin@example.com',
  TANDEM_ADMIN_PASSWORD: 'an-admin-password-for-screens',
};

describe.skipIf(!browserAvailable())('the password pages on phone, tablet and desktop', () => {
  let withEmail: RunningServer | undefined;
  let withoutEmail: RunningServer | undefined;
  let emailDown: RunningServer | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  beforeAll(async () => {
    smtp = await startSmtp();
    const mail = (port: number) => ({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(port),
      SMTP_FROM: 'Tandem <tandem@example.com>',
    });
    [withEmail, withoutEmail, emailDown] = await Promise.all([
      startTandem({ ...ADMIN, ...mail(smtp.port) }),
      startTandem(ADMIN),
      // A mail server that is down: invitations are made, their email fails.
      freePort().then((port) => startTandem({ ...ADMIN, ...mail(port) })),
    ]);
    browser = await launchBrowser();
    fs.mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await withEmail?.stop();
    await withoutEmail?.stop();
    await emailDown?.stop();
    await smtp?.close();
  });

  /** The card's left edge and width, to compare with the sign-in page's. */
  const cardBox = async (page: Page) => {
    const box = await page.locator('main .mantine-Paper-root').first().boundingBox();
    if (!box) throw new Error('no card');
    return { x: Math.round(box.x), width: Math.round(box.width) };
  };
  /** The field's error is shown right under the field, inside the field's own wrapper. */
  const expectErrorAtField = async (page: Page, label: string, where: string) => {
    const input = page.getByLabel(label);
    await expect
      .poll(
        () =>
          input.evaluate((el) => {
            const root = el.closest('.mantine-TextInput-root, .mantine-PasswordInput-root');
            const error = root?.querySelector<HTMLElement>('[class*="-error"]');
            if (!error?.textContent) return null;
            const field = (el.closest('[class*="-wrapper"]') ?? el).getBoundingClientRect();
            const box = error.getBoundingClientRect();
            return box.top >= field.bottom - 1 && box.top < field.bottom + 40;
          }),
        { message: `${where}: the error right under ${label}` },
      )
      .toBe(true);
  };

  const LANGUAGES = [
    {
      code: 'de',
      locale: 'de-DE',
      email: 'E-Mail',
      password: 'Neues Passwort',
      repeat: 'Passwort wiederholen',
    },
    {
      code: 'en',
      locale: 'en-GB',
      email: 'Email',
      password: 'New password',
      repeat: 'Repeat password',
    },
  ] as const;

  for (const screen of WIDTHS) {
    it(`shows the password pages whole at ${screen.width} px (${screen.name})`, async () => {
      if (!browser || !withEmail || !withoutEmail) throw new Error('not started');
      for (const lang of LANGUAGES) {
        const options = {
          locale: lang.locale,
          viewport: { width: screen.width, height: screen.height },
        };
        const name = (page: string) => `${page}-${lang.code}`;
        const snap = async (page: Page, label: string) => {
          await shot(page, screen, name(label));
          await expectWhole(page, `${name(label)} at ${screen.width} px`);
        };

        const context = await browser.browser.newContext({ ...options, baseURL: withEmail.url });
        context.setDefaultTimeout(30_000);
        const page = await context.newPage();
        await page.goto('/login');
        await settled(page);
        const signInCard = await cardBox(page);
        await snap(page, 'sign-in');

        // Forgot password: the form, in the same card as the sign-in page.
        await page.goto('/forgot-password');
        await settled(page);
        await page.getByLabel(lang.email).waitFor();
        expect(await cardBox(page), 'forgot password: card like sign-in').toEqual(signInCard);
        await snap(page, 'forgot-password');
        // Any text is taken (nothing tells whether an account has it); empty is a field error.
        await page.locator('main button[type="submit"]').click();
        await expectErrorAtField(page, lang.email, 'forgot password');
        await snap(page, 'forgot-password-error');
        // One address per run (requests are throttled per address).
        const address = `somebody.${lang.code}.${screen.width}@example.com`;
        await page.getByLabel(lang.email).fill(address);
        await page.locator('main button[type="submit"]').click();
        await page.getByRole('status').waitFor();
        expect(await page.getByRole('status').textContent()).toContain(address);
        await snap(page, 'forgot-password-sent');

        // The page a reset link opens.
        await page.goto('/reset-password/not-a-real-token-0123456789');
        await settled(page);
        await page.getByLabel(lang.password).waitFor();
        expect(await cardBox(page), 'reset password: card like sign-in').toEqual(signInCard);
        await snap(page, 'reset-password');
        await page.getByLabel(lang.password).fill('short');
        await page.getByLabel(lang.repeat).fill('different');
        await page.locator('main button[type="submit"]').click();
        await expectErrorAtField(page, lang.password, 'reset password');
        await expectErrorAtField(page, lang.repeat, 'reset password');
        await snap(page, 'reset-password-errors');
        await page.getByLabel(lang.password).fill('a-long-enough-password');
        await page.getByLabel(lang.repeat).fill('a-long-enough-password');
        await page.locator('main button[type="submit"]').click();
        await page.getByRole('alert').waitFor();
        await expect
          .poll(() => page.getByRole('alert').locator('a[href="/forgot-password"]').count())
          .toBe(1);
        await snap(page, 'reset-password-invalid');
        await context.close();

        // Without email: the sign-in page and Forgot password? say to ask an administrator.
        const off = await browser.browser.newContext({ ...options, baseURL: withoutEmail.url });
        off.setDefaultTimeout(30_000);
        const offPage = await off.newPage();
        await offPage.goto('/login');
        await settled(offPage);
        await offPage.getByText(/admin/i).first().waitFor();
        await snap(offPage, 'sign-in-off');
        await offPage.goto('/forgot-password');
        await settled(offPage);
        await offPage.getByTestId('reset-unavailable').waitFor();
        expect(await cardBox(offPage), 'email off: card like sign-in').toEqual(signInCard);
        await snap(offPage, 'forgot-password-off');
        await off.close();
      }
    }, 300_000);
  }

  it('the admin’s invitation dialog says readably at 390 px whether the email went out', async () => {
    if (!browser || !withEmail || !withoutEmail || !emailDown) throw new Error('not started');
    const screen = WIDTHS[0];
    const cases = [
      { outcome: 'sent', server: withEmail, says: 'per E-Mail an Ines Sent geschickt' },
      { outcome: 'failed', server: emailDown, says: 'konnte nicht gesendet werden' },
      { outcome: 'off', server: withoutEmail, says: 'E-Mail ist auf diesem Server aus' },
    ] as const;
    for (const c of cases) {
      const name = `Ines ${c.outcome[0]?.toUpperCase()}${c.outcome.slice(1)}`;
      const http = new HttpClient(c.server.url);
      await http.login(ADMIN.TANDEM_ADMIN_EMAIL, ADMIN.TANDEM_ADMIN_PASSWORD);
      const created = await http.request('POST', '/api/users', {
        email: `ines.${c.outcome}@example.com`,
        name,
        side: 'business',
        language: 'de',
      });
      expect(created.status).toBe(201);
      const context = await browser.browser.newContext({
        baseURL: c.server.url,
        locale: 'de-DE',
        viewport: { width: screen.width, height: screen.height },
      });
      context.setDefaultTimeout(30_000);
      const page = await signIn(context, ADMIN.TANDEM_ADMIN_EMAIL, ADMIN.TANDEM_ADMIN_PASSWORD);
      await page.goto('/admin/users');
      await settled(page);
      await page.getByRole('button', { name: `Aktionen für ${name}` }).click();
      await page.getByRole('menuitem', { name: 'Neuer Einladungslink' }).click();
      const dialog = page.getByRole('dialog');
      const outcome = dialog.getByTestId('invite-email');
      await outcome.waitFor();
      // The dialog has faded in (the screenshot shows it as people see it).
      await expect.poll(() => dialog.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
      expect(await outcome.textContent()).toContain(c.says);
      await expectInside(outcome, dialog, `the ${c.outcome} email outcome`);
      // The link field is inside the dialog (a long link scrolls inside it; Copy copies it whole).
      const link = await dialog.getByRole('textbox').boundingBox();
      const frame = await dialog.boundingBox();
      expect((link?.x ?? 0) + (link?.width ?? 0)).toBeLessThanOrEqual(
        (frame?.x ?? 0) + (frame?.width ?? 0),
      );
      await expectInside(dialog.getByRole('button', { name: 'Kopieren' }), dialog, 'copy');
      // The whole message is on screen, not under the window's bottom edge.
      const box = await outcome.boundingBox();
      expect((box?.y ?? 0) + (box?.height ?? 0), 'the outcome is on screen').toBeLessThanOrEqual(
        screen.height,
      );
      await page.screenshot({
        path: path.join(screenshotDir, `screens-${screen.width}-invite-${c.outcome}.png`),
      });
      await expectNoSidewaysScroll(page, `invite dialog (${c.outcome})`);
      expect(await clippedButtons(page), `invite dialog (${c.outcome}): buttons cut`).toEqual([]);
      await context.close();
    }
  }, 300_000);
});
