import { and, desc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { answers, comments, moderationActions, questions, users } from '../../../db/schema/index';
import { excerpt, markdownToText } from '../markdown';
import type { PendingPost } from './flags';

/** The audit-log actions that hide content. */
export const HIDING_ACTIONS = ['hide', 'reject', 'flags.upheld', 'auto-hide'] as const;

/** Who hid an item, why and when: the latest hiding action in the audit log (actorName null when the system did). */
export interface HiddenBy {
  action: (typeof HIDING_ACTIONS)[number];
  actorName: string | null;
  reason: string;
  at: number;
}

/** A hidden post or comment, listed like a post waiting for pre-moderation. */
export interface HiddenItem extends Omit<PendingPost, 'type'> {
  type: 'question' | 'answer' | 'comment';
  /** null when the audit log has no hiding action for it (e.g. imported content). */
  hiddenBy: HiddenBy | null;
}

type Listed = Omit<HiddenItem, 'hiddenBy'>;

// Markdown past this point never reaches a 200-character excerpt; cutting first keeps long posts cheap to render.
const plainExcerpt = (markdown: string) => excerpt(markdownToText(markdown.slice(0, 2000)), 200);

/** The latest hiding action of each item, in one query. Keys are `type:id`. */
function hidingActions(db: Db, items: Listed[]): Map<string, HiddenBy> {
  const byType = new Map<Listed['type'], number[]>();
  for (const i of items) byType.set(i.type, [...(byType.get(i.type) ?? []), i.id]);
  const result = new Map<string, HiddenBy>();
  if (byType.size === 0) return result;
  const rows = db
    .select({ targetType: moderationActions.targetType, targetId: moderationActions.targetId, action: moderationActions.action, reason: moderationActions.reason, at: moderationActions.createdAt, actorName: users.displayName })
    .from(moderationActions)
    .leftJoin(users, eq(users.id, moderationActions.actorId))
    .where(
      and(
        inArray(moderationActions.action, [...HIDING_ACTIONS]),
        or(...[...byType].map(([type, ids]) => and(eq(moderationActions.targetType, type), inArray(moderationActions.targetId, ids)))),
      ),
    )
    .orderBy(desc(moderationActions.id))
    .all();
  for (const r of rows) {
    const key = `${r.targetType}:${r.targetId}`;
    if (!result.has(key)) result.set(key, { action: r.action as HiddenBy['action'], actorName: r.actorName, reason: r.reason, at: r.at });
  }
  return result;
}

/**
 * Hidden questions, answers and comments (not deleted), newest first, each kind up to `limit`. `categoryIds` limits
 * them to threads in those categories (what a category moderator may restore); null means everywhere. Excerpts are
 * plain text; each item carries who hid it, why and when.
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
    .map(({ text, ...r }): Listed => ({ type: 'question', ...r, excerpt: excerpt(text, 200) }));
  const as = db
    .select({ ...thread, id: answers.id, text: answers.bodyMd, createdAt: answers.createdAt })
    .from(answers)
    .innerJoin(questions, eq(questions.id, answers.questionId))
    .innerJoin(users, eq(users.id, answers.authorId))
    .where(and(eq(answers.status, 'hidden'), isNull(answers.deletedAt), isNull(questions.deletedAt), inScope))
    .orderBy(desc(answers.id))
    .limit(limit)
    .all()
    .map(({ text, ...r }): Listed => ({ type: 'answer', ...r, excerpt: plainExcerpt(text) }));
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
    .flatMap((c): Listed[] => {
      const t = threadOfPost.get(c.postId);
      if (!t || (scope && !scope.has(t.categoryId))) return [];
      return [{ type: 'comment', id: c.id, questionId: t.questionId, title: t.title, slug: t.slug, locale: t.locale, authorName: c.authorName, excerpt: plainExcerpt(c.text), createdAt: c.createdAt }];
    })
    .slice(0, limit);
  const listed = [...qs, ...as, ...hiddenComments].sort((a, b) => b.createdAt - a.createdAt);
  const hiddenBy = hidingActions(db, listed);
  return listed.map((i) => ({ ...i, hiddenBy: hiddenBy.get(`${i.type}:${i.id}`) ?? null }));
}
