import { z } from 'zod';
import {
  CASE_CHANNELS,
  CASE_CLOSE_REASONS,
  CASE_PRIORITIES,
  CASE_STATUSES,
  ESCALATION_TRIGGERS,
  SLA_CLOCK_KINDS,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENTS,
  type webhookDeliveries,
  type webhooks,
} from '../../../db/schema/index';
import { dateTime, iso, localeShape, pageOf } from '../api/api-shapes';
import type { toRule } from '../escalation/rules';
import type { RuleWarning } from '../escalation/triggers';
import type { CaseListItem, CaseViewModel } from './queries';
import type { listCalendars, listSlaPolicies } from './settings';

/** JSON shapes of the cases API, with the serializers that fill them. */

const isoOrNull = (t: number | null) => (t === null ? null : iso(t));
const statusShape = z.enum(CASE_STATUSES);
const priorityShape = z.enum(CASE_PRIORITIES);

export const caseListShape = pageOf(
  z
    .object({
      id: z.int(),
      number: z.string().meta({ examples: ['C-000123'] }),
      reference: z.string().meta({ description: 'The number, or the R- reference of a migrated contact request' }),
      subject: z.string(),
      status: statusShape,
      priority: priorityShape,
      channel: z.enum(CASE_CHANNELS),
      locale: localeShape,
      queueId: z.int(),
      assignee: z.object({ id: z.int(), name: z.string().nullable() }).nullable(),
      customerName: z.string(),
      questionId: z.int().nullable(),
      nextDueAt: dateTime.nullable().meta({ description: 'The earliest due time of its running SLA clocks' }),
      breached: z.boolean(),
      version: z.int(),
      createdAt: dateTime,
      updatedAt: dateTime,
    })
    .meta({ id: 'CaseListItem' }),
);

export function caseListJson(page: { items: CaseListItem[]; nextCursor: number | null }): z.output<typeof caseListShape> {
  return {
    items: page.items.map((c) => ({
      id: c.id,
      number: c.number,
      reference: c.reference,
      subject: c.subject,
      status: c.status,
      priority: c.priority,
      channel: c.channel,
      locale: c.locale,
      queueId: c.queueId,
      assignee: c.assigneeId === null ? null : { id: c.assigneeId, name: c.assigneeName },
      customerName: c.customerName,
      questionId: c.questionId,
      nextDueAt: isoOrNull(c.nextDueAt),
      breached: c.breached,
      version: c.version,
      createdAt: iso(c.createdAt),
      updatedAt: iso(c.updatedAt),
    })),
    nextCursor: page.nextCursor === null ? null : String(page.nextCursor),
  };
}

export const caseShape = z
  .object({
    id: z.int(),
    number: z.string(),
    reference: z.string(),
    subject: z.string(),
    message: z.string(),
    status: statusShape,
    priority: priorityShape,
    channel: z.enum(CASE_CHANNELS),
    locale: localeShape,
    queue: z.object({ id: z.int(), slug: z.string() }).nullable(),
    assignee: z.object({ id: z.int(), name: z.string() }).nullable(),
    tags: z.array(z.string()),
    customer: z.object({ memberId: z.int().nullable(), name: z.string(), email: z.string() }),
    questionId: z.int().nullable(),
    version: z.int().meta({ description: 'Send it back in PATCH to refuse a stale change (409)' }),
    closeReason: z.enum(CASE_CLOSE_REASONS).nullable(),
    agentReplies: z.int(),
    createdAt: dateTime,
    updatedAt: dateTime,
    firstResponseAt: dateTime.nullable(),
    solvedAt: dateTime.nullable(),
    closedAt: dateTime.nullable(),
    sla: z.array(
      z.object({
        kind: z.enum(SLA_CLOCK_KINDS),
        state: z.enum(['running', 'warning', 'breached', 'paused', 'met', 'missed']),
        startedAt: dateTime,
        dueAt: dateTime.nullable().meta({ description: 'null while paused (pending on the customer)' }),
        breachedAt: dateTime.nullable(),
        stoppedAt: dateTime.nullable(),
        elapsedBusinessMinutes: z.int(),
      }),
    ),
    timeline: z.array(
      z.object({
        id: z.int(),
        type: z.string(),
        actor: z.object({ kind: z.enum(['customer', 'agent', 'system', 'integration']), id: z.int().optional(), name: z.string().nullable().optional() }),
        data: z.record(z.string(), z.unknown()).nullable(),
        at: dateTime,
      }),
    ),
    csat: z.object({ score: z.int(), nps: z.int().nullable(), comment: z.string(), at: dateTime }).nullable(),
  })
  .meta({ id: 'Case' });

export function caseJson(view: CaseViewModel): z.output<typeof caseShape> {
  const c = view.case;
  return {
    id: c.id,
    number: c.number,
    reference: c.reference,
    subject: c.subject,
    message: c.body,
    status: c.status,
    priority: c.priority,
    channel: c.channel,
    locale: c.locale,
    queue: view.queue ? { id: view.queue.id, slug: view.queue.slug } : null,
    assignee: view.assignee,
    tags: c.tags,
    customer: { memberId: c.userId, name: c.name, email: c.email },
    questionId: c.questionId,
    version: c.version,
    closeReason: c.closeReason,
    agentReplies: c.agentReplies,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    firstResponseAt: isoOrNull(c.firstResponseAt),
    solvedAt: isoOrNull(c.solvedAt),
    closedAt: isoOrNull(c.closedAt),
    sla: view.clocks.map((k) => ({ kind: k.kind, state: k.state, startedAt: iso(k.startedAt), dueAt: isoOrNull(k.dueAt), breachedAt: isoOrNull(k.breachedAt), stoppedAt: isoOrNull(k.stoppedAt), elapsedBusinessMinutes: Math.round(k.elapsedMs / 60_000) })),
    timeline: view.timeline.map((e) => ({ id: e.id, type: e.type, actor: e.actorId === null ? { kind: e.actorKind } : { kind: e.actorKind, id: e.actorId, name: e.actorName }, data: e.data, at: iso(e.createdAt) })),
    csat: view.csat ? { score: view.csat.score, nps: view.csat.nps, comment: view.csat.comment, at: iso(view.csat.createdAt) } : null,
  };
}

export const replyReceiptShape = z.object({ caseId: z.int(), status: statusShape, answerId: z.int().nullable(), mailId: z.int().nullable() });
export const noteReceiptShape = z.object({ caseId: z.int() });
export const takeReceiptShape = z.object({ caseId: z.int(), assigneeId: z.int().nullable(), version: z.int() });
export const surveyReceiptShape = z.object({ caseId: z.int(), number: z.string(), score: z.int(), nps: z.int().nullable() });
export const escalationReceiptShape = z.object({ caseId: z.int(), number: z.string(), status: statusShape, priority: priorityShape, created: z.boolean().meta({ description: 'false: joined the open case of the thread' }) });
export const inboundReceiptShape = z.object({ case: z.string(), status: statusShape, answerId: z.int().nullable().optional() });
export const deletedShape = z.object({ id: z.int(), deleted: z.boolean(), disabled: z.boolean().optional().meta({ description: 'A rule that opened cases is disabled instead of deleted' }) });

const ruleShape = z
  .object({
    id: z.int(),
    name: z.string(),
    trigger: z.enum(ESCALATION_TRIGGERS),
    params: z.object({ hours: z.number().optional(), count: z.int().optional(), keywords: z.object({ es: z.array(z.string()), en: z.array(z.string()) }).optional(), tiers: z.array(z.string()).optional() }),
    priority: priorityShape,
    queueId: z.int(),
    notify: z.boolean(),
    enabled: z.boolean(),
    categoryIds: z.array(z.int()),
    appliesFrom: dateTime,
    position: z.int(),
    warnings: z.array(z.enum(['firesOnEverything', 'neverFires', 'commonKeyword', 'longDelay'])),
  })
  .meta({ id: 'EscalationRule' });
export const ruleResponseShape = ruleShape;
export const ruleListShape = z.object({ items: z.array(ruleShape) });

export function ruleJson(rule: ReturnType<typeof toRule>, warnings: RuleWarning[]): z.output<typeof ruleShape> {
  return { ...rule, appliesFrom: iso(rule.appliesFrom), warnings };
}

const slotShape = z.object({ start: z.string(), end: z.string() });
const calendarShape = z
  .object({
    id: z.int(),
    name: z.string(),
    timeZone: z.string(),
    weekly: z.record(z.string(), z.array(slotShape)),
    holidays: z.array(z.string()),
    warnings: z.object({ holidaysOnClosedDays: z.array(z.string()) }),
  })
  .meta({ id: 'BusinessCalendar' });
export const calendarResponseShape = calendarShape;
export const calendarListShape = z.object({ items: z.array(calendarShape) });

export function calendarJson(c: ReturnType<typeof listCalendars>[number]): z.output<typeof calendarShape> {
  return { id: c.id, name: c.name, timeZone: c.timeZone, weekly: c.weekly as Record<string, { start: string; end: string }[]>, holidays: c.holidays, warnings: c.warnings };
}

const slaPolicyShape = z
  .object({ priority: priorityShape, firstResponseMinutes: z.int(), nextResponseMinutes: z.int(), resolutionMinutes: z.int(), warnShare: z.number() })
  .meta({ id: 'SlaPolicy' });
export const slaPolicyResponseShape = slaPolicyShape;
export const slaPolicyListShape = z.object({ items: z.array(slaPolicyShape) });

export function slaPolicyJson(p: ReturnType<typeof listSlaPolicies>[number]): z.output<typeof slaPolicyShape> {
  return { priority: p.priority, firstResponseMinutes: p.firstResponseMinutes, nextResponseMinutes: p.nextResponseMinutes, resolutionMinutes: p.resolutionMinutes, warnShare: p.warnShare };
}

const macroShape = z.object({ id: z.int(), locale: localeShape, title: z.string(), body: z.string(), updatedAt: dateTime }).meta({ id: 'Macro' });
export const macroResponseShape = macroShape;
export const macroListShape = z.object({ items: z.array(macroShape) });

export function macroJson(m: { id: number; locale: 'es' | 'en'; title: string; body: string; updatedAt: number }): z.output<typeof macroShape> {
  return { id: m.id, locale: m.locale, title: m.title, body: m.body, updatedAt: iso(m.updatedAt) };
}

const webhookShape = z
  .object({
    id: z.int(),
    url: z.string(),
    description: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    active: z.boolean(),
    createdAt: dateTime,
    updatedAt: dateTime,
    secret: z.string().optional().meta({ description: 'Only in the answer that creates the webhook' }),
  })
  .meta({ id: 'Webhook' });
export const webhookResponseShape = webhookShape;
export const webhookListShape = z.object({ items: z.array(webhookShape) });

export function webhookJson(h: typeof webhooks.$inferSelect, withSecret = false): z.output<typeof webhookShape> {
  return { id: h.id, url: h.url, description: h.description, events: h.events, active: h.active, createdAt: iso(h.createdAt), updatedAt: iso(h.updatedAt), ...(withSecret ? { secret: h.secret } : {}) };
}

const deliveryShape = z
  .object({
    id: z.int(),
    webhookId: z.int(),
    event: z.string(),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.int(),
    lastStatusCode: z.int().nullable(),
    lastError: z.string().nullable(),
    lastDurationMs: z.int().nullable(),
    lastAttemptAt: dateTime.nullable(),
    deliveredAt: dateTime.nullable(),
    replayOf: z.int().nullable(),
    createdAt: dateTime,
  })
  .meta({ id: 'WebhookDelivery' });
export const deliveryResponseShape = deliveryShape;
export const deliveryPageShape = pageOf(deliveryShape);

export function deliveryJson(d: typeof webhookDeliveries.$inferSelect): z.output<typeof deliveryShape> {
  return {
    id: d.id,
    webhookId: d.webhookId,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    lastDurationMs: d.lastDurationMs,
    lastAttemptAt: isoOrNull(d.lastAttemptAt),
    deliveredAt: isoOrNull(d.deliveredAt),
    replayOf: d.replayOf,
    createdAt: iso(d.createdAt),
  };
}
