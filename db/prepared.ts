import { sql, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db, SqliteDb } from './client';

/**
 * Queries built once per connection (drizzle's `.prepare()` with placeholders): building a query's SQL costs more
 * than running a short one, so queries on every page view are built here. A transaction is a connection of its own.
 */
export function preparedPerConnection<T>(prepare: (db: Db) => T): (db: Db) => T {
  const byConnection = new WeakMap<Db, T>();
  return (db) => {
    let queries = byConnection.get(db);
    if (!queries) byConnection.set(db, (queries = prepare(db)));
    return queries;
  };
}

/*
 * SQLite plans a prepared statement again at every run when the value bound could change its plan: `column = ?` in a
 * query that joins or sorts, `limit ?` in one that sorts. That costs about 18 µs a run (SQLite 3.54, measured), several
 * times what a short query costs. Prepared queries on busy pages say `column in (?)`, planned once and searched with
 * the same index, and write their limits into the SQL.
 */

/** `column in (?)`: `column = ?` that SQLite plans once. */
export function equalsBound(column: SQLWrapper, value: Placeholder): SQL {
  return sql`${column} in (${value})`;
}

/**
 * `limit n` written into the SQL (`.limit(n)` binds n). Drizzle's `.limit()` is typed for a number or a placeholder
 * and writes any SQL after `limit`.
 */
export function limitInSql(n: number): Placeholder {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Not a limit: ${n}`);
  return sql.raw(String(n)) as unknown as Placeholder;
}

/** `limit +?`: a limit bound at each run that SQLite does not plan around. */
export function boundLimit(name: string): Placeholder {
  return sql`+${sql.placeholder(name)}` as unknown as Placeholder;
}

/**
 * Runs `read` in one read transaction of the connection (BEGIN DEFERRED on the same connection, so the queries prepared
 * for it serve): a page's queries take and release the database's locks once instead of once each, and see one
 * snapshot. Inside a transaction already, `read` just runs. Only for reads without an `await` inside.
 */
export function inOneRead<T>(db: Db, read: () => T): T {
  const client = (db as Partial<SqliteDb>).$client;
  if (!client || client.inTransaction) return read();
  let run = readTransactions.get(client);
  if (!run) readTransactions.set(client, (run = client.transaction((f: () => unknown) => f()).deferred));
  return run(read) as T;
}

/** One read transaction function per connection: better-sqlite3 builds four wrappers for each `transaction()` call. */
const readTransactions = new WeakMap<SqliteDb['$client'], (read: () => unknown) => unknown>();
