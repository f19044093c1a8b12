/**
 * The code of a search worker thread: its own read-only connection to the database file (WAL lets it read beside
 * the writer), answering search and suggest requests one at a time. Loaded by worker-pool.ts, which finds
 * this module through WORKER_URL so the path also holds in the server build, where the module is a bundled chunk.
 */
import Database from 'better-sqlite3';
import { getHeapStatistics } from 'node:v8';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createSqliteFtsIndex } from './sqlite-fts';

export const WORKER_URL = import.meta.url;

export type WorkerMethod = 'search' | 'suggest';
export interface WorkerRequest {
  id: number;
  method: WorkerMethod;
  query: unknown;
  /** The host's clock, so freshness boosts agree with an injected `now` (tests, benchmarks). */
  now: number;
}
/** Every answer carries the V8 heap the worker holds after it (reserved bytes), so the pool can recycle a big one. */
export type WorkerResponse =
  | { id: number; ok: true; value: unknown; heapBytes: number }
  | { id: number; ok: false; error: { name: string; message: string }; heapBytes: number }
  /** Sent once, when the worker can take queries. */
  | { ready: true };
export interface WorkerData {
  resuelveSearchWorker: true;
  path: string;
  /** Shared with the pool: the id of the request abandoned at its budget. */
  abandoned: Int32Array;
}

async function serve(data: WorkerData): Promise<void> {
  const sqlite = new Database(data.path, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  let now = Date.now();
  let current = 0;
  const index = createSqliteFtsIndex(sqlite, () => now, () => Atomics.load(data.abandoned, 0) === current);
  // Counts the documents now rather than in the first query's time budget.
  await index.stats();
  parentPort!.on('message', async (request: WorkerRequest) => {
    now = request.now;
    current = request.id;
    let response: WorkerResponse;
    try {
      const query = request.query as never;
      const value = await (request.method === 'search' ? index.search(query) : index.suggest(query));
      response = { id: request.id, ok: true, value, heapBytes: getHeapStatistics().total_heap_size };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      response = { id: request.id, ok: false, error: { name: e.name, message: e.message }, heapBytes: getHeapStatistics().total_heap_size };
    }
    parentPort!.postMessage(response);
  });
  parentPort!.postMessage({ ready: true } satisfies WorkerResponse);
}

if (!isMainThread && (workerData as Partial<WorkerData> | null)?.resuelveSearchWorker) void serve(workerData as WorkerData);
