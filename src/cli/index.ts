import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Command, InvalidArgumentError, Option } from 'commander';
import { NewPassword } from '../contracts/auth.js';
import { CreateUserBody } from '../contracts/users.js';
import { LANGUAGES, ORG_ROLES } from '../domain/people.js';
import { SIDES } from '../domain/sides.js';
import { type Config, ConfigError, parseConfig } from '../server/config.js';
import type { AppContext } from '../server/context.js';
import { connect, openSqlite } from '../server/db/connect.js';
import { migrateDatabase } from '../server/db/migrate.js';
import { AppError } from '../server/http/problems.js';
import { serve } from '../server/main.js';
import { packageVersion } from '../server/paths.js';
import { registerReactions } from '../server/reactions.js';
import { verifyAuditChain } from '../server/modules/audit/audit.service.js';
import {
  SCALE_FACTORS,
  seedLargeWorkspace,
} from '../server/modules/sample-workspace/sample-workspace.large.js';
import { seedSampleWorkspace } from '../server/modules/sample-workspace/sample-workspace.seed.js';
import { publicBase } from '../server/mail.js';
import {
  createUser,
  emailInvitation,
  findUserByEmail,
  listUsers,
  reinvite,
  updateUser,
} from '../server/modules/people/users.service.js';
import { setPassword } from '../server/modules/people/sign-in.service.js';
import { ensureDefaultStages } from '../server/modules/stages/stages.service.js';

/**
 * The `tandem` administration CLI. Commands call services, never raw SQL, so the
 * same rules and audit trail apply as in the web app.
 */
function loadConfig(): Config {
  try {
    return parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

async function withContext<T>(work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = connect(config.database, { poolSize: 2, listen: false });
  const ctx: AppContext = { db, config, now: () => new Date() };
  // Events written by commands get their deliveries; a running server handles them. Open
  // tabs are not told live of what a command wrote (they see it on their next read).
  registerReactions({ live: false });
  try {
    await migrateDatabase(db, config.database);
    await ensureDefaultStages(ctx);
    return await work(ctx);
  } finally {
    await db.close();
  }
}

async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Do not echo what is typed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (s.includes(prompt)) process.stdout.write(prompt);
  };
  const answer = await new Promise<string>((resolve) => rl.question(prompt, resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

function fail(err: unknown): never {
  if (err instanceof AppError) {
    console.error(`Error: ${err.message}`);
    for (const e of err.errors)
      console.error(`  ${e.pointer.replace(/^\/body\//, '')}: ${e.message}`);
    process.exit(1);
  }
  throw err;
}

const choice = (allowed: readonly string[]) => (value: string) => {
  if (!allowed.includes(value))
    throw new InvalidArgumentError(`must be one of ${allowed.join(', ')}`);
  return value;
};

const positiveNumber = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
};

interface SentInvitation {
  email: string;
  url: string;
  expiresAt: string;
  sent: Awaited<ReturnType<typeof emailInvitation>>;
}

/**
 * Emails a new invitation link (right after it committed, with the token still in memory: only
 * its hash is stored), in the invitee's language, as the web's admin invite does.
 */
async function emailNewInvitation(
  ctx: AppContext,
  user: { id: string; email: string },
  invitation: { inviteToken: string; inviteExpiresAt: string },
): Promise<SentInvitation> {
  const url = `${publicBase(ctx)}/invite/${invitation.inviteToken}`;
  const sent = await emailInvitation(ctx, {
    userId: user.id,
    inviterId: null,
    url,
    expiresAt: invitation.inviteExpiresAt,
  });
  return { email: user.email, url, expiresAt: invitation.inviteExpiresAt, sent };
}

/** Whether the email went out, then the link (always: it is the way in when email failed). */
function printInvitation(invitation: SentInvitation): void {
  const { sent } = invitation;
  if (sent.outcome === 'sent') console.log(`Invitation emailed to ${invitation.email}.`);
  else if (sent.outcome === 'failed')
    console.log(`Invitation email failed: ${sent.error ?? 'unknown error'}; give them this link.`);
  else console.log('Email is off (no SMTP_HOST): give them this link.');
  console.log(`Invitation link (valid until ${invitation.expiresAt}): ${invitation.url}`);
}

export function buildCli(): Command {
  const program = new Command('tandem')
    .description('Tandem: business and IT run AI and automation initiatives together.')
    .version(packageVersion)
    .showHelpAfterError();

  program
    .command('serve', { isDefault: true })
    .description('Start the web server (migrates the database first)')
    .action(async () => serve(process.env));

  program
    .command('migrate')
    .description('Apply pending database migrations and exit')
    .action(async () => {
      await withContext(async () => undefined);
      console.log('Database is up to date.');
    });

  const users = program.command('users').description('Manage user accounts');
  users
    .command('list')
    .description('List all users')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await withContext((ctx) => listUsers(ctx));
      if (opts.json) return console.log(JSON.stringify(list, null, 2));
      for (const u of list) {
        console.log(
          `${u.email.padEnd(36)} ${u.name.padEnd(24)} ${u.role.padEnd(7)} ${u.side.padEnd(9)} ${u.state}`,
        );
      }
    });
  users
    .command('create')
    .description(
      'Create a user; without --password-stdin invites them: prints the link and emails it when SMTP is set up',
    )
    .requiredOption('--email <email>', 'email address (sign-in name)')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--side <side>', 'business or it', choice(SIDES))
    .option('--role <role>', 'admin, member or viewer', choice(ORG_ROLES), 'member')
    .option('--department <department>', 'department, e.g. Vertrieb')
    .option('--language <language>', 'de or en', choice(LANGUAGES), 'de')
    .option('--password-stdin', 'read the password from standard input')
    .action(
      async (opts: {
        email: string;
        name: string;
        side: string;
        role: string;
        department?: string;
        language: string;
        passwordStdin?: boolean;
      }) => {
        const password = opts.passwordStdin ? await readPassword('Password: ') : undefined;
        const parsed = CreateUserBody.safeParse({ ...opts, password });
        if (!parsed.success) {
          for (const issue of parsed.error.issues)
            console.error(`Error: ${issue.path.join('.')}: ${issue.message}`);
          process.exit(1);
        }
        const result = await withContext(async (ctx) => {
          const created = await createUser(ctx, null, parsed.data);
          const invitation = created.inviteToken
            ? await emailNewInvitation(ctx, created.user, {
                inviteToken: created.inviteToken,
                inviteExpiresAt: created.inviteExpiresAt ?? '',
              })
            : undefined;
          return { created, invitation };
        }).catch(fail);
        const { created, invitation } = result;
        console.log(`Created ${created.user.email} (${created.user.role}, ${created.user.side}).`);
        if (invitation) printInvitation(invitation);
      },
    );
  users
    .command('invite <email>')
    .description(
      'A new invitation link (also a way back in for someone who forgot their password); emailed when SMTP is set up; the old link stops working',
    )
    .action(async (email: string) => {
      const invitation = await withContext(async (ctx) => {
        const user = await findUserByEmail(ctx, email);
        if (!user) throw new AppError(404, 'not_found', `No user with email ${email}`);
        if (user.disabled_at)
          throw new AppError(409, 'conflict', `${user.email} is disabled; enable them first`);
        return emailNewInvitation(ctx, user, await reinvite(ctx, null, user.id));
      }).catch(fail);
      printInvitation(invitation);
    });
  users
    .command('disable <email>')
    .description('Disable a user; their sessions end at once')
    .action(async (email: string) => {
      await withContext(async (ctx) => {
        const user = await findUserByEmail(ctx, email);
        if (!user) throw new AppError(404, 'not_found', `No user with email ${email}`);
        await updateUser(ctx, { id: 'cli', role: 'admin', side: 'it', name: 'CLI' }, user.id, {
          disabled: true,
        });
      }).catch(fail);
      console.log(`Disabled ${email}.`);
    });
  users
    .command('set-password <email>')
    .description('Set a password (prompted, or one line from standard input); ends their sessions')
    .action(async (email: string) => {
      const password = await readPassword('New password: ');
      const check = NewPassword.safeParse(password);
      if (!check.success) {
        console.error(`Error: password ${check.error.issues[0]?.message ?? 'is invalid'}`);
        process.exit(1);
      }
      await withContext(async (ctx) => {
        const user = await findUserByEmail(ctx, email);
        if (!user) throw new AppError(404, 'not_found', `No user with email ${email}`);
        await setPassword(ctx, null, user.id, password);
      }).catch(fail);
      console.log(`Password set for ${email}.`);
    });

  program
    .command('demo')
    .description('Demo workspace')
    .command('seed')
    .description('Add the demo people and initiatives (idempotent: existing ones are kept)')
    .option(
      '--scale <scale>',
      'small: the sample workspace; large: plus 1,000 initiatives, 300 people, 5 million metric points',
      choice(['small', 'large']),
      'small',
    )
    .addOption(
      new Option('--factor <factor>', 'scale the large demo by this factor (tests)')
        .argParser(positiveNumber)
        .hideHelp(),
    )
    .action(async (opts: { scale: string; factor?: number }) => {
      const large = opts.scale === 'large' || opts.factor !== undefined;
      const started = Date.now();
      const result = await withContext(async (ctx) => {
        const sample = await seedSampleWorkspace(ctx, { onlyIfEmpty: false });
        if (!large) return { sample, bulk: undefined };
        const bulk = await seedLargeWorkspace(ctx, {
          factor: opts.factor ?? SCALE_FACTORS.large,
          log: (line) => console.log(`  ${((Date.now() - started) / 1000).toFixed(1)} s: ${line}`),
        });
        if (!bulk) console.log('The large demo exists already; nothing added.');
        return { sample, bulk };
      });
      if (result.bulk) {
        const b = result.bulk;
        console.log(
          `Large demo: ${b.initiatives} initiatives, ${b.people} people, ${b.goals} goals, ${b.handoffs} handoffs, ${b.occurrences} demo dates, ${b.metrics} metrics with ${b.points} points in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
        );
      }
      const result2 = result.sample;
      if (!result2) return;
      console.log(`Demo workspace: ${result2.initiatives} initiative(s) added.`);
      if (result2.credentials.length) {
        console.log('New demo accounts (passwords are shown only now):');
        for (const c of result2.credentials)
          console.log(`  ${c.email.padEnd(34)} ${c.password}   (${c.role}, ${c.side})`);
      } else {
        console.log('All demo accounts existed already; their passwords are unchanged.');
      }
    });

  program
    .command('audit')
    .description('The audit trail')
    .command('verify')
    .description(
      "Walk the audit trail's hash chain; names the first event that was deleted, changed or added behind the app's back",
    )
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const result = await withContext((ctx) => verifyAuditChain(ctx.db.kysely));
      if (opts.json) console.log(JSON.stringify(result, null, 2));
      else if (result.firstBreak) {
        const b = result.firstBreak;
        console.error(
          `Audit trail broken${b.eventId ? ` at event ${b.eventId}` : ''}${b.position ? ` (position ${b.position})` : ''}: ${b.reason}.`,
        );
        console.error(`${result.checked} event(s) before it are intact.`);
      } else {
        console.log(`Audit trail intact: ${result.checked} event(s) checked.`);
        console.log(
          `Chain head: position ${result.head.position}, hash ${result.head.hash} (keep it elsewhere to detect a rewritten chain later).`,
        );
      }
      process.exitCode = result.ok ? 0 : 1;
    });

  program
    .command('backup')
    .description('Write a consistent copy of the SQLite database, also while the server runs')
    .option('--out <file>', 'target file (default: <data dir>/backups/tandem-<time>.sqlite)')
    .action(async (opts: { out?: string }) => {
      const config = loadConfig();
      if (config.database.dialect !== 'sqlite') {
        console.error(
          'Error: backup copies the SQLite database. For PostgreSQL use pg_dump, e.g.  pg_dump "$DATABASE_URL" > tandem.sql',
        );
        process.exit(1);
      }
      if (!fs.existsSync(config.database.file)) {
        console.error(`Error: no database at ${config.database.file}`);
        process.exit(1);
      }
      const stamp = new Date()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\..*/, '')
        .replace('T', '-');
      const out = path.resolve(
        opts.out ?? path.join(config.dataDir, 'backups', `tandem-${stamp}.sqlite`),
      );
      if (fs.existsSync(out)) {
        console.error(`Error: ${out} exists already; choose another --out`);
        process.exit(1);
      }
      fs.mkdirSync(path.dirname(out), { recursive: true });
      const source = openSqlite(config.database.file);
      try {
        // SQLite's online backup API: a consistent snapshot while writers continue.
        await source.backup(out);
      } finally {
        source.close();
      }
      console.log(`Backup written to ${out}`);
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  await buildCli().parseAsync(argv);
}
