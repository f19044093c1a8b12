import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createDb, runMigrations } from '../../../db/client';
import { SearchTimeoutError, SearchUnavailableError } from '../../../search/errors';
import { createSearchIndex, type SearchIndex } from '../../../search/index';
import { createSqliteFtsIndex } from '../../../search/sqlite-fts';
import { createWorkerSearchIndex, searchWorkerHeaps } from '../../../search/worker-pool';
import { loadConfig } from '../../../src/lib/server/config';
import { createContext } from '../../../src/lib/server/context';
import { createTestDb } from '../../helpers/db';

const dir = mkdtempSync(join(tmpdir(), 'resuelve-search-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STUCK_WORKER = new URL('./fixtures/stuck-search-worker.mjs', import.meta.url);

function stuckPool(timeoutMs: number, path = 'normal', workers = 1, stuckMs?: number, recycleHeapBytes?: number): SearchIndex {
  const writer = createSearchIndex({ engine: 'sqlite', sqlite: createTestDb().$client });
  return createWorkerSearchIndex(writer, { path, workers, timeoutMs, stuckMs, recycleHeapBytes, now: () => 0, workerUrl: STUCK_WORKER });
}

/** The fixture worker's answer carries its thread id. */
const threadOf = (result: unknown) => (result as { thread: number }).thread;
const started = async () => (await searchWorkerHeaps()).started;
const recycled = async () => (await searchWorkerHeaps()).recycled;
/** A query the fixture worker answers reporting a heap of `heapMb` MB. */
const withHeap = <T extends object>(query: T, heapMb: number): T => ({ ...query, heapMb });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('search worker pool: hard time budget', () => {
  it('answers a stuck query with SearchTimeoutError at the budget while the event loop keeps running, then recovers', async () => {
    const pool = stuckPool(300);
    const warm = await pool.search({ q: 'warm' });
    expect(warm.total).toBe(4);
    const startedBefore = await started();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const began = performance.now();
    const error = await pool.search({ q: 'stuck' }).catch((e: unknown) => e);
    const elapsed = performance.now() - began;
    clearInterval(ticker);
    expect(error).toBeInstanceOf(SearchTimeoutError);
    expect(error).toBeInstanceOf(SearchUnavailableError);
    expect((error as Error).message).toMatch(/longer than 300 ms/);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1000);
    // The server thread was free the whole time: a 10 ms timer fired about 30 times.
    expect(ticks).toBeGreaterThanOrEqual(15);
    // The stuck thread is still blocked (3 s) and the next query waits for it; one budget later the pool, with a
    // query waiting and no worker free, replaces it: a fresh worker answers.
    const next = performance.now();
    const hello = await pool.search({ q: 'hello' });
    expect(hello.total).toBe(5);
    expect(threadOf(hello)).not.toBe(threadOf(warm));
    expect(await started()).toBe(startedBefore + 1);
    expect(performance.now() - next).toBeGreaterThanOrEqual(250);
    expect(performance.now() - next).toBeLessThan(2000);
    await pool.close();
  });

  it('answers a slow query 503 at the budget and keeps its worker for the next query', async () => {
    const pool = stuckPool(400);
    const warm = await pool.search({ q: 'warm' });
    const startedBefore = await started();
    const began = performance.now();
    await expect(pool.search({ q: 'slow' })).rejects.toBeInstanceOf(SearchTimeoutError);
    expect(performance.now() - began).toBeLessThan(590);
    // The worker finishes the slow query (600 ms) and takes this one: same thread, no worker started.
    const after = await pool.search({ q: 'after' });
    expect(after.total).toBe(5);
    expect(threadOf(after)).toBe(threadOf(warm));
    expect(performance.now() - began).toBeGreaterThanOrEqual(590);
    expect(await started()).toBe(startedBefore);
    await pool.close();
  });

  it('tells the worker its query was abandoned, so the worker stops it and is free at once', async () => {
    const pool = stuckPool(200);
    const warm = await pool.search({ q: 'warm' });
    const startedBefore = await started();
    await expect(pool.search({ q: 'cooperative' })).rejects.toBeInstanceOf(SearchTimeoutError);
    const next = performance.now();
    const after = await pool.search({ q: 'after' });
    expect(threadOf(after)).toBe(threadOf(warm));
    expect(performance.now() - next).toBeLessThan(200);
    expect(await started()).toBe(startedBefore);
    await pool.close();
  });

  it('replaces a worker that has not answered stuckMs after the budget, even with no query waiting', async () => {
    const pool = stuckPool(200, 'normal', 2, 500);
    // Both workers ready (on a busy machine one may answer both queries while the other still starts): then "stuck"
    // goes to the first worker, "free" to the second, and the query after the wait can only start the replacement.
    await vi.waitFor(
      async () => {
        const [one, two] = await Promise.all([pool.search({ q: 'one' }), pool.search({ q: 'two' })]);
        expect(threadOf(one)).not.toBe(threadOf(two));
      },
      { timeout: 10_000, interval: 50 },
    );
    const startedBefore = await started();
    await expect(pool.search({ q: 'stuck' })).rejects.toBeInstanceOf(SearchTimeoutError);
    // Soon after, the other worker answers and the late one is kept (no worker started)...
    expect((await pool.search({ q: 'free' })).total).toBe(4);
    expect(await started()).toBe(startedBefore);
    // ...500 ms after the budget it is terminated: the next query starts a worker in its place.
    // Timers fire late on a busy machine, so ask again until the replacement has come (the stuck worker, if kept,
    // would answer at 3 s and be reused: no worker would ever be started).
    await sleep(700);
    await vi.waitFor(
      async () => {
        expect((await pool.search({ q: 'later' })).total).toBe(5);
        expect(await started()).toBe(startedBefore + 1);
      },
      { timeout: 5000, interval: 100 },
    );
    await pool.close();
  });

  it('times out queries waiting behind a stuck one, and passes a worker error on as is', async () => {
    const pool = stuckPool(200);
    await expect(pool.suggest({ q: 'fail' })).rejects.toThrow('broken query');
    const results = await Promise.allSettled([pool.search({ q: 'stuck' }), pool.search({ q: 'queued' })]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).name : 'ok'))).toEqual(['SearchTimeoutError', 'SearchTimeoutError']);
    await pool.close();
    await expect(pool.search({ q: 'after close' })).rejects.toBeInstanceOf(SearchUnavailableError);
  });

  it('starts the budget once a worker is ready: a 400 ms start-up does not time out a 100 ms budget', async () => {
    const pool = stuckPool(100, 'slow-start');
    expect((await pool.search({ q: 'first' })).total).toBe(5);
    await expect(pool.search({ q: 'stuck' })).rejects.toBeInstanceOf(SearchTimeoutError);
    // The replacement worker starts slowly too, and the query after the stuck one still gets its answer.
    expect((await pool.search({ q: 'after' })).total).toBe(5);
    await pool.close();
  });

  it('fails the waiting queries at once when a worker cannot start, and tries again on the next query', async () => {
    const pool = stuckPool(100, 'fail-start');
    const began = performance.now();
    const errors = await Promise.all([pool.search({ q: 'a' }), pool.suggest({ q: 'b' })].map((p) => p.catch((e: unknown) => e)));
    expect(errors.map((e) => (e as Error).name)).toEqual(['SearchUnavailableError', 'SearchUnavailableError']);
    expect((errors[0] as Error).message).toMatch(/unable to open database file/);
    expect(performance.now() - began).toBeLessThan(5000);
    await expect(pool.search({ q: 'again' })).rejects.toBeInstanceOf(SearchUnavailableError);
    await pool.close();
  });
});

describe('search worker pool: recycling a worker whose heap grew', () => {
  const MB = 1024 * 1024;

  it('terminates an idle worker whose heap passed the bound after its answer; the next query starts another and is answered', async () => {
    const pool = stuckPool(1000, 'normal', 1, undefined, 32 * MB);
    const warm = await pool.search(withHeap({ q: 'warm' }, 31));
    const before = { started: await started(), recycled: await recycled() };
    // Under the bound: kept.
    expect(threadOf(await pool.search(withHeap({ q: 'small' }, 32)))).toBe(threadOf(warm));
    expect(await recycled()).toBe(before.recycled);
    // Past it, after a slow query (600 ms) that is answered in full: never terminated mid-query.
    const big = await pool.search(withHeap({ q: 'slow' }, 33));
    expect(big.total).toBe(4);
    expect(threadOf(big)).toBe(threadOf(warm));
    expect(await recycled()).toBe(before.recycled + 1);
    // Started lazily: no thread until the next query, which a fresh worker answers.
    expect(await started()).toBe(before.started);
    const next = await pool.search({ q: 'next' });
    expect(next.total).toBe(4);
    expect(threadOf(next)).not.toBe(threadOf(warm));
    expect(await started()).toBe(before.started + 1);
    await pool.close();
  });

  it('keeps a big worker while queries wait for it, and recycles it once none does', async () => {
    const pool = stuckPool(2000, 'normal', 1, undefined, 32 * MB);
    const warm = await pool.search({ q: 'warm' });
    const before = { started: await started(), recycled: await recycled() };
    const answers = await Promise.all([pool.search(withHeap({ q: 'one' }, 40)), pool.search(withHeap({ q: 'two' }, 40)), pool.suggest(withHeap({ q: 'three' }, 40))]);
    // All three answered by the same thread, one after the other; recycled only after the last.
    expect(answers.map((a) => threadOf(a))).toEqual([threadOf(warm), threadOf(warm), threadOf(warm)]);
    expect(await recycled()).toBe(before.recycled + 1);
    expect(threadOf(await pool.search({ q: 'after' }))).not.toBe(threadOf(warm));
    expect(await started()).toBe(before.started + 1);
    await pool.close();
  });

  it("gives a worker a 4 MB young generation, whatever the process's --max-semi-space-size says", async () => {
    // The server runs with --max-semi-space-size=8, which V8 would apply to every new isolate (16 MB of young generation).
    setFlagsFromString('--max-semi-space-size=8');
    const pool = stuckPool(5000);
    const answer = (await pool.search({ q: 'young' })) as unknown as { youngMb: number };
    expect(answer.youngMb).toBeGreaterThan(0);
    expect(answer.youngMb).toBeLessThanOrEqual(4);
    await pool.close();
  });

  it('never recycles without a bound', async () => {
    const pool = stuckPool(1000);
    const warm = await pool.search(withHeap({ q: 'warm' }, 4096));
    const before = await recycled();
    expect(threadOf(await pool.search(withHeap({ q: 'again' }, 4096)))).toBe(threadOf(warm));
    expect(await recycled()).toBe(before);
    await pool.close();
  });
});

describe('search worker pool: the real SQLite worker', () => {
  it('searches a file database in a worker and sees writes made by the server thread', async () => {
    const path = join(dir, 'pool.db');
    const db = createDb(path);
    runMigrations(db);
    const index = createSearchIndex({ engine: 'sqlite', sqlite: db.$client, workers: { path, workers: 2, timeoutMs: 10_000 } });
    const doc = { type: 'question' as const, locale: 'es' as const, tags: [], category: 'internet', solved: false, votes: 0, helpfulness: null, updatedAt: 0 };
    await index.index([{ ...doc, id: 1, title: 'El router parpadea en rojo', body: 'Luz roja fija.', url: '/q/1' }]);
    expect((await index.search({ q: 'router' })).hits.map((h) => h.id)).toEqual([1]);
    await index.index([{ ...doc, id: 2, title: 'Router nuevo sin wifi', body: 'No aparece la red.', url: '/q/2' }]);
    expect((await index.search({ q: 'router' })).total).toBe(2);
    // every word first (2), then any word (1)
    expect((await index.suggest({ q: 'router nu' })).map((h) => h.id)).toEqual([2, 1]);
    expect((await index.suggest({ q: 'router rojo', body: 'parpadea', limit: 1 })).map((h) => h.id)).toEqual([1]);
    await index.close();
    db.$client.close();
  });

  it('recycled after every answer (a 1-byte bound), still answers every query and sees new writes', async () => {
    const path = join(dir, 'recycle.db');
    const db = createDb(path);
    runMigrations(db);
    const index = createSearchIndex({ engine: 'sqlite', sqlite: db.$client, workers: { path, workers: 1, timeoutMs: 10_000, recycleHeapBytes: 1 } });
    const doc = { type: 'question' as const, locale: 'es' as const, tags: [], category: 'internet', solved: false, votes: 0, helpfulness: null, updatedAt: 0, body: 'Luz roja.' };
    const before = { started: await started(), recycled: await recycled() };
    for (let id = 1; id <= 3; id++) {
      await index.index([{ ...doc, id, title: `Router ${id}`, url: `/q/${id}` }]);
      expect((await index.search({ q: 'router' })).total).toBe(id);
    }
    expect((await index.suggest({ q: 'router' })).length).toBe(3);
    expect(await started()).toBe(before.started + 4);
    expect(await recycled()).toBe(before.recycled + 4);
    await index.close();
    db.$client.close();
  });

  it('stops walking the matches once the query is abandoned, as the worker does past the budget', async () => {
    const sqlite = createTestDb().$client;
    const doc = { type: 'question' as const, locale: 'es' as const, tags: [], category: 'internet', solved: false, votes: 0, helpfulness: null, updatedAt: 0, body: 'Luz roja.' };
    await createSqliteFtsIndex(sqlite).index(Array.from({ length: 100 }, (_, i) => ({ ...doc, id: i + 1, title: `Router ${i + 1}`, url: `/q/${i + 1}` })));
    let abandoned = false;
    const engine = createSqliteFtsIndex(sqlite, () => 0, () => abandoned);
    expect((await engine.search({ q: 'router' })).total).toBe(100);
    abandoned = true;
    const cut = await engine.search({ q: 'router' });
    // Stopped at the first deadline check (every 32 matches), marked incomplete.
    expect(cut.total).toBe(32);
    expect(cut.exhaustive).toBe(false);
  });

  it('is what the server uses for a database file; in-memory databases and SEARCH_WORKERS=0 search in process', async () => {
    const path = join(dir, 'context.db');
    const db = createDb(path);
    runMigrations(db);
    // Worker threads of this process, as Linux lists them.
    const workerThreads = () => readdirSync('/proc/self/task').filter((t) => readFileSync(`/proc/self/task/${t}/comm`, 'utf8').trim() === 'WorkerThread').length;
    const threadsAfterSearch = async (ctx: ReturnType<typeof createContext>) => {
      const before = workerThreads();
      expect((await ctx.search.search({ q: 'nada' })).total).toBe(0);
      const added = workerThreads() - before;
      await ctx.search.close();
      return added;
    };
    expect(await threadsAfterSearch(createContext(loadConfig({ LOG_LEVEL: 'silent', SEARCH_WORKERS: '1' }), { db }))).toBe(1);
    expect(await threadsAfterSearch(createContext(loadConfig({ LOG_LEVEL: 'silent', SEARCH_WORKERS: '0' }), { db }))).toBe(0);
    expect(await threadsAfterSearch(createContext(loadConfig({ LOG_LEVEL: 'silent' }), { db: createTestDb() }))).toBe(0);
    db.$client.close();
  });
});
