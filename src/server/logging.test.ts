import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { parseConfig } from './config.js';
import { anyoneCanSignIn, FIRST_ADMIN_HINT, loggerOptions, PASSWORD_RESET_HINT } from './main.js';
import { testDialects } from './test-support/dialects.js';
import { createTestApp } from './test-support/test-app.js';
import { createTestDb } from './test-support/test-app.js';

describe('terminal logs', () => {
  const config = (env: Record<string, string> = {}) => parseConfig({ ...env });

  it('readable lines on a terminal, JSON when not or when asked', () => {
    expect(config().logFormat).toBe('auto');
    expect(loggerOptions(config(), true)).toMatchObject({
      level: 'info',
      transport: { target: 'pino-pretty' },
    });
    expect(loggerOptions(config(), false)).not.toHaveProperty('transport');
    expect(loggerOptions(config({ LOG_FORMAT: 'json' }), true)).not.toHaveProperty('transport');
    expect(loggerOptions(config({ LOG_FORMAT: 'pretty' }), false)).toHaveProperty('transport');
    expect(() => config({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });

  it('says where a password is set again', () => {
    expect(PASSWORD_RESET_HINT).toContain('tandem users set-password');
  });

  it.each([
    ['info', 0],
    ['debug', 1],
  ])('requests are logged at debug: at %s, %i line per request', async (level, lines) => {
    const t = await createTestDb('sqlite');
    const written: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        written.push(chunk.toString());
        done();
      },
    });
    const logger = { ...loggerOptions({ ...t.config, logFormat: 'json' }, false), level, stream };
    const app = await buildApp({ config: t.config, db: t.db, logger });
    try {
      await app.inject({ method: 'GET', url: '/api/health' });
      await app.inject({ method: 'GET', url: '/api/invite/secret-token-123' });
      const requestLines = written.filter((l) => l.includes('request completed'));
      expect(requestLines).toHaveLength(lines * 2);
      expect(written.join('')).not.toContain('secret-token-123');
      expect(written.filter((l) => l.includes('incoming request'))).toHaveLength(0);
    } finally {
      await app.close();
      await t.drop();
    }
  });
});

describe.each(await testDialects())('the first start (%s)', (dialect) => {
  it('says how to create the first admin while nobody can sign in, and not after', async () => {
    const t = await createTestApp(dialect);
    try {
      expect(FIRST_ADMIN_HINT).toContain('tandem users create');
      expect(FIRST_ADMIN_HINT).toContain('--role admin');
      expect(await anyoneCanSignIn(t.db)).toBe(false);
      await t.user({ role: 'admin' });
      expect(await anyoneCanSignIn(t.db)).toBe(true);
    } finally {
      await t.close();
    }
  });
});
