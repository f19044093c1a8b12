import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { answers, postRevisions, posts, questions } from '../../../db/schema/index';
import { canAnswer } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { enqueue } from '../jobs/outbox';
import { renderMarkdown } from '../markdown';
import { parseInput } from '../validation';
import { DOUBLE_SUBMIT_WINDOW_MS } from './ask-question';
import { contentHash } from './content-hash';
import { answerSchema } from './schemas';

export function answerQuestion(
  db: Db,
  actor: Actor | null,
  questionId: number,
  input: unknown,
  now: number,
): { id: number; questionId: number; created: boolean } {
  const data = parseInput(answerSchema, input);
  const bodyHtml = renderMarkdown(data.body, { ugc: true });
  const hash = contentHash(data.body);
  return db.transaction((tx) => {
    const question = tx
      .select({ id: questions.id, deletedAt: questions.deletedAt })
      .from(questions)
      .where(eq(questions.id, questionId))
      .get();
    if (!question) throw new DomainError('NOT_FOUND', 'No such question.');
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in to answer.');
    if (!canAnswer(actor, question, now)) throw new DomainError('FORBIDDEN', 'You cannot answer this question.');

    const previous = tx
      .select({ id: answers.id })
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
    if (previous) return { id: previous.id, questionId, created: false };

    const { id } = tx.insert(posts).values({ kind: 'answer' }).returning({ id: posts.id }).get();
    tx.insert(answers)
      .values({ id, questionId, authorId: actor.id, bodyMd: data.body, bodyHtml, createdAt: now, updatedAt: now, contentHash: hash })
      .run();
    tx.insert(postRevisions).values({ postId: id, revision: 1, authorId: actor.id, bodyMd: data.body, createdAt: now }).run();
    tx.update(questions)
      .set({ answerCount: sql`${questions.answerCount} + 1`, lastActivityAt: now })
      .where(eq(questions.id, questionId))
      .run();
    enqueue(tx, 'question.changed', { questionId }, now);
    return { id, questionId, created: true };
  });
}
