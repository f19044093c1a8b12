import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { createAccessToken } from '../../src/lib/auth/accounts';
import { createSession } from '../../src/lib/auth/sessions';
import { reindexAll } from '../../src/lib/search/index-handlers';
import { createSearchIndex } from '../../search/index';
import { createDb, runMigrations } from '../../db/client';
import { buildIfNeeded, SERVER_NODE_FLAGS } from '../support/build';
import { progressBar } from '../support/progress';
import { prepareDataset, rssMb, startServer, waitForReady } from './pages';
import { createTextGenerator } from './synthetic-text';

export interface SoakOptions {
  size: number;
  minutes: number;
  fresh: boolean;
  port: number;
  /**
   * Requests a second of the reading traffic (readers, searches, crawlers, members), shared by their connections; each
   * connection still waits for its answer. Absent: as many as the connections get answered (what the machine lets
   * through). The writes keep their 15 a second.
   */
  rate?: number;
  /** Minutes of traffic before the RSS taken as the start (2 by default; see benchSoak). */
  warmUpMinutes?: number;
  /**
   * Which threads the answers go to: `any` (default) spreads them over every thread, as a community's answers are;
   * `hot` puts them all on the 300 hot threads (runs before session 8), whose pages then grow by ~2 answers a minute
   * each, so the pages rendered got longer all through the soak.
   */
  answersTo?: 'any' | 'hot';
  /** Node/V8 flags for the server after SERVER_NODE_FLAGS (a later flag wins): to try a setting before adopting it. */
  nodeFlags?: string[];
}

const PERSON_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
];
const CRAWLER_AGENTS = ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)'];
const WRITERS = 200;
const MEMBERS = 20;

export interface Sample {
  atS: number;
  rssMb: number;
}

/**
 * The RSS's parts from /proc/<pid>/smaps: anonymous memory — glibc's main heap (`[heap]`: the main thread's small
 * blocks), anonymous mappings under 1 MB (V8's heap pages, malloc's blocks of 64 KB and more) and the larger ones
 * (the other malloc arena, thread stacks) — and mapped files (node's code).
 */
function rssParts(pid: number): string {
  let heap = 0;
  let small = 0;
  let large = 0;
  let files = 0;
  let kind: 'heap' | 'small' | 'large' | 'files' | 'other' = 'other';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      const name = mapping[3]!;
      const size = parseInt(mapping[2]!, 16) - parseInt(mapping[1]!, 16);
      kind = name === '[heap]' ? 'heap' : name.startsWith('/') ? 'files' : name === '' ? (size < 1048576 ? 'small' : 'large') : 'other';
      continue;
    }
    const rss = /^Rss:\s+(\d+)/.exec(line);
    if (!rss) continue;
    const kb = Number(rss[1]);
    if (kind === 'heap') heap += kb;
    else if (kind === 'small') small += kb;
    else if (kind === 'large') large += kb;
    else if (kind === 'files') files += kb;
  }
  const mb = (kb: number) => Math.round(kb / 1024);
  return `anonymous ${mb(heap + small + large)} MB: [heap] ${mb(heap)}, mappings under 1 MB ${mb(small)}, larger ${mb(large)}; files ${mb(files)} MB`;
}

/**
 * The soak's database, prepared once: a copy of the pages bench dataset with its search index built (searches then
 * cost what they cost). Reused unless `fresh`. Each run serves a copy of it (`runCopy`), so every run starts from the
 * same data whatever the runs before it wrote.
 */
export async function prepareSoakDataset(size: number, fresh: boolean): Promise<{ dbPath: string }> {
  const { dbPath: source } = prepareDataset(size, false);
  const dbPath = `bench-results/soak-${size}.db`;
  if (fresh || !existsSync(dbPath)) {
    removeDatabase(dbPath);
    copyDatabase(source, dbPath);
    const db = createDb(dbPath, { synchronous: 'NORMAL' });
    const search = createSearchIndex({ engine: 'sqlite', sqlite: db.$client });
    const bar = progressBar('Indexing the soak dataset for search', size);
    const { indexed } = await reindexAll(db, search, (done) => bar.update(Math.min(done, size)));
    bar.stop();
    console.log(`Indexed ${indexed.toLocaleString('en')} documents.`);
    db.$client.close();
  } else {
    console.log(`Reusing ${dbPath} (pass --fresh to rebuild it); migrating it to this checkout.`);
    const db = createDb(dbPath, { synchronous: 'NORMAL' });
    runMigrations(db);
    db.$client.close();
  }
  return { dbPath };
}

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/** Copies a database file whole: its WAL is checkpointed into it first. */
function copyDatabase(from: string, to: string): void {
  const db = createDb(from);
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  copyFileSync(from, to);
}

/**
 * A fresh copy of the prepared soak database for one run (`soak-<size>-run-<port>.db`, so runs on other ports can go
 * side by side), replacing the last run's.
 */
export function runCopy(prepared: string, port: number): string {
  const dbPath = prepared.replace(/\.db$/, `-run-${port}.db`);
  removeDatabase(dbPath);
  copyDatabase(prepared, dbPath);
  return dbPath;
}

/** The soak's database with members able to write at the soak's rate, and their sessions and tokens. */
async function prepareSoak(size: number, fresh: boolean, port: number) {
  const dbPath = runCopy((await prepareSoakDataset(size, fresh)).dbPath, port);
  const db = createDb(dbPath);
  const sqlite = db.$client;
  const now = Date.now();
  const members = sqlite.prepare("select id, email, display_name as displayName, role, locale from users where role = 'member' order by id limit ?").all(WRITERS + MEMBERS) as {
    id: number;
    email: string;
    displayName: string;
    role: 'member';
    locale: 'es' | 'en';
  }[];
  // The writers post at the soak's rate: posting limits are not what is measured here.
  sqlite.prepare(`update users set trust_level = 4 where id in (${members.map((m) => m.id).join(',')})`).run();
  const tokens = members.slice(0, WRITERS).map((m) => createAccessToken(db, { ...m, suspendedUntil: null }, { name: `soak ${now}` }, now).token);
  const sessions = members.slice(WRITERS).map((m) => `session=${createSession(db, m.id, now).token}`);
  const threads = sqlite.prepare('select id, locale, slug from questions where deleted_at is null order by id').all() as { id: number; locale: string; slug: string }[];
  const articles = sqlite.prepare("select locale, slug from articles where status = 'published'").all() as { locale: string; slug: string }[];
  const answerIds = sqlite.prepare('select id from answers where question_id <= 2000').all() as { id: number }[];
  // Member pages: the answerers of the threads the writers answer and vote on (their pages' lists change under the
  // soak), and as many members taken at random.
  const answerers = sqlite.prepare('select distinct author_id as id from answers where question_id <= 2000').all() as { id: number }[];
  const others = sqlite.prepare("select id from users where role = 'member' order by random() limit ?").all(answerers.length) as { id: number }[];
  sqlite.close();
  return { dbPath, tokens, sessions, threads, articles, answerIds: answerIds.map((a) => a.id), memberIds: [...answerers, ...others].map((m) => m.id) };
}

/**
 * `npm run bench -- soak`: mixed traffic for `minutes` against the built server on the bench dataset, on 36
 * connections that each send their next request when the last is answered — 20 anonymous readers over every kind of
 * page (hot threads and the long tail, articles, lists, KB, home and member pages), 4 searching, 2 crawlers, 6 signed-in
 * members, and 4 posting answers and votes through the API at 15 a second — sampling the server's RSS every 5 s. After the warm-up
 * the RSS should stay flat: the figure is the peak and the end against the RSS at the end of the warm-up. The warm-up
 * is 2 minutes: the bounded caches (pages, statements) and V8's heaps reach the size the traffic gives them in about
 * that time at ~20-30 requests/s (one minute left the search workers' and the page cache's growth in the figure).
 */
export async function benchSoak(opts: SoakOptions) {
  const data = await prepareSoak(opts.size, opts.fresh, opts.port);
  buildIfNeeded((line) => console.log(line));
  const base = `http://127.0.0.1:${opts.port}`;
  const server = startServer(data.dbPath, opts.port, { OUTBOX_INTERVAL_MS: '500' }, undefined, undefined, [...SERVER_NODE_FLAGS, ...(opts.nodeFlags ?? [])]);
  const gen = createTextGenerator(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(gen.rand() * list.length)]!;
  const hot = data.threads.slice(0, 300);
  const answersTo = opts.answersTo ?? 'any';
  const hotIds = new Set(hot.map((t) => t.id));
  /** Answers sent in all and to the hot threads (they lengthen the pages most read). */
  const answersSent = { all: 0, hot: 0 };
  const threadPath = () => {
    const t = gen.rand() < 0.6 ? pick(hot) : pick(data.threads);
    return `/${gen.rand() < 0.8 ? t.locale : t.locale === 'es' ? 'en' : 'es'}/questions/${t.id}/${t.slug}`;
  };
  const words = ['router', 'wifi', 'factura', 'password', 'contraseña', 'error', 'app', 'pedido', 'internet', 'móvil', 'speed', 'reset', 'velocidad', 'fibra'];
  const anonymousPath = () => {
    const r = gen.rand();
    const locale = gen.rand() < 0.5 ? 'es' : 'en';
    if (r < 0.55) return threadPath();
    if (r < 0.65) {
      const a = pick(data.articles);
      return `/${a.locale}/kb/${a.slug}`;
    }
    if (r < 0.75) return pick([`/${locale}/questions`, `/${locale}/questions?filter=unanswered`, `/${locale}/questions?filter=solved`, `/${locale}/questions?category=billing`, `/${locale}/questions?tag=tag-${1 + Math.floor(gen.rand() * 60)}`]);
    if (r < 0.8) return `/${locale}/`;
    if (r < 0.9) return `/${locale}/kb`;
    if (r < 0.95) return `/${locale}/members/${pick(data.memberIds)}`;
    return pick([`/${locale}/about`, `/${locale}/flows`, `/${locale}/status`]);
  };
  const searchPath = () => {
    const locale = gen.rand() < 0.5 ? 'es' : 'en';
    return `/${locale}/search?q=${encodeURIComponent(`${pick(words)}${gen.rand() < 0.5 ? ` ${pick(words)}` : ''}`)}`;
  };
  const memberPath = () => {
    const r = gen.rand();
    const locale = gen.rand() < 0.5 ? 'es' : 'en';
    if (r < 0.7) return threadPath();
    if (r < 0.85) return `/${locale}/questions`;
    if (r < 0.9) return `/${locale}/notifications`;
    if (r < 0.95) return `/${locale}/members/${pick(data.memberIds)}`;
    return `/${locale}/`;
  };

  const samples: Sample[] = [];
  /** Each minute's line: RSS, answers sent in the minute (to hot threads), the hot threads' answers then. */
  const minutes: { minute: number; rssMb: number; answers: number; hotAnswers: number; hotMean: number; hotMax: number }[] = [];
  const started = Date.now();
  let sampler: NodeJS.Timeout | null = null;
  const reader = createDb(data.dbPath, { readonly: true }).$client;
  try {
    await waitForReady(`${base}/readyz`, server);
    const bootRss = rssMb(server.pid!).rss;
    const loadAverage = loadavg().map((n) => Math.round(n * 100) / 100);
    const warmUpS = Math.round((opts.warmUpMinutes ?? 2) * 60);
    const durationS = Math.round(opts.minutes * 60) + warmUpS;
    console.log(
      `Soak: ${warmUpS / 60} minutes of warm-up, then ${opts.minutes} minutes${opts.rate ? `, reading traffic capped at ${opts.rate} requests/s` : ''}, answers to ${answersTo === 'hot' ? 'the hot threads' : 'any thread'}${opts.nodeFlags?.length ? `, server flags added: ${opts.nodeFlags.join(' ')}` : ''}; RSS sampled every 5 s (boot: ${bootRss} MB, load average ${loadAverage.join(' ')})…`,
    );
    const hotAnswers = reader.prepare(`select max(answer_count) as max, avg(answer_count) as mean from questions where id in (${[...hotIds].join(',')})`);
    const hotAnswersNow = () => {
      const { max, mean } = hotAnswers.get() as { max: number; mean: number };
      return { max, mean: Math.round(mean * 10) / 10 };
    };
    const hotAtStart = hotAnswersNow();
    let sentBefore = { ...answersSent };
    sampler = setInterval(() => {
      const atS = Math.round((Date.now() - started) / 1000);
      samples.push({ atS, rssMb: rssMb(server.pid!).rss });
      if (atS % 60 < 5) {
        const hotNow = hotAnswersNow();
        minutes.push({ minute: Math.floor(atS / 60), rssMb: samples.at(-1)!.rssMb, answers: answersSent.all - sentBefore.all, hotAnswers: answersSent.hot - sentBefore.hot, hotMean: hotNow.mean, hotMax: hotNow.max });
        sentBefore = { ...answersSent };
        const m = minutes.at(-1)!;
        console.log(
          `  ${String(m.minute).padStart(2)} min  RSS ${m.rssMb} MB (${rssParts(server.pid!)}); answers ${m.answers} in the minute, ${m.hotAnswers} on hot threads (they hold ${m.hotMean} on average, ${m.hotMax} at most)`,
        );
        // The server says what holds its memory (one line on its stderr, shown here).
        server.kill('SIGUSR2');
      }
    }, 5000);

    const readingConnections = 20 + 4 + 2 + 6;
    const rateOf = (connections: number) => (opts.rate ? { overallRate: Math.max(1, Math.round((opts.rate * connections) / readingConnections)) } : {});
    const run = (name: string, options: autocannon.Options) =>
      new Promise<{ name: string; requests: number; perSecond: number; p50Ms: number; p99Ms: number; statuses: Record<string, number>; errors: number }>((resolve, reject) => {
        // Under load a render may wait seconds for the CPU: that is latency here, not an error.
        const instance = autocannon({ timeout: 60, ...options, duration: durationS }, (error, result) => {
          if (error) return reject(error);
          resolve({
            name,
            requests: result.requests.total,
            perSecond: Math.round(result.requests.average),
            p50Ms: result.latency.p50,
            p99Ms: result.latency.p99,
            statuses: { '1xx': result['1xx'], '2xx': result['2xx'], '3xx': result['3xx'], '4xx': result['4xx'], '5xx': result['5xx'] },
            errors: result.errors + result.timeouts,
          });
        });
        let reported = 0;
        instance.on('reqError', (err: Error) => {
          if (reported++ < 3) console.log(`  ${name}: ${err.message}`);
        });
      });
    const results = await Promise.all([
      run('anonymous readers', {
        url: base,
        connections: 20,
        ...rateOf(20),
        requests: [{ setupRequest: (req) => ({ ...req, path: anonymousPath(), headers: { ...req.headers, 'user-agent': pick(PERSON_AGENTS) } }) }],
      }),
      run('anonymous searches', {
        url: base,
        connections: 4,
        ...rateOf(4),
        requests: [{ setupRequest: (req) => ({ ...req, path: searchPath(), headers: { ...req.headers, 'user-agent': pick(PERSON_AGENTS) } }) }],
      }),
      run('crawlers', {
        url: base,
        connections: 2,
        ...rateOf(2),
        requests: [{ setupRequest: (req) => ({ ...req, path: gen.rand() < 0.8 ? threadPath() : anonymousPath(), headers: { ...req.headers, 'user-agent': pick(CRAWLER_AGENTS) } }) }],
      }),
      run('signed-in members', {
        url: base,
        connections: 6,
        ...rateOf(6),
        requests: [{ setupRequest: (req) => ({ ...req, path: memberPath(), headers: { ...req.headers, cookie: pick(data.sessions), 'user-agent': pick(PERSON_AGENTS) } }) }],
      }),
      run('writes (answers, votes)', {
        url: base,
        connections: 4,
        overallRate: 15,
        requests: [
          {
            setupRequest: (req) => {
              const auth = { ...req.headers, authorization: `Bearer ${pick(data.tokens)}`, 'content-type': 'application/json' };
              if (gen.rand() < 2 / 3) {
                const q = pick(answersTo === 'hot' ? hot : data.threads).id;
                answersSent.all++;
                if (hotIds.has(q)) answersSent.hot++;
                return { ...req, method: 'POST', path: `/api/v1/questions/${q}/answers`, headers: auth, body: JSON.stringify({ body: `Soak answer: ${gen.title('en')} (${Date.now()})` }) };
              }
              return { ...req, method: 'POST', path: `/api/v1/posts/${pick(data.answerIds)}/votes`, headers: auth, body: JSON.stringify({ value: gen.rand() < 0.8 ? 1 : -1 }) };
            },
          },
        ],
      }),
    ]);
    clearInterval(sampler);
    sampler = null;
    samples.push({ atS: Math.round((Date.now() - started) / 1000), rssMb: rssMb(server.pid!).rss });
    const afterWarmUp = samples.find((s) => s.atS >= warmUpS) ?? samples[0]!;
    const measured = samples.filter((s) => s.atS > afterWarmUp.atS);
    // The start is the warm-up's last minute at its highest: RSS can saw up and down within a minute (a last-resort
    // collection tried in session 8 moved it by 20–60 MB), and a single sample would fall anywhere on that saw.
    const start = samples.filter((s) => s.atS >= warmUpS - 60 && s.atS <= afterWarmUp.atS).reduce((m, s) => Math.max(m, s.rssMb), 0);
    const peak = measured.reduce((m, s) => Math.max(m, s.rssMb), 0);
    const peakFromBoot = samples.reduce((m, s) => Math.max(m, s.rssMb), 0);
    const end = samples.at(-1)!.rssMb;
    const percent = (a: number, b: number) => Math.round((a / b - 1) * 1000) / 10;
    return {
      size: opts.size,
      minutes: opts.minutes,
      warmUpMinutes: warmUpS / 60,
      rate: opts.rate ?? null,
      answersTo,
      nodeFlags: opts.nodeFlags ?? [],
      loadAverage,
      loadAverageAtEnd: loadavg().map((n) => Math.round(n * 100) / 100),
      rssMb: {
        boot: bootRss,
        start,
        peak,
        end,
        peakVsStart: percent(peak, start),
        endVsStart: percent(end, start),
        peakFromBoot,
        /** The sample at the end of the warm-up alone, as runs before session 8 took the start. */
        startSample: afterWarmUp.rssMb,
        peakVsStartSample: percent(peak, afterWarmUp.rssMb),
      },
      answers: { sent: answersSent.all, toHotThreads: answersSent.hot, hotThreadsAtStart: hotAtStart, hotThreadsAtEnd: hotAnswersNow() },
      minuteLines: minutes,
      samples,
      results,
    };
  } finally {
    if (sampler) clearInterval(sampler);
    reader.close();
    server.kill('SIGTERM');
  }
}

export type SoakResult = Awaited<ReturnType<typeof benchSoak>>;

export function printSoakResult(result: SoakResult, log: (...args: unknown[]) => void): void {
  log(
    `\nSoak on ${result.size.toLocaleString('en')} questions: ${result.warmUpMinutes} minutes of warm-up, then ${result.minutes} minutes${result.rate ? ` (reading traffic capped at ${result.rate} requests/s)` : ''}${result.nodeFlags.length ? `, server flags added: ${result.nodeFlags.join(' ')}` : ''} (load average before: ${result.loadAverage.join(' ')}, at the end: ${result.loadAverageAtEnd.join(' ')})`,
  );
  log(`${'traffic'.padEnd(26)} ${'requests'.padStart(9)} ${'req/s'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}  statuses`);
  for (const r of result.results) {
    const statuses = Object.entries(r.statuses).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');
    log(`${r.name.padEnd(26)} ${String(r.requests).padStart(9)} ${String(r.perSecond).padStart(6)} ${r.p50Ms.toFixed(0).padStart(7)} ${r.p99Ms.toFixed(0).padStart(7)}  ${statuses}${r.errors ? `, ${r.errors} errors` : ''}`);
  }
  const m = result.rssMb;
  log(
    `server RSS: ${m.boot} MB at boot; after the warm-up ${m.start} MB (the highest of its last minute), peak ${m.peak} MB (${signed(m.peakVsStart)} %), end ${m.end} MB (${signed(m.endVsStart)} %)`,
  );
  log(`  against the single sample at the warm-up's end (${m.startSample} MB), as before session 8: peak ${signed(m.peakVsStartSample)} %`);
  const perMinute = minuteRanges(result.samples);
  log(`RSS each minute from boot, lowest–highest of its samples (the first ${result.warmUpMinutes} are the warm-up): ${perMinute.join(', ')} MB; highest since boot ${m.peakFromBoot} MB`);
  const a = result.answers;
  log(
    `answers (to ${result.answersTo === 'hot' ? 'the 300 hot threads' : 'any thread'}): ${a.sent} sent, ${a.toHotThreads} of them on hot threads; hot threads held ${a.hotThreadsAtStart.mean} answers on average (${a.hotThreadsAtStart.max} at most) at the start, ${a.hotThreadsAtEnd.mean} (${a.hotThreadsAtEnd.max}) at the end`,
  );
}

const signed = (n: number) => `${n >= 0 ? '+' : ''}${n}`;

/** Each whole minute's lowest and highest RSS sample, as `low–high`. */
export function minuteRanges(samples: readonly Sample[]): string[] {
  const minutes = new Map<number, { low: number; high: number }>();
  for (const s of samples) {
    const minute = Math.floor((s.atS - 1) / 60);
    const range = minutes.get(minute);
    if (!range) minutes.set(minute, { low: s.rssMb, high: s.rssMb });
    else minutes.set(minute, { low: Math.min(range.low, s.rssMb), high: Math.max(range.high, s.rssMb) });
  }
  return [...minutes.values()].map((r) => (r.low === r.high ? String(r.low) : `${r.low}–${r.high}`));
}
