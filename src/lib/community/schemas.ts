import { z } from 'zod';
import { LOCALES } from '../../../db/schema/accounts';
import { HAS_LETTER, lineText, multilineText } from '../validation';

export const TAG_PATTERN = /^[a-z0-9][a-z0-9-]{0,28}[a-z0-9]$/;

/** Tags as a form sends them (one comma- or space-separated string) or as the API does (an array), validated. */
export const tagList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => {
    const raw = Array.isArray(value) ? value : (value ?? '').split(/[,\s]+/);
    return [...new Set(raw.map((t) => t.trim().toLowerCase()).filter(Boolean))];
  })
  .pipe(z.array(z.string().regex(TAG_PATTERN, { error: 'field.invalidTag' })).max(5, { error: 'field.tooManyTags' }));

export const askQuestionSchema = z.object({
  title: lineText({ error: 'field.required' })
    .trim()
    .min(1, { error: 'field.required' })
    .min(10, { error: 'field.titleTooShort' })
    .max(150, { error: 'field.titleTooLong' })
    .regex(HAS_LETTER, { error: 'field.titleNeedsLetters' }),
  body: multilineText({ error: 'field.required' })
    .trim()
    .min(1, { error: 'field.required' })
    .min(20, { error: 'field.bodyTooShort' })
    .max(30000, { error: 'field.bodyTooLong' }),
  category: lineText({ error: 'field.required' }).trim().min(1, { error: 'field.required' }).max(64, { error: 'field.unknownCategory' }),
  tags: tagList,
  locale: z.enum(LOCALES, { error: 'field.invalid' }),
});
export type AskQuestionInput = z.input<typeof askQuestionSchema>;

export const answerSchema = z.object({
  body: multilineText({ error: 'field.required' })
    .trim()
    .min(1, { error: 'field.required' })
    .min(20, { error: 'field.answerTooShort' })
    .max(30000, { error: 'field.bodyTooLong' }),
});

/** An id as a URL or a form gives it (a string of digits). */
export const idSchema = z.coerce.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).positive({ error: 'field.invalid' }).max(Number.MAX_SAFE_INTEGER);
/** An id in a JSON body: a number, never a string (forms convert theirs, see formInput). */
export const idValue = z.int({ error: 'field.invalid' }).positive({ error: 'field.invalid' });

export const QUESTION_FILTERS = ['newest', 'active', 'unanswered', 'unsolved', 'solved'] as const;
export type QuestionFilter = (typeof QUESTION_FILTERS)[number];

export const listQuestionsSchema = z.object({
  filter: z.enum(QUESTION_FILTERS).default('newest'),
  locale: z.enum(LOCALES).optional(),
  category: z.string().max(64).optional(),
  tag: z.string().max(30).optional(),
  author: z.coerce.number().int().positive().optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
