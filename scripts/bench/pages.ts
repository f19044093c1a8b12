import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { getThread } from '../../src/lib/community/get-thread';
import { questionPath } from '../../src/lib/community/slug';
import { createDb } from '../../db/client';
import { buildIfNeeded, SERVER_ENTRY } from '../support/build';
import { generateDataset, THREAD_WITH_20_ANSWERS } from './generate';

export interface PagesOptions {
  size: number;
  duration: number;
  connections: number;
  fresh: boolean;
  json: boolean;
}

export interface LoadResult {
  name: string;
  path: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

function rssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

async function waitForReady(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server did not become ready in 60 s');
}

function load(url: string, name: string, path: string, opts: PagesOptions, headers: Record<string, string> = {}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    autocannon({ url: url + path, connections: opts.connections, duration: opts.duration, headers }, (error, result) => {
      if (error) return reject(error);
      resolve({
        name,
        path,
        requestsPerSec: Math.round(result.requests.average),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
      });
    });
  });
}

/** Requests/s and latency of a trivial page and of a 20-answer thread page, served from a scratch database. */
export async function benchPages(opts: PagesOptions) {
  const dbPath = `bench-results/bench-${opts.size}.db`;
  if (opts.fresh || !existsSync(dbPath)) generateDataset(dbPath, opts.size).$client.close();
  else console.log(`Reusing ${dbPath} (pass --fresh to regenerate).`);
  const db = createDb(dbPath, { readonly: true });
  const thread = getThread(db, THREAD_WITH_20_ANSWERS)!;
  db.$client.close();
  if (thread.answers.length !== 20) throw new Error(`expected 20 answers on the benchmark thread, found ${thread.answers.length}`);
  const threadPath = questionPath(thread.question.locale, thread.question);

  buildIfNeeded((line) => console.log(line));
  const port = Number(process.env.PORT ?? 4410);
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [SERVER_ENTRY], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATABASE_PATH: dbPath, SITE_URL: base, LOG_LEVEL: 'warn', OUTBOX_INTERVAL_MS: '60000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForReady(`${base}/readyz`, server);
    for (const path of ['/es/about', threadPath]) {
      const res = await fetch(base + path);
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    }
    console.log(`Warming up, then ${opts.duration} s per page with ${opts.connections} connections…`);
    await load(base, 'warm-up', threadPath, { ...opts, duration: 2 });
    const trivial = await load(base, 'trivial page', '/es/about', opts);
    const threadResult = await load(base, 'thread page, 20 answers', threadPath, opts);
    // The same page rendered on every request: anonymous thread pages are otherwise served from the microcache.
    const uncached = await load(base, 'thread, rendered each time', threadPath, opts, { 'cache-control': 'no-cache' });
    const memory = rssMb(server.pid!);
    const ratio = (r: LoadResult) => Math.round((r.requestsPerSec / trivial.requestsPerSec) * 1000) / 1000;
    return {
      size: opts.size,
      trivial,
      thread: threadResult,
      threadUncached: uncached,
      ratio: ratio(threadResult),
      ratioUncached: ratio(uncached),
      serverRssMb: memory.rss,
      serverPeakRssMb: memory.peak,
    };
  } finally {
    server.kill('SIGTERM');
  }
}
