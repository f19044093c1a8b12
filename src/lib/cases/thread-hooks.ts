import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { equalsBound, limitInSql, preparedPerConnection } from '../../../db/prepared';
import { acceptedAnswers, caseAnswers, caseEvents, cases, questions } from '../../../db/schema/index';
import { caseNumber, caseOfThread, changeCase, recordCustomerMessage, type CaseRow } from './case-writes';
import { calendarOfQueue, loadCaseSetup } from './setup';
import { emitWebhookEvent } from './webhooks';

/**
 * What the community's use cases tell cases, inside their own transactions: the asker posted in a thread with a case,
 * an answer was accepted. Nothing here is visible to the community code beyond these calls.
 */

/** Days within which a customer's message reopens a solved case (CASE_REOPEN_WITHIN_DAYS). */
export const DEFAULT_REOPEN_WITHIN_MS = 7 * 24 * 3600 * 1000;
let reopenWithinMs = DEFAULT_REOPEN_WITHIN_MS;
const QUESTION_ID = sql.placeholder('questionId');
const CASE_ID = sql.placeholder('caseId');

/** Set once from the configuration by the composition root. */
export function setReopenWindow(ms: number): void {
  reopenWithinMs = ms;
}

/** The asker posted (an answer or a comment) in their thread: it lands on the case timeline. */
export function onAskerPost(db: Db, questionId: number, authorId: number, post: { answerId?: number; commentId?: number; excerpt: string }, now: number): void {
  const q = db.select({ authorId: questions.authorId }).from(questions).where(eq(questions.id, questionId)).get();
  if (!q || q.authorId !== authorId) return;
  const kase = caseOfThread(db, questionId) ?? latestSolvedCase(db, questionId);
  if (!kase) return;
  recordCustomerMessage(db, loadCaseSetup(db), kase, { ...post, excerpt: post.excerpt.slice(0, 280) }, { kind: 'customer', id: authorId }, now, reopenWithinMs);
}

function latestSolvedCase(db: Db, questionId: number): CaseRow | undefined {
  return db.select().from(cases).where(and(eq(cases.questionId, questionId), eq(cases.status, 'solved'))).orderBy(desc(cases.id)).limit(1).get();
}

/**
 * An answer was accepted. When it was a support reply of an open case (or the asker accepted any answer while the case
 * waited on them), the case is solved. Every acceptance goes to the `answer.accepted` webhooks.
 */
export function onAnswerAccepted(db: Db, questionId: number, answerId: number, acceptedBy: number, now: number): void {
  emitWebhookEvent(db, 'answer.accepted', { questionId, answerId, acceptedBy }, now);
  const kase = caseOfThread(db, questionId);
  if (!kase) return;
  const fromCase = db.select({ caseId: caseAnswers.caseId }).from(caseAnswers).where(eq(caseAnswers.answerId, answerId)).get();
  db.insert(caseEvents).values({ caseId: kase.id, type: 'answer_accepted', actorId: acceptedBy, actorKind: acceptedBy === kase.userId ? 'customer' : 'agent', data: { answerId, supportReply: fromCase?.caseId === kase.id }, createdAt: now }).run();
  if (fromCase?.caseId === kase.id || acceptedBy === kase.userId) {
    changeCase(db, loadCaseSetup(db), kase, { status: 'solved' }, { kind: acceptedBy === kase.userId ? 'customer' : 'agent', id: acceptedBy }, now);
  }
}

/**
 * The thread page's case queries, prepared once per connection (building them cost more than running them), in the
 * form SQLite plans once (`in (?)`, the limit in the SQL: db/prepared.ts).
 */
const threadCaseQueries = preparedPerConnection((db: Db) => ({
  latestCase: db.select({ id: cases.id, status: cases.status, queueId: cases.queueId }).from(cases).where(equalsBound(cases.questionId, QUESTION_ID)).orderBy(desc(cases.id)).limit(limitInSql(1)).prepare(),
  solvedBySupport: db
    .select({ answerId: caseAnswers.answerId })
    .from(acceptedAnswers)
    .innerJoin(caseAnswers, eq(caseAnswers.answerId, acceptedAnswers.answerId))
    .where(equalsBound(acceptedAnswers.questionId, QUESTION_ID))
    .prepare(),
  acknowledged: db
    .select({ data: caseEvents.data })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, CASE_ID), eq(caseEvents.type, 'acknowledged')))
    .prepare(),
  supportAnswers: db
    .select({ answerId: caseAnswers.answerId })
    .from(caseAnswers)
    .innerJoin(cases, eq(cases.id, caseAnswers.caseId))
    .where(equalsBound(cases.questionId, QUESTION_ID))
    .prepare(),
}));

export interface ThreadCaseBadge {
  number: string;
  status: CaseRow['status'];
  timeZone: string;
  solvedBySupport: boolean;
  acknowledged: { expectedBy: number | null; suggestions: { title: string; url: string }[] } | null;
}

/** The thread's badge: its latest case's number and status, and whether support's reply solved it; no personal data. */
export function threadCaseBadge(db: Db, questionId: number): ThreadCaseBadge | null {
  const queries = threadCaseQueries(db);
  const kase = queries.latestCase.get({ questionId });
  if (!kase) return null;
  const solvedBySupport = queries.solvedBySupport.get({ questionId });
  const ack = queries.acknowledged.get({ caseId: kase.id });
  const data = ack?.data as { expectedBy?: number | null; suggestions?: { title: string; url: string }[] } | undefined;
  return {
    number: caseNumber(kase.id),
    status: kase.status,
    timeZone: calendarOfQueue(loadCaseSetup(db), kase.queueId).timeZone,
    solvedBySupport: Boolean(solvedBySupport),
    acknowledged: data ? { expectedBy: data.expectedBy ?? null, suggestions: data.suggestions ?? [] } : null,
  };
}

/** Answers of the thread posted from a case (shown as support replies); a thread without a case (no badge) has none. */
export function supportAnswerIds(db: Db, questionId: number): Set<number> {
  return new Set(
    threadCaseQueries(db)
      .supportAnswers.all({ questionId })
      .map((r) => r.answerId),
  );
}
