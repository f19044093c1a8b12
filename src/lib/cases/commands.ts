import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { caseAnswers, cases, CASE_PRIORITIES, CASE_STATUSES, questions } from '../../../db/schema/index';
import { canWorkCases } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { answerQuestion } from '../community/answer-question';
import { questionPath } from '../community/slug';
import { DomainError } from '../errors';
import { translate } from '../i18n/index';
import { queueMail } from '../notifications/mail';
import { parseInput, validateInput } from '../validation';
import { addCaseEvent, alertStaff, autoAssign, caseNumber, changeCase, loadCase, recordAgentReply, type CaseActor, type CaseChange, type CaseRow } from './case-writes';
import { loadCaseSetup, loadStaff, type CaseSetup } from './setup';

/** Agents' commands on cases: change, take, reply (public in the thread or private by mail), note, escalate to tier 2. */

function requireAgent(actor: Actor | null, now: number): asserts actor is Actor {
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  if (!canWorkCases(actor, now)) throw new DomainError('FORBIDDEN', 'Only agents and admins work cases.');
}

function agentOf(actor: Actor): CaseActor {
  return { kind: 'agent', id: actor.id };
}

function loadWorkable(db: Db, id: number): CaseRow {
  const c = loadCase(db, id);
  if (!c) throw new DomainError('NOT_FOUND', 'No such case.');
  if (c.status === 'closed') throw new DomainError('CONFLICT', 'The case is closed: open a new one instead.', { _: 'case.closedError' });
  return c;
}

const tagList = z
  .union([z.array(z.string()), z.string().transform((s) => s.split(','))])
  .transform((tags) => [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))])
  .pipe(z.array(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]{0,31}$/u, { error: 'case.tag' })).max(10, { error: 'field.tooLong' }));

const nullableId = z.union([z.null(), z.literal('').transform(() => null), z.coerce.number({ error: 'field.invalid' }).int().positive({ error: 'field.invalid' })]);

export const caseUpdateSchema = z
  .object({
    status: z.enum(CASE_STATUSES, { error: 'field.invalid' }).refine((s) => s !== 'new', { error: 'case.statusNew' }),
    priority: z.enum(CASE_PRIORITIES, { error: 'field.invalid' }),
    assigneeId: nullableId,
    queueId: z.coerce.number({ error: 'field.invalid' }).int().positive({ error: 'field.invalid' }),
    tags: tagList,
    /** The version the change is based on; a newer one on the server means someone else changed it (409). */
    version: z.coerce.number({ error: 'field.invalid' }).int().positive({ error: 'field.invalid' }),
  })
  .partial();

function checkChange(db: Db, setup: CaseSetup, data: z.infer<typeof caseUpdateSchema>, now: number): CaseChange {
  const fields: Record<string, string> = {};
  if (data.assigneeId != null) {
    const staff = loadStaff(db, setup, now, { onlyIds: [data.assigneeId] })[0];
    if (!staff || staff.suspended) fields.assigneeId = 'case.unknownAssignee';
  }
  if (data.queueId !== undefined && !setup.queues.has(data.queueId)) fields.queueId = 'field.invalid';
  if (Object.keys(fields).length) throw new DomainError('INVALID', 'The change is not valid.', fields);
  return { status: data.status, priority: data.priority, assigneeId: data.assigneeId, queueId: data.queueId, tags: data.tags };
}

/** Changes status, priority, assignee, queue or tags of a case. With `version`, a stale change is refused (409). */
export function updateCase(db: Db, actor: Actor | null, id: number, input: unknown, now: number): CaseRow {
  requireAgent(actor, now);
  const data = parseInput(caseUpdateSchema, input ?? {});
  return db.transaction(
    (tx) => {
      const c = loadWorkable(tx, id);
      if (data.version !== undefined && data.version !== c.version) throw new DomainError('CONFLICT', 'Someone else changed this case: reload it.', { _: 'case.stale' });
      const setup = loadCaseSetup(tx);
      return changeCase(tx, setup, c, checkChange(tx, setup, data, now), agentOf(actor), now);
    },
    { behavior: 'immediate' },
  );
}

/** "Take it": assigns an unassigned case to the caller. When two agents take the same case, one wins, the other gets 409. */
export function takeCase(db: Db, actor: Actor | null, id: number, now: number): CaseRow {
  requireAgent(actor, now);
  return db.transaction(
    (tx) => {
      const c = loadWorkable(tx, id);
      const won = tx.update(cases).set({ assigneeId: actor.id }).where(and(eq(cases.id, id), isNull(cases.assigneeId))).run().changes;
      if (!won) throw new DomainError('CONFLICT', 'Another agent has this case.', { _: 'case.taken' });
      addCaseEvent(tx, id, 'assigned', agentOf(actor), { from: null, to: actor.id, auto: false }, now);
      return tx.update(cases).set({ updatedAt: now, version: c.version + 1 }).where(eq(cases.id, id)).returning().get()!;
    },
    { behavior: 'immediate' },
  );
}

export const replySchema = z.object({
  body: z.string({ error: 'field.required' }).trim().min(2, { error: 'field.tooShort' }).max(30_000, { error: 'field.tooLong' }),
  /** public: an answer in the thread, marked as support; private: a mail to the customer (personal data). */
  visibility: z.enum(['public', 'private'], { error: 'field.invalid' }),
  /** The status after the reply (default: pending on the customer). */
  status: z.enum(['open', 'pending_customer', 'on_hold', 'solved'], { error: 'field.invalid' }).default('pending_customer'),
});

export interface ReplyOptions {
  siteUrl: string;
}

/**
 * An agent's reply. Public: posted as an answer in the case's thread (the asker may accept it; the thread then shows
 * "solved by support"). Private: mailed to the customer, kept on the timeline. Either counts as the first (or next)
 * response of the SLA clocks.
 */
export function replyToCase(db: Db, actor: Actor | null, id: number, input: unknown, now: number, options: ReplyOptions) {
  requireAgent(actor, now);
  const data = parseInput(replySchema, input);
  return db.transaction(
    (tx) => {
      const c = loadWorkable(tx, id);
      const setup = loadCaseSetup(tx);
      let answerId: number | null = null;
      let mailId: number | null = null;
      if (data.visibility === 'public') {
        if (c.questionId === null) throw new DomainError('INVALID', 'This case has no thread: reply privately.', { visibility: 'case.noThread' });
        const answer = answerQuestion(tx, actor, c.questionId, { body: data.body }, now);
        answerId = answer.id;
        tx.insert(caseAnswers).values({ answerId, caseId: c.id }).onConflictDoNothing().run();
        addCaseEvent(tx, c.id, 'reply_public', agentOf(actor), { answerId, excerpt: data.body.slice(0, 280) }, now);
      } else {
        if (c.email.endsWith('.invalid')) throw new DomainError('INVALID', 'The customer has no address to write to.', { visibility: 'case.noEmail' });
        mailId = queueMail(tx, privateReplyMail(tx, c, data.body, actor, options.siteUrl), now);
        addCaseEvent(tx, c.id, 'reply_private', agentOf(actor), { mailId, body: data.body }, now);
      }
      const row = recordAgentReply(tx, setup, c, agentOf(actor), data.status, now);
      return { case: row, answerId, mailId };
    },
    { behavior: 'immediate' },
  );
}

function privateReplyMail(db: Db, c: CaseRow, body: string, actor: Actor, siteUrl: string) {
  const t = (key: string, vars?: Record<string, string | number>) => translate(c.locale, key, vars);
  const thread = c.questionId !== null ? db.select({ id: questions.id, slug: questions.slug, locale: questions.locale }).from(questions).where(eq(questions.id, c.questionId)).get() : undefined;
  return {
    to: c.email,
    subject: t('case.mail.replySubject', { number: caseNumber(c.id), subject: c.subject }).slice(0, 150),
    text: [
      t('case.mail.greeting', { name: c.name }),
      '',
      body,
      '',
      `— ${actor.displayName}, ${t('case.mail.team')}`,
      '',
      t('case.mail.caseLink', { number: caseNumber(c.id) }),
      `${siteUrl}/${c.locale}/cases/${caseNumber(c.id)}`,
      ...(thread ? ['', `${siteUrl}${questionPath(thread.locale, thread)}`] : []),
    ].join('\n'),
  };
}

export const noteSchema = z.object({ body: z.string({ error: 'field.required' }).trim().min(2, { error: 'field.tooShort' }).max(10_000, { error: 'field.tooLong' }) });

/** An internal note: on the timeline for agents only. */
export function addCaseNote(db: Db, actor: Actor | null, id: number, input: unknown, now: number): { caseId: number } {
  requireAgent(actor, now);
  const data = parseInput(noteSchema, input);
  return db.transaction((tx) => {
    const c = loadCase(tx, id);
    if (!c) throw new DomainError('NOT_FOUND', 'No such case.');
    addCaseEvent(tx, id, 'note', agentOf(actor), { body: data.body }, now);
    tx.update(cases).set({ updatedAt: now }).where(eq(cases.id, id)).run();
    return { caseId: id };
  });
}

/**
 * Escalate to tier 2 / a supervisor: the case moves to its queue's escalation queue (at least high priority), is
 * assigned there when someone fits, and supervisors are alerted.
 */
export function escalateCaseTier(db: Db, actor: Actor | null, id: number, input: unknown, now: number): CaseRow {
  requireAgent(actor, now);
  const data = parseInput(z.object({ note: z.string().trim().max(1000, { error: 'field.tooLong' }).optional() }), input ?? {});
  return db.transaction(
    (tx) => {
      const c = loadWorkable(tx, id);
      const setup = loadCaseSetup(tx);
      const target = setup.queues.get(c.queueId)?.escalationQueueId;
      if (!target || target === c.queueId) throw new DomainError('CONFLICT', 'This queue has no tier-2 queue to escalate to.', { _: 'case.noTier2' });
      const priority = c.priority === 'low' || c.priority === 'normal' ? 'high' : c.priority;
      let row = changeCase(tx, setup, c, { queueId: target, priority, assigneeId: null }, agentOf(actor), now);
      addCaseEvent(tx, id, 'tier2', agentOf(actor), { from: c.queueId, to: target, ...(data.note ? { note: data.note } : {}) }, now);
      row = autoAssign(tx, setup, row, now) ?? row;
      alertStaff(tx, setup, row, 'case.escalated', { tier: 2 }, now, actor.id);
      return row;
    },
    { behavior: 'immediate' },
  );
}

export const bulkSchema = z.object({
  ids: z
    .union([z.array(z.coerce.number().int().positive()), z.coerce.number().int().positive().transform((n) => [n])], { error: 'case.bulkNone' })
    .pipe(z.array(z.number()).min(1, { error: 'case.bulkNone' }).max(200, { error: 'field.tooLong' })),
  status: caseUpdateSchema.shape.status,
  priority: caseUpdateSchema.shape.priority,
  assigneeId: caseUpdateSchema.shape.assigneeId,
});

/** One change applied to many cases from the queue list, in one transaction; closed or unknown cases are skipped. */
export function bulkUpdateCases(db: Db, actor: Actor | null, input: unknown, now: number): { updated: number; skipped: number } {
  requireAgent(actor, now);
  const result = validateInput(bulkSchema, input);
  if (!result.ok) throw new DomainError('INVALID', 'The bulk change is not valid.', result.fields);
  const { ids, ...change } = result.data;
  if (change.status === undefined && change.priority === undefined && change.assigneeId === undefined) throw new DomainError('INVALID', 'Choose a change.', { _: 'case.bulkNothing' });
  return db.transaction(
    (tx) => {
      const setup = loadCaseSetup(tx);
      const checked = checkChange(tx, setup, change, now);
      const rows = tx.select().from(cases).where(inArray(cases.id, [...new Set(ids)])).all();
      let updated = 0;
      for (const c of rows) {
        if (c.status === 'closed') continue;
        const after = changeCase(tx, setup, c, checked, agentOf(actor), now);
        if (after !== c) updated++;
      }
      return { updated, skipped: new Set(ids).size - updated };
    },
    { behavior: 'immediate' },
  );
}
