import pino from 'pino';
import { createDb, type SqliteDb } from '../../../db/client';
import { createSearchIndex, type SearchIndex } from '../../../search/index';
import { drainOutbox, type OutboxHandler, type OutboxTopic } from '../jobs/outbox';
import { deliverMail, type MailTransport } from '../notifications/mail';
import { createSmtpTransport } from '../notifications/smtp-transport';
import { searchIndexHandlers } from '../search/index-handlers';
import { runNotificationJobs } from '../jobs/notification-jobs';
import { communityDelays, type CommunityDelays } from '../community/delays';
import { threadViews } from '../community/record-view';
import { articleViews } from '../kb/articles';
import { sendKpiDigest } from '../reports/digest';
import { refreshQuestionFacts, runKpiRollups } from '../reports/rollups';
import { loadConfig, type Config } from './config';
import { duplicatesOf } from '../community/duplicates';
import { PageCache, questionTag, tagsOfChange } from './page-cache';

/** Outbox topics whose changes pages show. */
const PAGE_TOPICS: OutboxTopic[] = ['question.changed', 'article.changed', 'incident.changed', 'category.changed', 'tag.changed'];

/** Accept nudges, notification mails and digests are due at minute granularity at most. */
const NOTIFICATION_JOBS_INTERVAL_MS = 60_000;
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
  const handlers: Partial<Record<OutboxTopic, OutboxHandler>> = {
    ...indexing,
    'question.changed': async (m) => {
      await indexing['question.changed'](m);
      db.transaction((tx) => refreshQuestionFacts(tx, [Number(m.payload.questionId)]));
    },
    'mail.queued': async (m) => deliverMail(db, mail, Number(m.payload.mailId), now()),
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
  let running: Promise<void> | null = null;
  const drain = () => {
    running ??= drainOutbox(db, handlers, now)
      .then((r) => {
        if (r.failed) log.warn({ failed: r.failed }, 'outbox messages failed; they will be retried');
        // The reports' daily counters follow the fact tables from a watermark: a few indexed reads when nothing is new.
        try {
          runKpiRollups(db, now());
        } catch (err) {
          log.error({ err }, 'the KPI rollups failed; they resume from their watermark at the next drain');
        }
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  return { config, delays: communityDelays(config), db, search, mail, log, now, drain, pageCache };
}

/** Search worker threads need the database file; an in-memory database (tests) is searched in process. */
function searchWorkers(config: Config, db: SqliteDb) {
  if (db.$client.memory || config.SEARCH_WORKERS === 0) return undefined;
  return { path: db.$client.name, workers: config.SEARCH_WORKERS, timeoutMs: config.SEARCH_TIMEOUT_MS };
}

let current: AppContext | null = null;

/** The server's context, created on first use; the outbox drains on a timer from then on. */
export function appContext(): AppContext {
  if (!current) {
    current = createContext(loadConfig());
    const ctx = current;
    setInterval(() => void ctx.drain(), ctx.config.OUTBOX_INTERVAL_MS).unref();
    setInterval(() => {
      try {
        runNotificationJobs(ctx.db, { siteUrl: ctx.config.SITE_URL, now: ctx.now(), nudgeAskerAfterMs: ctx.delays.nudgeAskerAfterMs });
        sendKpiDigest(ctx.db, ctx.now(), ctx.config.SITE_URL);
        void ctx.drain();
      } catch (err) {
        ctx.log.error({ err }, 'notification jobs failed; they run again at the next tick');
      }
    }, NOTIFICATION_JOBS_INTERVAL_MS).unref();
    setInterval(() => {
      try {
        for (const counter of [threadViews, articleViews]) counter.flushStale(ctx.db, ctx.now());
      } catch (err) {
        ctx.log.error({ err }, 'writing page views failed');
      }
    }, VIEW_FLUSH_INTERVAL_MS).unref();
  }
  return current;
}
