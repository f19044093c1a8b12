import { and, eq, exists, gt, isNull, lt, lte, notExists, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { acceptedAnswers, answers, questions } from '../../../db/schema/index';
import { notify } from '../notifications/notify';
import { DEFAULT_COMMUNITY_DELAYS } from './delays';

/** Default wait (NUDGE_ASKER_AFTER_DAYS) before an answered question without an accepted answer reminds its asker. */
export const ACCEPT_NUDGE_AFTER_MS = DEFAULT_COMMUNITY_DELAYS.nudgeAskerAfterMs;

/** Questions the nudge may still concern, in the words of the partial index `questions_nudge_idx` (so it is used). */
const mayNudge = sql`${questions.acceptNudgedAt} is null and ${questions.answerCount} > 0`;

/** Where the periodic nudge left off (kept by the scheduler between runs): the last question id it looked at. */
export interface NudgeCursor {
  afterId?: number;
}

/**
 * Reminds askers (in-app, and by mail through their notification preference) to accept an answer when their question
 * got answers but none is accepted `afterMs` after the first answer. Once per question, at most `limit` per call.
 * With `window`, looks at no more than `window.scan` candidate questions after `window.cursor.afterId` and moves the
 * cursor on (back to the start after the last question), so each call's work is bounded whatever the table's size.
 * Returns how many were reminded.
 */
export function nudgeAskersToAccept(db: Db, now: number, afterMs = ACCEPT_NUDGE_AFTER_MS, limit = 500, window?: { scan: number; cursor: NudgeCursor }): number {
  return db.transaction((tx) => {
    const afterId = window?.cursor.afterId ?? 0;
    let upTo: number | null = null;
    if (window) {
      upTo = tx.get<{ id: number | null }>(sql`select max(id) as id from (select ${questions.id} as id from ${questions} where ${mayNudge} and ${questions.id} > ${afterId} order by 1 limit ${window.scan})`)?.id ?? null;
      if (upTo === null) {
        window.cursor.afterId = 0;
        return 0;
      }
    }
    const due = tx
      .select({ id: questions.id, authorId: questions.authorId })
      .from(questions)
      .where(
        and(
          mayNudge,
          gt(questions.id, afterId),
          upTo === null ? undefined : lte(questions.id, upTo),
          isNull(questions.deletedAt),
          eq(questions.status, 'published'),
          isNull(questions.closedAt),
          notExists(tx.select({ one: sql`1` }).from(acceptedAnswers).where(eq(acceptedAnswers.questionId, questions.id))),
          exists(
            tx
              .select({ one: sql`1` })
              .from(answers)
              .where(and(eq(answers.questionId, questions.id), isNull(answers.deletedAt), eq(answers.status, 'published'), lt(answers.createdAt, now - afterMs))),
          ),
        ),
      )
      .orderBy(questions.id)
      .limit(limit)
      .all();
    for (const q of due) {
      notify(tx, { userIds: [q.authorId], type: 'accept.nudge', questionId: q.id, actorId: null }, now);
      tx.update(questions).set({ acceptNudgedAt: now }).where(eq(questions.id, q.id)).run();
    }
    if (window) window.cursor.afterId = due.length === limit ? due.at(-1)!.id : upTo!;
    return due.length;
  });
}
