import { z } from 'zod';
import { authorShape, dateTime, iso, localeShape, pageOf } from '../api/api-shapes';
import type { Category } from './categories';
import type { Thread } from './get-thread';
import type { QuestionSummary } from './list-questions';
import type { TagSummary } from './tags';
import { questionPath } from './slug';

export const questionSummaryShape = z
  .object({
    id: z.int(),
    title: z.string(),
    locale: localeShape,
    url: z.url(),
    excerpt: z.string(),
    score: z.int(),
    answerCount: z.int(),
    solved: z.boolean(),
    category: z.string().meta({ description: 'Category slug' }),
    tags: z.array(z.string()),
    author: z.string().meta({ description: 'Display name' }),
    createdAt: dateTime,
  })
  .meta({ id: 'QuestionSummary' });
export const questionPageShape = pageOf(questionSummaryShape);

export function questionSummaryJson(q: QuestionSummary, site: string): z.output<typeof questionSummaryShape> {
  return {
    id: q.id,
    title: q.title,
    locale: q.locale,
    url: site + questionPath(q.locale, q),
    excerpt: q.excerpt,
    score: q.score,
    answerCount: q.answerCount,
    solved: q.solved,
    category: q.category.slug,
    tags: q.tags,
    author: q.author,
    createdAt: iso(q.createdAt),
  };
}

const sourceId = z.string().nullable().meta({ description: 'The id it had on the platform it was imported from' });

export const threadShape = z
  .object({
    id: z.int(),
    sourceId,
    title: z.string(),
    locale: localeShape,
    url: z.url(),
    body: z.string().meta({ description: 'Markdown source' }),
    bodyHtml: z.string().meta({ description: 'Rendered, sanitized HTML' }),
    score: z.int(),
    category: z.string().meta({ description: 'Category slug' }),
    tags: z.array(z.string()),
    author: authorShape,
    createdAt: dateTime,
    updatedAt: dateTime,
    solved: z.boolean(),
    acceptedAnswerId: z.int().nullable(),
    acceptance: z
      .object({ by: authorShape, at: dateTime })
      .nullable()
      .meta({ description: 'Who accepted the accepted answer (the asker, or a moderator, agent or superuser on their behalf) and when' }),
    answers: z.array(
      z.object({
        id: z.int(),
        sourceId,
        body: z.string(),
        bodyHtml: z.string(),
        score: z.int(),
        accepted: z.boolean(),
        author: authorShape,
        createdAt: dateTime,
      }),
    ),
  })
  .meta({ id: 'Thread', description: 'A question with its answers' });

export function threadJson(thread: Thread, site: string): z.output<typeof threadShape> {
  const q = thread.question;
  return {
    id: q.id,
    sourceId: q.sourceId,
    title: q.title,
    locale: q.locale,
    url: site + questionPath(q.locale, q),
    body: q.bodyMd,
    bodyHtml: q.bodyHtml,
    score: q.score,
    category: q.category.slug,
    tags: q.tags,
    author: { id: q.author.id, displayName: q.author.displayName },
    createdAt: iso(q.createdAt),
    updatedAt: iso(q.updatedAt),
    solved: thread.acceptedAnswerId !== null,
    acceptedAnswerId: thread.acceptedAnswerId,
    acceptance: thread.acceptance && { by: thread.acceptance.by, at: iso(thread.acceptance.at) },
    answers: thread.answers.map((a) => ({
      id: a.id,
      sourceId: a.sourceId,
      body: a.bodyMd,
      bodyHtml: a.bodyHtml,
      score: a.score,
      accepted: a.accepted,
      author: { id: a.author.id, displayName: a.author.displayName },
      createdAt: iso(a.createdAt),
    })),
  };
}

export const answerRefShape = z.object({ id: z.int(), questionId: z.int() });
export const commentRefShape = z.object({ id: z.int(), postId: z.int(), questionId: z.int() }).meta({ id: 'CommentRef' });
export const acceptedShape = z.object({ questionId: z.int(), acceptedAnswerId: z.int() });
export const unacceptedShape = z.object({ questionId: z.int(), acceptedAnswerId: z.null() });
export const voteResultShape = z.object({ postId: z.int(), score: z.int(), vote: z.literal([-1, 0, 1]) });

const bothLanguages = z.object({ es: z.string(), en: z.string() });
const categoryFields = {
  id: z.int(),
  slug: z.string(),
  parentId: z.int().nullable(),
  name: bothLanguages,
  description: bothLanguages,
  locale: localeShape.nullable().meta({ description: 'null: both languages' }),
  position: z.int(),
};
export const categoryShape = z
  .object({
    ...categoryFields,
    moderatorIds: z.array(z.int()).optional().meta({ description: 'GET /categories/{id}, admins only' }),
    children: z.array(z.object(categoryFields)).optional().meta({ description: 'Subcategories' }),
  })
  .meta({ id: 'Category' });
export const categoryListShape = z.object({ items: z.array(categoryShape) });

/** A category as the API shows it (subcategories nested when given). */
export function categoryJson(c: Category & { children?: Category[] }, moderatorIds?: number[]): z.output<typeof categoryShape> {
  return {
    id: c.id,
    slug: c.slug,
    parentId: c.parentId,
    name: { es: c.nameEs, en: c.nameEn },
    description: { es: c.descriptionEs, en: c.descriptionEn },
    locale: c.locale,
    position: c.position,
    ...(moderatorIds ? { moderatorIds } : {}),
    ...(c.children ? { children: c.children.map((child) => categoryJson(child)) } : {}),
  };
}

export const moderatorsShape = z.object({ items: z.array(authorShape) }).meta({ id: 'CategoryModerators' });

export function moderatorsJson(moderators: { id: number; displayName: string }[]): z.output<typeof moderatorsShape> {
  return { items: moderators.map((m) => ({ id: m.id, displayName: m.displayName })) };
}

export const tagShape = z
  .object({ name: z.string(), description: z.string(), questionCount: z.int(), synonyms: z.array(z.string()) })
  .meta({ id: 'Tag' }) satisfies z.ZodType<TagSummary>;
export const tagPageShape = pageOf(tagShape, z.string().nullable().meta({ description: 'pass as `after` for the next page' }));
export const updatedTagShape = tagShape.extend({ moved: z.int().meta({ description: 'Questions moved here from merged tags' }) });
