#!/usr/bin/env node
/**
 * Bytes a browser transfers for a cold load of the built app (dist/web): index.html and every
 * file it references (scripts, module preloads, styles, icons), as sent raw, gzip and brotli
 * (the .gz/.br the build writes, or compressed here for files too small to have them).
 * Run after `npm run build:web`: `node scripts/cold-load-bytes.mjs`.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = path.resolve(process.argv[2] ?? 'dist/web');
const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
const refs = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]);
const files = ['/index.html', ...new Set(refs)];
const sizeOf = (file, ext, compress) => {
  const p = path.join(dir, file);
  return fs.existsSync(`${p}.${ext}`)
    ? fs.statSync(`${p}.${ext}`).size
    : compress(fs.readFileSync(p)).length;
};
let raw = 0;
let gz = 0;
let br = 0;
for (const f of files) {
  raw += fs.statSync(path.join(dir, f)).size;
  gz += sizeOf(f, 'gz', (d) => zlib.gzipSync(d, { level: 9 }));
  br += sizeOf(f, 'br', (d) => zlib.brotliCompressSync(d));
}
const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
console.log(`${files.length} files: raw ${kB(raw)}, gzip ${kB(gz)}, brotli ${kB(br)}`);
for (const f of files) console.log(`  ${f}`);
