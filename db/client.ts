import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index';

/** A connection or a transaction: what every use case takes as its first parameter. */
export type Db = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;
/** The top-level connection, with the underlying better-sqlite3 handle. */
export type SqliteDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Oldest SQLite we accept: earlier releases have WAL and FTS5 fixes we rely on. */
export const MIN_SQLITE_VERSION = '3.51.3';

export type Synchronous = 'FULL' | 'NORMAL';

export interface DbOptions {
  /** FULL (default) fsyncs the WAL on every commit: a committed write survives power loss. NORMAL is faster but may
   *  lose the last commits (never corrupt the file) on an OS crash. */
  synchronous?: Synchronous;
  busyTimeoutMs?: number;
  readonly?: boolean;
}

export function isSqliteVersionSupported(version: string, minimum = MIN_SQLITE_VERSION): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** Prepared statements kept per connection (see `cacheStatements`): a bound on what they hold in memory. */
export const STATEMENT_CACHE_SIZE = 500;
/**
 * SQL text kept per connection, in characters: a statement's memory in SQLite grows with its SQL (~25 bytes a
 * character for a multi-row insert), and a batch of N rows is a new statement for each N, so a count alone let a
 * soak's cache grow for minutes. 256k characters hold every statement of a page render many times over.
 */
export const STATEMENT_CACHE_CHARS = 256 * 1024;

const statementCaches = new WeakMap<Database.Database, { statements: Map<string, Database.Statement>; chars: number }>();

/**
 * Keeps a connection's prepared statements by SQL text: drizzle prepares every query it runs, and SQLite parsing
 * and planning the same SQL again costs more than running many short queries. A statement still iterating (busy) is
 * not handed out twice; a reused one is set back to plain rows (drizzle asks for raw rows where it wants them). The
 * least recently used statements beyond STATEMENT_CACHE_SIZE or STATEMENT_CACHE_CHARS are dropped.
 */
function cacheStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = { statements: new Map<string, Database.Statement>(), chars: 0 };
  const { statements } = cache;
  statementCaches.set(sqlite, cache);
  sqlite.prepare = ((source: string) => {
    const cached = statements.get(source);
    if (cached && !cached.busy) {
      statements.delete(source);
      statements.set(source, cached);
      if (cached.reader) cached.raw(false).pluck(false).expand(false);
      return cached;
    }
    const statement = prepare(source);
    if (!cached && source.length <= STATEMENT_CACHE_CHARS) {
      statements.set(source, statement);
      cache.chars += source.length;
      while (statements.size > STATEMENT_CACHE_SIZE || cache.chars > STATEMENT_CACHE_CHARS) {
        const oldest = statements.keys().next().value!;
        statements.delete(oldest);
        cache.chars -= oldest.length;
      }
    }
    return statement;
  }) as typeof sqlite.prepare;
}

/** What a connection's statement cache holds: statements and the length of their SQL (for the memory report). */
export function statementCacheSize(sqlite: Database.Database): { statements: number; sqlChars: number } {
  const cache = statementCaches.get(sqlite);
  return { statements: cache?.statements.size ?? 0, sqlChars: cache?.chars ?? 0 };
}

/** Opens (creating if needed) the SQLite file with the pragmas every connection needs. */
export function createDb(path: string, options: DbOptions = {}): SqliteDb {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path, { readonly: options.readonly ?? false });
  const version = (sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v;
  if (!isSqliteVersionSupported(version)) {
    sqlite.close();
    throw new Error(`SQLite ${version} is too old: Resuelve needs ${MIN_SQLITE_VERSION} or newer.`);
  }
  if (path !== ':memory:' && !options.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema }) as SqliteDb;
  immediateTransactions(db);
  return db;
}

/**
 * Makes `db.transaction(fn)` BEGIN IMMEDIATE unless told otherwise: the write lock is taken at BEGIN, where
 * busy_timeout waits for another process (an import beside the server). A DEFERRED transaction that reads and then
 * writes fails at once with SQLITE_BUSY when another connection committed in between (SQLite cannot wait there
 * without breaking isolation). Drizzle has no default for this, only a per-call `behavior`.
 */
function immediateTransactions(db: SqliteDb): void {
  type Begin = (fn: unknown, config?: { behavior?: 'deferred' | 'immediate' | 'exclusive' }) => unknown;
  const session = (db as unknown as { session: { transaction: Begin } }).session;
  const begin = session.transaction.bind(session);
  session.transaction = (fn, config = {}) => begin(fn, { behavior: 'immediate', ...config });
}

/** Another connection holds the lock (SQLITE_BUSY and SQLITE_LOCKED with their extended codes). */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

/**
 * Runs `run` again while it fails because the database is busy, waiting 50 ms, then twice as long each time (at most
 * 5 s, with jitter), for up to `maxWaitMs` in all; then the last error is thrown. Other errors are thrown at once.
 */
export async function withBusyRetries<T>(run: () => T | Promise<T>, options: { maxWaitMs?: number; onRetry?: (attempt: number, error: unknown) => void } = {}): Promise<T> {
  const deadline = Date.now() + (options.maxWaitMs ?? 5 * 60_000);
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isSqliteBusy(error) || Date.now() >= deadline) throw error;
      options.onRetry?.(attempt, error);
      const delay = Math.min(50 * 2 ** (attempt - 1), 5000) * (0.5 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, Math.min(delay, Math.max(0, deadline - Date.now()))));
    }
  }
}

export function defaultMigrationsFolder(): string {
  return process.env.MIGRATIONS_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');
}

export function runMigrations(db: SqliteDb, migrationsFolder = defaultMigrationsFolder()): void {
  migrate(db, { migrationsFolder });
}

export { schema };
