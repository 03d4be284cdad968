import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { type Config, ConfigError, parseConfig } from './config.js';
import type { AppContext } from './context.js';
import { connect, type Db, onEachConnection } from './db/connect.js';
import { withStartupLock } from './db/dialect.js';
import { migrateDatabase } from './db/migrate.js';
import { seedSampleWorkspace } from './modules/sample-workspace/sample-workspace.seed.js';
import { ensureAdmin } from './modules/people/users.service.js';
import { warmHealthStatements } from './modules/health/stored-health.service.js';
import { purgeExpiredSessions } from './http/sessions.js';
import { ensureDefaultStages } from './modules/stages/stages.service.js';
import { limitHeapGrowth } from './heap.js';

/** Migrates, creates the configured admin and default stages, seeds the demo when empty. */
export async function prepareDatabase(ctx: AppContext, log: (msg: string) => void): Promise<void> {
  await withStartupLock[ctx.db.dialect](ctx.db.kysely, () => prepareUnlocked(ctx, log));
}

async function prepareUnlocked(ctx: AppContext, log: (msg: string) => void): Promise<void> {
  const applied = await migrateDatabase(ctx.db, ctx.config.database);
  if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
  await ensureDefaultStages(ctx);
  if (await ensureAdmin(ctx)) log(`Created admin ${ctx.config.admin?.email ?? ''}`);
  if (ctx.config.demo) {
    const seeded = await seedSampleWorkspace(ctx, { onlyIfEmpty: true });
    if (seeded) {
      log(
        'Seeded the demo workspace. Sign in with one of these accounts (passwords are shown only now):',
      );
      for (const c of seeded.credentials)
        log(`  ${c.email.padEnd(34)} ${c.password}   (${c.role}, ${c.side})`);
      log(PASSWORD_RESET_HINT);
    }
  }
}

/** How the first person gets in; said at a start while nobody can sign in yet. */
export const FIRST_ADMIN_HINT = [
  'Nobody can sign in yet. Create the first admin with:',
  '  tandem users create --email you@example.com --name "Your Name" --side it --role admin --password-stdin',
  'or start once with TANDEM_ADMIN_EMAIL and TANDEM_ADMIN_PASSWORD set (see README, Configuration).',
].join('\n');

/** Whether any enabled person could sign in (with a password or the company sign-in). */
export async function anyoneCanSignIn(db: Db): Promise<boolean> {
  const row = await db.kysely
    .selectFrom('users')
    .select('id')
    .where('disabled_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Where a lost password is set again; said at every start, so it is found after scrolling. */
export const PASSWORD_RESET_HINT =
  'Forgot a password? Set a new one with: tandem users set-password EMAIL';

/**
 * pino's options: readable, coloured lines on a terminal (pino-pretty), JSON lines when the
 * output is no terminal (a file, a log collector) or LOG_FORMAT=json. Requests are logged at
 * debug (see buildApp), so a terminal at the default level shows only what matters.
 */
export function loggerOptions(config: Pick<Config, 'logLevel' | 'logFormat'>, isTTY: boolean) {
  const pretty = config.logFormat === 'pretty' || (config.logFormat === 'auto' && isTTY);
  return {
    level: config.logLevel,
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: {
              colorize: true,
              translateTime: 'SYS:HH:MM:ss',
              ignore: 'pid,hostname,reqId',
              singleLine: true,
            },
          },
        }
      : {}),
    // Never log secrets: invitation and calendar feed tokens travel in URLs, sessions in cookies.
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        url: req.url
          .replace(/\/invite\/[^/?#]+/, '/invite/[redacted]')
          .replace(/\/calendar\/[^/?#]+/, '/calendar/[redacted]'),
        ip: req.ip,
      }),
    },
  };
}

export interface Running {
  app: FastifyInstance;
  db: Db;
  url: string;
  /** Settles when warmConnections has run (never rejects). */
  warmed: Promise<void>;
  close(): Promise<void>;
}

/** How long the start waits for warmConnections before it listens (it goes on after). */
const WARM_WAIT_MS = 2000;

/**
 * PostgreSQL: each pooled connection prepares and plans the hot statements once (so far the
 * facts statement of one initiative's health; stored-health.service warmHealthStatements), at
 * the start, so that the first change or read after it on each connection does not pay the
 * planning (30 ms and more each, 60–250 ms under load). Best effort: errors are logged.
 */
export async function warmConnections(
  ctx: AppContext,
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>,
): Promise<void> {
  if (ctx.db.dialect !== 'postgres') return;
  try {
    const started = performance.now();
    const errors = await onEachConnection(ctx.db, (conn) => warmHealthStatements(conn, ctx.now()));
    log.info(
      `warmed ${ctx.db.poolSize - errors.length} database connection(s) in ${Math.round(performance.now() - started)} ms`,
    );
    if (errors.length > 0)
      log.warn({ err: errors[0] }, `warming ${errors.length} database connection(s) failed`);
  } catch (err) {
    log.warn({ err }, 'warming the database connections failed');
  }
}

/** `webDir`: the web build served (tests: none, so no server-side first screen is loaded). */
export async function startServer(
  config: Config,
  options: { webDir?: string } = {},
): Promise<Running> {
  // Idle connections kept: what the warm-up prepared on them stays.
  const db = connect(config.database, { keepIdle: true });
  const logger = loggerOptions(config, process.stdout.isTTY === true);
  const app = await buildApp({ config, db, logger, webDir: options.webDir });
  const ctx = app.ctx;
  await prepareDatabase(ctx, (msg) => console.log(msg));
  // The pool's connections warmed (best effort): waited for a while, not for good.
  const warmed = warmConnections(ctx, app.log);
  let waited: NodeJS.Timeout | undefined;
  await Promise.race([
    warmed,
    new Promise<void>((resolve) => {
      waited = setTimeout(resolve, WARM_WAIT_MS);
    }),
  ]);
  clearTimeout(waited);
  const url = await app.listen({ port: config.port, host: config.host });
  app.background.start();
  const timer = setInterval(() => {
    purgeExpiredSessions(ctx).catch((err: unknown) =>
      app.log.warn({ err }, 'session purge failed'),
    );
  }, 15 * 60_000);
  timer.unref();
  return {
    app,
    db,
    url,
    warmed,
    close: async () => {
      clearInterval(timer);
      // Not for good: a warm-up stuck on a slow database does not hold the shutdown.
      await Promise.race([
        warmed,
        new Promise((resolve) => setTimeout(resolve, WARM_WAIT_MS).unref()),
      ]);
      await app.close();
      await db.close();
    },
  };
}

/** `tandem serve` and `npm start`. */
export async function serve(env: Record<string, string | undefined>): Promise<void> {
  let config: Config;
  try {
    config = parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // Before the app allocates: a heap that grows to about 1.5 times its live data, not 4 times.
  limitHeapGrowth();
  const running = await startServer(config);
  const shown = config.publicUrl?.origin ?? running.url.replace('127.0.0.1', 'localhost');
  console.log(`Tandem is ready on ${shown} (${running.db.dialect})`);
  if (!config.oidc && !(await anyoneCanSignIn(running.db))) console.log(FIRST_ADMIN_HINT);
  console.log(PASSWORD_RESET_HINT);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    running.app.log.info(`${signal}: shutting down`);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
