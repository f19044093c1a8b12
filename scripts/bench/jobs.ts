import { copyFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createDb, runMigrations } from '../../db/client';
import { runNotificationJobs } from '../../src/lib/jobs/notification-jobs';
import { runReputationJobs } from '../../src/lib/reputation/jobs';
import { buildIfNeeded } from '../support/build';
import { prepareDataset, startServer, waitForReady } from './pages';

const SITE = 'http://bench.invalid';

/** Milliseconds of `run` inside a transaction that is rolled back, so every measurement sees the same data. */
function timed(db: ReturnType<typeof createDb>, run: () => unknown): number {
  db.$client.exec('begin');
  const start = performance.now();
  run();
  const ms = performance.now() - start;
  db.$client.exec('rollback');
  return Math.round(ms * 10) / 10;
}

/**
 * The periodic jobs on the bench dataset: each job's time in process, cold (first run on a new connection) and warm,
 * with the scheduled nudge batch and without it; then the longest latency of the leaderboard page (not cached) while
 * the server's scheduler runs every job once.
 */
export async function benchJobs(opts: { size: number; port: number; fresh: boolean; log: (...args: unknown[]) => void }) {
  const { dbPath } = prepareDataset(opts.size, opts.fresh);
  const scratch = `bench-results/jobs-${opts.size}.db`;
  const copy = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(scratch + suffix, { force: true });
    copyFileSync(dbPath, scratch);
    const db = createDb(scratch);
    runMigrations(db);
    db.$client.close();
  };
  copy();
  const db = createDb(scratch);
  const now = Date.now();
  const jobs = {
    'notifications (scheduled batch)': () => runNotificationJobs(db, { siteUrl: SITE, now, nudgeCursor: {} }),
    'notifications (all at once)': () => runNotificationJobs(db, { siteUrl: SITE, now }),
    reputation: () => runReputationJobs(db, now),
  };
  const inProcess = Object.entries(jobs).map(([name, run]) => ({ name, coldMs: timed(db, run), warmMs: Math.min(timed(db, run), timed(db, run), timed(db, run)) }));
  db.$client.close();

  buildIfNeeded((line) => opts.log(line));
  const base = `http://127.0.0.1:${opts.port}`;
  /** Latencies of the leaderboard page (not cached), one request after another for 8 s after a warm-up request. */
  async function pageLatencies(schedulerIntervalMs: number): Promise<number[]> {
    copy();
    const server = startServer(scratch, opts.port, { SCHEDULER_INTERVAL_MS: String(schedulerIntervalMs) });
    const latencies: number[] = [];
    try {
      await waitForReady(`${base}/readyz`, server);
      await (await fetch(`${base}/es/leaderboards`)).arrayBuffer();
      const until = Date.now() + 8000;
      while (Date.now() < until) {
        const start = performance.now();
        const res = await fetch(`${base}/es/leaderboards`, { headers: { 'cache-control': 'no-cache' } });
        await res.arrayBuffer();
        latencies.push(performance.now() - start);
      }
    } finally {
      server.kill();
      await new Promise((resolve) => server.once('exit', resolve));
    }
    return latencies.sort((a, b) => a - b);
  }
  const summary = (l: number[]) => ({ requests: l.length, medianMs: Math.round(l[Math.floor(l.length / 2)]!), maxMs: Math.round(l.at(-1)!) });
  const quiet = summary(await pageLatencies(0));
  const latencies = await pageLatencies(2000);
  const check = createDb(scratch);
  const ran = check.$client.prepare('select name, runs, last_error as lastError, last_finished_at - last_started_at as ms from scheduled_jobs order by name').all() as { name: string; runs: number; lastError: string | null; ms: number }[];
  check.$client.close();
  return {
    size: opts.size,
    loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
    inProcess,
    withoutScheduler: quiet,
    duringTicks: { ...summary(latencies), jobsRan: ran },
  };
}
