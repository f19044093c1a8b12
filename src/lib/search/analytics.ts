import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { searchClicks, searchEvents } from '../../../db/schema/index';
import { foldText } from '../../../search/query-text';
import { DomainError } from '../errors';

export const SEARCH_SURFACES = ['site', 'ask_form', 'contact_form', 'widget', 'api'] as const;
export type SearchSurface = (typeof SEARCH_SURFACES)[number];

/** The query as the reports group it: lowercase, accents folded, whitespace collapsed, at most 200 characters. */
export function normalizeQuery(q: string): string {
  return foldText(q).replace(/\s+/g, ' ').trim().slice(0, 200);
}

export interface SearchEventInput {
  query: string;
  resultCount: number;
  locale?: 'es' | 'en' | null;
  surface: SearchSurface;
  visitorId?: string | null;
  userId?: number | null;
  tookMs?: number | null;
}

/** Records a search (the fact behind zero-result and search-success KPIs); returns its id, or null for an empty query. */
export function recordSearch(db: Db, input: SearchEventInput, now: number): number | null {
  const query = normalizeQuery(input.query);
  if (!query) return null;
  return db
    .insert(searchEvents)
    .values({
      occurredAt: now,
      query,
      resultCount: input.resultCount,
      locale: input.locale ?? null,
      surface: input.surface,
      visitorId: input.visitorId ?? null,
      userId: input.userId ?? null,
      tookMs: input.tookMs === undefined || input.tookMs === null ? null : Math.round(input.tookMs),
    })
    .returning({ id: searchEvents.id })
    .get().id;
}

/** Records a click on a result of a recorded search; `position` is 1-based over all pages. */
export function recordSearchClick(
  db: Db,
  input: { searchEventId: number; docType: 'question' | 'article'; docId: number; position: number },
  now: number,
): void {
  const event = db.select({ id: searchEvents.id }).from(searchEvents).where(eq(searchEvents.id, input.searchEventId)).get();
  if (!event) throw new DomainError('NOT_FOUND', `Search ${input.searchEventId} does not exist.`);
  db.insert(searchClicks).values({ searchEventId: input.searchEventId, occurredAt: now, docType: input.docType, docId: input.docId, position: input.position }).run();
}
