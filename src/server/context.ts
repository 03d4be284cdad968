import type { OrgRole } from '../domain/people.js';
import type { Side } from '../domain/sides.js';
import type { Config } from './config.js';
import type { Db } from './db/connect.js';

/** What every service needs: the database, the clock and the configuration. */
export interface AppContext {
  db: Db;
  config: Config;
  /** The clock; tests and the demo seed pass their own. */
  now: () => Date;
  /** The server's logger (pino, buildApp), for what a service logs instead of throwing. */
  log?: ErrorLog;
}

/** What a service needs of a logger. */
export interface ErrorLog {
  error: (obj: object, msg: string) => void;
}

/** The signed-in person acting on a request. */
export interface Actor {
  id: string;
  role: OrgRole;
  side: Side;
  name: string;
}

export const iso = (d: Date): string => d.toISOString();

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}
