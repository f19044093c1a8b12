import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, runMigrations } from '../../../db/client';
import { SearchTimeoutError, SearchUnavailableError } from '../../../search/errors';
import { createSearchIndex, type SearchIndex } from '../../../search/index';
import { createWorkerSearchIndex } from '../../../search/worker-pool';
import { loadConfig } from '../../../src/lib/server/config';
import { createContext } from '../../../src/lib/server/context';
import { createTestDb } from '../../helpers/db';

const dir = mkdtempSync(join(tmpdir(), 'resuelve-search-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STUCK_WORKER = new URL('./fixtures/stuck-search-worker.mjs', import.meta.url);

function stuckPool(timeoutMs: number, path = 'normal'): SearchIndex {
  const writer = createSearchIndex({ engine: 'sqlite', sqlite: createTestDb().$client });
  return createWorkerSearchIndex(writer, { path, workers: 1, timeoutMs, now: () => 0, workerUrl: STUCK_WORKER });
}

describe('search worker pool: hard time budget', () => {
  it('answers a stuck query with SearchTimeoutError at the budget while the event loop keeps running, then recovers', async () => {
    const pool = stuckPool(300);
    expect((await pool.search({ q: 'warm' })).total).toBe(4);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const started = performance.now();
    const error = await pool.search({ q: 'stuck' }).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    clearInterval(ticker);
    expect(error).toBeInstanceOf(SearchTimeoutError);
    expect(error).toBeInstanceOf(SearchUnavailableError);
    expect((error as Error).message).toMatch(/longer than 300 ms/);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1000);
    // The server thread was free the whole time: a 10 ms timer fired about 30 times.
    expect(ticks).toBeGreaterThanOrEqual(15);
    // The stuck thread is still blocked (3 s); a fresh worker answers the next query.
    const next = performance.now();
    expect((await pool.search({ q: 'hello' })).total).toBe(5);
    expect(performance.now() - next).toBeLessThan(2000);
    await pool.close();
  });

  it('times out queries waiting behind a stuck one, and passes a worker error on as is', async () => {
    const pool = stuckPool(200);
    const results = await Promise.allSettled([pool.search({ q: 'stuck' }), pool.search({ q: 'queued' })]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).name : 'ok'))).toEqual(['SearchTimeoutError', 'SearchTimeoutError']);
    await expect(pool.suggest({ q: 'fail' })).rejects.toThrow('broken query');
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
    const started = performance.now();
    const errors = await Promise.all([pool.search({ q: 'a' }), pool.suggest({ q: 'b' })].map((p) => p.catch((e: unknown) => e)));
    expect(errors.map((e) => (e as Error).name)).toEqual(['SearchUnavailableError', 'SearchUnavailableError']);
    expect((errors[0] as Error).message).toMatch(/unable to open database file/);
    expect(performance.now() - started).toBeLessThan(5000);
    await expect(pool.search({ q: 'again' })).rejects.toBeInstanceOf(SearchUnavailableError);
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
