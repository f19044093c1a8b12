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
import { loadConfig, type Config } from './config';
import { PageCache } from './page-cache';

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
  /** HTML of thread pages for anonymous visitors (see page-cache.ts). */
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
  const pageCache = new PageCache(config.PAGE_CACHE_TTL_MS);
  const indexing = searchIndexHandlers(db, search);
  const handlers: Partial<Record<OutboxTopic, OutboxHandler>> = {
    ...indexing,
    'question.changed': async (m) => {
      pageCache.invalidateQuestion(Number(m.payload.questionId));
      await indexing['question.changed'](m);
    },
    'mail.queued': async (m) => deliverMail(db, mail, Number(m.payload.mailId), now()),
  };
  let running: Promise<void> | null = null;
  const drain = () => {
    running ??= drainOutbox(db, handlers, now)
      .then((r) => {
        if (r.failed) log.warn({ failed: r.failed }, 'outbox messages failed; they will be retried');
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
