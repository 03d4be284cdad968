import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

describe('parseConfig', () => {
  it('has safe defaults: SQLite under ./data, port 3000 on loopback, demo on', () => {
    const c = parseConfig({});
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.database).toEqual({ dialect: 'sqlite', file: path.resolve('data', 'tandem.sqlite') });
    expect(c.demo).toBe(true);
    expect(c.admin).toBeUndefined();
    expect(c.secureCookies).toBe(false);
  });

  it('selects PostgreSQL from DATABASE_URL and secure cookies from an https PUBLIC_URL', () => {
    const c = parseConfig({
      DATABASE_URL: 'postgres://u@db/tandem',
      PUBLIC_URL: 'https://tandem.example.com',
      TANDEM_DEMO: 'false',
    });
    expect(c.database).toEqual({ dialect: 'postgres', url: 'postgres://u@db/tandem' });
    expect(c.secureCookies).toBe(true);
    expect(c.demo).toBe(false);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      parseConfig({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        TANDEM_ADMIN_EMAIL: 'admin@example.com',
        SESSION_IDLE_MINUTES: '0',
        TANDEM_DEMO: 'maybe',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL/);
    expect(problems).toMatch(/SESSION_IDLE_MINUTES/);
    expect(problems).toMatch(/TANDEM_DEMO/);
    expect(problems).toMatch(/TANDEM_ADMIN_PASSWORD/);
  });

  it('turns email on with SMTP_HOST and SMTP_FROM, off without', () => {
    expect(parseConfig({}).smtp).toBeUndefined();
    expect(
      parseConfig({ SMTP_HOST: 'mail.example.com', SMTP_FROM: 'Tandem <t@example.com>' }).smtp,
    ).toEqual({
      host: 'mail.example.com',
      port: 587,
      secure: false,
      auth: undefined,
      from: 'Tandem <t@example.com>',
    });
    expect(
      parseConfig({
        SMTP_HOST: 'mail.example.com',
        SMTP_FROM: 't@example.com',
        SMTP_SECURE: 'true',
        SMTP_USER: 'u',
        SMTP_PASSWORD: 'p',
      }).smtp,
    ).toMatchObject({ port: 465, secure: true, auth: { user: 'u', pass: 'p' } });
    expect(() => parseConfig({ SMTP_HOST: 'mail.example.com' })).toThrow(/SMTP_FROM/);
    expect(() =>
      parseConfig({ SMTP_HOST: 'm', SMTP_FROM: 't@example.com', SMTP_USER: 'u' }),
    ).toThrow(/SMTP_PASSWORD/);
    expect(() => parseConfig({ SMTP_PORT: '99999' })).toThrow(/SMTP_PORT/);
  });

  it('rejects a short admin password', () => {
    expect(() =>
      parseConfig({ TANDEM_ADMIN_EMAIL: 'a@example.com', TANDEM_ADMIN_PASSWORD: 'short' }),
    ).toThrow(/at least 12/);
  });

  it('reads TRUST_PROXY as addresses and CIDR ranges, none by default', () => {
    expect(parseConfig({}).trustProxy).toEqual([]);
    expect(
      parseConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.5,::1, fd00::/8,loopback' }).trustProxy,
    ).toEqual(['10.0.0.0/8', '192.168.1.5', '::1', 'fd00::/8', 'loopback']);
    expect(() => parseConfig({ TRUST_PROXY: '10.0.0.0/33, proxy.internal' })).toThrow(
      /TRUST_PROXY.*prefix length[\s\S]*proxy\.internal/,
    );
  });

  it('takes a separate migration URL for PostgreSQL only', () => {
    const c = parseConfig({
      DATABASE_URL: 'postgres://tandem_app@db/tandem',
      DATABASE_MIGRATION_URL: 'postgres://tandem_owner@db/tandem',
    });
    expect(c.database).toEqual({
      dialect: 'postgres',
      url: 'postgres://tandem_app@db/tandem',
      migrationUrl: 'postgres://tandem_owner@db/tandem',
    });
    expect(() => parseConfig({ DATABASE_MIGRATION_URL: 'postgres://o@db/t' })).toThrow(
      /needs DATABASE_URL/,
    );
  });
});
