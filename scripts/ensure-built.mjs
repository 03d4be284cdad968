// Builds the server (tsc) and the web app (vite) when their output is missing or older
// than the sources, so `npm start` and `npx tandem` work right after `npm ci`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const p of paths) visit(path.join(root, p));
  return newest;
}

const mtime = (p) =>
  fs.existsSync(path.join(root, p)) ? fs.statSync(path.join(root, p)).mtimeMs : 0;
// Always a production build, also when called from tests (Vitest sets NODE_ENV=test, which
// would make Vite bundle React's development build).
const run = (bin, args) =>
  execFileSync(process.execPath, [path.join(root, 'node_modules', bin), ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });

export function ensureBuilt({ web = true } = {}) {
  const shared = ['src/contracts', 'src/domain', 'package.json'];
  if (
    mtime('dist/server/server/main.js') <
    newestMtime(['src/server', 'src/cli', 'tsconfig.json', 'tsconfig.build.json', ...shared])
  ) {
    console.log('Building the server …');
    fs.rmSync(path.join(root, 'dist/server'), { recursive: true, force: true });
    run('typescript/bin/tsc', ['-p', 'tsconfig.build.json']);
  }
  const webBuilt = Math.min(mtime('dist/web/index.html'), mtime('dist/web-ssr/ssr.js'));
  if (web && webBuilt < newestMtime(['src/web', 'vite.config.ts', ...shared])) {
    console.log('Building the web app …');
    run('vite/bin/vite.js', ['build', '--logLevel', 'warn']);
    // The first screen drawn on the server (src/web/ssr.tsx, http/first-screen.ts).
    run('vite/bin/vite.js', ['build', '--ssr', 'ssr.tsx', '--logLevel', 'warn']);
  }
}
