import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import { describeSchedule, nextOccurrence } from '../../domain/schedules.js';
import type { AppContext } from '../context.js';
import { describeError } from './dispatcher.js';
import { type Job, registeredJobs } from './registry.js';

const DEFAULT_LEASE_MS = 10 * 60_000;
const RETRY_BASE_MS = 60_000;
const RETRY_MAX_MS = 3_600_000;

/**
 * Runs the registered periodic jobs when due. Each job has a row in `scheduled_jobs`
 * (next due time, last run, lease); a run starts with one conditional UPDATE that only
 * one instance can win (due, and not leased), so with several instances on one
 * PostgreSQL database each due occurrence runs once. On SQLite it is the same statement.
 */
export class Scheduler {
  readonly owner = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly synced = new Set<Job>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly abort = new AbortController();

  constructor(
    private readonly ctx: AppContext,
    private readonly log: (err: unknown, msg: string) => void,
    private readonly tickMs = 15_000,
  ) {}

  /** Runs every job due at `now` (default: the app clock); returns the names of those it ran. */
  async runDueJobs(now: Date = this.ctx.now()): Promise<string[]> {
    const jobs = registeredJobs();
    for (const job of jobs) await this.sync(job, now);
    // A plain read first: a tick with nothing due writes nothing (writes empty read caches).
    const at = now.toISOString();
    const due = new Set(
      (
        await this.ctx.db.kysely
          .selectFrom('scheduled_jobs')
          .select('name')
          .where('next_run_at', '<=', at)
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
          .execute()
      ).map((r) => r.name),
    );
    const candidates = jobs.filter((j) => due.has(j.name));
    const ran = await Promise.all(candidates.map((job) => this.runIfDue(job, now)));
    return candidates.filter((_, i) => ran[i]).map((j) => j.name);
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      if (this.running) return;
      this.running = this.runDueJobs()
        .catch((err: unknown) => this.log(err, 'scheduler tick failed'))
        .finally(() => {
          this.running = undefined;
        });
    };
    this.timer = setInterval(tick, this.tickMs);
    this.timer.unref();
    tick();
  }

  /** Stops ticking; running jobs see their signal aborted (and are retried by any instance). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.abort.abort(new Error('the server is shutting down'));
    await this.running;
  }

  /** Creates the job's row, or moves its next run when the schedule changed in code. */
  private async sync(job: Job, now: Date): Promise<void> {
    if (this.synced.has(job)) return;
    const spec = describeSchedule(job.schedule);
    const next = nextOccurrence(job.schedule, now).toISOString();
    const db = this.ctx.db.kysely;
    await db
      .insertInto('scheduled_jobs')
      .values({
        name: job.name,
        schedule: spec,
        next_run_at: next,
        lease_owner: null,
        lease_until: null,
        last_started_at: null,
        last_finished_at: null,
        last_status: null,
        last_error: null,
        failures: 0,
        runs: 0,
      })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    await db
      .updateTable('scheduled_jobs')
      .set({ schedule: spec, next_run_at: next })
      .where('name', '=', job.name)
      .where('schedule', '<>', spec)
      .execute();
    this.synced.add(job);
  }

  private async runIfDue(job: Job, now: Date): Promise<boolean> {
    const db = this.ctx.db.kysely;
    const at = now.toISOString();
    const leaseMs = job.leaseMs ?? DEFAULT_LEASE_MS;
    // The claim: one statement, re-checked by PostgreSQL on the row's newest version, so
    // of two instances racing for the same occurrence exactly one gets a row back.
    const claimed = await db
      .updateTable('scheduled_jobs')
      .set({
        lease_owner: this.owner,
        lease_until: new Date(now.getTime() + leaseMs).toISOString(),
        last_started_at: at,
      })
      .where('name', '=', job.name)
      .where('next_run_at', '<=', at)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]))
      .returning(['next_run_at', 'failures'])
      .executeTakeFirst();
    if (!claimed) return false;
    let error: unknown;
    try {
      await job.run(this.ctx, {
        scheduledFor: new Date(claimed.next_run_at),
        now,
        signal: this.abort.signal,
      });
    } catch (err) {
      error = err;
      this.log(err, `scheduled job ${job.name} failed`);
    }
    const finished = new Date(Math.max(now.getTime(), this.ctx.now().getTime()));
    const regular = nextOccurrence(job.schedule, finished);
    const failures = error === undefined ? 0 : claimed.failures + 1;
    // A failed run is retried soon, but never later than its next regular occurrence.
    const next =
      error === undefined
        ? regular
        : new Date(
            Math.min(
              regular.getTime(),
              finished.getTime() + Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (failures - 1)),
            ),
          );
    await db
      .updateTable('scheduled_jobs')
      .set({
        next_run_at: next.toISOString(),
        lease_owner: null,
        lease_until: null,
        last_finished_at: finished.toISOString(),
        last_status: error === undefined ? 'ok' : 'failed',
        last_error: error === undefined ? null : describeError(error).slice(0, 2000),
        failures,
        runs: sql<number>`runs + 1`,
      })
      .where('name', '=', job.name)
      .where('lease_owner', '=', this.owner)
      .execute();
    return true;
  }
}
