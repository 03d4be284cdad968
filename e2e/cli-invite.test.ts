import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  closedPort,
  decodeWords,
  header,
  partsOf,
  type Received,
  smtpEnv,
  startSmtp,
} from '../src/server/test-support/smtp.js';
import { dropDatabase, e2eDialects, freshDatabase } from './support/postgres.js';
import { tandemAsync, tempDir } from './support/server.js';

/**
 * `tandem users create` without a password, and `tandem users invite`, invite: the link is always printed, and emailed
 * (the web's invitation email, in the invitee's language) when SMTP is set up; the terminal
 * says whether the email went out. The compiled CLI runs in its own process against a local
 * SMTP server in this one, on SQLite and PostgreSQL.
 */
const LINK =
  /Invitation link \(valid until [^)]+\): (https:\/\/tandem\.example\.com\/invite\/[\w-]{20,})/;
const linkOf = (stdout: string) => {
  const m = LINK.exec(stdout);
  if (!m?.[1]) throw new Error(`no invitation link in: ${stdout}`);
  return m[1];
};
const create = (email: string, name: string, language: string) => [
  'users',
  'create',
  '--email',
  email,
  '--name',
  name,
  '--side',
  'business',
  '--language',
  language,
];

const dialects = await e2eDialects();

describe.each(dialects)('tandem users create: invitation by email (%s)', (dialect) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let dataDir: string;
  let base: Record<string, string>;
  const dbName = `tandem_e2e_cli_invite_${process.pid}`;

  beforeAll(async () => {
    smtp = await startSmtp();
    dataDir = tempDir();
    base = {
      TANDEM_DATA_DIR: dataDir,
      TANDEM_DEMO: 'false',
      PUBLIC_URL: 'https://tandem.example.com',
    };
    if (dialect === 'postgres') base.DATABASE_URL = await freshDatabase(dbName);
  });
  beforeEach(() => {
    smtp.received.length = 0;
  });
  afterAll(async () => {
    await smtp?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (dialect === 'postgres') await dropDatabase(dbName);
  });

  const withSmtp = (port: number) => ({ ...base, ...smtpEnv(port) });

  it('emails the printed link in the invitee’s language and says so', async () => {
    const de = await tandemAsync(
      create('Dora@Example.com', 'Dora Dietz', 'de'),
      withSmtp(smtp.port),
    );
    expect(de.code, de.stderr).toBe(0);
    expect(de.stdout).toContain('Invitation emailed to dora@example.com.');
    const deLink = linkOf(de.stdout);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0] as Received;
    expect(mail.to).toEqual(['dora@example.com']);
    expect(mail.from).toBe('tandem@example.com');
    // No person invited: the email does not pretend somebody did.
    expect(decodeWords(header(mail.raw, 'subject')[0] ?? '')).toBe('Sie sind zu Tandem eingeladen');
    const { text, html } = partsOf(mail.raw);
    expect(text).toContain('Hallo Dora Dietz, Sie sind zu Tandem eingeladen');
    expect(text).toContain(`Passwort festlegen: ${deLink}`);
    expect(html).toContain(`href="${deLink}"`);

    const en = await tandemAsync(
      create('eve@example.com', 'Eve English', 'en'),
      withSmtp(smtp.port),
    );
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toContain('Invitation emailed to eve@example.com.');
    expect(smtp.received).toHaveLength(2);
    const enMail = smtp.received[1] as Received;
    expect(decodeWords(header(enMail.raw, 'subject')[0] ?? '')).toBe('You are invited to Tandem');
    expect(partsOf(enMail.raw).text).toContain(`Set your password: ${linkOf(en.stdout)}`);
    // Each invitation has its own link.
    expect(linkOf(en.stdout)).not.toBe(deLink);
  });

  it('an unreachable mail server: the invitation stands, the reason and the link are printed', async () => {
    const r = await tandemAsync(
      create('fritz@example.com', 'Fritz Fail', 'de'),
      withSmtp(await closedPort()),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Created fritz@example.com (member, business).');
    expect(r.stdout).toMatch(/Invitation email failed: .*ECONNREFUSED.*; give them this link\./);
    linkOf(r.stdout);
    const list = await tandemAsync(['users', 'list', '--json'], base);
    const users = JSON.parse(list.stdout) as { email: string; state: string }[];
    expect(users.find((u) => u.email === 'fritz@example.com')?.state).toBe('invited');
  });

  it('without SMTP: says email is off and prints the link', async () => {
    const r = await tandemAsync(create('otto@example.com', 'Otto Off', 'en'), base);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Email is off (no SMTP_HOST): give them this link.');
    linkOf(r.stdout);
    expect(smtp.received).toHaveLength(0);
  });

  it('with a password: no invitation, no email', async () => {
    const r = await tandemAsync(
      [...create('pia@example.com', 'Pia Password', 'en'), '--password-stdin'],
      withSmtp(smtp.port),
      'a-long-enough-password\n',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/Invitation|Email/);
    expect(smtp.received).toHaveLength(0);
  });

  it('users invite: a new link, emailed and printed; unknown and disabled people are refused', async () => {
    const first = await tandemAsync(create('nina@example.com', 'Nina New', 'en'), base);
    expect(first.code, first.stderr).toBe(0);
    const again = await tandemAsync(['users', 'invite', 'Nina@Example.com'], withSmtp(smtp.port));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Invitation emailed to nina@example.com.');
    const link = linkOf(again.stdout);
    expect(link).not.toBe(linkOf(first.stdout));
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0] as Received;
    expect(mail.to).toEqual(['nina@example.com']);
    expect(partsOf(mail.raw).text).toContain(`Set your password: ${link}`);

    const down = await tandemAsync(
      ['users', 'invite', 'nina@example.com'],
      withSmtp(await closedPort()),
    );
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout).toMatch(/Invitation email failed: .*; give them this link\./);
    expect(linkOf(down.stdout)).not.toBe(link);

    const nobody = await tandemAsync(['users', 'invite', 'nobody@example.com'], base);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('No user with email nobody@example.com');
    expect((await tandemAsync(['users', 'disable', 'nina@example.com'], base)).code).toBe(0);
    const disabled = await tandemAsync(
      ['users', 'invite', 'nina@example.com'],
      withSmtp(smtp.port),
    );
    expect(disabled.code).toBe(1);
    expect(disabled.stderr).toContain('nina@example.com is disabled');
    expect(smtp.received).toHaveLength(1);
  });
});
