import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { equalsBound, preparedPerConnection } from '../../../db/prepared';
import { answers, comments, users } from '../../../db/schema/index';
import { canComment, canDeletePost } from '../auth/permissions';
import { onAskerPost } from '../cases/thread-hooks';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { renderMarkdown } from '../markdown';
import { enqueue } from '../jobs/outbox';
import { mentionedMembers, notify } from '../notifications/notify';
import { multilineText, parseInput } from '../validation';
import { DOUBLE_SUBMIT_WINDOW_MS } from './ask-question';
import { loadPost } from './load-post';
import { checkLinkLimit, consumePostingLimit, loadStanding, trustLevelOf } from './standing';
import { reputationStanding, requirePrivilege } from '../reputation/ledger';

export const commentSchema = z.object({
  body: multilineText({ error: 'field.required' })
    .trim()
    .min(1, { error: 'field.required' })
    .min(5, { error: 'field.commentTooShort' })
    .max(1000, { error: 'field.commentTooLong' }),
});

/** Adds a comment to a question or an answer; notifies the post's author and anyone @mentioned. */
export function commentOnPost(db: Db, actor: Actor | null, postId: number, input: unknown, now: number): { id: number; postId: number; questionId: number; created: boolean } {
  const data = parseInput(commentSchema, input);
  const bodyHtml = renderMarkdown(data.body, { ugc: true });
  return db.transaction((tx) => {
    const post = loadPost(tx, postId);
    if (!post || post.deletedAt !== null || post.questionDeletedAt !== null) throw new DomainError('NOT_FOUND', 'No such post.');
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in to comment.');
    if (actor.id !== post.authorId && actor.id !== post.questionAuthorId) requirePrivilege(tx, actor, 'commentAnywhere', now);
    if (!canComment(actor, post, now, reputationStanding(tx, actor.id), post.questionAuthorId)) throw new DomainError('FORBIDDEN', 'You cannot comment here.');
    const previous = tx
      .select({ id: comments.id })
      .from(comments)
      .where(and(eq(comments.postId, postId), eq(comments.authorId, actor.id), eq(comments.bodyMd, data.body), gt(comments.createdAt, now - DOUBLE_SUBMIT_WINDOW_MS)))
      .get();
    if (previous) return { id: previous.id, postId, questionId: post.questionId, created: false };
    const trust = trustLevelOf(actor, loadStanding(tx, actor.id), now);
    checkLinkLimit(data.body, trust);
    consumePostingLimit(tx, actor, 'comment', trust, now);

    const { id } = tx.insert(comments).values({ postId, authorId: actor.id, bodyMd: data.body, bodyHtml, createdAt: now }).returning({ id: comments.id }).get();
    notify(tx, { userIds: [post.authorId], type: 'comment.created', questionId: post.questionId, actorId: actor.id, data: { postId, commentId: id } }, now);
    const mentioned = mentionedMembers(tx, data.body).filter((m) => m !== post.authorId);
    notify(tx, { userIds: mentioned, type: 'mention', questionId: post.questionId, actorId: actor.id, data: { postId, commentId: id } }, now);
    enqueue(tx, 'question.changed', { questionId: post.questionId }, now);
    onAskerPost(tx, post.questionId, actor.id, { commentId: id, excerpt: data.body }, now);
    return { id, postId, questionId: post.questionId, created: true };
  });
}

/** Soft-deletes a comment (its author or a moderator). */
export function deleteComment(db: Db, actor: Actor | null, commentId: number, now: number): { id: number; questionId: number } {
  return db.transaction((tx) => {
    const comment = tx.select().from(comments).where(eq(comments.id, commentId)).get();
    if (!comment || comment.deletedAt !== null) throw new DomainError('NOT_FOUND', 'No such comment.');
    const post = loadPost(tx, comment.postId)!;
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
    if (!canDeletePost(actor, { authorId: comment.authorId, deletedAt: null, status: comment.status }, now)) throw new DomainError('FORBIDDEN', 'You cannot delete this comment.');
    tx.update(comments).set({ deletedAt: now }).where(eq(comments.id, commentId)).run();
    enqueue(tx, 'question.changed', { questionId: post.questionId }, now);
    return { id: commentId, questionId: post.questionId };
  });
}

export interface ThreadComment {
  id: number;
  postId: number;
  authorId: number;
  authorName: string;
  bodyHtml: string;
  createdAt: number;
  status: 'published' | 'pending' | 'hidden';
}

function prepareThreadComments(db: Db, includeHidden: boolean) {
  const id = sql.placeholder('id');
  return db
    .select({
      id: comments.id,
      postId: comments.postId,
      authorId: comments.authorId,
      authorName: users.displayName,
      bodyHtml: comments.bodyHtml,
      createdAt: comments.createdAt,
      status: comments.status,
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(
      and(
        or(equalsBound(comments.postId, id), inArray(comments.postId, db.select({ id: answers.id }).from(answers).where(equalsBound(answers.questionId, id)))),
        isNull(comments.deletedAt),
        // Written into the SQL: a bound value here too made SQLite plan the query again at every run.
        includeHidden ? undefined : sql`${comments.status} = 'published'`,
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .prepare();
}

const threadCommentQueries = preparedPerConnection((db) => ({ published: prepareThreadComments(db, false), all: prepareThreadComments(db, true) }));

/** Comments on a question and on its answers, by post, with one prepared query (the thread page's hot path). */
export function commentsOfThread(db: Db, questionId: number, includeHidden = false): Map<number, ThreadComment[]> {
  const prepared = threadCommentQueries(db);
  const map = new Map<number, ThreadComment[]>();
  for (const r of (includeHidden ? prepared.all : prepared.published).all({ id: questionId })) map.set(r.postId, [...(map.get(r.postId) ?? []), r]);
  return map;
}
