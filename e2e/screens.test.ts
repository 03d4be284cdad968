import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { InitiativeSummary } from '../src/contracts/initiatives.js';
import { screenshotDir } from './support/browser.js';
import { browserAvailable } from './support/browser.js';
import { HttpClient } from './support/http.js';
import { useDemoWorkspace } from './support/workspace.js';
import { switchLanguage } from './pages.js';

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
    await page.goto(url);
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
