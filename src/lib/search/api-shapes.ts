import { z } from 'zod';
import type { SearchHit, SearchResult } from '../../../search/index';
import { localeShape } from '../api/api-shapes';

const hitShape = z.object({
  type: z.enum(['question', 'article']),
  id: z.int(),
  title: z.string(),
  url: z.string().meta({ description: 'Path on this site' }),
  snippet: z.string().meta({ description: 'HTML-escaped text with matches in <mark>' }),
  score: z.number(),
  locale: localeShape,
  solved: z.boolean(),
});

export const searchResultShape = z.object({
  hits: z.array(
    hitShape.extend({
      sourceId: z.string().nullable().meta({ description: 'The id an imported question had on its old platform' }),
      url: z.url(),
      category: z.string().meta({ description: 'Top-level category slug' }),
      tags: z.array(z.string()),
    }),
  ),
  facets: z
    .partialRecord(z.enum(['type', 'category', 'tag', 'solved', 'locale']), z.record(z.string(), z.int()))
    .meta({ description: 'Counts per value of type, category, tag, solved and locale; each facet counted with every filter but its own' }),
  total: z.int().meta({ description: 'Matches, counted up to 1000' }),
  exhaustive: z.boolean().meta({ description: 'false when total stopped at 1000' }),
  didYouMean: z.string().nullable().meta({ description: 'The query with unknown words corrected' }),
  page: z.int(),
  tookMs: z.number(),
  searchEventId: z.int().nullable().meta({ description: 'The recorded search (null for an empty query)' }),
});

export function searchResultJson(
  result: SearchResult & { searchEventId: number | null },
  sourceIds: Map<number, string>,
  page: number,
  site: string,
): z.output<typeof searchResultShape> {
  return {
    hits: result.hits.map((h) => ({
      type: h.type,
      id: h.id,
      sourceId: (h.type === 'question' ? sourceIds.get(h.id) : undefined) ?? null,
      title: h.title,
      url: site + h.url,
      snippet: h.snippet,
      score: h.score,
      locale: h.locale,
      solved: h.solved,
      category: h.category,
      tags: h.tags,
    })),
    facets: result.facets,
    total: result.total,
    exhaustive: result.exhaustive,
    didYouMean: result.didYouMean,
    page,
    tookMs: result.tookMs,
    searchEventId: result.searchEventId,
  };
}

export const suggestionsShape = z.object({
  suggestions: z.array(hitShape.omit({ score: true })),
  searchEventId: z.int().nullable().meta({ description: 'The recorded search, for click tracking' }),
  widget: z
    .object({
      enabled: z.boolean(),
      incidents: z.array(z.object({ id: z.int(), title: z.string(), severity: z.enum(['critical', 'major', 'minor']) })),
    })
    .optional()
    .meta({ description: 'With `surface=widget` only: whether an admin switched the widget on, and the active incidents for its banner (then `url`s are absolute)' }),
});

export function suggestionsJson(hits: SearchHit[], searchEventId: number | null): z.output<typeof suggestionsShape> {
  return {
    suggestions: hits.map((h) => ({ type: h.type, id: h.id, title: h.title, url: h.url, snippet: h.snippet, locale: h.locale, solved: h.solved })),
    searchEventId,
  };
}

export const similarShape = z.object({ similar: z.array(hitShape.omit({ snippet: true })) });

export function similarJson(hits: SearchHit[]): z.output<typeof similarShape> {
  return { similar: hits.map((h) => ({ type: h.type, id: h.id, title: h.title, url: h.url, score: h.score, locale: h.locale, solved: h.solved })) };
}
