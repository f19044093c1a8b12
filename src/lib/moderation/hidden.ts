import { and, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { answers, comments, questions, users } from '../../../db/schema/index';
import type { PendingPost } from './flags';

/** A hidden post or comment, listed like a post waiting for pre-moderation. */
export interface HiddenItem extends Omit<PendingPost, 'type'> {
  type: 'question' | 'answer' | 'comment';
}

/**
 * Hidden questions, answers and comments (not deleted), newest first, each kind up to `limit`. `categoryIds` limits
 * them to threads in those categories (what a category moderator may restore); null means everywhere.
 */
export function listHiddenContent(db: Db, options: { categoryIds: number[] | null; limit?: number }): HiddenItem[] {
  const limit = options.limit ?? 50;
  const inScope: SQL | undefined = options.categoryIds === null ? undefined : inArray(questions.categoryId, options.categoryIds);
  const thread = { questionId: questions.id, title: questions.title, slug: questions.slug, locale: questions.locale, authorName: users.displayName };
  const qs = db
    .select({ ...thread, id: questions.id, text: questions.bodyText, createdAt: questions.createdAt })
    .from(questions)
    .innerJoin(users, eq(users.id, questions.authorId))
    .where(and(eq(questions.status, 'hidden'), isNull(questions.deletedAt), inScope))
    .orderBy(desc(questions.id))
    .limit(limit)
    .all()
    .map((r): HiddenItem => ({ type: 'question', ...r, excerpt: r.text.slice(0, 200) }));
  const as = db
    .select({ ...thread, id: answers.id, text: answers.bodyMd, createdAt: answers.createdAt })
    .from(answers)
    .innerJoin(questions, eq(questions.id, answers.questionId))
    .innerJoin(users, eq(users.id, answers.authorId))
    .where(and(eq(answers.status, 'hidden'), isNull(answers.deletedAt), isNull(questions.deletedAt), inScope))
    .orderBy(desc(answers.id))
    .limit(limit)
    .all()
    .map((r): HiddenItem => ({ type: 'answer', ...r, excerpt: r.text.slice(0, 200) }));
  // A comment's post is a question or an answer; the thread is the question itself or the answer's question.
  const cs = db
    .select({ id: comments.id, postId: comments.postId, text: comments.bodyMd, createdAt: comments.createdAt, authorName: users.displayName })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.status, 'hidden'), isNull(comments.deletedAt)))
    .orderBy(desc(comments.id))
    .limit(limit * 4)
    .all();
  const postIds = [...new Set(cs.map((c) => c.postId))];
  const threadOfPost = new Map<number, { questionId: number; title: string; slug: string; locale: 'es' | 'en'; categoryId: number }>();
  if (postIds.length) {
    const questionRow = { questionId: questions.id, title: questions.title, slug: questions.slug, locale: questions.locale, categoryId: questions.categoryId };
    for (const q of db.select({ postId: questions.id, ...questionRow }).from(questions).where(and(inArray(questions.id, postIds), isNull(questions.deletedAt))).all()) threadOfPost.set(q.postId, q);
    for (const a of db.select({ postId: answers.id, ...questionRow }).from(answers).innerJoin(questions, eq(questions.id, answers.questionId)).where(and(inArray(answers.id, postIds), isNull(answers.deletedAt), isNull(questions.deletedAt))).all()) threadOfPost.set(a.postId, a);
  }
  const scope = options.categoryIds === null ? null : new Set(options.categoryIds);
  const hiddenComments = cs
    .flatMap((c): HiddenItem[] => {
      const t = threadOfPost.get(c.postId);
      if (!t || (scope && !scope.has(t.categoryId))) return [];
      return [{ type: 'comment', id: c.id, questionId: t.questionId, title: t.title, slug: t.slug, locale: t.locale, authorName: c.authorName, excerpt: c.text.slice(0, 200), createdAt: c.createdAt }];
    })
    .slice(0, limit);
  return [...qs, ...as, ...hiddenComments].sort((a, b) => b.createdAt - a.createdAt);
}
