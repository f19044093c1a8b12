import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { caseQueues, categories, customerTiers, escalationRules } from '../../../db/schema/index';
import { canManageCaseSettings } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { validateInput } from '../validation';
import { CASE_PRIORITIES, ruleParamsSchemas, ruleWarnings, TRIGGERS, type EscalationRule, type RuleWarning, type Trigger } from './triggers';

type RuleRow = typeof escalationRules.$inferSelect;

export function toRule(r: RuleRow): EscalationRule & { appliesFrom: number; position: number } {
  return {
    id: r.id,
    name: r.name,
    trigger: r.trigger,
    params: r.params,
    priority: r.priority,
    queueId: r.queueId,
    notify: r.notify,
    enabled: r.enabled,
    categoryIds: r.categoryIds,
    appliesFrom: r.appliesFrom,
    position: r.position,
  };
}

export function loadRules(db: Db, filter: { enabledOnly?: boolean; trigger?: Trigger } = {}) {
  return db
    .select()
    .from(escalationRules)
    .orderBy(asc(escalationRules.position), asc(escalationRules.id))
    .all()
    .filter((r) => (!filter.enabledOnly || r.enabled) && (!filter.trigger || r.trigger === filter.trigger))
    .map(toRule);
}

const checkbox = z.union([z.boolean(), z.enum(['true', 'on', '1', 'false', '0', '']).transform((v) => v === 'true' || v === 'on' || v === '1')]);

export const ruleInputSchema = z.object({
  name: z.string({ error: 'field.required' }).trim().min(3, { error: 'field.tooShort' }).max(100, { error: 'field.tooLong' }),
  trigger: z.enum(TRIGGERS, { error: 'field.invalid' }),
  params: z.record(z.string(), z.unknown()).default({}),
  priority: z.enum(CASE_PRIORITIES, { error: 'field.invalid' }).default('normal'),
  queueId: z.coerce.number({ error: 'field.invalid' }).int().positive({ error: 'field.invalid' }),
  notify: checkbox.default(true),
  enabled: checkbox.default(true),
  categoryIds: z.array(z.coerce.number().int().positive(), { error: 'field.invalid' }).max(100).default([]),
  /** ISO date or epoch ms; scheduler triggers ignore questions asked before it. Default: when the rule is saved. */
  appliesFrom: z.union([z.number().int().min(0), z.iso.date({ error: 'field.invalid' }).transform((d) => Date.parse(`${d}T00:00:00Z`))]).optional(),
  position: z.coerce.number().int().min(-1000).max(1000).default(0),
});

function requireAdmin(actor: Actor | null, now: number): asserts actor is Actor {
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  if (!canManageCaseSettings(actor, now)) throw new DomainError('FORBIDDEN', 'Only admins edit escalation rules.');
}

/** Validates a rule: the trigger's own parameters, an existing queue and categories; returns it with its warnings. */
function validateRule(db: Db, input: unknown, existing: RuleRow | null, now: number) {
  const base = validateInput(existing ? ruleInputSchema.partial() : ruleInputSchema, input);
  if (!base.ok) throw new DomainError('INVALID', 'The rule is not valid.', base.fields);
  const data = { ...(existing ? toRule(existing) : {}), ...base.data } as z.infer<typeof ruleInputSchema>;
  const params = validateInput(ruleParamsSchemas[data.trigger], data.params ?? {});
  if (!params.ok) throw new DomainError('INVALID', 'The rule parameters are not valid.', Object.fromEntries(Object.entries(params.fields).map(([k, v]) => [`params.${k}`, v])));
  if (!db.select({ id: caseQueues.id }).from(caseQueues).where(eq(caseQueues.id, data.queueId)).get()) throw new DomainError('INVALID', 'Unknown queue.', { queueId: 'field.invalid' });
  const known = new Set(db.select({ id: categories.id }).from(categories).all().map((c) => c.id));
  if (data.categoryIds.some((id) => !known.has(id))) throw new DomainError('INVALID', 'Unknown category.', { categoryIds: 'field.unknownCategory' });
  const tiersInUse = db.selectDistinct({ tier: customerTiers.tier }).from(customerTiers).all().map((r) => r.tier);
  const values = {
    name: data.name,
    trigger: data.trigger,
    params: params.data as Record<string, unknown>,
    priority: data.priority,
    queueId: data.queueId,
    notify: data.notify,
    enabled: data.enabled,
    categoryIds: [...new Set(data.categoryIds)],
    appliesFrom: data.appliesFrom ?? existing?.appliesFrom ?? now,
    position: data.position,
  };
  return { values, warnings: ruleWarnings({ trigger: values.trigger, params: values.params, enabled: values.enabled }, { tiersInUse }) };
}

export function createRule(db: Db, actor: Actor | null, input: unknown, now: number): { rule: ReturnType<typeof toRule>; warnings: RuleWarning[] } {
  requireAdmin(actor, now);
  return db.transaction((tx) => {
    const { values, warnings } = validateRule(tx, input, null, now);
    const row = tx.insert(escalationRules).values({ ...values, createdAt: now, updatedAt: now }).returning().get();
    return { rule: toRule(row), warnings };
  });
}

export function updateRule(db: Db, actor: Actor | null, id: number, input: unknown, now: number): { rule: ReturnType<typeof toRule>; warnings: RuleWarning[] } {
  requireAdmin(actor, now);
  return db.transaction((tx) => {
    const existing = tx.select().from(escalationRules).where(eq(escalationRules.id, id)).get();
    if (!existing) throw new DomainError('NOT_FOUND', 'No such rule.');
    const { values, warnings } = validateRule(tx, input, existing, now);
    const row = tx.update(escalationRules).set({ ...values, updatedAt: now }).where(eq(escalationRules.id, id)).returning().get()!;
    return { rule: toRule(row), warnings };
  });
}

/** Deleting a rule that already opened cases disables it instead (the escalation facts keep pointing at it). */
export function deleteRule(db: Db, actor: Actor | null, id: number, now: number): { deleted: boolean; disabled: boolean } {
  requireAdmin(actor, now);
  return db.transaction((tx) => {
    const existing = tx.select().from(escalationRules).where(eq(escalationRules.id, id)).get();
    if (!existing) throw new DomainError('NOT_FOUND', 'No such rule.');
    const used = tx.get<{ n: number }>(sql`select count(*) as n from escalations where rule_id = ${id}`)?.n ?? 0;
    if (used > 0) {
      tx.update(escalationRules).set({ enabled: false, updatedAt: now }).where(eq(escalationRules.id, id)).run();
      return { deleted: false, disabled: true };
    }
    tx.delete(escalationRules).where(eq(escalationRules.id, id)).run();
    return { deleted: true, disabled: false };
  });
}

export function listRules(db: Db, actor: Actor | null, now: number) {
  requireAdmin(actor, now);
  const tiersInUse = db.selectDistinct({ tier: customerTiers.tier }).from(customerTiers).all().map((r) => r.tier);
  return loadRules(db).map((rule) => ({ rule, warnings: ruleWarnings(rule, { tiersInUse }) }));
}

export function getRule(db: Db, actor: Actor | null, id: number, now: number) {
  requireAdmin(actor, now);
  const row = db.select().from(escalationRules).where(eq(escalationRules.id, id)).get();
  if (!row) throw new DomainError('NOT_FOUND', 'No such rule.');
  return toRule(row);
}

/** Parses the admin form's flat fields into a rule input (keywords and tiers one per line or comma-separated). */
export function ruleFromForm(form: Record<string, string>): Record<string, unknown> {
  const list = (v: string | undefined) => (v ?? '').split(/[\n,]+/).map((x) => x.trim()).filter(Boolean);
  const params: Record<string, unknown> = {};
  if (form.hours !== undefined && form.hours !== '') params.hours = form.hours;
  if (form.count !== undefined && form.count !== '') params.count = form.count;
  if (form.trigger === 'keywords') params.keywords = { es: list(form.keywordsEs), en: list(form.keywordsEn) };
  if (form.trigger === 'customer_tier') params.tiers = list(form.tiers);
  return {
    name: form.name,
    trigger: form.trigger,
    params,
    priority: form.priority,
    queueId: form.queueId,
    notify: form.notify ?? 'false',
    enabled: form.enabled ?? 'false',
    categoryIds: list(form.categoryIds),
    ...(form.appliesFrom ? { appliesFrom: form.appliesFrom } : {}),
    position: form.position || '0',
  };
}
