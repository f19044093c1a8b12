import { z } from 'zod';
import { LOCALES } from '../../../db/schema/accounts';
import { visitorIdSchema } from '../validation';
import { SEARCH_SURFACES } from './analytics';
import { lineText, multilineText } from '../validation';

const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const searchQuerySchema = z.object({
  q: lineText().max(10_000).default(''),
  type: z.enum(['question', 'article']).optional(),
  locale: z.enum(LOCALES).optional(),
  category: z.string().max(64).optional(),
  tag: z.string().max(64).optional(),
  solved: booleanParam.optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Where the search box was: recorded with the search for the reports. */
  surface: z.enum(SEARCH_SURFACES).default('api'),
});

export const suggestQuerySchema = z.object({
  /** The draft's title (or the contact form's subject) as typed so far. */
  q: lineText().max(10_000).default(''),
  /** The draft's body (the question or message), when the form has one. */
  body: multilineText().max(10_000).optional(),
  locale: z.enum(LOCALES).optional(),
  /** `ask`, `contact` or `widget`: the suggestions are recorded as searches of that form (once per typing session). */
  context: lineText().max(500).optional(),
  /** Default: the admin's number of suggestions (deflection settings) on the ask form, contact form and widget; 8 elsewhere. */
  limit: z.coerce.number().int().min(1).max(20).optional(),
  surface: z.enum(SEARCH_SURFACES).default('api'),
  /** `page`: the widget's suggestions for the page it is on (title, path, context), not something a visitor typed. */
  source: z.enum(['typed', 'page']).default('typed'),
  /** 1 when the typing session ended (the field lost focus, the form was sent): recorded even without a visitor id. */
  final: z.enum(['1', '0', 'true', 'false']).optional().transform((v) => v === '1' || v === 'true'),
  /** The widget's visitor id on sites where this site's cookie is not sent. */
  visitorId: visitorIdSchema.optional(),
});

export const similarQuerySchema = z.object({
  locale: z.enum(LOCALES).optional(),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

/** A click on a result of a recorded search (`click`: the search event), sent by the result link's ping or a beacon. */
export const searchResultClickSchema = z.object({
  click: z.coerce.number().int().min(1),
  type: z.enum(['question', 'article']),
  id: z.coerce.number().int().min(1),
  pos: z.coerce.number().int().min(1).max(100_000),
});

/**
 * A result link of an older search page, which went through the search page itself: followed (`to`), no longer
 * recorded, since a GET writes nothing.
 */
export const searchClickSchema = searchResultClickSchema.extend({
  // A path on this site only (never an open redirect), without control characters (never a broken Location header).
  to: z.string().max(2000).regex(/^\/(es|en)\/[^/\\\p{Cc}]\P{Cc}*$/u),
});
