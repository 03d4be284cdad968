import { ensureBuilt } from '../scripts/ensure-built.mjs';

/** End-to-end tests run the compiled server and the built web app, as `npm start` does. */
export default function setup(): void {
  ensureBuilt({ web: true });
}
