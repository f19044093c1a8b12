import type { z } from 'zod';
import type { Db } from '../../../db/client';
import type { DocumentType, SearchHit, SearchIndex } from '../../../search/index';
import { unlessStorageFull } from '../errors';
import { recordSuggestSearch, suggestSurface, type SearchSurface } from './analytics';
import type { suggestQuerySchema } from './schemas';
import { suggestionsJson } from './api-shapes';

/** Suggestions returned when the request does not say how many (the deflection surfaces use the admin's number). */
export const SUGGEST_DEFAULT_LIMIT = 8;

/** Characters of a draft's body that count: enough for a question, bounded work for the ranking. */
export const DRAFT_BODY_MAX = 4000;

/** What a customer has typed so far (ask or contact form, widget), or a stored question. */
export interface Draft {
  title: string;
  body?: string;
  locale?: 'es' | 'en';
  type?: DocumentType;
  /** The post or article the draft is, left out of the suggestions. */
  exclude?: { type: DocumentType; id: number };
  limit: number;
}

/**
 * The threads and articles that best answer a draft, best first: the one ranking behind the ask and contact forms,
 * the widget (all through /api/v1/suggest), similar questions and related articles. The engine fetches the matches
 * of the draft's words and reranks the best of them on their text (search/draft-ranking.ts).
 */
export function suggestionsForDraft(index: SearchIndex, draft: Draft): Promise<SearchHit[]> {
  const body = draft.body?.slice(0, DRAFT_BODY_MAX).trim();
  return index.suggest({ q: draft.title, body: body || undefined, locale: draft.locale, type: draft.type, exclude: draft.exclude, limit: draft.limit });
}

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
 * As-you-type suggestions for a draft. On the deflection surfaces (ask form, contact form, widget) they are recorded
 * as searches, one per typing session (see recordSuggestSearch); `searchEventId` ties later clicks to that search.
 */
export async function suggestAsYouType(
  db: Db,
  index: SearchIndex,
  draft: Draft,
  context: SuggestContext,
  now: number,
): Promise<{ hits: SearchHit[]; searchEventId: number | null }> {
  const started = performance.now();
  const hits = await suggestionsForDraft(index, draft);
  const surface = suggestSurface(context.context, context.surface);
  const searchEventId = surface
    ? unlessStorageFull(
        () =>
          recordSuggestSearch(
            db,
            { query: draft.title, resultCount: hits.length, locale: draft.locale ?? null, surface, userId: context.userId, visitorId: context.visitorId, tookMs: performance.now() - started, final: context.final },
            now,
          ),
        null,
      )
    : null;
  return { hits, searchEventId };
}

/**
 * `GET /api/v1/suggest` once its parameters are validated: the route and the relevance benchmark both call this, so
 * the benchmark measures what the forms and the widget get. `who` is the member or the visitor cookie's id.
 */
export async function answerSuggest(
  db: Db,
  index: SearchIndex,
  input: z.infer<typeof suggestQuerySchema>,
  who: { userId: number | null; visitorId: string | null },
  now: number,
) {
  const { hits, searchEventId } = await suggestAsYouType(
    db,
    index,
    { title: input.q, body: input.body, locale: input.locale, limit: input.limit ?? SUGGEST_DEFAULT_LIMIT },
    { context: input.context, surface: input.surface, final: input.final, userId: who.userId, visitorId: who.visitorId ?? input.visitorId ?? null },
    now,
  );
  return suggestionsJson(hits, searchEventId);
}
