import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, runMigrations, type SqliteDb } from '../../../db/client';
import { listJobStates, Scheduler } from '../../../src/lib/jobs/scheduler';
import { communityDelays } from '../../../src/lib/community/delays';
import { loadConfig } from '../../../src/lib/server/config';
import { registerJobs } from '../../../src/lib/server/jobs';
import { createTestDb } from '../../helpers/db';

const MINUTE = 60_000;

describe('scheduler', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('runs each job when due, records results and failures, and keeps a failing job from stopping the others', async () => {
    const db = createTestDb();
    let now = 1_000_000;
    const ran: string[] = [];
    const scheduler = new Scheduler(db, { now: () => now })
      .register({ name: 'a.every-minute', everyMs: MINUTE, run: () => (ran.push('a'), { done: 1 }) })
      .register({ name: 'b.broken', everyMs: MINUTE, run: () => { ran.push('b'); throw new Error('boom'); } })
      .register({ name: 'c.hourly', everyMs: 60 * MINUTE, run: async () => (ran.push('c'), { items: 2 }) });
    const first = await scheduler.tick();
    expect(first.acquired).toBe(true);
    expect(first.runs.map((r) => [r.name, r.ok])).toEqual([['a.every-minute', true], ['b.broken', false], ['c.hourly', true]]);
    now += 30_000;
    expect((await scheduler.tick()).runs).toHaveLength(0);
    now += 30_000;
    expect((await scheduler.tick()).runs.map((r) => r.name)).toEqual(['a.every-minute', 'b.broken']);
    expect((await scheduler.tick({ force: true, only: ['c.hourly'] })).runs.map((r) => r.name)).toEqual(['c.hourly']);
    expect(ran).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    const states = Object.fromEntries(listJobStates(db).map((s) => [s.name, s]));
    expect(states['a.every-minute']).toMatchObject({ runs: 2, failures: 0, lastResult: { done: 1 }, nextRunAt: now + MINUTE });
    expect(states['b.broken']).toMatchObject({ runs: 2, failures: 2, lastError: 'boom' });
    expect(states['c.hourly']).toMatchObject({ runs: 2, lastResult: { items: 2 } });
    // The lease is released after each tick.
    expect(scheduler.lease()).toBeNull();
  });

  it('keeps a job state between runs (saved only when the run succeeds)', async () => {
    const db = createTestDb();
    let now = 0;
    let fail = false;
    const seen: unknown[] = [];
    const scheduler = new Scheduler(db, { now: () => now }).register({
      name: 'scan',
      everyMs: 1000,
      run: (_now, progress) => {
        seen.push(progress.state.cursor ?? null);
        progress.state.cursor = Number(progress.state.cursor ?? 0) + 10;
        if (fail) throw new Error('x');
      },
    });
    await scheduler.tick();
    now += 1000;
    fail = true;
    await scheduler.tick();
    now += 1000;
    fail = false;
    await scheduler.tick();
    expect(seen).toEqual([null, 10, 10]);
  });

  it('one runner at a time: a second runner on the same database file waits for the lease, and takes it once it expires', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scheduler-'));
    dirs.push(dir);
    const path = join(dir, 'db.sqlite');
    const a: SqliteDb = createDb(path);
    runMigrations(a);
    const b: SqliteDb = createDb(path);
    let now = 5_000;
    const runs: string[] = [];
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    const runnerA = new Scheduler(a, { now: () => now, holder: 'A', leaseMs: 10_000 }).register({
      name: 'job',
      everyMs: 1,
      run: async () => {
        runs.push('A');
        await slow;
      },
    });
    const runnerB = new Scheduler(b, { now: () => now, holder: 'B', leaseMs: 10_000 }).register({ name: 'job', everyMs: 1, run: () => void runs.push('B') });
    const tickA = runnerA.tick();
    await new Promise((r) => setTimeout(r, 5));
    const blocked = await runnerB.tick();
    expect(blocked).toMatchObject({ acquired: false, holder: 'A', leaseExpiresAt: 15_000 });
    // A crashed runner: its lease expires and B takes over.
    now = 15_000;
    expect((await runnerB.tick()).acquired).toBe(true);
    release();
    await tickA;
    expect(runs).toEqual(['A', 'B']);
    a.$client.close();
    b.$client.close();
  });

  it('a heartbeat renews the lease of a long job; a lost lease is reported', () => {
    const db = createTestDb();
    let now = 0;
    const x = new Scheduler(db, { now: () => now, holder: 'X', leaseMs: 100 });
    const y = new Scheduler(db, { now: () => now, holder: 'Y', leaseMs: 100 });
    expect(x.acquire(now)).toBe(true);
    now = 90;
    expect(y.acquire(now)).toBe(false);
    expect(x.acquire(now)).toBe(true);
    now = 150;
    expect(y.acquire(now)).toBe(false);
    now = 191;
    expect(y.acquire(now)).toBe(true);
    expect(x.acquire(now)).toBe(false);
  });

  it('refuses bad registrations', () => {
    const s = new Scheduler(createTestDb(), { now: () => 0 });
    expect(() => s.register({ name: 'Bad Name', everyMs: 1, run: () => {} })).toThrow(/dotted/);
    s.register({ name: 'ok', everyMs: 1, run: () => {} });
    expect(() => s.register({ name: 'ok', everyMs: 1, run: () => {} })).toThrow(/already/);
    expect(() => s.register({ name: 'zero', everyMs: 0, run: () => {} })).toThrow(/positive/);
  });

  it("runs the product's periodic work, each domain's once: cases, notifications, the KPI digest and reputation", async () => {
    const db = createTestDb();
    const config = loadConfig({});
    const scheduler = new Scheduler(db, { now: () => Date.UTC(2026, 11, 3, 12) });
    registerJobs(scheduler, { db, config, delays: communityDelays(config) });
    const names = scheduler.list().map((j) => j.name);
    expect(names).toEqual(['escalation.rules', 'cases.sla', 'cases.close', 'notifications.mail', 'reports.digest', 'reputation.periodic']);
    const report = await scheduler.tick();
    expect(report.runs.map((r) => [r.name, r.ok])).toEqual(names.map((n) => [n, true]));
    const states = Object.fromEntries(listJobStates(db).map((s) => [s.name, s]));
    expect(states['reputation.periodic']).toMatchObject({ runs: 1, failures: 0, lastResult: { rankingRows: 0, pairs: 0, reversedRows: 0, activated: 0 } });
    expect(states['reports.digest']).toMatchObject({ runs: 1, failures: 0, lastResult: { sent: 0 } });
  });
});
