import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { acceptedAnswers, categories, customerTiers, escalations, questions, users, CASE_PRIORITIES, type CasePriority } from '../../../db/schema/index';
import { canAskForHuman, canEscalateQuestion } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { addBusinessMs, HOUR_MS } from '../business-hours/business-hours';
import { addCaseEvent, alertStaff, caseNumber, caseOfThread, changeCase, openCase, type CaseActor, type CaseRow } from '../cases/case-writes';
import { calendarOfQueue, loadCaseSetup, type CaseSetup } from '../cases/setup';
import { emitWebhookEvent } from '../cases/webhooks';
import { DomainError } from '../errors';
import { parseInput } from '../validation';
import { loadRules } from './rules';
import { isAskForHumanOffered, MANUAL_TRIGGERS, type EscalationRule, type QuestionFacts, type RuleParams } from './triggers';

const PRIORITY_RANK: Record<CasePriority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** A thread as the rules see it, with what a case needs (asker, category). */
export interface ThreadFacts extends QuestionFacts {
  authorId: number;
  authorEmail: string;
  authorName: string;
  deletedAt: number | null;
  status: 'published' | 'pending' | 'hidden';
}

/** The facts of many questions in one query (the scheduler's candidates, or one thread). */
export function loadThreadFacts(db: Db, ids: number[]): ThreadFacts[] {
  if (ids.length === 0) return [];
  return db
    .select({
      id: questions.id,
      locale: questions.locale,
      categoryId: questions.categoryId,
      parentCategoryId: categories.parentId,
      createdAt: questions.createdAt,
      answerCount: questions.answerCount,
      accepted: sql<number>`exists (select 1 from ${acceptedAnswers} a where a.question_id = ${questions.id})`,
      urgentFlags: sql<number>`(select count(*) from flags f where f.question_id = ${questions.id} and f.reason = 'urgent' and f.resolved_at is null)`,
      title: questions.title,
      bodyText: questions.bodyText,
      askerTier: customerTiers.tier,
      status: questions.status,
      closedAt: questions.closedAt,
      deletedAt: questions.deletedAt,
      authorId: questions.authorId,
      authorEmail: users.email,
      authorName: users.displayName,
    })
    .from(questions)
    .innerJoin(categories, eq(categories.id, questions.categoryId))
    .innerJoin(users, eq(users.id, questions.authorId))
    .leftJoin(customerTiers, eq(customerTiers.userId, questions.authorId))
    .where(sql`${questions.id} in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`)
    .all()
    .map((r) => ({ ...r, accepted: Boolean(r.accepted), open: r.deletedAt === null && r.status === 'published' && r.closedAt === null }));
}

/**
 * Escalates a thread by a rule: opens its case (or joins the open one, raising its priority to the rule's when higher),
 * records the escalation fact, alerts the queue's staff when the rule says so and tells the webhooks. `automatic`
 * escalations fire once per thread and rule (a unique index); returns null when this one already fired.
 */
export function escalateThread(
  db: Db,
  setup: CaseSetup,
  q: ThreadFacts,
  rule: Pick<EscalationRule, 'trigger' | 'priority' | 'queueId' | 'notify'> & { id: number | null },
  actor: CaseActor,
  now: number,
  options: { priority?: CasePriority; note?: string } = {},
): { case: CaseRow; created: boolean } | null {
  const automatic = !MANUAL_TRIGGERS.includes(rule.trigger);
  const priority = options.priority ?? rule.priority;
  const opened = openCase(
    db,
    {
      channel: rule.trigger === 'staff_escalation' ? 'moderator' : 'thread',
      subject: q.title,
      body: q.bodyText.slice(0, 5000),
      locale: q.locale,
      customer: { userId: q.authorId, email: q.authorEmail, name: q.authorName },
      questionId: q.id,
      category: { id: q.categoryId, parentId: q.parentCategoryId },
      priority,
      queueId: rule.queueId,
      opener: actor,
      reason: { trigger: rule.trigger, ruleId: rule.id, ...(options.note ? { note: options.note } : {}) },
    },
    now,
    setup,
  );
  const fact = db
    .insert(escalations)
    .values({
      questionId: q.id,
      caseId: opened.case.id,
      ruleId: rule.id,
      trigger: rule.trigger,
      automatic,
      actorId: actor.id,
      priority,
      queueId: opened.case.queueId,
      locale: q.locale,
      categoryId: q.categoryId,
      openedCase: opened.created,
      createdAt: now,
    })
    .onConflictDoNothing()
    .run();
  if (fact.changes === 0) return null;
  let kase = opened.case;
  if (!opened.created) {
    addCaseEvent(db, kase.id, 'escalated', actor, { trigger: rule.trigger, ruleId: rule.id, ...(options.note ? { note: options.note } : {}) }, now);
    if (PRIORITY_RANK[priority] > PRIORITY_RANK[kase.priority]) kase = changeCase(db, setup, kase, { priority }, actor, now);
  }
  if (rule.notify) alertStaff(db, setup, kase, 'case.escalated', { trigger: rule.trigger }, now, actor.id);
  emitWebhookEvent(db, 'question.escalated', { questionId: q.id, caseId: kase.id, caseNumber: caseNumber(kase.id), trigger: rule.trigger, ruleId: rule.id, priority: kase.priority, openedCase: opened.created }, now);
  return { case: kase, created: opened.created };
}

export const escalateInputSchema = z.object({
  /** Staff may set the priority; the asker's request takes the rule's. */
  priority: z.enum(CASE_PRIORITIES, { error: 'field.invalid' }).optional(),
  note: z.string().trim().max(1000, { error: 'field.tooLong' }).optional(),
});

/** The default rule of a manual trigger when admins deleted or disabled theirs: staff can always escalate. */
function manualRule(db: Db, setup: CaseSetup, trigger: 'asker_request' | 'staff_escalation') {
  const rule = loadRules(db, { enabledOnly: true, trigger })[0];
  if (rule) return rule;
  if (trigger === 'asker_request') return null;
  return { id: null, trigger, priority: 'normal' as const, queueId: setup.defaultQueueId, notify: true, params: {} as RuleParams, enabled: true };
}

/**
 * "Ask for a human" (the asker, once the offer is due) or "escalate to support" (moderators, agents, superusers).
 * Joins the thread's open case when there is one. Returns the case with its number.
 */
export function escalateQuestion(db: Db, actor: Actor | null, questionId: number, input: unknown, now: number) {
  const data = parseInput(escalateInputSchema, input ?? {});
  return db.transaction((tx) => {
    const q = loadThreadFacts(tx, [questionId])[0];
    if (!q || q.deletedAt !== null || q.status !== 'published') throw new DomainError('NOT_FOUND', 'No such question.');
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in to ask for help from support.');
    const setup = loadCaseSetup(tx);
    const asker = actor.id === q.authorId;
    if (asker) {
      if (!canAskForHuman(actor, q, now)) throw new DomainError('FORBIDDEN', 'You cannot ask for a human on this thread.');
      const rule = manualRule(tx, setup, 'asker_request');
      if (!rule) throw new DomainError('FORBIDDEN', 'Asking for a human is turned off.', { _: 'escalation.off' });
      const existing = caseOfThread(tx, q.id);
      if (!existing && !isAskForHumanOffered(q, rule, now, calendarOfQueue(setup, rule.queueId))) {
        const at = addBusinessMs(calendarOfQueue(setup, rule.queueId), q.createdAt, (rule.params.hours ?? 0) * HOUR_MS);
        throw new DomainError('CONFLICT', `Ask for a human from ${new Date(at).toISOString()}: the community may answer first.`, { _: 'escalation.notYet' });
      }
      const r = escalateThread(tx, setup, q, rule, { kind: 'customer', id: actor.id }, now, { note: data.note });
      return result(r ?? { case: existing!, created: false });
    }
    if (!canEscalateQuestion(actor, q, now)) throw new DomainError('FORBIDDEN', 'Only the asker, moderators, agents and superusers escalate a thread.');
    const rule = manualRule(tx, setup, 'staff_escalation')!;
    const r = escalateThread(tx, setup, q, rule, { kind: 'agent', id: actor.id }, now, { priority: data.priority, note: data.note });
    return result(r!);
  });
}

function result(r: { case: CaseRow; created: boolean }) {
  return { caseId: r.case.id, number: caseNumber(r.case.id), status: r.case.status, priority: r.case.priority, created: r.created };
}

/**
 * What the thread page offers its asker: "ask for a human" now, from a time, or not at all (no rule, solved, or a case
 * already open — the badge shows that one).
 */
export function askForHumanOffer(db: Db, q: Pick<QuestionFacts, 'createdAt' | 'accepted' | 'open'> & { id: number }, now: number): { state: 'now' } | { state: 'later'; at: number; timeZone: string } | { state: 'none' } {
  const rule = loadRules(db, { enabledOnly: true, trigger: 'asker_request' })[0];
  if (!rule || q.accepted || !q.open || caseOfThread(db, q.id)) return { state: 'none' };
  const setup = loadCaseSetup(db);
  const cal = calendarOfQueue(setup, rule.queueId);
  if (isAskForHumanOffered(q, rule, now, cal)) return { state: 'now' };
  return { state: 'later', at: addBusinessMs(cal, q.createdAt, (rule.params.hours ?? 0) * HOUR_MS), timeZone: cal.timeZone };
}
