import pino from 'pino';
import { createDb, type SqliteDb } from '../../../db/client';
import { createSearchIndex, type SearchIndex } from '../../../search/index';
import { drainOutbox, type OutboxHandler, type OutboxTopic, type OutboxTopics } from '../jobs/outbox';
import { deliverMail, type MailTransport } from '../notifications/mail';
import { createSmtpTransport } from '../notifications/smtp-transport';
import { searchIndexHandlers } from '../search/index-handlers';
import { acknowledgeCase, sendSurvey } from '../cases/acknowledge';
import { setReopenWindow } from '../cases/thread-hooks';
import { deliverWebhook, WEBHOOK_TOPICS } from '../cases/webhooks';
import { Scheduler } from '../jobs/scheduler';
import { communityDelays, type CommunityDelays } from '../community/delays';
import { threadViews } from '../community/record-view';
import { articleViews } from '../kb/articles';
import { refreshQuestionFacts, runKpiRollups } from '../reports/rollups';
import { awardBadges } from '../reputation/award-badges';
import { writePageLists, WRITE_PAGE_LISTS_MS } from '../reputation/page-lists';
import { applyRankingScores } from '../reputation/recalc';
import type { BadgeEvent } from '../reputation/badges';
import { loadConfig, type Config } from './config';
import { duplicatesOf } from '../community/duplicates';
import { registerJobs } from './jobs';
import { PageCache, questionTag, tagsOfChange } from './page-cache';
import { DeflectionRecorder } from '../deflection/recorder';
import type { DeflectionRuntime } from '../deflection/record-events';
import { SettingsCache } from '../deflection/settings';
import { MemoryRateLimiter } from '../rate-limits/memory';

/** Outbox topics whose changes pages show. */
const PAGE_TOPICS: OutboxTopic[] = ['question.changed', 'article.changed', 'incident.changed', 'category.changed', 'tag.changed', 'reputation.badges'];

/** How often queued deflection events are written (also when 500 are waiting). */
const DEFLECTION_FLUSH_MS = 1000;

/** Views counted on a quiet page wait in memory at most about this long before they are written. */
const VIEW_FLUSH_INTERVAL_MS = 10_000;

/** The composition root: configuration, database, search engine, mail transport and the outbox drain. */
export interface AppContext {
  config: Config;
  /** Accept-on-behalf and nudge delays, from the configuration. */
  delays: CommunityDelays;
  db: SqliteDb;
  search: SearchIndex;
  mail: MailTransport | null;
  log: pino.Logger;
  /** Pages anonymous readers get, answered before Astro's pipeline (see page-cache.ts). */
  pageCache: PageCache;
  now: () => number;
  /** Runs pending side effects now (also runs on a timer). Concurrent calls share one run. */
  drain: () => Promise<void>;
  /** The periodic jobs (src/lib/server/jobs.ts registers them); the server ticks it on a timer. */
  scheduler: Scheduler;
  /** Deflection events waiting to be written, flood limits, and the admin's settings (read through a short cache). */
  deflection: DeflectionRuntime & { settings: SettingsCache; flush: () => void };
}

export function createContext(config: Config, overrides: Partial<Pick<AppContext, 'db' | 'now' | 'mail'>> = {}): AppContext {
  const db = overrides.db ?? createDb(config.DATABASE_PATH, { synchronous: config.SQLITE_SYNCHRONOUS });
  const search = createSearchIndex(
    config.MEILISEARCH_HOST
      ? { engine: 'meilisearch', host: config.MEILISEARCH_HOST, apiKey: config.MEILISEARCH_API_KEY, indexName: config.MEILISEARCH_INDEX }
      : { engine: 'sqlite', sqlite: db.$client, workers: searchWorkers(config, db) },
  );
  const mail = overrides.mail !== undefined ? overrides.mail : config.SMTP_URL ? createSmtpTransport(config.SMTP_URL, config.MAIL_FROM) : null;
  const log = pino({ level: config.LOG_LEVEL });
  const now = overrides.now ?? (() => Date.now());
  const pageCache = new PageCache({ ttlMs: config.PAGE_CACHE_TTL_MS, maxEntries: config.PAGE_CACHE_MAX_ENTRIES, maxBytes: config.PAGE_CACHE_MAX_MB * 1024 * 1024 });
  const indexing = searchIndexHandlers(db, search);
  const siteUrl = config.SITE_URL;
  setReopenWindow(config.CASE_REOPEN_WITHIN_DAYS * 24 * 3600 * 1000);
  const handlers: Partial<Record<OutboxTopic, OutboxHandler>> = {
    ...indexing,
    'question.changed': async (m) => {
      await indexing['question.changed'](m);
      db.transaction((tx) => refreshQuestionFacts(tx, [Number(m.payload.questionId)]));
    },
    'mail.queued': async (m) => deliverMail(db, mail, Number(m.payload.mailId), now()),
    // cases
    'case.acknowledge': (m) => acknowledgeCase(db, search, Number(m.payload.caseId), now(), { siteUrl, attempt: m.attempts }),
    'case.solved': async (m) => sendSurvey(db, Number(m.payload.caseId), now(), { siteUrl }),
    'webhook.deliver': (m) => deliverWebhook(db, Number(m.payload.deliveryId), now, { timeoutMs: config.WEBHOOK_TIMEOUT_MS }),
    // reputation
    'reputation.badges': async (m) => void awardBadges(db, Number(m.payload.userId), m.payload.event as BadgeEvent | 'all', now(), m.payload.postId ? Number(m.payload.postId) : undefined),
  };
  // Every change a page shows drops the cached pages showing it before anything else runs for it.
  for (const topic of PAGE_TOPICS) {
    const next = handlers[topic];
    handlers[topic] = async (m) => {
      const tags = tagsOfChange(m.topic, m.payload);
      if (m.topic === 'question.changed') tags.push(...duplicatesOf(db, Number(m.payload.questionId)).map(questionTag));
      pageCache.invalidate(tags);
      await next?.(m);
    };
  }
  // Webhook receivers can be slow or hang (up to WEBHOOK_TIMEOUT_MS per attempt): their deliveries drain on their own,
  // so search indexing, mail and acknowledgements never wait behind them. The main lane first takes the ledger rows
  // written since the last run into the ranking scopes.
  const lanes: { topics: OutboxTopics; rankings: boolean; running: Promise<void> | null }[] = [
    { topics: { except: WEBHOOK_TOPICS }, rankings: true, running: null },
    { topics: { only: WEBHOOK_TOPICS }, rankings: false, running: null },
  ];
  const drain = async () => {
    await Promise.all(
      lanes.map((lane) =>
        (lane.running ??= Promise.resolve()
          .then(() => {
            if (lane.rankings) applyRankingScores(db);
            return drainOutbox(db, handlers, now, 100, lane.topics);
          })
          .then((r) => {
            if (r.failed) log.warn({ failed: r.failed, topics: lane.topics }, 'outbox messages failed; they will be retried');
            if (!lane.rankings) return;
            // The reports' daily counters follow the fact tables from a watermark: a few indexed reads when nothing is new.
            try {
              // Deflection events still queued in memory happened before this run reads the events: written after it,
              // they would count as late and have the days not final yet counted again from all their events.
              flushDeflection();
              runKpiRollups(db, now());
            } catch (err) {
              log.error({ err }, 'the KPI rollups failed; they resume from their watermark at the next drain');
            }
          })
          // Marking a message done or failed can itself fail (disk full): the message stays pending for the next run.
          .catch((err: unknown) => log.error({ err }, 'the outbox drain stopped; it runs again at the next tick'))
          .finally(() => {
            lane.running = null;
          })),
      ),
    );
  };
  const flushDeflection = () => {
    const r = recorder.flush(db, now());
    if (r.failed) log.warn({ failed: r.failed }, 'deflection events the database refused were dropped');
  };
  const recorder = new DeflectionRecorder({ onBacklog: () => setImmediate(flushDeflection) });
  const deflection = { recorder, limiter: new MemoryRateLimiter(), settings: new SettingsCache(), flush: flushDeflection };
  const ctx: AppContext = { config, delays: communityDelays(config), db, search, mail, log, now, drain, pageCache, deflection, scheduler: new Scheduler(db, { now }) };
  registerJobs(ctx.scheduler, ctx);
  return ctx;
}

/** Search worker threads need the database file; an in-memory database (tests) is searched in process. */
function searchWorkers(config: Config, db: SqliteDb) {
  if (db.$client.memory || config.SEARCH_WORKERS === 0) return undefined;
  return { path: db.$client.name, workers: config.SEARCH_WORKERS, timeoutMs: config.SEARCH_TIMEOUT_MS, recycleHeapBytes: config.SEARCH_WORKER_MAX_HEAP_MB * 1024 * 1024 };
}

let current: AppContext | null = null;

/** The server's context, created on first use; the outbox drains and the scheduler ticks on timers from then on. */
export function appContext(): AppContext {
  if (!current) {
    current = createContext(loadConfig());
    const ctx = current;
    setInterval(() => void ctx.drain(), ctx.config.OUTBOX_INTERVAL_MS).unref();
    setInterval(() => {
      try {
        ctx.deflection.flush();
      } catch (err) {
        ctx.log.error({ err }, 'writing deflection events failed; they are dropped');
      }
    }, DEFLECTION_FLUSH_MS).unref();
    // Events still queued when the process ends are written first (src/server.ts writes them on SIGTERM/SIGINT).
    process.once('beforeExit', () => ctx.deflection.flush());
    if (ctx.config.SCHEDULER_INTERVAL_MS > 0) {
      ctx.scheduler.start(
        ctx.config.SCHEDULER_INTERVAL_MS,
        (report) => {
          for (const run of report.runs) if (!run.ok) ctx.log.error({ job: run.name, error: run.error }, 'scheduled job failed; it runs again at its next period');
          if (report.runs.length) void ctx.drain();
        },
        (err) => ctx.log.error({ err }, 'scheduler tick failed'),
      );
    }
    // Page views are counted in this process's memory: writing them is not a scheduler job, every server does it.
    setInterval(() => {
      try {
        for (const counter of [threadViews, articleViews]) counter.flushStale(ctx.db, ctx.now());
      } catch (err) {
        ctx.log.error({ err }, 'writing page views failed');
      }
    }, VIEW_FLUSH_INTERVAL_MS).unref();
    // Member page lists rendered since the last write (derived rows: a failure leaves those pages rendering them).
    setInterval(() => {
      try {
        writePageLists(ctx.db);
      } catch (err) {
        ctx.log.error({ err }, 'storing member page lists failed; the pages render them again');
      }
    }, WRITE_PAGE_LISTS_MS).unref();
  }
  return current;
}
