import { Worker } from 'node:worker_threads';
import { SearchTimeoutError, SearchUnavailableError } from './errors';
import type { SearchIndex } from './port';
import type { WorkerData, WorkerMethod, WorkerRequest, WorkerResponse } from './sqlite-worker';

/** How long a query may wait for a worker thread to start (load its code, open the database) before giving up. */
const WORKER_START_TIMEOUT_MS = 15_000;

export interface WorkerPoolOptions {
  /** The database file the workers open read-only (the writer's own file). */
  path: string;
  /** Worker threads answering queries side by side. */
  workers: number;
  /** Hard budget per query, waiting behind other queries included (waiting for a worker to start is not). */
  timeoutMs: number;
  now: () => number;
  /** The worker module, speaking sqlite-worker.ts's protocol; that module unless told otherwise. */
  workerUrl?: URL;
}

interface Job {
  id: number;
  method: WorkerMethod;
  query: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
  /** Whether the query budget runs (it starts once a worker is ready to take queries). */
  budgeted: boolean;
  slot: Slot | null;
}

interface Slot {
  worker: Worker | null;
  ready: boolean;
  job: Job | null;
}

/** Every search worker thread running in this process, for the memory report. */
const running = new Set<Worker>();

/** The search worker threads' V8 heaps: how many threads, and the heap used and reserved by all of them, in bytes. */
export async function searchWorkerHeaps(): Promise<{ workers: number; used: number; total: number }> {
  const stats = await Promise.all([...running].map((worker) => worker.getHeapStatistics().catch(() => null)));
  const live = stats.filter((s) => s !== null);
  return { workers: live.length, used: live.reduce((n, s) => n + s.used_heap_size, 0), total: live.reduce((n, s) => n + s.total_heap_size, 0) };
}

const closedError = () => new SearchUnavailableError('sqlite', new Error('the search index is closed'));

/**
 * The SQLite engine with its queries in worker threads, so a slow query never blocks the server's event loop and
 * can be stopped: at the budget the caller gets SearchTimeoutError at once and the worker running the query is
 * terminated and replaced. better-sqlite3 cannot interrupt a statement, so a terminated worker may run on until
 * SQLite returns; at most `workers` such threads are kept, past that queries wait (and time out) instead of piling
 * up threads. Writes, stats and key listing stay on the writer's connection in this thread.
 */
export function createWorkerSearchIndex(writer: SearchIndex, options: WorkerPoolOptions): SearchIndex {
  const slots: Slot[] = Array.from({ length: Math.max(1, options.workers) }, () => ({ worker: null, ready: false, job: null }));
  const queue: Job[] = [];
  let nextId = 1;
  let stopping = 0;
  let closed = false;
  let workerUrl: Promise<URL> | null = null;

  const resolveWorkerUrl = () =>
    // A dynamic import, so that the server build emits the worker module as its own chunk, and its own URL.
    (workerUrl ??= options.workerUrl ? Promise.resolve(options.workerUrl) : import('./sqlite-worker').then((m) => new URL(m.WORKER_URL)));

  const anyReady = () => slots.some((s) => s.ready);

  function budget(job: Job) {
    clearTimeout(job.timer);
    job.budgeted = true;
    job.timer = setTimeout(() => timeOut(job), options.timeoutMs);
  }

  function settle(job: Job) {
    clearTimeout(job.timer);
    if (job.slot) job.slot.job = null;
    job.slot = null;
    const queued = queue.indexOf(job);
    if (queued >= 0) queue.splice(queued, 1);
  }

  function spawn(slot: Slot, url: URL): Worker {
    const data: WorkerData = { resuelveSearchWorker: true, path: options.path };
    // From TypeScript sources (tests, scripts run with tsx) the worker needs tsx's loader as well.
    const execArgv = url.pathname.endsWith('.ts') ? ['--import', 'tsx'] : [];
    const worker = new Worker(url, { workerData: data, execArgv });
    worker.unref();
    running.add(worker);
    worker.once('exit', () => running.delete(worker));
    worker.on('message', (response: WorkerResponse) => {
      if (slot.worker !== worker) return;
      if ('ready' in response) {
        slot.ready = true;
        for (const job of queue) if (!job.budgeted) budget(job);
        return pump();
      }
      const job = slot.job;
      if (!job || job.id !== response.id) return;
      settle(job);
      if (response.ok) job.resolve(response.value);
      else job.reject(Object.assign(new Error(response.error.message), { name: response.error.name }));
      pump();
    });
    const lost = (cause: unknown) => {
      if (slot.worker !== worker) return;
      const started = slot.ready;
      slot.worker = null;
      slot.ready = false;
      const job = slot.job;
      if (job) {
        settle(job);
        job.reject(new SearchUnavailableError('sqlite', cause));
      }
      // A worker that cannot start (say, the database file is gone) fails the queries waiting for it at once; the
      // next query tries again.
      if (!started && !anyReady()) {
        for (const waiting of queue.splice(0)) {
          clearTimeout(waiting.timer);
          waiting.reject(new SearchUnavailableError('sqlite', cause));
        }
      }
      pump();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`search worker exited with code ${code}`)));
    return worker;
  }

  function pump() {
    if (queue.length === 0 || closed) return;
    void resolveWorkerUrl().then(
      (url) => {
        for (const slot of slots) {
          if (queue.length === 0) return;
          if (!slot.worker && stopping < slots.length) slot.worker = spawn(slot, url);
          if (!slot.ready || slot.job) continue;
          const job = queue.shift()!;
          slot.job = job;
          job.slot = slot;
          const request: WorkerRequest = { id: job.id, method: job.method, query: job.query, now: options.now() };
          slot.worker!.postMessage(request);
        }
      },
      (error: unknown) => {
        for (const job of queue.splice(0)) {
          clearTimeout(job.timer);
          job.reject(new SearchUnavailableError('sqlite', error));
        }
      },
    );
  }

  function timeOut(job: Job) {
    const slot = job.slot;
    settle(job);
    if (slot?.worker) {
      const worker = slot.worker;
      slot.worker = null;
      slot.ready = false;
      stopping++;
      void worker.terminate().finally(() => {
        stopping--;
        pump();
      });
    }
    job.reject(job.budgeted ? new SearchTimeoutError('sqlite', options.timeoutMs) : new SearchUnavailableError('sqlite', new Error('no search worker started in time')));
    pump();
  }

  function run<T>(method: WorkerMethod, query: unknown): Promise<T> {
    if (closed) return Promise.reject(closedError());
    return new Promise<T>((resolve, reject) => {
      const job: Job = { id: nextId++, method, query, resolve: resolve as (v: unknown) => void, reject, timer: undefined as never, budgeted: false, slot: null };
      if (anyReady()) budget(job);
      else job.timer = setTimeout(() => timeOut(job), WORKER_START_TIMEOUT_MS);
      queue.push(job);
      pump();
    });
  }

  return {
    engine: writer.engine,
    index: (documents) => writer.index(documents),
    remove: (keys) => writer.remove(keys),
    search: (query) => run('search', query),
    suggest: (query) => run('suggest', query),
    listKeys: () => writer.listKeys(),
    stats: () => writer.stats(),
    clear: () => writer.clear(),
    async close() {
      closed = true;
      for (const job of queue.splice(0)) {
        clearTimeout(job.timer);
        job.reject(closedError());
      }
      await Promise.all(
        slots.map(async (slot) => {
          const worker = slot.worker;
          slot.worker = null;
          slot.ready = false;
          if (slot.job) {
            const job = slot.job;
            settle(job);
            job.reject(closedError());
          }
          if (worker) await worker.terminate();
        }),
      );
      await writer.close();
    },
  };
}
