// The visibility rule of posts (auth/permissions.ts canViewPost / isPublicPost) as the views of posts apply it: a
// thread for a reader, and the SQL form of "public" for lists, profiles, sitemaps and counts.
import { and, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { answers, questions } from '../../../db/schema/index';
import { canViewPost, threadReader } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { categoriesModeratedBy } from '../moderation/commands';
import { getThread, type Thread } from './get-thread';
import { loadPost, type LoadedPost } from './load-post';

/**
 * isPublicPost of a question, in SQL over `questions`. The status is written into the SQL: bound, it made SQLite plan
 * a prepared query again at every run (db/prepared.ts).
 */
export const PUBLIC_QUESTION: SQL = and(isNull(questions.deletedAt), sql`${questions.status} = 'published'`)!;

/** isPublicPost of an answer, in SQL over `answers` joined with its `questions` row. */
export const PUBLIC_ANSWER: SQL = and(isNull(answers.deletedAt), sql`${answers.status} = 'published'`, PUBLIC_QUESTION)!;

/**
 * A thread as `actor` may read it (its answers as the rule allows them), with the categories they moderate; null when
 * it does not exist or is not theirs to see, exactly as if it did not exist. A deleted thread is returned: its views
 * answer 410.
 */
export function visibleThread(db: Db, actor: Actor | null, questionId: number, now: number): { thread: Thread; scope: number[] | null } | null {
  const scope = categoriesModeratedBy(db, actor, now);
  const thread = getThread(db, questionId, threadReader(actor, scope, now));
  if (!thread) return null;
  const q = thread.question;
  if (q.deletedAt === null && !canViewPost(actor, { authorId: q.author.id, deletedAt: null, status: q.status, categoryId: q.category.id }, now, scope)) return null;
  return { thread, scope };
}

/**
 * A question or an answer as `actor` may see it (its revision history, its text), with its thread; null when it does
 * not exist or is not theirs to see. An answer is never more visible than its question.
 */
export function visiblePost(db: Db, actor: Actor | null, postId: number, now: number): { post: LoadedPost; thread: Thread; scope: number[] | null } | null {
  const post = loadPost(db, postId);
  if (!post) return null;
  const visible = visibleThread(db, actor, post.questionId, now);
  if (!visible) return null;
  const q = visible.thread.question;
  const question = post.kind === 'answer' ? { authorId: q.author.id, deletedAt: q.deletedAt, status: q.status } : null;
  const facts = { authorId: post.authorId, deletedAt: post.deletedAt, status: post.status, categoryId: post.categoryId, question };
  return canViewPost(actor, facts, now, visible.scope) ? { post, ...visible } : null;
}
