import type Database from 'better-sqlite3';
import { createMeilisearchIndex } from './meilisearch';
import type { SearchIndex } from './port';
import { createSqliteFtsIndex } from './sqlite-fts';
import { createWorkerSearchIndex } from './worker-pool';

export * from './port';

/**
 * Queries of the SQLite engine in worker threads with a hard time budget (see worker-pool.ts). Needs a database file:
 * an in-memory database cannot be shared with another thread, so it is searched in process.
 */
export interface SearchWorkersConfig {
  path: string;
  workers: number;
  timeoutMs: number;
  /** See WorkerPoolOptions. */
  recycleHeapBytes?: number;
}

export type SearchConfig =
  | { engine: 'sqlite'; sqlite: Database.Database; workers?: SearchWorkersConfig; now?: () => number }
  | { engine: 'meilisearch'; host: string; apiKey?: string; indexName?: string; now?: () => number };

export function createSearchIndex(config: SearchConfig): SearchIndex {
  const now = config.now ?? (() => Date.now());
  if (config.engine === 'meilisearch') return createMeilisearchIndex({ host: config.host, apiKey: config.apiKey, indexName: config.indexName ?? 'resuelve', now });
  const embedded = createSqliteFtsIndex(config.sqlite, now);
  if (!config.workers || config.workers.workers < 1) return embedded;
  return createWorkerSearchIndex(embedded, { ...config.workers, now });
}
