import { and, eq, exists, gt, isNull, lt, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { acceptedAnswers, answers, questions } from '../../../db/schema/index';
import { notify } from '../notifications/notify';
import { DEFAULT_COMMUNITY_DELAYS } from './delays';

/** Default wait (NUDGE_ASKER_AFTER_DAYS) before an answered question without an accepted answer reminds its asker. */
export const ACCEPT_NUDGE_AFTER_MS = DEFAULT_COMMUNITY_DELAYS.nudgeAskerAfterMs;

/**
 * Reminds askers (in-app, and by mail through their notification preference) to accept an answer when their question
 * got answers but none is accepted `afterMs` after the first answer. Once per question. Run daily. Returns how many.
 */
export function nudgeAskersToAccept(db: Db, now: number, afterMs = ACCEPT_NUDGE_AFTER_MS, limit = 500): number {
  return db.transaction((tx) => {
    const due = tx
      .select({ id: questions.id, authorId: questions.authorId })
      .from(questions)
      .where(
        and(
          isNull(questions.deletedAt),
          eq(questions.status, 'published'),
          isNull(questions.acceptNudgedAt),
          isNull(questions.closedAt),
          gt(questions.answerCount, 0),
          notExists(tx.select({ one: sql`1` }).from(acceptedAnswers).where(eq(acceptedAnswers.questionId, questions.id))),
          exists(
            tx
              .select({ one: sql`1` })
              .from(answers)
              .where(and(eq(answers.questionId, questions.id), isNull(answers.deletedAt), eq(answers.status, 'published'), lt(answers.createdAt, now - afterMs))),
          ),
        ),
      )
      .limit(limit)
      .all();
    for (const q of due) {
      notify(tx, { userIds: [q.authorId], type: 'accept.nudge', questionId: q.id, actorId: null }, now);
      tx.update(questions).set({ acceptNudgedAt: now }).where(eq(questions.id, q.id)).run();
    }
    return due.length;
  });
}
