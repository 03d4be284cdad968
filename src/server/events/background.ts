import type { AppContext } from '../context.js';
import { Dispatcher, type DispatcherOptions } from './dispatcher.js';
import { Scheduler } from './scheduler.js';

/**
 * The background work of one app instance: the outbox dispatcher and the scheduler.
 * Built with the app (app.background), started by main.ts once the server listens,
 * stopped when the app closes. Tests leave it stopped and drive it by hand.
 */
export class BackgroundWork {
  readonly dispatcher: Dispatcher;
  readonly scheduler: Scheduler;

  constructor(
    ctx: AppContext,
    log: (err: unknown, msg: string) => void,
    options: DispatcherOptions & { schedulerTickMs?: number } = {},
  ) {
    this.dispatcher = new Dispatcher(ctx, log, options);
    this.scheduler = new Scheduler(ctx, log, options.schedulerTickMs);
  }

  /** Handles every delivery that is due now (tests, CLI); returns how many ran. */
  drainOutbox(): Promise<number> {
    return this.dispatcher.drain();
  }

  /** Runs the jobs due at `now` (default: the app clock); returns their names. */
  runDueJobs(now?: Date): Promise<string[]> {
    return this.scheduler.runDueJobs(now);
  }

  start(): void {
    this.dispatcher.start();
    this.scheduler.start();
  }

  async stop(): Promise<void> {
    await Promise.all([this.dispatcher.stop(), this.scheduler.stop()]);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Outbox dispatcher and scheduler of this instance (src/server/events). */
    background: BackgroundWork;
  }
}
