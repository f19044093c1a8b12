import type Database from 'better-sqlite3';
import type { DocumentType, SearchDocument } from './documents';
import { createSqliteFtsIndex } from './sqlite-fts';

export type { DocumentType, SearchDocument } from './documents';
export { documentKey } from './documents';

export interface SearchQuery {
  q: string;
  type?: DocumentType;
  locale?: 'es' | 'en';
  category?: string;
  tag?: string;
  solved?: boolean;
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
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  facets: { type: Record<string, number>; locale: Record<string, number>; solved: Record<string, number> };
  tookMs: number;
}

export interface SuggestQuery {
  q: string;
  locale?: 'es' | 'en';
  limit?: number;
}

/** The search port: the embedded SQLite FTS5 engine or Meilisearch, with the same semantics. */
export interface SearchIndex {
  readonly engine: string;
  index(documents: SearchDocument[]): Promise<void>;
  remove(keys: { type: DocumentType; id: number }[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** As-you-type suggestions: any word may match, the last one as a prefix. */
  suggest(query: SuggestQuery): Promise<SearchHit[]>;
  stats(): Promise<{ documents: number }>;
  clear(): Promise<void>;
}

export type SearchConfig = { engine: 'sqlite'; sqlite: Database.Database };

export function createSearchIndex(config: SearchConfig): SearchIndex {
  return createSqliteFtsIndex(config.sqlite);
}
