import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { acceptedAnswers, answers, questions, users } from '../../../db/schema/index';
import { canDeletePost, canModerate, canUndeletePost } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { enqueue } from '../jobs/outbox';
import { recordModeration } from '../moderation/audit';
import { reinstatePostPoints, threadPostIds, withdrawPostPoints } from '../reputation/ledger';
import { loadPost } from './load-post';

/**
 * Soft-deletes a question (the thread answers 410) or an answer (its acceptance goes with it). Authors delete their
 * own posts, moderators anyone's (recorded in the audit log).
 */
export function deletePost(db: Db, actor: Actor | null, postId: number, now: number, reason = ''): { postId: number; questionId: number } {
  return db.transaction((tx) => {
    const post = loadPost(tx, postId);
    if (!post || post.deletedAt !== null) throw new DomainError('NOT_FOUND', 'No such post.');
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
    if (!canDeletePost(actor, post, now)) throw new DomainError('FORBIDDEN', 'You cannot delete this post.');
    if (post.kind === 'question') {
      tx.update(questions).set({ deletedAt: now, deletedBy: actor.id }).where(eq(questions.id, postId)).run();
    } else {
      tx.update(answers).set({ deletedAt: now, deletedBy: actor.id }).where(eq(answers.id, postId)).run();
      tx.delete(acceptedAnswers).where(eq(acceptedAnswers.answerId, postId)).run();
      if (post.status === 'published') {
        tx.update(questions).set({ answerCount: sql`max(0, ${questions.answerCount} - 1)` }).where(eq(questions.id, post.questionId)).run();
      }
    }
    if (post.status === 'published') tx.update(users).set({ postCount: sql`max(0, ${users.postCount} - 1)` }).where(eq(users.id, post.authorId)).run();
    withdrawPostPoints(tx, threadPostIds(tx, post), 'post.deleted', now);
    if (actor.id !== post.authorId && canModerate(actor, now)) recordModeration(tx, { actorId: actor.id, action: 'delete', targetType: post.kind, targetId: postId, reason }, now);
    enqueue(tx, 'question.changed', { questionId: post.questionId }, now);
    return { postId, questionId: post.questionId };
  });
}

export function undeletePost(db: Db, actor: Actor | null, postId: number, now: number): { postId: number; questionId: number } {
  return db.transaction((tx) => {
    const post = loadPost(tx, postId);
    if (!post || post.deletedAt === null) throw new DomainError('NOT_FOUND', 'No such deleted post.');
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
    if (!canUndeletePost(actor, post, now)) throw new DomainError('FORBIDDEN', 'You cannot undelete this post.');
    if (post.kind === 'question') {
      tx.update(questions).set({ deletedAt: null, deletedBy: null }).where(eq(questions.id, postId)).run();
    } else {
      tx.update(answers).set({ deletedAt: null, deletedBy: null }).where(eq(answers.id, postId)).run();
      if (post.status === 'published') {
        const n = tx.select({ n: sql<number>`count(*)` }).from(answers).where(and(eq(answers.questionId, post.questionId), isNull(answers.deletedAt), eq(answers.status, 'published'))).get()!.n;
        tx.update(questions).set({ answerCount: n }).where(eq(questions.id, post.questionId)).run();
      }
    }
    if (post.status === 'published') tx.update(users).set({ postCount: sql`${users.postCount} + 1` }).where(eq(users.id, post.authorId)).run();
    reinstatePostPoints(tx, threadPostIds(tx, post), now);
    if (actor.id !== post.authorId) recordModeration(tx, { actorId: actor.id, action: 'undelete', targetType: post.kind, targetId: postId }, now);
    enqueue(tx, 'question.changed', { questionId: post.questionId }, now);
    return { postId, questionId: post.questionId };
  });
}
