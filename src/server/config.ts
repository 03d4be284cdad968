import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting Tandem reads from the environment, parsed once at start.
 * Nothing else in the code base reads `process.env`.
 */
const boolFromEnv = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    message: 'must be one of true/false, 1/0, yes/no, on/off',
  })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const minutes = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a whole number of minutes' })
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1 minute')
    .default(fallback);

/** proxy-addr's names for address ranges, accepted by Fastify's `trustProxy` as they are. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `10.0.0.5`, `10.0.0.0/8`, `::1`, `fd00::/8` or a named range. */
function proxyEntryProblem(entry: string): string | undefined {
  if (PROXY_RANGES.has(entry)) return undefined;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return `"${entry}" is not an IP address or CIDR range`;
  if (prefix === undefined) return undefined;
  const bits = Number(prefix);
  const max = family === 4 ? 32 : 128;
  return /^\d+$/.test(prefix) && bits <= max
    ? undefined
    : `"${entry}" has an invalid prefix length (0–${max})`;
}

const proxyList = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean),
  )
  .superRefine((entries, c) => {
    for (const e of entries) {
      const problem = proxyEntryProblem(e);
      if (problem) c.addIssue({ code: 'custom', message: problem });
    }
  });

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, 'must start with postgres:// or postgresql://');

const envSchema = z.object({
  /** TCP port of the HTTP server. */
  PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a port number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  /** Interface to listen on; 0.0.0.0 to accept connections from other machines. */
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  /** Absent: SQLite in TANDEM_DATA_DIR. `postgres://…`: PostgreSQL. */
  DATABASE_URL: postgresUrl.optional(),
  /**
   * PostgreSQL only: the role that owns the tables, used for migrations alone. Set it to run
   * the app itself (DATABASE_URL) as a role that does not own the tables.
   */
  DATABASE_MIGRATION_URL: postgresUrl.optional(),
  /** Folder for the SQLite database and backups. */
  TANDEM_DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  /** Admin created on start when no user with this email exists. */
  TANDEM_ADMIN_EMAIL: z.email('must be an email address').optional(),
  TANDEM_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters long').optional(),
  /** Seed the demo workspace into an empty database on start. */
  TANDEM_DEMO: boolFromEnv.default(true),
  /** Public address, e.g. https://tandem.example.com; https turns on Secure cookies. */
  PUBLIC_URL: z.url('must be an absolute URL such as https://tandem.example.com').optional(),
  /**
   * Reverse proxies whose X-Forwarded-For/-Proto are believed: comma-separated addresses or
   * CIDR ranges (or loopback, linklocal, uniquelocal). Default: none, the peer is the client.
   */
  TRUST_PROXY: proxyList.optional(),
  /** A session ends after this many minutes without a request. */
  SESSION_IDLE_MINUTES: minutes(120),
  /** A session ends this many minutes after sign-in, active or not. */
  SESSION_ABSOLUTE_MINUTES: minutes(720),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** auto: readable lines on a terminal, JSON otherwise; pretty or json to choose. */
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
});

/** Rules across keys; checked on the raw values so they are reported with all other problems. */
function crossChecks(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (Boolean(env.TANDEM_ADMIN_EMAIL) !== Boolean(env.TANDEM_ADMIN_PASSWORD)) {
    const missing = env.TANDEM_ADMIN_EMAIL ? 'TANDEM_ADMIN_PASSWORD' : 'TANDEM_ADMIN_EMAIL';
    problems.push(`${missing}: TANDEM_ADMIN_EMAIL and TANDEM_ADMIN_PASSWORD must be set together`);
  }
  const idle = Number(env.SESSION_IDLE_MINUTES ?? 120);
  const absolute = Number(env.SESSION_ABSOLUTE_MINUTES ?? 720);
  if (Number.isFinite(idle) && Number.isFinite(absolute) && absolute < idle) {
    problems.push('SESSION_ABSOLUTE_MINUTES: must not be shorter than SESSION_IDLE_MINUTES');
  }
  if (env.DATABASE_MIGRATION_URL && !env.DATABASE_URL) {
    problems.push('DATABASE_MIGRATION_URL: needs DATABASE_URL (PostgreSQL) as well');
  }
  return problems;
}

export type DatabaseConfig =
  | { dialect: 'sqlite'; file: string }
  | {
      dialect: 'postgres';
      url: string;
      /** The table owner for migrations; absent: the app's own role migrates. */
      migrationUrl?: string | undefined;
    };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  dataDir: string;
  admin: { email: string; password: string } | undefined;
  demo: boolean;
  publicUrl: URL | undefined;
  /** Addresses/ranges of trusted reverse proxies; empty: forwarded headers are ignored. */
  trustProxy: string[];
  /** true when PUBLIC_URL is https: Secure + __Host- cookies. */
  secureCookies: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  logLevel: string;
  logFormat: 'auto' | 'pretty' | 'json';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError listing every problem. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "not set", as in most .env tooling.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map(
          (issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`,
        )),
    ...crossChecks(cleaned),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  const dataDir = path.resolve(e.TANDEM_DATA_DIR);
  const publicUrl = e.PUBLIC_URL ? new URL(e.PUBLIC_URL) : undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { dialect: 'postgres', url: e.DATABASE_URL, migrationUrl: e.DATABASE_MIGRATION_URL }
      : { dialect: 'sqlite', file: path.join(dataDir, 'tandem.sqlite') },
    dataDir,
    admin:
      e.TANDEM_ADMIN_EMAIL && e.TANDEM_ADMIN_PASSWORD
        ? { email: e.TANDEM_ADMIN_EMAIL, password: e.TANDEM_ADMIN_PASSWORD }
        : undefined,
    demo: e.TANDEM_DEMO,
    publicUrl,
    trustProxy: e.TRUST_PROXY ?? [],
    secureCookies: publicUrl?.protocol === 'https:',
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_MINUTES * 60_000,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
  };
}
