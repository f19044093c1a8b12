import { and, desc, eq, gte } from 'drizzle-orm';
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

/** Suggestion requests of one visitor on one surface less than this apart are one typing session, one search. */
export const TYPING_SESSION_GAP_MS = 5000;

/** The surfaces whose as-you-type suggestions count as searches, by the `context` the client sends. */
const SUGGEST_CONTEXT_SURFACES = new Map<string, SearchSurface>([
  ['ask', 'ask_form'],
  ['contact', 'contact_form'],
  ['widget', 'widget'],
]);

/** The surface a suggestion request is recorded under, or null when it is not recorded (no deflection context). */
export function suggestSurface(context: string | undefined, surface: SearchSurface): SearchSurface | null {
  if (surface === 'ask_form' || surface === 'contact_form' || surface === 'widget') return surface;
  return (context !== undefined && SUGGEST_CONTEXT_SURFACES.get(context)) || null;
}

/**
 * Records the suggestions a deflection form showed as one search per typing session, not one per keystroke: while the
 * same member or visitor keeps typing on the same surface (requests less than TYPING_SESSION_GAP_MS apart), the
 * session's event is updated to the latest query. A request without a member or visitor id cannot be tied to a
 * session, so only the one the client marks `final` (the field lost focus, the form was sent) is recorded.
 * Returns the event's id, or null when nothing was recorded.
 */
export function recordSuggestSearch(db: Db, input: SearchEventInput & { final: boolean }, now: number): number | null {
  const query = normalizeQuery(input.query);
  if (!query) return null;
  const who = input.userId ? eq(searchEvents.userId, input.userId) : input.visitorId ? eq(searchEvents.visitorId, input.visitorId) : null;
  if (!who) return input.final ? recordSearch(db, input, now) : null;
  return db.transaction((tx) => {
    const session = tx
      .select({ id: searchEvents.id })
      .from(searchEvents)
      .where(and(gte(searchEvents.occurredAt, now - TYPING_SESSION_GAP_MS), eq(searchEvents.surface, input.surface), who))
      .orderBy(desc(searchEvents.occurredAt), desc(searchEvents.id))
      .limit(1)
      .get();
    if (!session) return recordSearch(tx, input, now);
    tx.update(searchEvents)
      .set({ query, resultCount: input.resultCount, occurredAt: now, locale: input.locale ?? null, tookMs: input.tookMs === undefined || input.tookMs === null ? null : Math.round(input.tookMs) })
      .where(eq(searchEvents.id, session.id))
      .run();
    return session.id;
  });
}

/** Records a click on a result of a recorded search; `position` is 1-based over all pages. */
export function recordSearchClick(
  db: Db,
  input: { searchEventId: number; docType: 'question' | 'article'; docId: number; position: number },
  now: number,
): void {
  db.transaction((tx) => {
    const event = tx.select({ id: searchEvents.id }).from(searchEvents).where(eq(searchEvents.id, input.searchEventId)).get();
    if (!event) throw new DomainError('NOT_FOUND', `Search ${input.searchEventId} does not exist.`);
    tx.insert(searchClicks).values({ searchEventId: input.searchEventId, occurredAt: now, docType: input.docType, docId: input.docId, position: input.position }).run();
  });
}
