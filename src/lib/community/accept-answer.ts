import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { acceptedAnswers, answers, questions } from '../../../db/schema/index';
import { canAccept } from '../auth/permissions';
import { onAnswerAccepted } from '../cases/thread-hooks';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { enqueue } from '../jobs/outbox';
import { notify } from '../notifications/notify';
import { recordAcceptPoints, reputationStanding } from '../reputation/ledger';
import { DEFAULT_COMMUNITY_DELAYS, type CommunityDelays } from './delays';

function loadAnswerWithQuestion(db: Db, answerId: number) {
  return db
    .select({
      answerId: answers.id,
      answerDeletedAt: answers.deletedAt,
      answerStatus: answers.status,
      answerAuthorId: answers.authorId,
      questionId: questions.id,
      authorId: questions.authorId,
      createdAt: questions.createdAt,
      deletedAt: questions.deletedAt,
    })
    .from(answers)
    .innerJoin(questions, eq(questions.id, answers.questionId))
    .where(eq(answers.id, answerId))
    .get();
}

/**
 * Marks an answer as the accepted answer of its question, replacing any previous one. `expectedQuestionId`, when
 * given, must be the answer's question (a form or route that names both cannot accept another thread's answer).
 * `delays` (from configuration) says when others may accept on the asker's behalf.
 */
export function acceptAnswer(
  db: Db,
  actor: Actor | null,
  answerId: number,
  now: number,
  expectedQuestionId?: number,
  delays: Pick<CommunityDelays, 'acceptOnBehalfAfterMs'> = DEFAULT_COMMUNITY_DELAYS,
): { questionId: number; answerId: number } {
  return db.transaction((tx) => {
    const row = loadAnswerWithQuestion(tx, answerId);
    if (!row || row.answerDeletedAt !== null || row.answerStatus !== 'published') throw new DomainError('NOT_FOUND', 'No such answer.');
    if (expectedQuestionId !== undefined && row.questionId !== expectedQuestionId) {
      throw new DomainError('INVALID', 'The answer belongs to another question.', { answerId: 'field.invalid' });
    }
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in to accept an answer.');
    if (!canAccept(actor, row, now, delays.acceptOnBehalfAfterMs, reputationStanding(tx, actor.id))) throw new DomainError('FORBIDDEN', 'Only the asker can accept an answer yet.');
    tx.insert(acceptedAnswers)
      .values({ questionId: row.questionId, answerId, acceptedBy: actor.id, acceptedAt: now })
      .onConflictDoUpdate({ target: acceptedAnswers.questionId, set: { answerId, acceptedBy: actor.id, acceptedAt: now } })
      .run();
    tx.update(questions).set({ lastActivityAt: now }).where(eq(questions.id, row.questionId)).run();
    recordAcceptPoints(tx, { questionId: row.questionId, askerId: row.authorId, accepterId: actor.id, answer: { id: answerId, authorId: row.answerAuthorId } }, now);
    notify(tx, { userIds: [row.answerAuthorId], type: 'answer.accepted', questionId: row.questionId, actorId: actor.id, data: { answerId } }, now);
    onAnswerAccepted(tx, row.questionId, answerId, actor.id, now);
    enqueue(tx, 'question.changed', { questionId: row.questionId }, now);
    return { questionId: row.questionId, answerId };
  });
}

/** Removes the accepted answer of the answer's question (same permission as accepting). Idempotent when not accepted. */
export function unacceptAnswer(
  db: Db,
  actor: Actor | null,
  answerId: number,
  now: number,
  delays: Pick<CommunityDelays, 'acceptOnBehalfAfterMs'> = DEFAULT_COMMUNITY_DELAYS,
): { questionId: number; acceptedAnswerId: null } {
  return db.transaction((tx) => {
    const row = loadAnswerWithQuestion(tx, answerId);
    if (!row || row.answerDeletedAt !== null) throw new DomainError('NOT_FOUND', 'No such answer.');
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
    if (!canAccept(actor, row, now, delays.acceptOnBehalfAfterMs, reputationStanding(tx, actor.id))) throw new DomainError('FORBIDDEN', 'Only the asker can un-accept an answer yet.');
    const removed = tx.delete(acceptedAnswers).where(and(eq(acceptedAnswers.questionId, row.questionId), eq(acceptedAnswers.answerId, answerId))).run().changes;
    if (removed) {
      tx.update(questions).set({ lastActivityAt: now }).where(eq(questions.id, row.questionId)).run();
      recordAcceptPoints(tx, { questionId: row.questionId, askerId: row.authorId, accepterId: actor.id, answer: null }, now);
      enqueue(tx, 'question.changed', { questionId: row.questionId }, now);
    }
    return { questionId: row.questionId, acceptedAnswerId: null };
  });
}
