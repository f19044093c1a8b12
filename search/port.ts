/** The search port: what every engine offers, and the shapes it speaks. Engines import this file, never index.ts. */
import type { DocumentType, SearchDocument } from './documents';

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

/**
 * A draft: what a customer has typed so far on a form or in the widget (its title, and its body when there is one),
 * or a stored question whose similar threads and articles are wanted.
 */
export interface SuggestQuery {
  /** The title as typed; without a body, a last word typed without a trailing space may be unfinished. */
  q: string;
  body?: string;
  locale?: 'es' | 'en';
  type?: DocumentType;
  /** The document the draft comes from, left out of the results. */
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
  /**
   * The threads and articles that best answer a draft, best first: the one ranking behind suggestions as you type
   * (ask and contact forms, widget), similar questions and related articles (see draft-ranking.ts).
   */
  suggest(query: SuggestQuery): Promise<SearchHit[]>;
  /** The keys (`type:id`) of every indexed document. */
  listKeys(): Promise<string[]>;
  stats(): Promise<{ documents: number }>;
  clear(): Promise<void>;
  /** Stops worker threads and connections the engine opened itself (not the database handed to it). */
  close(): Promise<void>;
}
