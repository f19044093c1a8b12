import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { LOCALES, users } from './accounts';
import { answers, categories, questions } from './community';
import { articles } from './kb';

export const CASE_STATUSES = ['new', 'open', 'pending_customer', 'on_hold', 'solved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** Statuses of a case someone still has to work on; a thread has at most one case in these. */
export const OPEN_CASE_STATUSES = ['new', 'open', 'pending_customer', 'on_hold'] as const satisfies readonly CaseStatus[];
export const CASE_CHANNELS = ['contact_form', 'thread', 'widget', 'api', 'moderator'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];
export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];
export const ASSIGNMENT_MODES = ['round_robin', 'least_loaded', 'manual'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];
export const ESCALATION_TRIGGERS = ['asker_request', 'staff_escalation', 'no_answer', 'no_accepted_answer', 'urgent_flags', 'keywords', 'customer_tier'] as const;
export type EscalationTrigger = (typeof ESCALATION_TRIGGERS)[number];
export const SLA_CLOCK_KINDS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaClockKind = (typeof SLA_CLOCK_KINDS)[number];
export const CASE_CLOSE_REASONS = ['solved', 'abandoned', 'staff'] as const;
export type CaseCloseReason = (typeof CASE_CLOSE_REASONS)[number];

const openStatusesSql = sql.raw(OPEN_CASE_STATUSES.map((s) => `'${s}'`).join(','));

/** Opening hours in a time zone, with holidays (see src/lib/business-hours). */
export const businessCalendars = sqliteTable('business_calendars', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  weekly: text('weekly', { mode: 'json' }).$type<Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', { start: string; end: string }[]>>>().notNull(),
  holidays: text('holidays', { mode: 'json' }).$type<string[]>().notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** A team's work list (department): its calendar, how it assigns, and where tier-2 escalations go. */
export const caseQueues = sqliteTable(
  'case_queues',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    nameEs: text('name_es').notNull(),
    nameEn: text('name_en').notNull(),
    calendarId: integer('calendar_id')
      .notNull()
      .references(() => businessCalendars.id),
    assignment: text('assignment', { enum: ASSIGNMENT_MODES }).notNull().default('round_robin'),
    /** Agents below this tier do not get its cases. */
    tier: integer('tier').notNull().default(1),
    lastAssigneeId: integer('last_assignee_id').references(() => users.id),
    /** Where "escalate to tier 2 / supervisor" moves a case. */
    escalationQueueId: integer('escalation_queue_id').references((): AnySQLiteColumn => caseQueues.id),
    /** The queue of cases whose category maps to no queue; exactly one. */
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('case_queues_slug_unique').on(t.slug), uniqueIndex('case_queues_default_unique').on(t.isDefault).where(sql`${t.isDefault} = 1`)],
);

/** The configurable category → queue map (a subcategory without a row uses its parent's). */
export const categoryQueues = sqliteTable('category_queues', {
  categoryId: integer('category_id')
    .primaryKey()
    .references(() => categories.id),
  queueId: integer('queue_id')
    .notNull()
    .references(() => caseQueues.id),
});

/** What routing needs to know about an agent: queues (skills), languages, tier, availability, supervisor. */
export const agentProfiles = sqliteTable('agent_profiles', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  skills: text('skills', { mode: 'json' }).$type<string[]>().notNull(),
  languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
  tier: integer('tier').notNull().default(1),
  supervisor: integer('supervisor', { mode: 'boolean' }).notNull().default(false),
  available: integer('available', { mode: 'boolean' }).notNull().default(true),
  updatedAt: integer('updated_at').notNull(),
});

/** A member attribute admins set (e.g. gold); escalation rules may trigger on it. */
export const customerTiers = sqliteTable('customer_tiers', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tier: text('tier').notNull(),
  setBy: integer('set_by').references(() => users.id),
  setAt: integer('set_at').notNull(),
});

/** SLA targets per priority, in business minutes, and the share of a target at which agents are warned. */
export const slaPolicies = sqliteTable(
  'sla_policies',
  {
    priority: text('priority', { enum: CASE_PRIORITIES }).primaryKey(),
    firstResponseMinutes: integer('first_response_minutes').notNull(),
    nextResponseMinutes: integer('next_response_minutes').notNull(),
    resolutionMinutes: integer('resolution_minutes').notNull(),
    warnShare: real('warn_share').notNull().default(0.8),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [check('sla_policies_warn_check', sql`${t.warnShare} > 0 and ${t.warnShare} < 1`)],
);

/** Escalation rules, as data: a trigger with its parameters, and what the case gets (priority, queue, alert). */
export const escalationRules = sqliteTable('escalation_rules', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  trigger: text('trigger', { enum: ESCALATION_TRIGGERS }).notNull(),
  params: text('params', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  priority: text('priority', { enum: CASE_PRIORITIES }).notNull().default('normal'),
  queueId: integer('queue_id')
    .notNull()
    .references(() => caseQueues.id),
  /** Alert the queue's agents and supervisors when the rule opens a case. */
  notify: integer('notify', { mode: 'boolean' }).notNull().default(true),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  categoryIds: text('category_ids', { mode: 'json' }).$type<number[]>().notNull(),
  /** Scheduler triggers only consider questions asked at or after this time (no flood from old threads). */
  appliesFrom: integer('applies_from').notNull().default(0),
  position: integer('position').notNull().default(0),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** A case: what an agent works on, from the contact form, a thread escalation, the widget, the API or a moderator. */
export const cases = sqliteTable(
  'cases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channel: text('channel', { enum: CASE_CHANNELS }).notNull(),
    status: text('status', { enum: CASE_STATUSES }).notNull().default('new'),
    priority: text('priority', { enum: CASE_PRIORITIES }).notNull().default('normal'),
    subject: text('subject').notNull(),
    /** The customer's first message (the question's text for a thread escalation). */
    body: text('body').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    /** The customer: a member, or only a name and an email address. */
    userId: integer('user_id').references(() => users.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    questionId: integer('question_id').references(() => questions.id),
    categoryId: integer('category_id').references(() => categories.id),
    articleId: integer('article_id').references(() => articles.id),
    queueId: integer('queue_id')
      .notNull()
      .references(() => caseQueues.id),
    assigneeId: integer('assignee_id').references(() => users.id),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
    visitorId: text('visitor_id'),
    /** The contact request this case was migrated from (its R-NNNNNN reference keeps working). */
    legacyRequestId: integer('legacy_request_id'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** When the status last changed (abandonment counts from the move to pending). */
    statusChangedAt: integer('status_changed_at').notNull(),
    firstResponseAt: integer('first_response_at'),
    /** Public or private replies by agents: first-contact resolution is a solved case with one. */
    agentReplies: integer('agent_replies').notNull().default(0),
    solvedAt: integer('solved_at'),
    closedAt: integer('closed_at'),
    closeReason: text('close_reason', { enum: CASE_CLOSE_REASONS }),
    /** Bumped by every change: a PATCH with an older version is refused (someone else changed it). */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('cases_open_thread_unique').on(t.questionId).where(sql`${t.questionId} is not null and ${t.status} in (${openStatusesSql})`),
    uniqueIndex('cases_legacy_unique').on(t.legacyRequestId),
    index('cases_status_idx').on(t.status, t.id),
    index('cases_open_priority_idx').on(t.priority).where(sql`${t.status} in (${openStatusesSql})`),
    index('cases_assignee_idx').on(t.assigneeId, t.status, t.id),
    index('cases_queue_idx').on(t.queueId, t.status, t.id),
    index('cases_customer_idx').on(t.userId, t.id),
    index('cases_email_idx').on(t.email, t.id),
    index('cases_question_idx').on(t.questionId, t.id),
    // Covers what the reports read of the cases opened in a range (unique customers, the heatmap) with their filters.
    index('cases_created_idx').on(t.createdAt, t.userId, t.email, t.locale, t.categoryId, t.channel),
    // The reports read the cases solved or closed in a range beside those opened in it.
    index('cases_solved_idx').on(t.solvedAt),
    index('cases_closed_idx').on(t.closedAt),
    check('cases_status_check', sql`${t.status} in ('new','open','pending_customer','on_hold','solved','closed')`),
    check('cases_priority_check', sql`${t.priority} in ('low','normal','high','urgent')`),
  ],
);

/** SLA clocks of a case (src/lib/cases/sla.ts): running, paused, stopped; met or breached. */
export const caseSlaClocks = sqliteTable(
  'case_sla_clocks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind', { enum: SLA_CLOCK_KINDS }).notNull(),
    startedAt: integer('started_at').notNull(),
    targetMs: integer('target_ms').notNull(),
    pausedMs: integer('paused_ms').notNull().default(0),
    pausedAt: integer('paused_at'),
    dueAt: integer('due_at'),
    warnAt: integer('warn_at'),
    warnedAt: integer('warned_at'),
    breachedAt: integer('breached_at'),
    stoppedAt: integer('stopped_at'),
  },
  (t) => [
    index('case_sla_clocks_case_idx').on(t.caseId, t.kind),
    // Running clocks not yet breached, by due time (the SLA job: `breached_at is null` is an equality on the first
    // column, so SQLite prefers this index to the next one), and running clocks with their case ("breaching soon").
    index('case_sla_clocks_due_idx').on(t.breachedAt, t.dueAt).where(sql`${t.stoppedAt} is null and ${t.pausedAt} is null`),
    index('case_sla_clocks_running_idx').on(t.dueAt, t.caseId).where(sql`${t.stoppedAt} is null and ${t.pausedAt} is null`),
    index('case_sla_clocks_warn_idx').on(t.warnAt).where(sql`${t.stoppedAt} is null and ${t.warnedAt} is null`),
  ],
);

/** The case timeline: every event, who (member, or the system), what, when. */
export const caseEvents = sqliteTable(
  'case_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    type: text('type').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    /** customer, agent, system (scheduler, rules), integration (inbound webhook) */
    actorKind: text('actor_kind', { enum: ['customer', 'agent', 'system', 'integration'] }).notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.id), index('case_events_type_idx').on(t.type, t.createdAt)],
);

/** Answers posted into a thread from a case (public replies, shown as from support). */
export const caseAnswers = sqliteTable(
  'case_answers',
  {
    answerId: integer('answer_id')
      .primaryKey()
      .references(() => answers.id),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
  },
  (t) => [index('case_answers_case_idx').on(t.caseId)],
);

/**
 * A fact per escalation of a thread: which trigger (and rule), which case it opened or joined. An automatic rule fires
 * once per thread (`automatic` rows are unique per question and rule).
 */
export const escalations = sqliteTable(
  'escalations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    ruleId: integer('rule_id').references(() => escalationRules.id),
    trigger: text('trigger', { enum: ESCALATION_TRIGGERS }).notNull(),
    automatic: integer('automatic', { mode: 'boolean' }).notNull(),
    actorId: integer('actor_id').references(() => users.id),
    priority: text('priority', { enum: CASE_PRIORITIES }).notNull(),
    queueId: integer('queue_id').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    categoryId: integer('category_id').notNull(),
    /** Whether this escalation opened the case (false: it joined an open one). */
    openedCase: integer('opened_case', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('escalations_rule_once').on(t.questionId, t.ruleId).where(sql`${t.automatic} = 1`),
    index('escalations_time_idx').on(t.createdAt),
    index('escalations_question_idx').on(t.questionId),
  ],
);

/** Canned replies with placeholders, per locale, managed by admins. */
/**
 * Case counts for the workspace's queue menu, kept exact by triggers on `cases` (hand-written in migration
 * 0013_case_counters, after the generated part). Keys: `all`, `status:<status>`, `open`, `open_priority:<priority>`,
 * `open_queue:<id>`, `open_unassigned`, `open_assignee:<id>`.
 */
export const caseCounters = sqliteTable('case_counters', {
  key: text('key').primaryKey(),
  n: integer('n').notNull(),
});

export const macros = sqliteTable(
  'macros',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    locale: text('locale', { enum: LOCALES }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('macros_locale_idx').on(t.locale, t.title)],
);

export const WEBHOOK_EVENTS = ['case.created', 'case.updated', 'case.solved', 'question.escalated', 'answer.accepted'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Outbound webhooks: where to POST which events, signed with the secret. */
export const webhooks = sqliteTable('webhooks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  secret: text('secret').notNull(),
  events: text('events', { mode: 'json' }).$type<WebhookEvent[]>().notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/** The delivery log: one row per event and webhook (and per replay), with the last attempt's outcome. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    webhookId: integer('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    /** The JSON body sent, fixed at creation so a replay sends the same bytes. */
    body: text('body').notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    lastDurationMs: integer('last_duration_ms'),
    lastAttemptAt: integer('last_attempt_at'),
    deliveredAt: integer('delivered_at'),
    replayOf: integer('replay_of'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('webhook_deliveries_hook_idx').on(t.webhookId, t.id)],
);

/** Signatures of inbound webhook calls already accepted (replay protection within the tolerance window). */
export const inboundWebhookReceipts = sqliteTable(
  'inbound_webhook_receipts',
  {
    signature: text('signature').primaryKey(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [index('inbound_webhook_receipts_time_idx').on(t.receivedAt)],
);

/** Satisfaction survey answers: one per case. */
export const csatResponses = sqliteTable(
  'csat_responses',
  {
    caseId: integer('case_id')
      .primaryKey()
      .references(() => cases.id),
    score: integer('score').notNull(),
    nps: integer('nps'),
    comment: text('comment').notNull().default(''),
    locale: text('locale', { enum: LOCALES }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('csat_responses_time_idx').on(t.createdAt),
    check('csat_score_check', sql`${t.score} between 1 and 5`),
    check('csat_nps_check', sql`${t.nps} is null or ${t.nps} between 0 and 10`),
  ],
);

/** A random key per installation, created on first use, that signs links such as the satisfaction survey's. */
export const signingKeys = sqliteTable('signing_keys', {
  name: text('name').primaryKey(),
  key: text('key').notNull(),
  createdAt: integer('created_at').notNull(),
});
