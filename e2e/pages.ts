import type { Locator, Page } from 'playwright-core';

/** Page objects: what a person does, in the words of the English UI. */
export class LoginPage {
  constructor(private readonly page: Page) {}
  async signIn(email: string, password: string): Promise<void> {
    await this.page.goto('/login');
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    // Signed in, everyone lands on My desk; the specs start from the initiatives list.
    await this.page.waitForURL((url) => url.pathname === '/');
    await openList(this.page, '/initiatives');
  }
}

/**
 * Opens one of the big list pages (/initiatives, /portfolio) and waits until the app has taken
 * it over: the server draws their first screen, whose fields and buttons answer only once the
 * app's code runs (lib/hydration.ts marks it).
 */
export async function openList(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator('html[data-list-ready]').waitFor({ state: 'attached' });
}

/**
 * Picks an option in a select. Searchable ones by keyboard, as a keyboard user would:
 * type the start of the name, arrow down to the match, Enter. Others by clicking.
 */
export async function choose(page: Page, label: string | RegExp, text: string): Promise<void> {
  const input = page.locator('input').and(page.getByLabel(label));
  if ((await input.inputValue()) === text) return; // already chosen (choosing again would clear it)
  await input.click();
  if (await input.getAttribute('readonly').then((v) => v !== null)) {
    await page
      .getByRole('option', { name: text, exact: true })
      .filter({ visible: true })
      .first()
      .click();
  } else {
    await input.fill(text.split(' ')[0] ?? text);
    await page.getByRole('option', { name: text }).filter({ visible: true }).first().waitFor();
    await input.press('ArrowDown');
    await input.press('Enter');
  }
  for (let i = 0; i < 50 && (await input.inputValue()) !== text; i += 1)
    await page.waitForTimeout(100);
  if ((await input.inputValue()) !== text)
    throw new Error(`could not choose "${text}" in ${String(label)}`);
}

export async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  if (!(await page.getByRole('heading', { name }).first().isVisible())) {
    await page.getByRole('heading', { name }).first().waitFor();
  }
}

/** Switches the interface language with the DE/EN control in the header. */
export async function switchLanguage(page: Page, to: 'DE' | 'EN'): Promise<void> {
  await page
    .getByLabel(/^(Sprache|Language)$/)
    .getByText(to, { exact: true })
    .click();
}

/**
 * Sets a time field (hours and minutes typed separately, 24 hours) within `scope`, e.g.
 * `setTime(dialog, 'Time', '09:30')`.
 */
export async function setTime(scope: Page | Locator, label: string, time: string): Promise<void> {
  const [hours = '', minutes = ''] = time.split(':');
  for (const [part, value] of [
    [/^(Hours|Stunden)$/, hours],
    [/^(Minutes|Minuten)$/, minutes],
  ] as const) {
    const input = scope.getByLabel(new RegExp(`^${label}, ${part.source.slice(1, -1)}$`));
    await input.click();
    await input.press('Control+A');
    await input.pressSequentially(value);
  }
}
