import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { categories, postRevisions, posts, questions, questionTags, tags } from '../../../db/schema/index';
import { canAsk } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { enqueue } from '../jobs/outbox';
import { markdownToText, renderMarkdown } from '../markdown';
import { parseInput } from '../validation';
import { contentHash } from './content-hash';
import { askQuestionSchema } from './schemas';
import { slugify } from './slug';

/** An identical submit by the same member within this window returns the first question instead of a second one. */
export const DOUBLE_SUBMIT_WINDOW_MS = 60_000;

export interface AskedQuestion {
  id: number;
  slug: string;
  locale: 'es' | 'en';
  created: boolean;
}

export function askQuestion(db: Db, actor: Actor | null, input: unknown, now: number): AskedQuestion {
  const data = parseInput(askQuestionSchema, input);
  if (!canAsk(actor, now)) throw new DomainError(actor ? 'FORBIDDEN' : 'UNAUTHORIZED', 'Sign in to ask a question.');
  const bodyHtml = renderMarkdown(data.body, { ugc: true });
  const bodyText = markdownToText(data.body);
  const hash = contentHash(data.title, data.body);

  return db.transaction((tx) => {
    const category = tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, data.category)).get();
    if (!category) throw new DomainError('INVALID', 'Unknown category.', { category: 'field.unknownCategory' });

    const previous = tx
      .select({ id: questions.id, slug: questions.slug, locale: questions.locale })
      .from(questions)
      .where(
        and(eq(questions.authorId, actor.id), eq(questions.contentHash, hash), gt(questions.createdAt, now - DOUBLE_SUBMIT_WINDOW_MS)),
      )
      .get();
    if (previous) return { ...previous, created: false };

    const { id } = tx.insert(posts).values({ kind: 'question' }).returning({ id: posts.id }).get();
    const slug = slugify(data.title);
    tx.insert(questions)
      .values({
        id,
        title: data.title,
        slug,
        bodyMd: data.body,
        bodyHtml,
        bodyText,
        locale: data.locale,
        categoryId: category.id,
        authorId: actor.id,
        createdAt: now,
        updatedAt: now,
        lastActivityAt: now,
        contentHash: hash,
      })
      .run();
    setQuestionTags(tx, id, data.tags);
    tx.insert(postRevisions)
      .values({ postId: id, revision: 1, authorId: actor.id, title: data.title, bodyMd: data.body, tags: data.tags.join(' '), createdAt: now })
      .run();
    enqueue(tx, 'question.changed', { questionId: id }, now);
    return { id, slug, locale: data.locale, created: true };
  });
}

/** Replaces the tags of a question, creating unknown tags. */
export function setQuestionTags(db: Db, questionId: number, names: string[]): void {
  db.delete(questionTags).where(eq(questionTags.questionId, questionId)).run();
  if (names.length === 0) return;
  db.insert(tags)
    .values(names.map((name) => ({ name })))
    .onConflictDoNothing()
    .run();
  const rows = db.select({ id: tags.id }).from(tags).where(inArray(tags.name, names)).all();
  db.insert(questionTags)
    .values(rows.map((t) => ({ questionId, tagId: t.id })))
    .run();
}
