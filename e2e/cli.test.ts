import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startTandem, tandem, tempDir } from './support/server.js';

/** The `tandem` CLI as an operator uses it: compiled, in its own process. */
describe('tandem CLI', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  const env = () => {
    const dir = tempDir();
    dirs.push(dir);
    return { TANDEM_DATA_DIR: dir, TANDEM_DEMO: 'false' };
  };

  it('prints help with every command', () => {
    const r = tandem(['--help'], env());
    expect(r.code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'users', 'demo', 'audit', 'backup'])
      expect(r.stdout).toContain(cmd);
  });

  it('refuses invalid configuration, listing every problem, with a non-zero exit', () => {
    const r = tandem(['migrate'], {
      ...env(),
      PORT: 'eighty',
      TANDEM_ADMIN_EMAIL: 'not-an-email',
      TANDEM_DEMO: 'perhaps',
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/PORT/);
    expect(r.stderr).toMatch(/TANDEM_ADMIN_EMAIL/);
    expect(r.stderr).toMatch(/TANDEM_DEMO/);
    expect(r.stderr).toMatch(/TANDEM_ADMIN_PASSWORD/);
  });

  it('migrates, creates, lists, sets passwords and disables users', () => {
    const e = env();
    expect(tandem(['migrate'], e).code).toBe(0);
    const created = tandem(
      [
        'users',
        'create',
        '--email',
        'Ops@Example.com',
        '--name',
        'Olli Ops',
        '--side',
        'it',
        '--role',
        'admin',
      ],
      e,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Invitation link .*\/invite\/[\w-]{20,}/);
    expect(created.stdout).toContain('Email is off (no SMTP_HOST): give them this link.');
    const withPassword = tandem(
      [
        'users',
        'create',
        '--email',
        'bea@example.com',
        '--name',
        'Bea Business',
        '--side',
        'business',
        '--password-stdin',
      ],
      e,
      'a-long-enough-password\n',
    );
    expect(withPassword.code).toBe(0);
    const bad = tandem(
      ['users', 'create', '--email', 'bea@example.com', '--name', 'Again', '--side', 'business'],
      e,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/email: is already used/);
    const wrongSide = tandem(
      ['users', 'create', '--email', 'x@example.com', '--name', 'X', '--side', 'sales'],
      e,
    );
    expect(wrongSide.code).not.toBe(0);
    expect(wrongSide.stderr).toMatch(/business, it/);

    const list = JSON.parse(tandem(['users', 'list', '--json'], e).stdout) as {
      email: string;
      state: string;
    }[];
    expect(list.map((u) => [u.email, u.state])).toEqual([
      ['bea@example.com', 'active'],
      ['ops@example.com', 'invited'],
    ]);
    expect(tandem(['users', 'set-password', 'ops@example.com'], e, 'short\n').code).toBe(1);
    expect(
      tandem(['users', 'set-password', 'ops@example.com'], e, 'another-long-password\n').code,
    ).toBe(0);
    expect(tandem(['users', 'disable', 'bea@example.com'], e).code).toBe(0);
    const after = JSON.parse(tandem(['users', 'list', '--json'], e).stdout) as {
      email: string;
      state: string;
    }[];
    expect(after.map((u) => u.state)).toEqual(['disabled', 'active']);
    expect(tandem(['users', 'disable', 'nobody@example.com'], e).code).toBe(1);
  });

  it('seeds the demo idempotently: passwords printed once, nothing doubled', () => {
    const e = env();
    const first = tandem(['demo', 'seed'], e);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/5 initiative\(s\) added/);
    expect(first.stdout.match(/@demo\.tandem\.example/g)?.length).toBe(10);
    const second = tandem(['demo', 'seed'], e);
    expect(second.stdout).toMatch(/0 initiative\(s\) added/);
    expect(second.stdout).toMatch(/passwords are unchanged/);
    const db = new Database(path.join(e.TANDEM_DATA_DIR, 'tandem.sqlite'), { readonly: true });
    const count = (db.prepare('select count(*) as n from initiatives').get() as { n: number }).n;
    db.close();
    expect(count).toBe(5);
  });

  it('backs up SQLite consistently while the server is running', async () => {
    const e = env();
    const server = await startTandem({ ...e, TANDEM_DEMO: 'true' });
    try {
      expect(server.credentials).toHaveLength(10);
      const out = path.join(e.TANDEM_DATA_DIR, 'copy.sqlite');
      const r = tandem(['backup', '--out', out], e);
      expect(r.code).toBe(0);
      const copy = new Database(out, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((copy.prepare('select count(*) as n from initiatives').get() as { n: number }).n).toBe(
        5,
      );
      copy.close();
      expect(tandem(['backup', '--out', out], e).code).toBe(1); // never overwrites

      // A user disabled from the CLI (another process) is signed out on the next request.
      const anna = server.credentials.find((c) => c.email.startsWith('anna@'));
      if (!anna) throw new Error('demo account anna missing');
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { origin: server.url, 'content-type': 'application/json' },
        body: JSON.stringify({ email: anna.email, password: anna.password }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const me = () => fetch(`${server.url}/api/me`, { headers: { cookie } }).then((r) => r.status);
      expect(await me()).toBe(200);
      expect(await me()).toBe(200);
      expect(tandem(['users', 'disable', anna.email], e).code).toBe(0);
      expect(await me()).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it('audit verify: intact after real work, names the event someone edited in the file', () => {
    const e = env();
    expect(tandem(['demo', 'seed'], e).code).toBe(0);
    const intact = tandem(['audit', 'verify'], e);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/Audit trail intact: \d{2,} event\(s\) checked/);
    expect(intact.stdout).toMatch(/Chain head: position \d+, hash [0-9a-f]{64}/);

    // Someone with the file drops the append-only trigger and rewrites history.
    const db = new Database(path.join(e.TANDEM_DATA_DIR, 'tandem.sqlite'));
    const victim = db
      .prepare(
        "select id from audit_events where action = 'initiative.created' order by occurred_at limit 1",
      )
      .get() as { id: string };
    db.exec('drop trigger audit_events_no_update');
    db.prepare("update audit_events set after = '{}' where id = ?").run(victim.id);
    db.close();

    const broken = tandem(['audit', 'verify'], e);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`Audit trail broken at event ${victim.id}`);
    expect(broken.stderr).toMatch(/the event was changed/);
    const json = tandem(['audit', 'verify', '--json'], e);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      firstBreak: { eventId: victim.id },
    });
  });
});
