import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../scripts/chromium-args.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests need Debian's Chromium. On a laptop without it they are skipped with a
 * printed reason; in CI (CI=true) a missing browser fails the run.
 */
export function browserAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true')
    throw new Error(`Chromium is required in CI but ${CHROMIUM} does not exist`);
  console.warn(
    `[e2e] Browser tests skipped: ${CHROMIUM} not found (apt-get install chromium, or set CHROMIUM_PATH).`,
  );
  return false;
}

/** Playwright starts Chromium with a fresh temporary profile (user data dir) each time. */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    browser,
    close: () => browser.close(),
  };
}

/**
 * A fresh browser context (own cookies) in a language and a tablet-friendly size. The app
 * runs under its real Content-Security-Policy: anything the policy blocks (a style, a script,
 * an image) is a failure, reported when the context closes.
 */
export async function newContext(
  browser: Browser,
  baseURL: string,
  locale = 'en-US',
  /** e.g. another browser's user agent, to tell two sessions apart on the profile page. */
  options: { userAgent?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    locale,
    viewport: { width: 1280, height: 860 },
    ...options,
  });
  context.setDefaultTimeout(30_000);
  const violations: string[] = [];
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
    violations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation: (t: string) => void })
        .__reportCspViolation;
      report(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  context.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  const close = context.close.bind(context);
  context.close = async (options) => {
    await close(options);
    if (violations.length)
      throw new Error(
        `Content-Security-Policy violations:\n${[...new Set(violations)].join('\n')}`,
      );
  };
  return context;
}

export const screenshotDir = path.resolve(import.meta.dirname, '../../test-results');
