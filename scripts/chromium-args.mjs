// The command-line flags every Chromium the project starts gets (e2e tests and benchmarks).
//
// Besides the usual headless set: Chromium 156 builds the address bar's popup as a WebUI page
// (chrome://omnibox-popup, its own renderer and ~350 files of chrome://resources) for every
// new window, and each test or benchmark run opens a new window (a fresh context). There is no
// address bar in headless mode, and a person's browser builds it once per window, not per page
// opened; on two cores it competed with the page under test: 550–960 ms of CPU in its renderer
// during the first 2–4 s of an initiatives page (docs/BENCHMARKS.md, 2026-12-02).
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];
