import type { z } from 'zod';
import type { Db } from '../../../db/client';
import type { SearchIndex } from '../../../search/index';
import { listActiveIncidents } from '../incidents/incidents';
import type { suggestQuerySchema } from '../search/schemas';
import { answerSuggest, SUGGEST_DEFAULT_LIMIT } from '../search/suggest';
import { isSurfaceEnabled, type DeflectionSettings } from './settings';

const CATEGORY_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * What the widget needs besides suggestions, sent with them so it talks to one endpoint: whether an admin switched it
 * on, and the incidents to show in its banner (those of the page's `data-context` category, or of no category).
 */
export function widgetSuggestContext(db: Db, settings: DeflectionSettings, page: { locale: 'es' | 'en'; context?: string }, now: number) {
  const enabled = isSurfaceEnabled(settings, 'widget');
  const category = page.context && CATEGORY_SLUG.test(page.context) ? page.context : undefined;
  const incidents = enabled ? listActiveIncidents(db, page.locale, now, category).slice(0, 3).map((i) => ({ id: i.id, title: i.title, severity: i.severity })) : [];
  return { enabled, incidents };
}

const DEFLECTION_CONTEXTS = new Set(['ask', 'contact', 'widget']);

/**
 * `GET /api/v1/suggest` with the deflection settings applied: the admin's number of suggestions on the ask and contact
 * forms and in the widget, and for the widget (`surface=widget`) whether it is on, its incidents and absolute URLs.
 * The widget's suggestions for its page (`source=page`) are not a search anybody typed: not recorded. The ranking
 * is answerSuggest's, unchanged.
 */
export async function answerSuggestOnSurface(
  db: Db,
  index: SearchIndex,
  settings: DeflectionSettings,
  input: z.infer<typeof suggestQuerySchema>,
  who: { userId: number | null; visitorId: string | null; locale: 'es' | 'en' },
  site: string,
  now: number,
) {
  const widget = input.surface === 'widget' ? widgetSuggestContext(db, settings, { locale: input.locale ?? who.locale, context: input.context }, now) : undefined;
  if (widget && !widget.enabled) return { suggestions: [], searchEventId: null, widget };
  const deflecting = input.surface === 'widget' || input.surface === 'ask_form' || input.surface === 'contact_form' || DEFLECTION_CONTEXTS.has(input.context ?? '');
  const limit = input.limit ?? (deflecting ? settings.suggestionCount : SUGGEST_DEFAULT_LIMIT);
  const answer =
    input.source === 'page'
      ? await answerSuggest(db, index, { ...input, limit, surface: 'api', context: undefined, final: false, visitorId: undefined }, { userId: null, visitorId: null }, now)
      : await answerSuggest(db, index, { ...input, limit }, who, now);
  if (!widget) return answer;
  return { ...answer, suggestions: answer.suggestions.map((s) => ({ ...s, url: site + s.url })), widget };
}
