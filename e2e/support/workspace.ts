import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, screenshotDir } from './browser.js';
import { type Credential, type RunningServer, startTandem } from './server.js';

export interface DemoWorkspace {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** The demo account whose email starts with `prefix`, e.g. `anna@`. */
  account(prefix: string): Credential;
}

/**
 * For a describe block: the compiled server on a fresh demo workspace and a Chromium,
 * started before the tests and stopped after them.
 */
export function useDemoWorkspace(): DemoWorkspace {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let closeBrowser: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    server = await startTandem({ TANDEM_DEMO: 'true' });
    ({ browser, close: closeBrowser } = await launchBrowser());
    fs.mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} has not started`);
    return value;
  };
  return {
    get server() {
      return started(server, 'the server');
    },
    get browser() {
      return started(browser, 'the browser');
    },
    account(prefix: string) {
      const s = started(server, 'the server');
      const c = s.credentials.find((x) => x.email.startsWith(prefix));
      if (!c) throw new Error(`demo account ${prefix} missing from:\n${s.output()}`);
      return c;
    },
  };
}
