import { z } from 'zod';

const configSchema = z.object({
  DATABASE_PATH: z.string().min(1).default('data/resuelve.db'),
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  /** The public origin, kept without a trailing slash so paths append to it: `${SITE_URL}/es/kb`. */
  SITE_URL: z
    .url()
    .default('http://localhost:4321')
    .transform((url) => url.replace(/\/+$/, '')),
  DEFAULT_LOCALE: z.enum(['es', 'en']).default('es'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Resuelve <no-reply@resuelve.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).default(500),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(4321),
  /** How long a page from the page cache is served before it is rendered again (changes drop it at once); 0 turns the cache off. */
  PAGE_CACHE_TTL_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Most pages the page cache holds. */
  PAGE_CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).default(2000),
  /** Most memory (MB) the page cache's pages take. */
  PAGE_CACHE_MAX_MB: z.coerce.number().min(1).max(4096).default(32),
  /** Days after which moderators, agents and superusers may accept an answer on the asker's behalf. */
  ACCEPT_ON_BEHALF_AFTER_DAYS: z.coerce.number().min(0).max(365).default(7),
  /** Days after the first answer without an accepted answer before the asker gets one reminder to accept. */
  NUDGE_ASKER_AFTER_DAYS: z.coerce.number().min(0.01).max(365).default(3),
  /** Failed sign-ins allowed per address in 15 minutes (an account's failures from one address get growing delays besides). */
  SIGNIN_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Set to use Meilisearch instead of the embedded SQLite FTS5 search, e.g. http://127.0.0.1:7700. */
  MEILISEARCH_HOST: z
    .union([z.url(), z.literal('')])
    .optional()
    .transform((v) => v || undefined),
  MEILISEARCH_API_KEY: z.string().optional(),
  MEILISEARCH_INDEX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('resuelve'),
  /** Worker threads running SQLite searches (each with its own read-only connection); 0 searches in the server thread. */
  SEARCH_WORKERS: z.coerce.number().int().min(0).max(16).default(2),
  /** Hard budget of one search, suggest or similar query: past it the query is stopped and the reader told so. */
  SEARCH_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** A search worker whose V8 heap passed this (MB) is replaced once idle; 0 keeps workers for the life of the process. */
  SEARCH_WORKER_MAX_HEAP_MB: z.coerce.number().min(0).max(4096).default(32),
  /** How often the server runs the due periodic jobs (escalation rules, SLA alerts, mail…); 0 leaves them to `npm run jobs -- --once` from cron. */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  /** Cases pending on the customer this many days close as "closed by abandonment". */
  CASE_ABANDON_AFTER_DAYS: z.coerce.number().min(0.01).max(365).default(7),
  /** Solved cases close after this many days; a customer message before then reopens them. */
  CASE_REOPEN_WITHIN_DAYS: z.coerce.number().min(0.01).max(365).default(7),
  /** How long an outbound webhook receiver may take to answer before the attempt counts as failed (then retried). */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** Secret of the inbound webhook (`POST /api/v1/webhooks/inbound`) an external helpdesk signs with; unset = endpoint off. */
  WEBHOOK_INBOUND_SECRET: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.string().min(16, { error: 'use at least 16 characters' }).optional()),
  /** Under this much free disk space beside the database, /readyz reports `degraded` (writes may soon fail). */
  STORAGE_MIN_FREE_MB: z.coerce.number().min(0).max(1_000_000).default(64),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export type Config = z.infer<typeof configSchema>;

/** Reads and validates the environment once; a bad value stops the start with a readable message. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return result.data;
}
