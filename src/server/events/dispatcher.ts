import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { AppContext } from '../context.js';
import {
  anythingDue,
  type Claimed,
  claimDeliveries,
  effectDone,
  markDone,
  markFailed,
  recordEffect,
  release,
} from './outbox.repository.js';
import { dialectOf, recoverLeases } from './dialect.js';
import { onLocalPublish } from './publish.js';
import {
  type ExternalSubscriber,
  registeredSubscribers,
  type Subscriber,
  type TransactionalSubscriber,
} from './registry.js';

export interface DispatcherOptions {
  /** Deliveries claimed per subscriber and round (default 200). */
  batchSize?: number;
  /**
   * Lease of a transactional batch (default 15 s; external subscribers set their own). Short
   * is safe: a holder whose lease ran out cannot commit its batch (see runTransactional).
   */
  leaseMs?: number;
  /** Polling interval: other processes' writes (SQLite) and retries coming due (default 1 s). */
  pollMs?: number;
  /** Streams handled at the same time for an external subscriber (default 8). */
  externalConcurrency?: number;
  /**
   * A transactional batch stops starting handlers after this long and commits, giving the
   * rest back (default 100 ms): on SQLite its transaction holds the only connection, so
   * this bounds how long a slow subscriber can keep the app's writes waiting.
   */
  maxBatchMs?: number;
}

const DEFAULTS = {
  maxAttempts: 10,
  retryDelayMs: 5_000,
  maxRetryDelayMs: 3_600_000,
  externalLeaseMs: 60_000,
};

export const describeError = (err: unknown): string =>
  err instanceof Error ? `${err.name}: ${err.message}` : String(err);

class LeaseLost extends Error {}
/** A handler threw in a batch run without savepoints: run the batch again with them. */
class RunCarefully extends Error {}

/** Groups claimed deliveries by stream, each in order. */
function byStream(claimed: Claimed[]): Claimed[][] {
  const streams = new Map<string, Claimed[]>();
  for (const c of claimed) {
    const list = streams.get(c.event.stream) ?? [];
    list.push(c);
    streams.set(c.event.stream, list);
  }
  return [...streams.values()].map((list) => list.sort((a, b) => a.event.seq - b.event.seq));
}

/**
 * Runs the subscribers from the outbox: claims due deliveries (leases, so that of several
 * instances one handles each), runs the handlers in stream order, records the outcome.
 * Woken after writes of this process, by `tandem_events` notifications from any
 * instance (PostgreSQL), and by polling as a fallback.
 */
export class Dispatcher {
  readonly owner = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly externalConcurrency: number;
  private readonly maxBatchMs: number;
  private running: Promise<void> | undefined;
  private again = false;
  private started = false;
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly ctx: AppContext,
    private readonly log: (err: unknown, msg: string) => void,
    options: DispatcherOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.leaseMs = options.leaseMs ?? 15_000;
    this.pollMs = options.pollMs ?? 1_000;
    this.externalConcurrency = options.externalConcurrency ?? 8;
    this.maxBatchMs = options.maxBatchMs ?? 100;
  }

  /**
   * Handles everything that is due now, until nothing is left (or `goOn` says stop, checked
   * between rounds); returns how many handler runs it made.
   */
  async drain(goOn: () => boolean = () => true): Promise<number> {
    let total = 0;
    while (goOn()) {
      let round = 0;
      for (const subscriber of registeredSubscribers()) round += await this.runBatch(subscriber);
      total += round;
      if (round === 0) return total;
    }
    return total;
  }

  /** Runs a drain soon; coalesces wake-ups that arrive while one is running. */
  wake(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          // When stopping, the current round ends and no other starts.
          await this.drain(() => this.started);
        } catch (err) {
          this.log(err, 'event dispatch failed; retrying on the next wake-up');
        }
      } while (this.again && this.started);
    })().finally(() => {
      this.running = undefined;
    });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.stops.push(onLocalPublish(() => this.wake()));
    this.stops.push(this.ctx.db.onOutboxCommit(() => this.wake()));
    const timer = setInterval(() => this.wake(), this.pollMs);
    timer.unref();
    this.stops.push(() => clearInterval(timer));
    const db = this.ctx.db.kysely;
    recoverLeases[dialectOf(db)](db, this.ctx.now())
      .catch((err: unknown) => this.log(err, 'could not recover leases after a restart'))
      .finally(() => this.wake());
  }

  /** Stops waking up and waits for the handlers that are running. */
  async stop(): Promise<void> {
    this.started = false;
    for (const stop of this.stops.splice(0)) stop();
    await this.running;
  }

  private async runBatch(subscriber: Subscriber): Promise<number> {
    const leaseMs = subscriber.external
      ? (subscriber.leaseMs ?? DEFAULTS.externalLeaseMs)
      : this.leaseMs;
    if (!(await anythingDue(this.ctx.db.kysely, subscriber.name, this.ctx.now()))) return 0;
    const claimed = await claimDeliveries(this.ctx.db.kysely, {
      subscriber: subscriber.name,
      owner: this.owner,
      now: this.ctx.now(),
      leaseMs,
      limit: this.batchSize,
    });
    if (claimed.length === 0) return 0;
    return subscriber.external
      ? this.runExternal(subscriber, claimed, leaseMs)
      : this.runTransactional(subscriber, claimed);
  }

  private failure(subscriber: Subscriber, c: Claimed, err: unknown) {
    return {
      subscriber: subscriber.name,
      owner: this.owner,
      eventId: c.event.id,
      attempt: c.attempt,
      error: describeError(err),
      now: this.ctx.now(),
      maxAttempts: subscriber.maxAttempts ?? DEFAULTS.maxAttempts,
      baseDelayMs: subscriber.retryDelayMs ?? DEFAULTS.retryDelayMs,
      maxDelayMs: subscriber.maxRetryDelayMs ?? DEFAULTS.maxRetryDelayMs,
    };
  }

  /**
   * One transaction for the batch: the handlers' writes and "done" commit together
   * (exactly once). Handlers usually succeed, so the batch first runs without savepoints
   * (each costs two round trips on PostgreSQL); when one throws, the batch is rolled back
   * and run again carefully, a savepoint per delivery: the failing handler is rolled back
   * to its savepoint and the rest of its stream is given back, so nothing overtakes it.
   */
  private async runTransactional(
    subscriber: TransactionalSubscriber,
    claimed: Claimed[],
  ): Promise<number> {
    const ran = await this.transactionalBatch(subscriber, claimed, false);
    if (ran !== 'careful') return ran;
    const again = await this.transactionalBatch(subscriber, claimed, true);
    return again === 'careful' ? 0 : again; // careful runs never ask for another run
  }

  private async transactionalBatch(
    subscriber: TransactionalSubscriber,
    claimed: Claimed[],
    careful: boolean,
  ): Promise<number | 'careful'> {
    const name = subscriber.name;
    const db = this.ctx.db.kysely;
    const trx = await db.startTransaction().execute();
    const started = performance.now();
    let ran = 0;
    try {
      await subscriber.beforeBatch?.(
        claimed.map((c) => c.event),
        { trx, ctx: this.ctx },
      );
      const done: string[] = [];
      const untouched: string[] = [];
      for (const stream of byStream(claimed)) {
        for (const [i, c] of stream.entries()) {
          if (done.length > 0 && performance.now() - started > this.maxBatchMs) {
            untouched.push(...stream.slice(i).map((x) => x.event.id));
            break;
          }
          ran += 1;
          const h = { ctx: this.ctx, attempt: c.attempt };
          if (!careful) {
            try {
              await subscriber.handle(c.event, { ...h, trx });
            } catch {
              throw new RunCarefully();
            }
            done.push(c.event.id);
            continue;
          }
          const sp = await trx.savepoint('delivery').execute();
          try {
            await subscriber.handle(c.event, { ...h, trx: sp });
            await sp.releaseSavepoint('delivery').execute();
            done.push(c.event.id);
          } catch (err) {
            await sp.rollbackToSavepoint('delivery').execute();
            await sp.releaseSavepoint('delivery').execute();
            const outcome = await markFailed(trx, this.failure(subscriber, c, err));
            if (outcome === 'failed')
              this.log(err, `subscriber ${name} failed for good on event ${c.event.id}`);
            await release(trx, {
              subscriber: name,
              owner: this.owner,
              eventIds: stream.slice(i + 1).map((x) => x.event.id),
            });
            break;
          }
        }
      }
      await release(trx, { subscriber: name, owner: this.owner, eventIds: untouched });
      const marked = await markDone(trx, {
        subscriber: name,
        owner: this.owner,
        eventIds: done,
        now: this.ctx.now(),
      });
      // Another instance took over after our lease ran out: its run counts, ours must not.
      if (marked !== done.length) throw new LeaseLost(`lease of ${name} lost`);
      await trx.commit().execute();
      return ran;
    } catch (err) {
      await trx.rollback().execute();
      if (err instanceof RunCarefully) return 'careful';
      if (err instanceof LeaseLost) return ran;
      // The batch itself failed (database error, lost connection): every claimed delivery
      // counts the attempt and waits for its retry.
      this.log(err, `subscriber ${name}: batch failed`);
      for (const c of claimed)
        await markFailed(db, this.failure(subscriber, c, err)).catch((e: unknown) =>
          this.log(e, 'could not record the failed batch'),
        );
      return claimed.length;
    }
  }

  /** Streams in parallel (bounded), each in order; "done" is recorded after each handler. */
  private async runExternal(
    subscriber: ExternalSubscriber,
    claimed: Claimed[],
    leaseMs: number,
  ): Promise<number> {
    const name = subscriber.name;
    const db = this.ctx.db.kysely;
    const queue = byStream(claimed);
    let ran = 0;
    const worker = async () => {
      for (let stream = queue.shift(); stream; stream = queue.shift()) {
        for (const [i, c] of stream.entries()) {
          ran += 1;
          const abort = new AbortController();
          const timer = setTimeout(() => abort.abort(new Error('lease ran out')), leaseMs);
          try {
            await subscriber.handle(c.event, {
              ctx: this.ctx,
              attempt: c.attempt,
              signal: abort.signal,
              step: async (key, work) => {
                const k = { subscriber: name, eventId: c.event.id, key };
                if (await effectDone(db, k)) return false;
                await work();
                await recordEffect(db, { ...k, now: this.ctx.now() });
                return true;
              },
            });
            await markDone(db, {
              subscriber: name,
              owner: this.owner,
              eventIds: [c.event.id],
              now: this.ctx.now(),
            });
          } catch (err) {
            const outcome = await markFailed(db, this.failure(subscriber, c, err));
            if (outcome === 'failed')
              this.log(err, `subscriber ${name} failed for good on event ${c.event.id}`);
            await release(db, {
              subscriber: name,
              owner: this.owner,
              eventIds: stream.slice(i + 1).map((x) => x.event.id),
            });
            break;
          } finally {
            clearTimeout(timer);
          }
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.externalConcurrency, queue.length) }, worker),
    );
    return ran;
  }
}
