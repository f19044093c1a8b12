import type { Db } from '../../../db/client';
import type { SearchHit, SearchIndex, SuggestQuery } from '../../../search/index';
import { recordSuggestSearch, suggestSurface, type SearchSurface } from './analytics';

export interface SuggestContext {
  /** Where the suggestions show: `ask`, `contact` or `widget` make them count as searches of that surface. */
  context?: string;
  surface: SearchSurface;
  /** The client says the typing session ended (the field lost focus, the form was sent). */
  final: boolean;
  userId?: number | null;
  visitorId?: string | null;
}

/**
 * As-you-type suggestions. On the deflection surfaces (ask form, contact form, widget) they are recorded as searches,
 * one per typing session (see recordSuggestSearch); `searchEventId` ties later clicks to that search.
 */
export async function suggestAsYouType(
  db: Db,
  index: SearchIndex,
  query: SuggestQuery,
  context: SuggestContext,
  now: number,
): Promise<{ hits: SearchHit[]; searchEventId: number | null }> {
  const started = performance.now();
  const hits = await index.suggest(query);
  const surface = suggestSurface(context.context, context.surface);
  const searchEventId = surface
    ? recordSuggestSearch(
        db,
        { query: query.q, resultCount: hits.length, locale: query.locale ?? null, surface, userId: context.userId, visitorId: context.visitorId, tookMs: performance.now() - started, final: context.final },
        now,
      )
    : null;
  return { hits, searchEventId };
}
