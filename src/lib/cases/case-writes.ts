import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { equalsBound, preparedPerConnection } from '../../../db/prepared';
import {
  caseEvents,
  caseQueues,
  cases,
  caseSlaClocks,
  OPEN_CASE_STATUSES,
  type CaseChannel,
  type CasePriority,
  type CaseStatus,
  type CaseCloseReason,
  type SlaClockKind,
} from '../../../db/schema/index';
import { enqueue } from '../jobs/outbox';
import { notify } from '../notifications/notify';
import { queueForCategory, pickAgent } from './routing';
import { calendarOfQueue, loadCaseSetup, loadStaff, supervisorIds, targetsOf, type CaseSetup } from './setup';
import { pauseClock, resumeClock, retargetClock, startClock, stopClock, type SlaClock, type SlaTargets } from './sla';
import { emitWebhookEvent } from './webhooks';

/**
 * The writes every case command shares: opening a case (routing, assignment, SLA clocks, timeline, acknowledgement and
 * webhooks), status changes with their effect on the clocks, and the timeline. Call inside the caller's transaction.
 */

export type CaseRow = typeof cases.$inferSelect;
export type ActorKind = 'customer' | 'agent' | 'system' | 'integration';
export interface CaseActor {
  kind: ActorKind;
  id: number | null;
}
export const SYSTEM: CaseActor = { kind: 'system', id: null };

/** Pure: the number shown to people, e.g. C-000123. */
export function caseNumber(id: number): string {
  return `C-${String(id).padStart(6, '0')}`;
}

/** Pure: a case reference: `C-000123` (or `c-123`, `123`) → { case id }, `R-000042` (a migrated request) → { legacy id }. */
export function parseCaseReference(reference: string): { caseId: number } | { legacyRequestId: number } | null {
  const m = /^(?:([CR])-)?0*(\d{1,15})$/i.exec(reference.trim());
  if (!m) return null;
  const id = Number(m[2]);
  if (!(id > 0)) return null;
  return m[1]?.toUpperCase() === 'R' ? { legacyRequestId: id } : { caseId: id };
}

/** Pure: the reference a customer knows their case by (the old R- one for migrated contact requests). */
export function customerReference(c: Pick<CaseRow, 'id' | 'legacyRequestId'>): string {
  return c.legacyRequestId !== null ? `R-${String(c.legacyRequestId).padStart(6, '0')}` : caseNumber(c.id);
}

export function isOpenStatus(status: CaseStatus): boolean {
  return (OPEN_CASE_STATUSES as readonly string[]).includes(status);
}

export function addCaseEvent(db: Db, caseId: number, type: string, actor: CaseActor, data: Record<string, unknown> | null, now: number): void {
  db.insert(caseEvents).values({ caseId, type, actorId: actor.id, actorKind: actor.kind, data, createdAt: now }).run();
}

/** What webhooks and the API say about a case. */
export function casePayload(c: CaseRow, setup?: CaseSetup) {
  return {
    id: c.id,
    number: caseNumber(c.id),
    reference: customerReference(c),
    status: c.status,
    priority: c.priority,
    channel: c.channel,
    queue: setup?.queues.get(c.queueId)?.slug ?? null,
    assigneeId: c.assigneeId,
    questionId: c.questionId,
    subject: c.subject,
    locale: c.locale,
    tags: c.tags,
    customer: { memberId: c.userId, name: c.name, email: c.email },
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
    solvedAt: c.solvedAt === null ? null : new Date(c.solvedAt).toISOString(),
    closedAt: c.closedAt === null ? null : new Date(c.closedAt).toISOString(),
  };
}

// SLA clocks as rows.

type ClockRow = typeof caseSlaClocks.$inferSelect;

function toClock(r: ClockRow): SlaClock & { id: number } {
  return r;
}

const clockQueries = preparedPerConnection((db: Db) => ({
  ofCase: db.select().from(caseSlaClocks).where(equalsBound(caseSlaClocks.caseId, sql.placeholder('caseId'))).orderBy(caseSlaClocks.id).prepare(),
}));

export function loadClocks(db: Db, caseId: number): (SlaClock & { id: number })[] {
  return clockQueries(db).ofCase.all({ caseId }).map(toClock);
}

function saveClock(db: Db, clock: SlaClock & { id: number }): void {
  const { id, kind: _kind, ...rest } = clock;
  db.update(caseSlaClocks).set(rest).where(eq(caseSlaClocks.id, id)).run();
}

function insertClock(db: Db, caseId: number, clock: SlaClock): void {
  db.insert(caseSlaClocks).values({ caseId, ...clock }).run();
}

function targetMs(targets: SlaTargets, kind: SlaClockKind): number {
  const minutes = kind === 'first_response' ? targets.firstResponseMinutes : kind === 'next_response' ? targets.nextResponseMinutes : targets.resolutionMinutes;
  return minutes * 60_000;
}

/** Starts a clock of the case unless one of that kind is already running. */
export function startCaseClock(db: Db, setup: CaseSetup, c: Pick<CaseRow, 'id' | 'priority' | 'queueId' | 'status'>, kind: SlaClockKind, now: number): void {
  const running = loadClocks(db, c.id).some((k) => k.kind === kind && k.stoppedAt === null);
  if (running) return;
  const targets = targetsOf(setup, c.priority);
  const clock = startClock(calendarOfQueue(setup, c.queueId), kind, targetMs(targets, kind), targets.warnShare, now);
  insertClock(db, c.id, c.status === 'pending_customer' ? pauseClock(clock, now) : clock);
}

/** Stops the running clocks of these kinds (the event they measure happened). */
export function stopCaseClocks(db: Db, caseId: number, kinds: readonly SlaClockKind[], now: number): void {
  for (const clock of loadClocks(db, caseId)) if (clock.stoppedAt === null && kinds.includes(clock.kind)) saveClock(db, { ...stopClock(clock, now), id: clock.id });
}

function retargetCaseClocks(db: Db, setup: CaseSetup, c: Pick<CaseRow, 'id' | 'priority' | 'queueId'>): void {
  const targets = targetsOf(setup, c.priority);
  const cal = calendarOfQueue(setup, c.queueId);
  for (const clock of loadClocks(db, c.id)) {
    if (clock.stoppedAt === null) saveClock(db, { ...retargetClock(cal, clock, targetMs(targets, clock.kind), targets.warnShare), id: clock.id });
  }
}

// Opening a case.

export interface OpenCaseInput {
  channel: CaseChannel;
  subject: string;
  body: string;
  locale: 'es' | 'en';
  customer: { userId: number | null; email: string; name: string };
  questionId?: number | null;
  category?: { id: number; parentId: number | null } | null;
  articleId?: number | null;
  priority?: CasePriority;
  queueId?: number | null;
  tags?: string[];
  visitorId?: string | null;
  opener: CaseActor;
  /** What opened it (a rule's trigger, `contact_form`…), for the timeline. */
  reason?: Record<string, unknown>;
}

/**
 * Opens a case: routes it to a queue (the category map unless given), assigns an agent with the queue's skill and the
 * customer's language, starts the first-response and resolution clocks, writes the timeline, schedules the
 * acknowledgement (outbox `case.acknowledge`) and the `case.created` webhook. A thread has at most one open case:
 * when it already has one, that case is returned with `created: false` (the partial unique index decides, whatever
 * runs concurrently).
 */
export function openCase(db: Db, input: OpenCaseInput, now: number, setup: CaseSetup = loadCaseSetup(db)): { case: CaseRow; created: boolean } {
  const queueId = input.queueId && setup.queues.has(input.queueId) ? input.queueId : queueForCategory(input.category ?? null, setup.categoryQueues, setup.defaultQueueId);
  const priority = input.priority ?? 'normal';
  const inserted = db
    .insert(cases)
    .values({
      channel: input.channel,
      status: 'new',
      priority,
      subject: input.subject,
      body: input.body,
      locale: input.locale,
      userId: input.customer.userId,
      email: input.customer.email,
      name: input.customer.name,
      questionId: input.questionId ?? null,
      categoryId: input.category?.id ?? null,
      articleId: input.articleId ?? null,
      queueId,
      tags: input.tags ?? [],
      visitorId: input.visitorId ?? null,
      createdAt: now,
      updatedAt: now,
      statusChangedAt: now,
    })
    .onConflictDoNothing()
    .returning()
    .get();
  if (!inserted) {
    const existing = db
      .select()
      .from(cases)
      .where(and(eq(cases.questionId, input.questionId!), inArray(cases.status, [...OPEN_CASE_STATUSES])))
      .get();
    if (!existing) throw new Error('A case insert was ignored without an open case for its thread.');
    return { case: existing, created: false };
  }
  let c = inserted;
  addCaseEvent(db, c.id, 'created', input.opener, { channel: input.channel, priority, queueId, ...input.reason }, now);
  c = autoAssign(db, setup, c, now) ?? c;
  startCaseClock(db, setup, c, 'first_response', now);
  startCaseClock(db, setup, c, 'resolution', now);
  enqueue(db, 'case.acknowledge', { caseId: c.id }, now);
  emitWebhookEvent(db, 'case.created', casePayload(c, setup), now);
  return { case: c, created: true };
}

/** Gives the case to the next agent of its queue (round-robin or least-loaded); null when nobody fits. */
export function autoAssign(db: Db, setup: CaseSetup, c: CaseRow, now: number): CaseRow | null {
  const queue = setup.queues.get(c.queueId);
  if (!queue) return null;
  const staff = loadStaff(db, setup, now, { withLoad: queue.assignment === 'least_loaded' });
  const agentId = pickAgent(staff, queue, c.locale);
  if (agentId === null) return null;
  db.update(caseQueues).set({ lastAssigneeId: agentId }).where(eq(caseQueues.id, queue.id)).run();
  queue.lastAssigneeId = agentId;
  const row = db.update(cases).set({ assigneeId: agentId, updatedAt: now, version: c.version + 1 }).where(eq(cases.id, c.id)).returning().get()!;
  addCaseEvent(db, c.id, 'assigned', SYSTEM, { from: c.assigneeId, to: agentId, auto: true }, now);
  notify(db, { userIds: [agentId], type: 'case.assigned', questionId: c.questionId, actorId: null, data: caseNotice(row) }, now);
  return row;
}

/** What a case notification carries (no message text: the bell and mails name the case and link to it). */
export function caseNotice(c: Pick<CaseRow, 'id' | 'subject' | 'priority' | 'status'>): Record<string, unknown> {
  return { caseId: c.id, caseNumber: caseNumber(c.id), subject: c.subject.slice(0, 120), priority: c.priority, status: c.status };
}

// Changing a case.

export interface CaseChange {
  status?: CaseStatus;
  priority?: CasePriority;
  queueId?: number;
  assigneeId?: number | null;
  tags?: string[];
  closeReason?: CaseCloseReason;
}

/**
 * Applies a change to a loaded case: the timeline gets one event per changed field, the clocks follow the status
 * (pending on the customer pauses them, leaving it resumes them, solved and closed stop them, reopening starts a
 * next-response clock), a new priority retargets them, and the webhooks hear `case.updated` (and `case.solved`).
 * Returns the updated row (the same row when nothing changed).
 */
export function changeCase(db: Db, setup: CaseSetup, c: CaseRow, change: CaseChange, actor: CaseActor, now: number): CaseRow {
  const set: Partial<CaseRow> = {};
  if (change.priority && change.priority !== c.priority) {
    set.priority = change.priority;
    addCaseEvent(db, c.id, 'priority', actor, { from: c.priority, to: change.priority }, now);
  }
  if (change.queueId !== undefined && change.queueId !== c.queueId) {
    set.queueId = change.queueId;
    addCaseEvent(db, c.id, 'queue', actor, { from: c.queueId, to: change.queueId }, now);
  }
  if (change.assigneeId !== undefined && change.assigneeId !== c.assigneeId) {
    set.assigneeId = change.assigneeId;
    addCaseEvent(db, c.id, 'assigned', actor, { from: c.assigneeId, to: change.assigneeId, auto: false }, now);
    if (change.assigneeId !== null) notify(db, { userIds: [change.assigneeId], type: 'case.assigned', questionId: c.questionId, actorId: actor.id, data: caseNotice(c) }, now);
  }
  if (change.tags && JSON.stringify(change.tags) !== JSON.stringify(c.tags)) {
    set.tags = change.tags;
    addCaseEvent(db, c.id, 'tags', actor, { from: c.tags, to: change.tags }, now);
  }
  const status = change.status && change.status !== c.status ? change.status : null;
  if (status) {
    Object.assign(set, statusFields(c, status, change.closeReason ?? (status === 'closed' ? 'staff' : undefined), now));
    addCaseEvent(db, c.id, 'status', actor, { from: c.status, to: status, ...(status === 'closed' ? { reason: set.closeReason } : {}) }, now);
  }
  if (Object.keys(set).length === 0) return c;
  const row = db
    .update(cases)
    .set({ ...set, updatedAt: now, version: c.version + 1 })
    .where(eq(cases.id, c.id))
    .returning()
    .get()!;
  if (status) applyStatusToClocks(db, setup, c, row, now);
  else if (set.priority || set.queueId) retargetCaseClocks(db, setup, row);
  emitWebhookEvent(db, 'case.updated', { ...casePayload(row, setup), changes: Object.keys(set) }, now);
  if (status === 'solved') {
    emitWebhookEvent(db, 'case.solved', casePayload(row, setup), now);
    enqueue(db, 'case.solved', { caseId: row.id }, now);
  }
  if (c.userId !== null && status && (status === 'solved' || status === 'closed' || (isOpenStatus(status) && !isOpenStatus(c.status)))) {
    notify(db, { userIds: [c.userId], type: 'case.updated', questionId: c.questionId, actorId: actor.id, data: caseNotice(row) }, now);
  }
  return row;
}

function statusFields(c: CaseRow, status: CaseStatus, closeReason: CaseCloseReason | undefined, now: number): Partial<CaseRow> {
  const fields: Partial<CaseRow> = { status, statusChangedAt: now };
  if (status === 'solved') Object.assign(fields, { solvedAt: now });
  if (status === 'closed') Object.assign(fields, { closedAt: now, closeReason: closeReason ?? 'staff', solvedAt: c.solvedAt });
  if (isOpenStatus(status)) Object.assign(fields, { solvedAt: null, closedAt: null, closeReason: null });
  return fields;
}

function applyStatusToClocks(db: Db, setup: CaseSetup, before: CaseRow, after: CaseRow, now: number): void {
  const cal = calendarOfQueue(setup, after.queueId);
  const targets = targetsOf(setup, after.priority);
  if (after.status === 'solved' || after.status === 'closed') {
    stopCaseClocks(db, after.id, ['first_response', 'next_response', 'resolution'], now);
    return;
  }
  for (const clock of loadClocks(db, after.id)) {
    if (clock.stoppedAt !== null) continue;
    const next = after.status === 'pending_customer' ? pauseClock(clock, now) : before.status === 'pending_customer' ? resumeClock(cal, clock, targets.warnShare, now) : clock;
    if (next !== clock) saveClock(db, { ...next, id: clock.id });
  }
  if (!isOpenStatus(before.status)) {
    addCaseEvent(db, after.id, 'reopened', SYSTEM, { from: before.status }, now);
    startCaseClock(db, setup, after, 'next_response', now);
  }
}

/**
 * Counts an agent's reply (public in the thread, or private by mail): the first one stops the first-response clock,
 * every one stops the next-response clock. The status then moves to `then` (pending on the customer by default).
 */
export function recordAgentReply(db: Db, setup: CaseSetup, c: CaseRow, actor: CaseActor, then: CaseStatus, now: number): CaseRow {
  stopCaseClocks(db, c.id, ['first_response', 'next_response'], now);
  const row = db
    .update(cases)
    .set({ firstResponseAt: c.firstResponseAt ?? now, agentReplies: c.agentReplies + 1, updatedAt: now, version: c.version + 1 })
    .where(eq(cases.id, c.id))
    .returning()
    .get()!;
  return changeCase(db, setup, row, { status: then === 'new' ? 'open' : then }, actor, now);
}

/**
 * A message from the customer (a post in their thread): a case
 * pending on them goes back to open, a solved case reopens within the reopen window, and the next-response clock
 * starts once an agent has replied.
 */
export function recordCustomerMessage(db: Db, setup: CaseSetup, c: CaseRow, data: Record<string, unknown>, actor: CaseActor, now: number, reopenWithinMs: number): CaseRow {
  addCaseEvent(db, c.id, 'customer_post', actor, data, now);
  const reopen = c.status === 'pending_customer' || (c.status === 'solved' && c.solvedAt !== null && now - c.solvedAt <= reopenWithinMs);
  const row = reopen
    ? changeCase(db, setup, c, { status: 'open' }, actor, now)
    : db.update(cases).set({ updatedAt: now, version: c.version + 1 }).where(eq(cases.id, c.id)).returning().get()!;
  if (isOpenStatus(row.status) && row.firstResponseAt !== null) startCaseClock(db, setup, row, 'next_response', now);
  return row;
}

/** Alerts the assignee and the supervisors (in the app; by mail through their notification preference). */
export function alertStaff(db: Db, setup: CaseSetup, c: CaseRow, type: 'case.sla_warning' | 'case.sla_breach' | 'case.escalated', data: Record<string, unknown>, now: number, actorId: number | null = null): number {
  const supervisors = supervisorIds(loadStaff(db, setup, now));
  const ids = [...(c.assigneeId !== null ? [c.assigneeId] : []), ...supervisors];
  return notify(db, { userIds: ids, type, questionId: c.questionId, actorId, data: { ...caseNotice(c), ...data } }, now);
}

/** Open cases of a thread (at most one), or the latest one. */
export function caseOfThread(db: Db, questionId: number): CaseRow | undefined {
  return db.select().from(cases).where(and(eq(cases.questionId, questionId), inArray(cases.status, [...OPEN_CASE_STATUSES]))).get();
}

export function loadCase(db: Db, id: number): CaseRow | undefined {
  return db.select().from(cases).where(eq(cases.id, id)).get();
}

/** The expected first response, in business hours, for a priority. */
export function firstResponseHours(setup: CaseSetup, priority: CasePriority): number {
  return Math.round((targetsOf(setup, priority).firstResponseMinutes / 60) * 10) / 10;
}
