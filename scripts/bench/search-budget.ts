import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { buildIfNeeded } from '../support/build';
import { startServer, waitForReady } from './pages';
import { prepareSoakDataset } from './soak';
import { createTextGenerator } from './synthetic-text';

export interface SearchBudgetOptions {
  size: number;
  duration: number;
  fresh: boolean;
  port: number;
}

const WORDS = {
  es: ['factura', 'contraseña', 'router', 'pedido', 'velocidad', 'fibra', 'móvil', 'error', 'cuenta', 'pago', 'wifi', 'instalación'],
  en: ['invoice', 'password', 'router', 'order', 'speed', 'fiber', 'mobile', 'error', 'account', 'payment', 'wifi', 'install'],
};

/**
 * `npm run bench -- search-budget`: how much search the 1 s budget (SEARCH_TIMEOUT_MS) holds on this machine. Searches
 * of one or two words (as readers type them, with their language as filter) go to GET /api/v1/search on the soak
 * dataset (100k indexed questions), from 1 to 32 at a time, each level for `duration` seconds; for each: searches
 * answered per second, latency and the share answered 503 because the budget ran out.
 */
export async function benchSearchBudget(opts: SearchBudgetOptions) {
  const { dbPath } = await prepareSoakDataset(opts.size, opts.fresh);
  buildIfNeeded((line) => console.log(line));
  const base = `http://127.0.0.1:${opts.port}`;
  const server = startServer(dbPath, opts.port);
  const gen = createTextGenerator(11);
  const query = () => {
    const locale = gen.rand() < 0.5 ? 'es' : 'en';
    const words = WORDS[locale];
    const q = gen.rand() < 0.5 ? words[Math.floor(gen.rand() * words.length)]! : `${words[Math.floor(gen.rand() * words.length)]} ${words[Math.floor(gen.rand() * words.length)]}`;
    return `/api/v1/search?locale=${locale}&q=${encodeURIComponent(q)}`;
  };
  try {
    await waitForReady(`${base}/readyz`, server);
    const loadAverage = loadavg().map((n) => Math.round(n * 100) / 100);
    const levels = [];
    for (const connections of [1, 2, 4, 8, 16, 32]) {
      const r = await new Promise<autocannon.Result>((resolve, reject) =>
        autocannon({ url: base, connections, duration: opts.duration, timeout: 30, requests: [{ setupRequest: (req) => ({ ...req, path: query() }) }] }, (error, result) => (error ? reject(error) : resolve(result))),
      );
      const level = {
        connections,
        perSecond: Math.round(r.requests.average * 10) / 10,
        p50Ms: r.latency.p50,
        p99Ms: r.latency.p99,
        over503Percent: Math.round(((r['5xx'] ?? 0) / Math.max(1, r.requests.total)) * 1000) / 10,
        requests: r.requests.total,
      };
      levels.push(level);
      console.log(`  ${connections} at a time: ${level.perSecond} searches/s, p50 ${level.p50Ms} ms, p99 ${level.p99Ms} ms, ${level.over503Percent} % over the budget (503)`);
    }
    return { size: opts.size, durationS: opts.duration, loadAverage, levels };
  } finally {
    server.kill('SIGTERM');
  }
}

export type SearchBudgetResult = Awaited<ReturnType<typeof benchSearchBudget>>;

export function printSearchBudgetResult(result: SearchBudgetResult, log: (...args: unknown[]) => void): void {
  log(`\nSearch under the 1 s budget, ${result.size.toLocaleString('en')} indexed questions, ${result.durationS} s per level (load average before: ${result.loadAverage.join(' ')})`);
  log(`${'at a time'.padStart(9)} ${'searches/s'.padStart(11)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'503 %'.padStart(6)}`);
  for (const l of result.levels) log(`${String(l.connections).padStart(9)} ${String(l.perSecond).padStart(11)} ${String(l.p50Ms).padStart(7)} ${String(l.p99Ms).padStart(7)} ${String(l.over503Percent).padStart(6)}`);
}
