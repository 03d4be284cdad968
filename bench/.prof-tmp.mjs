import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import { parseConfig } from '../dist/server/server/config.js';
import { connect } from '../dist/server/server/db/connect.js';
import { portfolioAnswer, ensureStoredHealth } from '../dist/server/server/modules/health/health.service.js';
import { findPortfolioRows } from '../dist/server/server/modules/health/health.repository.js';
const config = parseConfig(process.env);
const db = connect(config.database, { poolSize: 2, listen: false });
const ctx = { db, config, now: () => new Date() };
const actor = { id: 'x', role: 'admin' };
const T = {};
const add = (k, v) => (T[k] ??= []).push(v);
for (let i = 0; i < 15; i++) {
  let t = performance.now();
  await ensureStoredHealth(ctx, { readable: db.kysely.selectFrom('initiatives as readable').select('readable.id') }, new Date());
  add('ensure', performance.now() - t);
  t = performance.now();
  const rows = await findPortfolioRows(db.kysely, { readable: db.kysely.selectFrom('initiatives as readable').select('readable.id') }, undefined, 'title');
  add('query', performance.now() - t);
  t = performance.now();
  const { portfolio } = await portfolioAnswer(ctx, actor, {}, new Date());
  add('answer', performance.now() - t);
  t = performance.now();
  const body = JSON.stringify(portfolio);
  add('stringify', performance.now() - t);
  t = performance.now();
  createHash('sha256').update(body).digest('base64url');
  add('hash', performance.now() - t);
  t = performance.now();
  zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT } });
  add('brotli', performance.now() - t);
}
for (const [k, a] of Object.entries(T)) { a.sort((x, y) => x - y); console.log(k, 'median', a[7].toFixed(1), 'max', a[14].toFixed(1)); }
await db.close();
