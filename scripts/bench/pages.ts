import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { createSession } from '../../src/lib/auth/sessions';
import { getThread } from '../../src/lib/community/get-thread';
import { questionPath } from '../../src/lib/community/slug';
import { createDb, runMigrations } from '../../db/client';
import { buildIfNeeded, SERVER_ENTRY, SERVER_ENV, SERVER_NODE_FLAGS } from '../support/build';
import { BENCH_ARTICLE_PATH, generateDataset, THREAD_WITH_20_ANSWERS } from './generate';
import { PROFILE_BADGES, PROFILE_MEMBER, prepareReputation } from './reputation';

export interface PagesOptions {
  size: number;
  duration: number;
  connections: number;
  fresh: boolean;
  json: boolean;
  /** The server listens here (the raw node:http server on a free port of the system's choosing). */
  port: number;
}

export interface LoadResult {
  name: string;
  path: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** Server CPU time (user + system) per request: steadier than requests/s on a machine shared with other jobs. */
  cpuUsPerRequest: number;
  /** Requests/s ÷ the trivial page's. */
  ratioTrivial: number;
  /** Requests/s ÷ the raw node:http server's. */
  ratioRaw: number;
}

export function rssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** CPU time (user + system) a process has used, in microseconds. */
export function cpuUs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

export async function waitForReady(url: string, server: ChildProcess): Promise<void> {
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

export type Load = Omit<LoadResult, 'ratioTrivial' | 'ratioRaw'>;

export function load(pid: number, url: string, name: string, path: string, opts: Pick<PagesOptions, 'connections' | 'duration'>, headers: Record<string, string> = {}): Promise<Load> {
  const cpuBefore = cpuUs(pid);
  return new Promise((resolve, reject) => {
    autocannon({ url: url + path, connections: opts.connections, duration: opts.duration, headers }, (error, result) => {
      if (error) return reject(error);
      resolve({
        cpuUsPerRequest: Math.round((cpuUs(pid) - cpuBefore) / Math.max(1, result.requests.total)),
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

/** Opens the bench dataset (generating it when missing or asked) and returns what the runs need from it. */
export function prepareDataset(size: number, fresh: boolean) {
  const dbPath = `bench-results/bench-${size}.db`;
  if (fresh || !existsSync(dbPath)) generateDataset(dbPath, size).$client.close();
  else console.log(`Reusing ${dbPath} (pass --fresh to regenerate); migrating it to this checkout.`);
  // The leaderboard and profile pages read the reputation facts, given once to the dataset.
  const writable = createDb(dbPath, { synchronous: 'NORMAL' });
  runMigrations(writable);
  prepareReputation(writable);
  writable.$client.close();
  const db = createDb(dbPath);
  const thread = getThread(db, THREAD_WITH_20_ANSWERS)!;
  if (thread.answers.length !== 20) throw new Error(`expected 20 answers on the benchmark thread, found ${thread.answers.length}`);
  // A member who is neither the asker nor an answerer, as most readers are.
  const member = db.$client.prepare("select id from users where role = 'member' and id not in (select author_id from answers where question_id = ?) and id <> ? order by id limit 1").get(THREAD_WITH_20_ANSWERS, thread.question.author.id) as { id: number };
  const { token } = createSession(db, member.id, Date.now());
  db.$client.close();
  return { dbPath, threadPath: questionPath(thread.question.locale, thread.question), sessionCookie: `session=${token}`, memberId: member.id };
}

/** The built server on a bench dataset, with the environment every bench run uses. */
export function startServer(dbPath: string, port: number, env: Record<string, string> = {}, logFile?: string, entry = SERVER_ENTRY, nodeFlags = SERVER_NODE_FLAGS): ChildProcess {
  const log = logFile ? openSync(logFile, 'w') : null;
  return spawn(process.execPath, [...nodeFlags, entry], {
    env: { ...process.env, ...SERVER_ENV, HOST: '127.0.0.1', PORT: String(port), DATABASE_PATH: dbPath, SITE_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn', OUTBOX_INTERVAL_MS: '60000', ...env },
    stdio: ['ignore', log ?? 'ignore', log ?? 'inherit'],
  });
}

/**
 * Requests/s and latency of the site's pages against a trivial page and against a raw node:http server writing the
 * thread's HTML from memory (the most Node can do with these connections), all in one run on one dataset.
 */
export async function benchPages(opts: PagesOptions) {
  const { dbPath, threadPath, sessionCookie } = prepareDataset(opts.size, opts.fresh);
  buildIfNeeded((line) => console.log(line));
  const base = `http://127.0.0.1:${opts.port}`;
  const server = startServer(dbPath, opts.port);
  let raw: ChildProcess | null = null;
  try {
    await waitForReady(`${base}/readyz`, server);
    const startRss = rssMb(server.pid!).rss;
    const loadAverage = loadavg().map((n) => Math.round(n * 100) / 100);
    const pages: { name: string; path: string; headers?: Record<string, string> }[] = [
      { name: 'trivial page', path: '/es/about' },
      { name: 'thread, 20 answers', path: threadPath },
      { name: 'thread, rendered each time', path: threadPath, headers: { 'cache-control': 'no-cache' } },
      // Next to the thread, before the server's minute jobs first run (they hold the event loop for a while).
      { name: 'leaderboard page', path: '/es/leaderboards' },
      { name: `profile with ${PROFILE_BADGES} badges`, path: `/es/members/${PROFILE_MEMBER}` },
      { name: 'profile, rendered each time', path: `/es/members/${PROFILE_MEMBER}`, headers: { 'cache-control': 'no-cache' } },
      { name: 'thread, signed in', path: threadPath, headers: { cookie: sessionCookie } },
      { name: 'KB article', path: BENCH_ARTICLE_PATH },
      { name: 'KB article, rendered each time', path: BENCH_ARTICLE_PATH, headers: { 'cache-control': 'no-cache' } },
      { name: 'question list', path: '/es/questions' },
      { name: 'home page', path: '/es/' },
    ];
    for (const page of pages) {
      const res = await fetch(base + page.path, { headers: page.headers });
      if (res.status !== 200) throw new Error(`${page.path} answered ${res.status}`);
    }
    const html = await (await fetch(base + threadPath)).text();
    const htmlFile = 'bench-results/thread.html';
    writeFileSync(htmlFile, html);
    raw = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/raw-server.ts', htmlFile], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const rawPort = await new Promise<number>((resolve, reject) => {
      raw!.once('message', (port) => resolve(Number(port)));
      raw!.once('exit', (code) => reject(new Error(`the raw node:http server exited with code ${code}`)));
    });

    console.log(`Warming up, then ${opts.duration} s per page with ${opts.connections} connections…`);
    // Every page is warmed, not only the thread: the page measured first (the trivial one, every ratio's base) cost
    // up to nearly three times the CPU a request cold as warm, which inflated every ratio to it.
    await load(raw.pid!, `http://127.0.0.1:${rawPort}`, 'warm-up', '/', { ...opts, duration: 1 });
    for (const page of pages) await load(server.pid!, base, 'warm-up', page.path, { ...opts, duration: 1 }, page.headers);
    const rawResult = await load(raw.pid!, `http://127.0.0.1:${rawPort}`, 'raw node:http, same HTML', '/', opts);
    const loads: Load[] = [];
    for (const page of pages) loads.push(await load(server.pid!, base, page.name, page.path, opts, page.headers));
    const memory = rssMb(server.pid!);
    const trivial = loads[0]!;
    const withRatios = (r: Load): LoadResult => ({
      ...r,
      ratioTrivial: Math.round((r.requestsPerSec / trivial.requestsPerSec) * 1000) / 1000,
      ratioRaw: Math.round((r.requestsPerSec / rawResult.requestsPerSec) * 1000) / 1000,
    });
    return {
      size: opts.size,
      connections: opts.connections,
      durationS: opts.duration,
      loadAverage,
      htmlBytes: Buffer.byteLength(html),
      results: [withRatios(rawResult), ...loads.map(withRatios)],
      serverRssMb: { start: startRss, end: memory.rss, peak: memory.peak },
    };
  } finally {
    raw?.kill('SIGTERM');
    server.kill('SIGTERM');
  }
}

export type PagesResult = Awaited<ReturnType<typeof benchPages>>;

export function printPagesResult(result: PagesResult, log: (...args: unknown[]) => void): void {
  log(`\nPages benchmark on ${result.size.toLocaleString('en')} questions, ${result.connections} connections, ${result.durationS} s each (load average before: ${result.loadAverage.join(' ')}; thread HTML ${Math.round(result.htmlBytes / 1024)} KB)`);
  log(`${'page'.padEnd(32)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'÷trivial'.padStart(9)} ${'÷raw'.padStart(7)} ${'CPU µs/req'.padStart(11)} ${'errors'.padStart(7)}`);
  for (const r of result.results) {
    log(`${r.name.padEnd(32)} ${String(r.requestsPerSec).padStart(8)} ${r.p50Ms.toFixed(1).padStart(7)} ${r.p99Ms.toFixed(1).padStart(7)} ${r.ratioTrivial.toFixed(3).padStart(9)} ${r.ratioRaw.toFixed(3).padStart(7)} ${String(r.cpuUsPerRequest).padStart(11)} ${String(r.non2xx + r.errors).padStart(7)}`);
  }
  log(`server RSS: ${result.serverRssMb.start} MB at start, ${result.serverRssMb.end} MB after the runs (peak ${result.serverRssMb.peak} MB)`);
}
