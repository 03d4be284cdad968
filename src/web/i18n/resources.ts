/*
 * Both languages' messages at once: for what has them at hand from the start (the server's
 * first-screen drawing, ssr.tsx; the unit tests, test-setup.ts) and for the key type
 * (i18next.d.ts). The browser's app never imports this file: it loads only the language it
 * speaks, each from its own chunk (resources.de.ts, resources.en.ts; i18n/index.ts).
 */
export { de } from './resources.de.js';
export { en } from './resources.en.js';
