import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { scheduledJobs, schedulerLeases } from '../../../db/schema/index';

/**
 * The scheduler: named periodic jobs, run by one runner at a time. Runners (the server process on a timer, and
 * `npm run jobs -- --once` from cron) take a lease row in SQLite before running anything; a lease that is not renewed
 * expires, so a crashed runner never blocks the others for long. Each job's next run time and last outcome live in
 * `scheduled_jobs`, so whichever runner holds the lease runs what is due, and nothing runs twice per period.
 *
 * A domain adds its periodic work as a plain use case and registers it in the composition root
 * (src/lib/server/jobs.ts):
 *
 *     scheduler.register({ name: 'cases.sla', everyMs: 60_000, run: (now) => runSlaAlerts(db, now) });
 *
 * `run` gets the runner's `now` and a `progress` handle; it returns counts for the log (`{ alerts: 3 }`). A long job
 * calls `progress.heartbeat()` between batches to keep the lease. Jobs run in registration order.
 */

export type JobResult = Record<string, number>;

export interface JobProgress {
  /** Keeps the lease alive during a long job; returns false when the lease was lost (stop early). */
  heartbeat(): boolean;
  /** Work done so far, for the command-line progress display. */
  report(done: number, total?: number): void;
  /** A cursor the job keeps between runs (loaded before `run`, saved after it returns). */
  state: Record<string, unknown>;
}

export interface JobDefinition {
  /** Dotted domain name, e.g. `cases.sla` or `notifications.mail`. */
  name: string;
  everyMs: number;
  run(now: number, progress: JobProgress): JobResult | void | Promise<JobResult | void>;
}

export interface JobRun {
  name: string;
  ok: boolean;
  result: JobResult;
  error: string | null;
  durationMs: number;
}

export interface TickReport {
  /** false when another runner holds the lease (nothing ran). */
  acquired: boolean;
  holder: string | null;
  leaseExpiresAt: number | null;
  runs: JobRun[];
}

export interface TickOptions {
  /** Run every selected job now, due or not (the command line's `--force`). */
  force?: boolean;
  /** Only these job names. */
  only?: readonly string[];
  onJobStart?: (name: string) => void;
  onProgress?: (name: string, done: number, total?: number) => void;
  onJobEnd?: (run: JobRun) => void;
}

export interface SchedulerOptions {
  now: () => number;
  /** How long a lease lasts without renewal. */
  leaseMs?: number;
  holder?: string;
}

export const LEASE_NAME = 'scheduler';
const DEFAULT_LEASE_MS = 60_000;

export class Scheduler {
  readonly holder: string;
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly leaseMs: number;
  private running: Promise<TickReport> | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: SchedulerOptions,
  ) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.holder = options.holder ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  }

  register(job: JobDefinition): this {
    if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/.test(job.name)) throw new Error(`Job names are dotted lower-case words: ${job.name}`);
    if (this.jobs.has(job.name)) throw new Error(`A job named ${job.name} is already registered.`);
    if (!(job.everyMs > 0)) throw new Error(`Job ${job.name} needs a positive interval.`);
    this.jobs.set(job.name, job);
    return this;
  }

  list(): JobDefinition[] {
    return [...this.jobs.values()];
  }

  /** Takes or renews the lease; true when this runner holds it until now + leaseMs. */
  acquire(now: number): boolean {
    const expiresAt = now + this.leaseMs;
    const changed = this.db
      .insert(schedulerLeases)
      .values({ name: LEASE_NAME, holder: this.holder, acquiredAt: now, expiresAt })
      .onConflictDoUpdate({
        target: schedulerLeases.name,
        set: {
          holder: this.holder,
          expiresAt,
          acquiredAt: sql`case when ${schedulerLeases.holder} = ${this.holder} then ${schedulerLeases.acquiredAt} else ${now} end`,
        },
        setWhere: sql`${schedulerLeases.holder} = ${this.holder} or ${schedulerLeases.expiresAt} <= ${now}`,
      })
      .run().changes;
    return changed === 1;
  }

  release(): void {
    this.db.delete(schedulerLeases).where(and(eq(schedulerLeases.name, LEASE_NAME), eq(schedulerLeases.holder, this.holder))).run();
  }

  lease(): { holder: string; expiresAt: number } | null {
    return this.db.select({ holder: schedulerLeases.holder, expiresAt: schedulerLeases.expiresAt }).from(schedulerLeases).where(eq(schedulerLeases.name, LEASE_NAME)).get() ?? null;
  }

  /**
   * Runs the due jobs under the lease, then releases it. Concurrent calls in one process share one run. A job that
   * throws is recorded (and retried at its next period); the others still run.
   */
  tick(options: TickOptions = {}): Promise<TickReport> {
    this.running ??= this.runTick(options).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runTick(options: TickOptions): Promise<TickReport> {
    const start = this.options.now();
    if (!this.acquire(start)) {
      const lease = this.lease();
      return { acquired: false, holder: lease?.holder ?? null, leaseExpiresAt: lease?.expiresAt ?? null, runs: [] };
    }
    const runs: JobRun[] = [];
    try {
      for (const job of this.jobs.values()) {
        if (options.only && !options.only.includes(job.name)) continue;
        // Each job is its own slice of the event loop: requests waiting since the previous job are served first.
        await new Promise((resolve) => setImmediate(resolve));
        const now = this.options.now();
        const row = this.db.select().from(scheduledJobs).where(eq(scheduledJobs.name, job.name)).get();
        if (!options.force && row && row.nextRunAt > now) continue;
        if (!this.acquire(now)) break;
        options.onJobStart?.(job.name);
        const run = await this.runJob(job, now, row?.state ?? {}, options);
        runs.push(run);
        options.onJobEnd?.(run);
      }
    } finally {
      this.release();
    }
    return { acquired: true, holder: this.holder, leaseExpiresAt: null, runs };
  }

  private async runJob(job: JobDefinition, now: number, state: Record<string, unknown>, options: TickOptions): Promise<JobRun> {
    const started = performance.now();
    this.db
      .insert(scheduledJobs)
      .values({ name: job.name, nextRunAt: now + job.everyMs, lastStartedAt: now })
      .onConflictDoUpdate({ target: scheduledJobs.name, set: { nextRunAt: now + job.everyMs, lastStartedAt: now } })
      .run();
    const progress: JobProgress = {
      heartbeat: () => this.acquire(this.options.now()),
      report: (done, total) => options.onProgress?.(job.name, done, total),
      state: structuredClone(state),
    };
    let run: JobRun;
    try {
      const result = (await job.run(now, progress)) ?? {};
      run = { name: job.name, ok: true, result, error: null, durationMs: Math.round(performance.now() - started) };
    } catch (error) {
      run = { name: job.name, ok: false, result: {}, error: String(error instanceof Error ? error.message : error).slice(0, 500), durationMs: Math.round(performance.now() - started) };
    }
    const finished = this.options.now();
    this.db
      .update(scheduledJobs)
      .set({
        lastFinishedAt: finished,
        lastResult: run.result,
        lastError: run.error,
        runs: sql`${scheduledJobs.runs} + 1`,
        ...(run.ok ? { lastOkAt: finished, state: progress.state } : { failures: sql`${scheduledJobs.failures} + 1` }),
      })
      .where(eq(scheduledJobs.name, job.name))
      .run();
    return run;
  }

  /** Ticks every `intervalMs` until the returned function is called; errors go to `onError`, never stop the timer. */
  start(intervalMs: number, onTick: (report: TickReport) => void, onError: (error: unknown) => void): () => void {
    const timer = setInterval(() => {
      this.tick().then(onTick, onError);
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

/** Every job's state, for the admin overview and `npm run jobs -- --list`. */
export function listJobStates(db: Db) {
  return db.select().from(scheduledJobs).orderBy(scheduledJobs.name).all();
}
