import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { answers, follows, postRevisions, posts, questions, users } from '../../../db/schema/index';
import { answerRefusal, canAnswer } from '../auth/permissions';
import { onAskerPost } from '../cases/thread-hooks';
import type { Actor } from '../auth/sessions';
import { DomainError, refusalError } from '../errors';
import { enqueue } from '../jobs/outbox';
import { followersOf, mentionedMembers, notify } from '../notifications/notify';
import { renderMarkdown } from '../markdown';
import { parseInput } from '../validation';
import { DOUBLE_SUBMIT_WINDOW_MS } from './ask-question';
import { contentHash } from './content-hash';
import { answerSchema } from './schemas';
import { checkDuplicateContent, checkLinkLimit, consumePostingLimit, loadStanding, needsPremoderation, trustLevelOf } from './standing';
import { checkBadgesAfter } from '../reputation/ledger';

export function answerQuestion(
  db: Db,
  actor: Actor | null,
  questionId: number,
  input: unknown,
  now: number,
): { id: number; questionId: number; created: boolean; status: 'published' | 'pending' | 'hidden' } {
  const data = parseInput(answerSchema, input);
  const bodyHtml = renderMarkdown(data.body, { ugc: true });
  const hash = contentHash(data.body);
  return db.transaction((tx) => {
    const question = tx
      .select({ id: questions.id, deletedAt: questions.deletedAt, lockedAt: questions.lockedAt, status: questions.status, authorId: questions.authorId })
      .from(questions)
      .where(eq(questions.id, questionId))
      .get();
    if (!question) throw new DomainError('NOT_FOUND', 'No such question.');
    if (!canAnswer(actor, question, now)) throw refusalError(answerRefusal(actor, question, now)!);

    const previous = tx
      .select({ id: answers.id, status: answers.status })
      .from(answers)
      .where(
        and(
          eq(answers.questionId, questionId),
          eq(answers.authorId, actor.id),
          eq(answers.contentHash, hash),
          gt(answers.createdAt, now - DOUBLE_SUBMIT_WINDOW_MS),
        ),
      )
      .get();
    if (previous) return { id: previous.id, questionId, created: false, status: previous.status };

    const standing = loadStanding(tx, actor.id);
    const trust = trustLevelOf(actor, standing, now);
    checkLinkLimit(data.body, trust);
    checkDuplicateContent(tx, 'answer', hash, actor.id, now);
    consumePostingLimit(tx, actor, 'answer', trust, now);
    const status = needsPremoderation(actor, standing, now) ? 'pending' : 'published';

    const { id } = tx.insert(posts).values({ kind: 'answer' }).returning({ id: posts.id }).get();
    tx.insert(answers)
      .values({ id, questionId, authorId: actor.id, bodyMd: data.body, bodyHtml, createdAt: now, updatedAt: now, contentHash: hash, status })
      .run();
    tx.insert(postRevisions).values({ postId: id, revision: 1, authorId: actor.id, bodyMd: data.body, createdAt: now }).run();
    if (status === 'published') publishAnswer(tx, { id, questionId, authorId: actor.id, bodyMd: data.body }, now);
    return { id, questionId, created: true, status };
  });
}

/**
 * What publishing an answer does (at once, or when a moderator approves a pending one): counts it, bumps the thread,
 * notifies followers and @mentioned members, makes the answerer follow the thread.
 */
export function publishAnswer(tx: Db, answer: { id: number; questionId: number; authorId: number; bodyMd: string }, now: number): void {
  const { id, questionId, authorId } = answer;
  tx.update(questions)
    .set({ answerCount: sql`${questions.answerCount} + 1`, lastActivityAt: now })
    .where(eq(questions.id, questionId))
    .run();
  tx.update(users).set({ postCount: sql`${users.postCount} + 1` }).where(eq(users.id, authorId)).run();
  notify(tx, { userIds: followersOf(tx, questionId), type: 'answer.created', questionId, actorId: authorId, data: { answerId: id } }, now);
  notify(tx, { userIds: mentionedMembers(tx, answer.bodyMd), type: 'mention', questionId, actorId: authorId, data: { answerId: id } }, now);
  tx.insert(follows).values({ questionId, userId: authorId, createdAt: now }).onConflictDoNothing().run();
  onAskerPost(tx, questionId, authorId, { answerId: id, excerpt: answer.bodyMd }, now);
  enqueue(tx, 'question.changed', { questionId }, now);
  checkBadgesAfter(tx, authorId, 'answer', now);
}
