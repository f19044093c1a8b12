import type { Db } from './client';

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
