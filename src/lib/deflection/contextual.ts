import type { Db } from '../../../db/client';
import type { SearchIndex } from '../../../search/index';
import { foldText, isStopWord } from '../../../search/query-text';
import { meaningfulTerms, similarityStem } from '../../../search/draft-ranking';
import { suggestAsYouType } from '../search/suggest';
import { askQuestionSchema } from '../community/schemas';
import { validateInput } from '../validation';
import type { Suggestion } from './record-events';
import { isSurfaceEnabled, type DeflectionSettings } from './settings';

export interface ShownSuggestion extends Suggestion {
  solved: boolean;
}

/**
 * Suggestions for a draft on our own pages (the 404 page, an article's "no" step, the ask and contact forms
 * rendered on the server): the same ranking as `/api/v1/suggest`, not recorded as a search (nobody typed it here).
 */
export async function contextualSuggestions(
  db: Db,
  index: SearchIndex,
  draft: { q: string; body?: string; locale: 'es' | 'en'; exclude?: Pick<Suggestion, 'type' | 'id'> },
  limit: number,
  now: number,
): Promise<ShownSuggestion[]> {
  if (draft.q.trim().length < 3) return [];
  const { hits } = await suggestAsYouType(db, index, { title: draft.q.slice(0, 300), body: draft.body, locale: draft.locale, exclude: draft.exclude, limit }, { surface: 'api', final: false }, now);
  return hits.map((h) => ({ type: h.type, id: h.id, title: h.title, url: h.url, solved: h.solved }));
}

const PATH_NOISE = /^(es|en|kb|questions|search|html?|php|aspx?|index|www|\d+)$/i;

/** Pure: the words of a path that was not found (`/es/kb/facturas-duplicadas.html` → "facturas duplicadas"). */
export function pathQuery(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // a malformed escape: use the path as it is
  }
  return decoded
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3 && !PATH_NOISE.test(w) && !isStopWord(foldText(w)))
    .slice(0, 8)
    .join(' ');
}

/** Share of meaningful title words (stemmed) two titles must have in common to be the same question. */
export const NEAR_DUPLICATE_DICE = 0.6;

/**
 * Pure: whether a draft title says what a stored title says: at least two meaningful words in common (stop words and
 * forum filler left out, stemmed as the similar-question ranking stems them) making up NEAR_DUPLICATE_DICE of both.
 */
export function isNearDuplicate(draftTitle: string, title: string, locale: 'es' | 'en'): boolean {
  const stem = similarityStem(locale);
  const a = new Set(meaningfulTerms(draftTitle).map(stem));
  const b = new Set(meaningfulTerms(title).map(stem));
  let common = 0;
  for (const term of a) if (b.has(term)) common++;
  return common >= 2 && (2 * common) / (a.size + b.size) >= NEAR_DUPLICATE_DICE;
}

/** Solved threads whose title is a near-duplicate of the draft's: the ask form warns before posting. */
export async function solvedNearDuplicates(db: Db, index: SearchIndex, draft: { title: string; body?: string; locale: 'es' | 'en' }, now: number): Promise<ShownSuggestion[]> {
  const candidates = await contextualSuggestions(db, index, { q: draft.title, body: draft.body, locale: draft.locale }, 10, now);
  return candidates.filter((c) => c.type === 'question' && c.solved && isNearDuplicate(draft.title, c.title, draft.locale)).slice(0, 3);
}

/**
 * The ask form's warning before posting: solved near-duplicates of a draft that would otherwise be accepted, when
 * the ask form's suggestions are switched on. A search that fails never blocks a question.
 */
export async function askFormDuplicates(db: Db, index: SearchIndex, settings: DeflectionSettings, draft: unknown, now: number): Promise<ShownSuggestion[]> {
  if (!isSurfaceEnabled(settings, 'ask_form')) return [];
  const valid = validateInput(askQuestionSchema, draft);
  if (!valid.ok) return [];
  try {
    return await solvedNearDuplicates(db, index, { title: valid.data.title, body: valid.data.body, locale: valid.data.locale }, now);
  } catch {
    return [];
  }
}
