import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { ORG_ROLES } from '../domain/people.js';
import { SIDES, type Side } from '../domain/sides.js';

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
  /** SMTP server for email notifications; absent: email is off. */
  SMTP_HOST: z.string().min(1, 'must not be empty').optional(),
  /** Default 587 (STARTTLS), or 465 with SMTP_SECURE. */
  SMTP_PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a port number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .optional(),
  /** true: TLS from the start (port 465); false: STARTTLS when the server offers it. */
  SMTP_SECURE: boolFromEnv.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  /** Sender, e.g. `Tandem <tandem@example.com>`. */
  SMTP_FROM: z
    .string()
    .min(3, 'must be an email address such as Tandem <tandem@example.com>')
    .optional(),
  /** Single sign-on (OpenID Connect): the provider's issuer URL (discovery at /.well-known). */
  OIDC_ISSUER: z
    .url('must be an absolute URL such as https://login.example.com/realms/acme')
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The sign-in button says "Sign in with <this>". */
  OIDC_DISPLAY_NAME: z
    .string()
    .min(1)
    .max(60, 'must be at most 60 characters')
    .default('single sign-on'),
  /** Create an account on the first single sign-on of an unknown person. */
  OIDC_JIT: boolFromEnv.default(false),
  /** Role and side of accounts created just in time (unless a claim says otherwise). */
  // Single sign-on never makes an admin by itself.
  OIDC_DEFAULT_ROLE: z.enum(ORG_ROLES).exclude(['admin']).default('member'),
  OIDC_DEFAULT_SIDE: z.enum(SIDES).default('business'),
  /** Claims that carry side (business/it), department and admin (true, or ADMIN_VALUE in a list). */
  OIDC_CLAIM_SIDE: z.string().min(1).optional(),
  OIDC_CLAIM_DEPARTMENT: z.string().min(1).optional(),
  OIDC_CLAIM_ADMIN: z.string().min(1).optional(),
  OIDC_ADMIN_VALUE: z.string().min(1).optional(),
  /** off: no passwords at all; everyone signs in with single sign-on. */
  LOCAL_LOGIN: boolFromEnv.default(true),
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
  if (env.SMTP_HOST && !env.SMTP_FROM) {
    problems.push('SMTP_FROM: needed with SMTP_HOST (the sender of every email)');
  }
  if (Boolean(env.SMTP_USER) !== Boolean(env.SMTP_PASSWORD)) {
    problems.push('SMTP_USER: SMTP_USER and SMTP_PASSWORD must be set together');
  }
  if (env.SMTP_FROM && /[\r\n]/.test(env.SMTP_FROM)) {
    problems.push('SMTP_FROM: must be a single line');
  }
  const oidc = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'];
  const set = oidc.filter((k) => env[k]);
  if (set.length > 0 && set.length < oidc.length) {
    for (const k of oidc.filter((x) => !env[x]))
      problems.push(
        `${k}: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together`,
      );
  }
  if (['0', 'false', 'no', 'off'].includes(env.LOCAL_LOGIN ?? '') && set.length < oidc.length) {
    problems.push('LOCAL_LOGIN: can only be off when single sign-on (OIDC_ISSUER, …) is set');
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
  /** Email notifications; undefined: no SMTP server configured, email is off. */
  smtp: SmtpConfig | undefined;
  /** Single sign-on; undefined when not configured. */
  oidc: OidcConfig | undefined;
  /** false: passwords are switched off (single sign-on only). */
  localLogin: boolean;
  logFormat: 'auto' | 'pretty' | 'json';
}

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  auth: { user: string; pass: string } | undefined;
  from: string;
}

export interface OidcConfig {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  displayName: string;
  jit: boolean;
  defaultRole: 'member' | 'viewer';
  defaultSide: Side;
  claims: { side?: string; department?: string; admin?: string; adminValue?: string };
  /** Tests only: the HTTP client for the provider (to watch or alter its answers). */
  fetch?: typeof fetch;
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
    smtp:
      e.SMTP_HOST && e.SMTP_FROM
        ? {
            host: e.SMTP_HOST,
            port: e.SMTP_PORT ?? (e.SMTP_SECURE ? 465 : 587),
            secure: e.SMTP_SECURE,
            auth:
              e.SMTP_USER && e.SMTP_PASSWORD
                ? { user: e.SMTP_USER, pass: e.SMTP_PASSWORD }
                : undefined,
            from: e.SMTP_FROM,
          }
        : undefined,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            issuer: new URL(e.OIDC_ISSUER),
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            displayName: e.OIDC_DISPLAY_NAME,
            jit: e.OIDC_JIT,
            defaultRole: e.OIDC_DEFAULT_ROLE,
            defaultSide: e.OIDC_DEFAULT_SIDE,
            claims: {
              ...(e.OIDC_CLAIM_SIDE ? { side: e.OIDC_CLAIM_SIDE } : {}),
              ...(e.OIDC_CLAIM_DEPARTMENT ? { department: e.OIDC_CLAIM_DEPARTMENT } : {}),
              ...(e.OIDC_CLAIM_ADMIN ? { admin: e.OIDC_CLAIM_ADMIN } : {}),
              ...(e.OIDC_ADMIN_VALUE ? { adminValue: e.OIDC_ADMIN_VALUE } : {}),
            },
          }
        : undefined,
    localLogin: e.LOCAL_LOGIN,
    logFormat: e.LOG_FORMAT,
  };
}
