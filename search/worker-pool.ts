import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { SearchTimeoutError, SearchUnavailableError } from './errors';
import type { SearchIndex } from './port';
import type { WorkerData, WorkerMethod, WorkerRequest, WorkerResponse } from './sqlite-worker';

/** How long a query may wait for a worker thread to start (load its code, open the database) before giving up. */
const WORKER_START_TIMEOUT_MS = 15_000;
/** How long a worker may go on with a query abandoned at its budget before it is taken for stuck and replaced. */
const STUCK_MS = 10_000;
/**
 * A worker's young generation (V8's default grows it to 16 MB with the server's `--max-semi-space-size=8`, up to
 * 128 MB without): a search allocates little that lives past it, and the young generation was half of a worker's heap
 * and most of its swing in the soak (README, Benchmarks).
 */
const WORKER_YOUNG_GENERATION_MB = 4;

export interface WorkerPoolOptions {
  /** The database file the workers open read-only (the writer's own file). */
  path: string;
  /** Worker threads answering queries side by side. */
  workers: number;
  /** Hard budget per query, waiting behind other queries included (waiting for a worker to start is not). */
  timeoutMs: number;
  now: () => number;
  /** How long a worker may go on with a query abandoned at its budget before it is replaced (STUCK_MS by default). */
  stuckMs?: number;
  /** The worker module, speaking sqlite-worker.ts's protocol; that module unless told otherwise. */
  workerUrl?: URL;
  /**
   * A worker whose V8 heap (reserved bytes, as its last answer reported) is past this is terminated once no query
   * waits, and the next query starts another: V8 keeps a heap's high-water mark for as long as the thread lives.
   * Never while it runs a query. 0 or absent: kept for the life of the process.
   */
  recycleHeapBytes?: number;
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
  /** The query whose caller still waits for this worker's answer. */
  job: Job | null;
  /** The request the worker is running, answered or abandoned; the slot takes no other until it answers. */
  running: number | null;
  /** When the running request was abandoned at its budget (performance.now()), or null. */
  abandonedAt: number | null;
  /** The abandoned request has gone one more budget without an answer: the worker makes way for waiting queries. */
  late: boolean;
  /** Marks the worker late, then replaces it (see lateWorker). */
  stuckTimer: ReturnType<typeof setTimeout> | undefined;
  /** Shared with the worker: the id of the request abandoned at its budget, which the worker stops at its next check. */
  abandoned: Int32Array;
}

/** Every search worker thread running in this process, for the memory report. */
const running = new Set<Worker>();
let workersStarted = 0;
let workersRecycled = 0;

/**
 * The search worker threads' V8 heaps: how many threads, the heap used and reserved by all of them in bytes, how
 * many worker threads this process has started in all, and how many of them were recycled for their heap's size.
 */
export async function searchWorkerHeaps(): Promise<{ workers: number; used: number; total: number; started: number; recycled: number }> {
  const stats = await Promise.all([...running].map((worker) => worker.getHeapStatistics().catch(() => null)));
  const live = stats.filter((s) => s !== null);
  return {
    workers: live.length,
    used: live.reduce((n, s) => n + s.used_heap_size, 0),
    total: live.reduce((n, s) => n + s.total_heap_size, 0),
    started: workersStarted,
    recycled: workersRecycled,
  };
}

const closedError = () => new SearchUnavailableError('sqlite', new Error('the search index is closed'));

/**
 * The SQLite engine with its queries in worker threads, so a slow query never blocks the server's event loop: at the
 * budget the caller gets SearchTimeoutError at once. The worker keeps running the abandoned query (better-sqlite3
 * cannot interrupt a statement) but is told to stop at the engine's next deadline check, and takes the next query once
 * it answers: workers are not replaced for being late, since starting one costs more than the few milliseconds an
 * abandoned query has left. A worker is terminated and replaced only when it looks stuck: no answer `stuckMs` after its
 * query was abandoned, or, while queries wait and every worker holds an abandoned query, one more budget after that.
 * At most `workers` terminated threads are kept (they may run on until SQLite returns); past that queries wait (and
 * time out) instead of piling up threads. A worker whose heap passed `recycleHeapBytes` is terminated after an answer
 * when no query waits, and started again by the next query. Writes, stats and key listing stay on the writer's
 * connection in this thread.
 */
export function createWorkerSearchIndex(writer: SearchIndex, options: WorkerPoolOptions): SearchIndex {
  const stuckMs = options.stuckMs ?? STUCK_MS;
  const slots: Slot[] = Array.from({ length: Math.max(1, options.workers) }, () => ({
    worker: null,
    ready: false,
    job: null,
    running: null,
    abandonedAt: null,
    late: false,
    stuckTimer: undefined,
    abandoned: new Int32Array(new SharedArrayBuffer(4)),
  }));
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

  function unbudget(job: Job) {
    clearTimeout(job.timer);
    job.budgeted = false;
    job.timer = setTimeout(() => timeOut(job), WORKER_START_TIMEOUT_MS);
  }

  function settle(job: Job) {
    clearTimeout(job.timer);
    if (job.slot) job.slot.job = null;
    job.slot = null;
    const queued = queue.indexOf(job);
    if (queued >= 0) queue.splice(queued, 1);
  }

  /** The slot is free for the next query (its worker answered, or is gone). */
  function release(slot: Slot) {
    clearTimeout(slot.stuckTimer);
    slot.running = null;
    slot.abandonedAt = null;
    slot.late = false;
  }

  function spawn(slot: Slot, url: URL): Worker {
    const data: WorkerData = { resuelveSearchWorker: true, path: options.path, abandoned: slot.abandoned };
    // From TypeScript sources (tests, scripts run with tsx) the worker needs tsx's loader as well.
    const execArgv = url.pathname.endsWith('.ts') ? ['--import', 'tsx'] : [];
    // V8 sizes a new isolate's young generation from the process's --max-semi-space-size before a worker's own
    // resourceLimits: clearing the flag lets the limit below hold. The server's heap was sized at start and keeps its own.
    setFlagsFromString('--max-semi-space-size=0');
    const worker = new Worker(url, { workerData: data, execArgv, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    worker.unref();
    workersStarted++;
    running.add(worker);
    worker.once('exit', () => running.delete(worker));
    worker.on('message', (response: WorkerResponse) => {
      if (slot.worker !== worker) return;
      if ('ready' in response) {
        slot.ready = true;
        for (const job of queue) if (!job.budgeted) budget(job);
        return pump();
      }
      if (response.id !== slot.running) return;
      release(slot);
      const job = slot.job;
      if (job?.id === response.id) {
        settle(job);
        if (response.ok) job.resolve(response.value);
        else job.reject(Object.assign(new Error(response.error.message), { name: response.error.name }));
      }
      if (options.recycleHeapBytes && response.heapBytes > options.recycleHeapBytes && queue.length === 0) {
        workersRecycled++;
        replace(slot);
      }
      pump();
    });
    const lost = (cause: unknown) => {
      if (slot.worker !== worker) return;
      const started = slot.ready;
      slot.worker = null;
      slot.ready = false;
      release(slot);
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

  /** Terminates the slot's worker; the next pump starts another. */
  function replace(slot: Slot) {
    const worker = slot.worker;
    if (!worker) return;
    slot.worker = null;
    slot.ready = false;
    release(slot);
    // As for a query sent while no worker is ready: the budget starts again once one is.
    if (!anyReady()) for (const job of queue) unbudget(job);
    stopping++;
    void worker.terminate().finally(() => {
      stopping--;
      pump();
    });
  }

  /** At the abandoned query's second budget: make way if queries wait (pump); at `stuckMs`, replace in any case. */
  function lateWorker(slot: Slot) {
    slot.late = true;
    pump();
    slot.stuckTimer = setTimeout(() => replace(slot), Math.max(0, stuckMs - options.timeoutMs));
    slot.stuckTimer.unref();
  }

  function pump() {
    if (queue.length === 0 || closed) return;
    void resolveWorkerUrl().then(
      (url) => {
        for (const slot of slots) {
          if (queue.length === 0) return;
          if (!slot.worker && stopping < slots.length) slot.worker = spawn(slot, url);
          if (!slot.ready || slot.running !== null) continue;
          const job = queue.shift()!;
          slot.job = job;
          slot.running = job.id;
          job.slot = slot;
          const request: WorkerRequest = { id: job.id, method: job.method, query: job.query, now: options.now() };
          slot.worker!.postMessage(request);
        }
        // Queries wait, no worker is free or starting: the one whose abandoned query is longest past a second budget
        // makes way.
        if (queue.length === 0 || stopping >= slots.length || slots.some((s) => s.worker && !s.ready)) return;
        const late = slots
          .filter((s) => s.late)
          .sort((a, b) => a.abandonedAt! - b.abandonedAt!)[0];
        if (late) {
          replace(late);
          pump();
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
    if (slot) {
      // The worker stops the query at its next deadline check and answers; until then the slot takes nothing else.
      Atomics.store(slot.abandoned, 0, job.id);
      slot.abandonedAt = performance.now();
      clearTimeout(slot.stuckTimer);
      slot.stuckTimer = setTimeout(() => lateWorker(slot), Math.min(options.timeoutMs, stuckMs));
      slot.stuckTimer.unref();
    }
    job.reject(job.budgeted ? new SearchTimeoutError('sqlite', options.timeoutMs) : new SearchUnavailableError('sqlite', new Error('no search worker started in time')));
    pump();
  }

  function run<T>(method: WorkerMethod, query: unknown): Promise<T> {
    if (closed) return Promise.reject(closedError());
    return new Promise<T>((resolve, reject) => {
      const job: Job = { id: nextId++, method, query, resolve: resolve as (v: unknown) => void, reject, timer: undefined as never, budgeted: false, slot: null };
      if (anyReady()) budget(job);
      else unbudget(job);
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
          release(slot);
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
