import { rmSync } from 'node:fs';
import { createDb, runMigrations } from '../../db/client';
import { articles, categories } from '../../db/schema/index';
import { deflectionFigures } from '../../src/lib/deflection/figures';
import { recordClientEvents, recordSuggestionsShown, type DeflectionClient, type DeflectionRuntime } from '../../src/lib/deflection/record-events';
import { DeflectionRecorder } from '../../src/lib/deflection/recorder';
import { MemoryRateLimiter } from '../../src/lib/rate-limits/memory';
import { buildWidget, WIDGET_MAX_GZIP_BYTES } from '../support/widget';

const DB_PATH = 'bench-results/deflection.db';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
/** Requests measured per kind. */
const REQUESTS = 10_000;
const VISITORS = 2_000;

export interface DeflectionBenchResult {
  /** What recording adds to a request, in microseconds (the budget: 500 µs). */
  contactPageUs: Timing;
  eventsApiUs: Timing;
  /** Writing the queued events: rows per second, and the longest flush (it runs off the request path, on a timer). */
  flush: { events: number; ms: number; perSecond: number; maxFlushMs: number };
  /** deflectionFigures over a day of these events. */
  figuresMs: number;
  widget: { bytes: number; gzipBytes: number; budgetGzipBytes: number };
}

/**
 * Wall time per call, and the thread's CPU time per call on average (the CPU clock ticks too coarsely to time one
 * call; a shared machine's preemptions show in the wall p99, not in the CPU mean).
 */
interface Timing {
  p50: number;
  p99: number;
  cpuMean: number;
}

const threadCpuUsage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.bind(process) ?? (() => process.cpuUsage());
const cpuMicros = () => {
  const u = threadCpuUsage();
  return u.user + u.system;
};

class Timer {
  private readonly wall: number[] = [];
  private cpu = 0;
  measure<T>(fn: () => T): T {
    const c = cpuMicros();
    const t = performance.now();
    const result = fn();
    this.wall.push((performance.now() - t) * 1000);
    this.cpu += cpuMicros() - c;
    return result;
  }
  result(): Timing {
    const at = (q: number) => Math.round(this.wall.sort((a, b) => a - b)[Math.min(this.wall.length - 1, Math.floor(this.wall.length * q))]! * 10) / 10;
    return { p50: at(0.5), p99: at(0.99), cpuMean: Math.round((this.cpu / this.wall.length) * 10) / 10 };
  }
}

/**
 * The cost of deflection recording where customers meet it, on a real SQLite file: the part of a contact page request
 * that records the form reached and the five suggestions it shows, the part of `POST /api/v1/events` after the body is
 * read (validation, the subject check, the flood limits, the queue), the background flushes, and the widget's size.
 */
export async function benchDeflection({ log }: { log: (...a: unknown[]) => void }): Promise<DeflectionBenchResult> {
  rmSync(DB_PATH, { force: true });
  rmSync(`${DB_PATH}-wal`, { force: true });
  rmSync(`${DB_PATH}-shm`, { force: true });
  const db = createDb(DB_PATH, { synchronous: 'NORMAL' });
  runMigrations(db);
  const category = db.insert(categories).values({ slug: 'billing', nameEs: 'Facturación', nameEn: 'Billing' }).returning().get();
  const articleIds = Array.from({ length: 20 }, (_, i) =>
    db
      .insert(articles)
      .values({ locale: 'es', slug: `a-${i}`, translationKey: `k-${i}`, title: `Artículo ${i}`, bodyMd: 'x', bodyHtml: 'x', bodyText: 'x', categoryId: category.id, status: 'published', createdAt: 0, updatedAt: 0 })
      .returning()
      .get().id,
  );
  const runtime: DeflectionRuntime = { recorder: new DeflectionRecorder({ maxPending: 1_000_000 }), limiter: new MemoryRateLimiter() };
  const start = Date.UTC(2026, 11, 1, 8);
  const client = (i: number): DeflectionClient => ({ visitorId: `benchvisitor${String(i % VISITORS).padStart(8, '0')}`, memberId: null, userAgent: BROWSER, ip: `10.0.${(i >> 8) & 255}.${i & 255}`, locale: 'es' });
  let flushes = 0;
  let flushMs = 0;
  let maxFlushMs = 0;
  let written = 0;
  const flush = (now: number) => {
    const started = performance.now();
    written += runtime.recorder.flush(db, now).written;
    const ms = performance.now() - started;
    flushes++;
    flushMs += ms;
    maxFlushMs = Math.max(maxFlushMs, ms);
  };

  log(`Recording on ${REQUESTS.toLocaleString('en')} contact page requests and ${REQUESTS.toLocaleString('en')} event batches from ${VISITORS.toLocaleString('en')} visitors…`);
  const page = new Timer();
  const api = new Timer();
  for (let i = 0; i < REQUESTS; i++) {
    // Five requests a second on the server's clock, flushed every second as the server does.
    const now = start + i * 200;
    const who = client(i);
    page.measure(() => {
      runtime.recorder.record({ occurredAt: now, type: 'form_reached', surface: 'contact_form', visitorId: who.visitorId, memberId: null, locale: 'es' });
      recordSuggestionsShown(runtime, who, { surface: 'contact_form', query: 'me han cobrado dos veces', items: articleIds.slice(i % 15, (i % 15) + 5).map((id) => ({ type: 'article', id })) }, now);
    });
    const batch = {
      sentAt: now,
      visitorId: who.visitorId,
      events: [
        { id: `b${i}-shown-aaaa`, type: 'suggestion_shown', surface: 'widget', at: now - 1500, category: 'billing', query: 'factura', items: articleIds.slice(0, 5).map((id, r) => ({ type: 'article', id, rank: r + 1 })) },
        { id: `b${i}-confirm-aa`, type: 'confirmed', surface: 'widget', at: now, subject: { type: 'article', id: articleIds[i % 5]! }, rank: (i % 5) + 1 },
      ],
    };
    api.measure(() => recordClientEvents(db, runtime, batch, { ...who, visitorId: null }, now));
    if (i % 5 === 4) flush(now);
  }
  flush(start + REQUESTS * 200);
  const perSecond = Math.round(written / (flushMs / 1000));

  const t = performance.now();
  const figures = deflectionFigures(db, { from: start, to: start + 24 * 3600 * 1000 }, start + 9 * 24 * 3600 * 1000);
  const figuresMs = Math.round(performance.now() - t);
  log(`  ${written.toLocaleString('en')} rows in ${flushes.toLocaleString('en')} flushes; figures: ${figures.formSessions} form sessions, confirmed rate ${figures.confirmedRate}`);
  db.$client.close();

  const widget = await buildWidget();
  return {
    contactPageUs: page.result(),
    eventsApiUs: api.result(),
    flush: { events: written, ms: Math.round(flushMs), perSecond, maxFlushMs: Math.round(maxFlushMs * 10) / 10 },
    figuresMs,
    widget: { bytes: widget.bytes, gzipBytes: widget.gzipBytes, budgetGzipBytes: WIDGET_MAX_GZIP_BYTES },
  };
}

export function printDeflectionResult(r: DeflectionBenchResult, log: (...a: unknown[]) => void): void {
  log('\nDeflection recording (budget: 500 µs added to a request)');
  const row = (name: string, t: Timing) => log(`${name.padEnd(50)} wall p50 ${t.p50} µs, p99 ${t.p99} µs; CPU mean ${t.cpuMean} µs`);
  row('contact page (form reached + 5 suggestions shown)', r.contactPageUs);
  row('POST /api/v1/events handler (2 events, 6 rows)', r.eventsApiUs);
  log(`background flush: ${r.flush.events.toLocaleString('en')} rows in ${r.flush.ms} ms (${r.flush.perSecond.toLocaleString('en')} rows/s), longest flush ${r.flush.maxFlushMs} ms`);
  log(`deflectionFigures over the day: ${r.figuresMs} ms`);
  log(`widget.js: ${r.widget.bytes} bytes, ${r.widget.gzipBytes} bytes gzipped (budget ${r.widget.budgetGzipBytes})`);
}
