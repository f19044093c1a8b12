import { and, asc, desc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { boundLimit, equalsBound, limitInSql, preparedPerConnection } from '../../../db/prepared';
import {
  acceptedAnswers,
  answers,
  caseAnswers,
  caseCounters,
  caseEvents,
  caseQueues,
  cases,
  CASE_CHANNELS,
  CASE_PRIORITIES,
  CASE_STATUSES,
  csatResponses,
  customerTiers,
  macros,
  OPEN_CASE_STATUSES,
  questions,
  users,
  type CaseStatus,
} from '../../../db/schema/index';
import { canViewCase, canViewOwnContactRequest, canWorkCases } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { describeWeeklyHours } from '../business-hours/business-hours';
import { DomainError } from '../errors';
import { parseInput } from '../validation';
import { caseNumber, customerReference, firstResponseHours, loadClocks, parseCaseReference, type CaseRow } from './case-writes';
import { isValidSurveyToken } from './csat';
import { assignableStaff, calendarOfQueue, loadCaseSetup } from './setup';
import { clockState, elapsedMs } from './sla';

/** What the agent workspace and the customer's case page show. */

/** A running clock due within this long counts as "breaching soon". */
export const BREACHING_SOON_MS = 2 * 3600 * 1000;

export const CASE_VIEWS = ['mine', 'unassigned', 'breaching', 'open', 'all'] as const;
export type CaseView = (typeof CASE_VIEWS)[number];

const optionalId = z.union([z.literal('').transform(() => undefined), z.coerce.number({ error: 'field.invalid' }).int().positive({ error: 'field.invalid' })]).optional();
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) => z.union([z.literal('').transform(() => undefined), z.enum(values, { error: 'field.invalid' })]).optional();

export const caseListSchema = z.object({
  view: z.enum(CASE_VIEWS, { error: 'field.invalid' }).default('open'),
  status: optionalEnum(CASE_STATUSES),
  priority: optionalEnum(CASE_PRIORITIES),
  channel: optionalEnum(CASE_CHANNELS),
  queue: optionalId,
  assignee: optionalId,
  cursor: optionalId,
  limit: z.coerce.number({ error: 'field.invalid' }).int().min(1, { error: 'field.invalid' }).max(100, { error: 'field.invalid' }).default(25),
});
export type CaseListQuery = z.infer<typeof caseListSchema>;

// Written out (not bound) so SQLite can use the partial indexes on open cases and running clocks.
const OPEN_SQL = sql.raw(OPEN_CASE_STATUSES.map((s) => `'${s}'`).join(','));
const isOpenCase = sql`${cases.status} in (${OPEN_SQL})`;

function requireAgent(actor: Actor | null, now: number): asserts actor is Actor {
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  if (!canWorkCases(actor, now)) throw new DomainError('FORBIDDEN', 'Only agents and admins work cases.');
}

// Bound when a list or count query runs: the actor, the end of the "breaching soon" window, the filters, the page.
const ACTOR = sql.placeholder('actor');
const SOON = sql.placeholder('soon');

function viewCondition(view: CaseView): SQL | undefined {
  switch (view) {
    case 'mine':
      return and(equalsBound(cases.assigneeId, ACTOR), isOpenCase);
    case 'unassigned':
      return and(isNull(cases.assigneeId), isOpenCase);
    case 'breaching':
      return and(isOpenCase, sql`${cases.id} in (select k.case_id from case_sla_clocks k where k.stopped_at is null and k.paused_at is null and k.due_at <= ${SOON})`);
    case 'open':
      return isOpenCase;
    case 'all':
      return undefined;
  }
}

/**
 * The page's ids first, from the indexes alone where the filters allow, then their rows with the assignee's name and
 * the clocks: read for the rows of the page only, not for every candidate the sort looks at.
 */
function prepareList(db: Db, q: CaseListQuery) {
  const page = db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        viewCondition(q.view),
        q.status ? equalsBound(cases.status, sql.placeholder('status')) : undefined,
        q.priority ? equalsBound(cases.priority, sql.placeholder('priority')) : undefined,
        q.channel ? equalsBound(cases.channel, sql.placeholder('channel')) : undefined,
        q.queue ? equalsBound(cases.queueId, sql.placeholder('queue')) : undefined,
        q.assignee ? equalsBound(cases.assigneeId, sql.placeholder('assignee')) : undefined,
        q.cursor ? lt(cases.id, sql.placeholder('cursor')) : undefined,
      ),
    )
    .orderBy(desc(cases.id))
    .limit(boundLimit('limit'))
    .as('page');
  return db
    .select({
      id: cases.id,
      subject: cases.subject,
      status: cases.status,
      priority: cases.priority,
      channel: cases.channel,
      locale: cases.locale,
      queueId: cases.queueId,
      assigneeId: cases.assigneeId,
      assigneeName: sql<string | null>`(select display_name from users u where u.id = ${cases.assigneeId})`,
      customerName: cases.name,
      questionId: cases.questionId,
      legacyRequestId: cases.legacyRequestId,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
      version: cases.version,
      nextDueAt: sql<number | null>`(select min(k.due_at) from case_sla_clocks k where k.case_id = ${cases.id} and k.stopped_at is null and k.paused_at is null)`,
      breached: sql<number>`exists (select 1 from case_sla_clocks k where k.case_id = ${cases.id} and k.breached_at is not null)`,
    })
    .from(page)
    .innerJoin(cases, eq(cases.id, page.id))
    .orderBy(desc(page.id))
    .prepare();
}

/** The list's query for each view and set of filters in use, built once per connection (db/prepared.ts). */
const listQueries = preparedPerConnection(() => new Map<string, ReturnType<typeof prepareList>>());

/** Cases for the queue list and `GET /api/v1/cases`: newest first, keyset-paged on id, with their next SLA due time. */
export function listCases(db: Db, actor: Actor | null, query: unknown, now: number) {
  requireAgent(actor, now);
  const q = parseInput(caseListSchema, query ?? {});
  const shape = [q.view, ...(['status', 'priority', 'channel', 'queue', 'assignee', 'cursor'] as const).filter((k) => q[k] !== undefined)].join();
  const byShape = listQueries(db);
  let list = byShape.get(shape);
  if (!list) byShape.set(shape, (list = prepareList(db, q)));
  const rows = list.all({ ...q, actor: actor.id, soon: now + BREACHING_SOON_MS, limit: q.limit + 1 });
  const more = rows.length > q.limit;
  if (more) rows.pop();
  return {
    query: q,
    items: rows.map((r) => ({ ...r, number: caseNumber(r.id), reference: customerReference(r), breached: Boolean(r.breached) })),
    nextCursor: more ? (rows.at(-1)?.id ?? null) : null,
  };
}

export type CaseListItem = ReturnType<typeof listCases>['items'][number];

/**
 * The breaching count stops here (it depends on the time, so no counter keeps it, and counting runs over the clocks
 * due): past it the menu says "100+".
 */
export const BREACHING_CAP = 100;

/**
 * Counts for the workspace's queue menu: exact, from the counters the triggers on `cases` keep (one lookup by key),
 * except "breaching soon", which depends on `now` and is counted up to BREACHING_CAP + 1.
 */
export function caseCounts(db: Db, actor: Actor | null, now: number) {
  requireAgent(actor, now);
  const queries = countQueries(db);
  const queueRows = queries.queues.all();
  const stored = new Map(queries.counters.all({ actor: `open_assignee:${actor.id}` }).map((r) => [r.key, r.n]));
  const n = (key: string) => stored.get(key) ?? 0;
  return {
    mine: n(`open_assignee:${actor.id}`),
    unassigned: n('open_unassigned'),
    breaching: queries.breaching.get({ soon: now + BREACHING_SOON_MS })?.n ?? 0,
    open: n('open'),
    all: n('all'),
    byStatus: Object.fromEntries(CASE_STATUSES.map((s) => [s, n(`status:${s}`)])) as Record<CaseStatus, number>,
    byPriority: Object.fromEntries(CASE_PRIORITIES.map((p) => [p, n(`open_priority:${p}`)])) as Record<(typeof CASE_PRIORITIES)[number], number>,
    queues: queueRows.map((q) => ({ ...q, open: n(`open_queue:${q.id}`) })),
  };
}

/** The queue menu's queries, built once per connection (db/prepared.ts). */
const countQueries = preparedPerConnection((db: Db) => ({
  queues: db.select({ id: caseQueues.id, slug: caseQueues.slug, nameEs: caseQueues.nameEs, nameEn: caseQueues.nameEn }).from(caseQueues).orderBy(asc(caseQueues.id)).prepare(),
  // Every counter but other agents' "mine" (one row per agent and a few per status, priority and queue).
  counters: db.select().from(caseCounters).where(sql`${caseCounters.key} not glob 'open_assignee:*' or ${caseCounters.key} = ${ACTOR}`).prepare(),
  // Driven by the running clocks due soon (named index; `cross join` keeps SQLite from starting at the open cases and
  // from walking every clock in case order for the distinct), so a few breaching cases among many cost little.
  breaching: db
    .select({ n: sql<number>`count(*)` })
    .from(
      sql`(select distinct k.case_id from case_sla_clocks k indexed by case_sla_clocks_running_idx cross join ${cases} on ${cases.id} = k.case_id
        where k.stopped_at is null and k.paused_at is null and k.due_at <= ${SOON} and ${isOpenCase} limit ${sql.raw(String(BREACHING_CAP + 1))})`,
    )
    .prepare(),
}));

const ID = sql.placeholder('id');
const USER = sql.placeholder('user');
const EMAIL = sql.placeholder('email');
const LOCALE = sql.placeholder('locale');
const ASSIGNEE = sql.placeholder('assignee');

/** The case page's queries, built once per connection (db/prepared.ts). */
const caseViewQueries = preparedPerConnection((db: Db) => {
  const otherCases = (same: SQL) =>
    db
      .select({ id: cases.id, subject: cases.subject, status: cases.status, createdAt: cases.createdAt, legacyRequestId: cases.legacyRequestId, score: csatResponses.score })
      .from(cases)
      .leftJoin(csatResponses, eq(csatResponses.caseId, cases.id))
      .where(and(same, sql`${cases.id} <> ${ID}`))
      .orderBy(desc(cases.id))
      .limit(limitInSql(20))
      .prepare();
  return {
    case: db.select().from(cases).where(eq(cases.id, ID)).prepare(),
    events: db.select().from(caseEvents).where(equalsBound(caseEvents.caseId, ID)).orderBy(asc(caseEvents.id)).limit(limitInSql(1000)).prepare(),
    // The people a case page names: whoever acted on its timeline, its assignee and its customer.
    names: db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(sql`${users.id} in (select e.actor_id from case_events e where e.case_id = ${ID} union all select ${ASSIGNEE} union all select ${USER})`)
      .prepare(),
    csat: db.select().from(csatResponses).where(eq(csatResponses.caseId, ID)).prepare(),
    macros: db.select().from(macros).where(equalsBound(macros.locale, LOCALE)).orderBy(asc(macros.title)).prepare(),
    question: db
      .select({ id: questions.id, title: questions.title, slug: questions.slug, locale: questions.locale, bodyHtml: questions.bodyHtml, createdAt: questions.createdAt, lockedAt: questions.lockedAt, deletedAt: questions.deletedAt, status: questions.status, authorId: questions.authorId })
      .from(questions)
      .where(eq(questions.id, ID))
      .prepare(),
    accepted: db.select({ answerId: acceptedAnswers.answerId }).from(acceptedAnswers).where(eq(acceptedAnswers.questionId, ID)).prepare(),
    answers: db
      .select({ id: answers.id, bodyHtml: answers.bodyHtml, createdAt: answers.createdAt, status: answers.status, authorId: answers.authorId, authorName: users.displayName, authorRole: users.role, caseId: caseAnswers.caseId })
      .from(answers)
      .innerJoin(users, eq(users.id, answers.authorId))
      .leftJoin(caseAnswers, eq(caseAnswers.answerId, answers.id))
      .where(and(equalsBound(answers.questionId, ID), isNull(answers.deletedAt)))
      .orderBy(asc(answers.createdAt), asc(answers.id))
      .limit(limitInSql(200))
      .prepare(),
    casesOfMember: otherCases(equalsBound(cases.userId, USER)),
    casesOfAddress: otherCases(equalsBound(cases.email, EMAIL)),
    member: db.select({ id: users.id, displayName: users.displayName, createdAt: users.createdAt, locale: users.locale, postCount: users.postCount, tier: customerTiers.tier }).from(users).leftJoin(customerTiers, eq(customerTiers.userId, users.id)).where(equalsBound(users.id, USER)).prepare(),
    asked: db
      .select({ id: questions.id, title: questions.title, slug: questions.slug, locale: questions.locale, createdAt: questions.createdAt, answerCount: questions.answerCount, solved: sql<number>`exists (select 1 from accepted_answers a where a.question_id = ${sql.raw('"questions"."id"')})` })
      .from(questions)
      .where(and(equalsBound(questions.authorId, USER), isNull(questions.deletedAt)))
      .orderBy(desc(questions.createdAt))
      .limit(limitInSql(20))
      .prepare(),
  };
});

/** Everything the agent's case page shows: the case, its SLA clocks, timeline, thread, customer history and tools. */
export function caseView(db: Db, actor: Actor | null, id: number, now: number) {
  requireAgent(actor, now);
  const queries = caseViewQueries(db);
  const c = queries.case.get({ id });
  if (!c) throw new DomainError('NOT_FOUND', 'No such case.');
  const setup = loadCaseSetup(db);
  const calendar = calendarOfQueue(setup, c.queueId);
  const clocks = loadClocks(db, id).map((k) => ({ ...k, state: clockState(k, now), elapsedMs: elapsedMs(calendar, k, now) }));
  const events = queries.events.all({ id });
  const names = new Map(queries.names.all({ id, assignee: c.assigneeId, user: c.userId }).map((u) => [u.id, u.name]));
  const thread = c.questionId !== null ? threadForCase(db, c.questionId, id) : null;
  const staff = assignableStaff(db, now);
  return {
    case: { ...c, number: caseNumber(c.id), reference: customerReference(c) },
    queue: setup.queues.get(c.queueId) ?? null,
    queues: [...setup.queues.values()].map((q) => ({ id: q.id, slug: q.slug, nameEs: q.nameEs, nameEn: q.nameEn })),
    calendar: { timeZone: calendar.timeZone, lines: (locale: 'es' | 'en') => describeWeeklyHours(calendar, locale) },
    assignee: c.assigneeId !== null ? { id: c.assigneeId, name: names.get(c.assigneeId) ?? '' } : null,
    clocks,
    timeline: events.map((e) => ({ ...e, actorName: e.actorId !== null ? (names.get(e.actorId) ?? null) : null })),
    thread,
    customer: customerHistory(db, c),
    csat: queries.csat.get({ id }) ?? null,
    staff,
    macros: queries.macros.all({ locale: c.locale }),
  };
}

export type CaseViewModel = ReturnType<typeof caseView>;

function threadForCase(db: Db, questionId: number, caseId: number) {
  const queries = caseViewQueries(db);
  const q = queries.question.get({ id: questionId });
  if (!q) return null;
  const accepted = queries.accepted.get({ id: questionId })?.answerId ?? null;
  const rows = queries.answers.all({ id: questionId });
  return {
    ...q,
    answers: rows.map((a) => ({ ...a, accepted: a.id === accepted, fromSupport: a.caseId !== null, fromThisCase: a.caseId === caseId, byAsker: a.authorId === q.authorId })),
    mayReplyPublicly: q.lockedAt === null && q.deletedAt === null && q.status === 'published',
  };
}

/** The customer's questions, other cases and satisfaction answers (by member, or by address for visitors). */
function customerHistory(db: Db, c: CaseRow) {
  const queries = caseViewQueries(db);
  const otherCases = (c.userId !== null ? queries.casesOfMember.all({ user: c.userId, id: c.id }) : queries.casesOfAddress.all({ email: c.email, id: c.id })).map((o) => ({ ...o, number: caseNumber(o.id) }));
  const member = c.userId !== null ? (queries.member.get({ user: c.userId }) ?? null) : null;
  const asked = c.userId !== null ? queries.asked.all({ user: c.userId }).map((q) => ({ ...q, solved: Boolean(q.solved) })) : [];
  const scores = otherCases.map((o) => o.score).filter((s): s is number => s !== null);
  return { member, cases: otherCases, questions: asked, csatAverage: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null, csatCount: scores.length };
}

export interface CustomerAccess {
  viewer: Actor | null;
  visitorId: string | null;
  token?: string | null;
}

/**
 * The customer's view of their case by reference (C- number or a migrated R- reference): its member, the browser that
 * sent it (visitor cookie) or the holder of its survey link. Private replies are shown to the signed-in member only
 * (a shared browser keeps the visitor cookie).
 */
export function customerCaseView(db: Db, access: CustomerAccess, reference: string, now: number) {
  const parsed = parseCaseReference(reference);
  if (!parsed) return null;
  const c = db
    .select()
    .from(cases)
    .where('caseId' in parsed ? eq(cases.id, parsed.caseId) : eq(cases.legacyRequestId, parsed.legacyRequestId))
    .get();
  if (!c) return null;
  const member = access.viewer !== null && canViewCase(access.viewer, c, now) && c.userId === access.viewer.id;
  const staff = canWorkCases(access.viewer, now);
  const browser = canViewOwnContactRequest({ userId: access.viewer?.id ?? null, visitorId: access.visitorId }, c);
  const token = isValidSurveyToken(db, c.id, access.token, now);
  if (!member && !staff && !browser && !token) return null;
  const setup = loadCaseSetup(db);
  const calendar = calendarOfQueue(setup, c.queueId);
  const events = db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, c.id), inArray(caseEvents.type, ['created', 'acknowledged', 'reply_public', 'reply_private', 'status', 'customer_post', 'csat', 'reopened'])))
    .orderBy(asc(caseEvents.id))
    .all();
  const ack = events.find((e) => e.type === 'acknowledged')?.data as { expectedBy?: number | null; hours?: number; suggestions?: { type: string; title: string; url: string }[] } | undefined;
  const thread = c.questionId !== null ? db.select({ id: questions.id, title: questions.title, slug: questions.slug, locale: questions.locale }).from(questions).where(eq(questions.id, c.questionId)).get() ?? null : null;
  const showPrivate = member || staff;
  return {
    case: { id: c.id, number: caseNumber(c.id), reference: customerReference(c), subject: c.subject, status: c.status, closeReason: c.closeReason, createdAt: c.createdAt, solvedAt: c.solvedAt, locale: c.locale, email: member || browser ? c.email : null, priority: c.priority },
    expectedBy: ack?.expectedBy ?? null,
    expectedHours: ack?.hours ?? null,
    suggestions: ack?.suggestions ?? [],
    hours: { timeZone: calendar.timeZone, es: describeWeeklyHours(calendar, 'es'), en: describeWeeklyHours(calendar, 'en') },
    thread,
    timeline: events
      .filter((e) => e.type !== 'acknowledged')
      .map((e) => ({ id: e.id, type: e.type, createdAt: e.createdAt, data: e.type === 'reply_private' && !showPrivate ? { hidden: true } : e.type === 'status' ? { to: (e.data as { to?: string })?.to } : e.data })),
    csat: db.select({ score: csatResponses.score, nps: csatResponses.nps, comment: csatResponses.comment }).from(csatResponses).where(eq(csatResponses.caseId, c.id)).get() ?? null,
    surveyOpen: (c.status === 'solved' || (c.status === 'closed' && c.closeReason !== 'abandoned')) && (member || token),
  };
}

/** Macros of a locale for the reply box; placeholders are filled by applyMacro. */
export function listMacros(db: Db, locale: 'es' | 'en') {
  return db.select().from(macros).where(eq(macros.locale, locale)).orderBy(asc(macros.title)).all();
}

/** What the contact form promises: the first-response target of a normal case and the default queue's hours. */
export function supportPromise(db: Db, locale: 'es' | 'en'): { hours: number; lines: string[]; timeZone: string } {
  const setup = loadCaseSetup(db);
  const calendar = calendarOfQueue(setup, setup.defaultQueueId);
  return { hours: firstResponseHours(setup, 'normal'), lines: describeWeeklyHours(calendar, locale), timeZone: calendar.timeZone };
}
