import type Database from 'better-sqlite3';
import type { DocumentType, SearchDocument } from './documents';
import { createMeilisearchIndex } from './meilisearch';
import { createSqliteFtsIndex } from './sqlite-fts';
import { createWorkerSearchIndex } from './worker-pool';

export type { DocumentType, SearchDocument } from './documents';
export { documentKey } from './documents';

export interface SearchFilters {
  type?: DocumentType;
  locale?: 'es' | 'en';
  category?: string;
  tag?: string;
  solved?: boolean;
}

export interface SearchQuery extends SearchFilters {
  q: string;
  page?: number;
  limit?: number;
}

export interface SearchHit {
  type: DocumentType;
  id: number;
  title: string;
  url: string;
  /** HTML-escaped text with matches wrapped in <mark>. */
  snippet: string;
  score: number;
  locale: 'es' | 'en';
  solved: boolean;
  category: string;
  tags: string[];
}

export type FacetName = 'type' | 'category' | 'tag' | 'solved' | 'locale';
/** Counts per value; each facet is counted with every filter applied except its own (so other values stay visible). */
export type Facets = Record<FacetName, Record<string, number>>;

export interface SearchResult {
  hits: SearchHit[];
  /** Matches, counted up to MAX_TOTAL_HITS (then `exhaustive` is false). */
  total: number;
  exhaustive: boolean;
  facets: Facets;
  /** The query with unknown words replaced by the closest indexed ones, when that differs. */
  didYouMean: string | null;
  tookMs: number;
}

export interface SuggestQuery {
  q: string;
  locale?: 'es' | 'en';
  limit?: number;
}

export interface SimilarQuery {
  title: string;
  body: string;
  locale?: 'es' | 'en';
  type?: DocumentType;
  /** The document the text comes from, left out of the results. */
  exclude?: { type: DocumentType; id: number };
  limit?: number;
}

/** Both engines stop counting matches here, and rank at most this many (Meilisearch's default maxTotalHits). */
export const MAX_TOTAL_HITS = 1000;

export function emptyFacets(): Facets {
  return { type: {}, category: {}, tag: {}, solved: {}, locale: {} };
}

/** The search port: the embedded SQLite FTS5 engine or Meilisearch, with the same semantics. */
export interface SearchIndex {
  readonly engine: string;
  /** Adds or replaces documents (by type and id). */
  index(documents: SearchDocument[]): Promise<void>;
  remove(keys: { type: DocumentType; id: number }[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** As-you-type suggestions: every word must match (any word when none does both), the last one as a prefix. */
  suggest(query: SuggestQuery): Promise<SearchHit[]>;
  /** Documents most similar to a question's title and body, best first. */
  similar(query: SimilarQuery): Promise<SearchHit[]>;
  /** The keys (`type:id`) of every indexed document. */
  listKeys(): Promise<string[]>;
  stats(): Promise<{ documents: number }>;
  clear(): Promise<void>;
  /** Stops worker threads and connections the engine opened itself (not the database handed to it). */
  close(): Promise<void>;
}

/**
 * Queries of the SQLite engine in worker threads with a hard time budget (see worker-pool.ts). Needs a database file:
 * an in-memory database cannot be shared with another thread, so it is searched in process.
 */
export interface SearchWorkersConfig {
  path: string;
  workers: number;
  timeoutMs: number;
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
