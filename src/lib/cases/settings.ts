import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import {
  agentProfiles,
  ASSIGNMENT_MODES,
  businessCalendars,
  caseQueues,
  categories,
  categoryQueues,
  CASE_PRIORITIES,
  customerTiers,
  LOCALES,
  macros,
  slaPolicies,
  users,
} from '../../../db/schema/index';
import { canManageCaseSettings } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { calendarSchema, calendarWarnings } from '../business-hours/business-hours';
import { DomainError } from '../errors';
import { parseInput } from '../validation';

/** Admins' configuration of cases: calendars, queues and the category map, SLA policies, agents, tiers, macros. */

function requireAdmin(actor: Actor | null, now: number): asserts actor is Actor {
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  if (!canManageCaseSettings(actor, now)) throw new DomainError('FORBIDDEN', 'Only admins configure cases.');
}

// Calendars

export const calendarInputSchema = calendarSchema.and(z.object({ name: z.string({ error: 'field.required' }).trim().min(2, { error: 'field.tooShort' }).max(80, { error: 'field.tooLong' }) }));

export function listCalendars(db: Db, actor: Actor | null, now: number) {
  requireAdmin(actor, now);
  return db.select().from(businessCalendars).orderBy(asc(businessCalendars.id)).all().map((c) => ({ ...c, warnings: calendarWarnings(c) }));
}

export function saveCalendar(db: Db, actor: Actor | null, id: number | null, input: unknown, now: number) {
  requireAdmin(actor, now);
  const data = parseInput(calendarInputSchema, input);
  const values = { name: data.name, timeZone: data.timeZone, weekly: data.weekly, holidays: data.holidays, updatedAt: now };
  const row =
    id === null
      ? db.insert(businessCalendars).values({ ...values, createdAt: now }).returning().get()
      : db.update(businessCalendars).set(values).where(eq(businessCalendars.id, id)).returning().get();
  if (!row) throw new DomainError('NOT_FOUND', 'No such calendar.');
  return { calendar: row, warnings: calendarWarnings(row) };
}

export function deleteCalendar(db: Db, actor: Actor | null, id: number, now: number): void {
  requireAdmin(actor, now);
  db.transaction((tx) => {
    const used = tx.select({ id: caseQueues.id }).from(caseQueues).where(eq(caseQueues.calendarId, id)).get();
    if (used) throw new DomainError('CONFLICT', 'A queue uses this calendar.', { _: 'calendar.inUse' });
    if (!tx.delete(businessCalendars).where(eq(businessCalendars.id, id)).run().changes) throw new DomainError('NOT_FOUND', 'No such calendar.');
  });
}

/** Parses the admin form's text fields: one `1 09:00-14:00, 15:00-18:00` line per weekday, holidays one date per line. */
export function calendarFromForm(form: Record<string, string>): unknown {
  const weekly: Record<string, { start: string; end: string }[]> = {};
  for (const day of ['1', '2', '3', '4', '5', '6', '7']) {
    const text = (form[`day${day}`] ?? '').trim();
    if (!text) continue;
    weekly[day] = text.split(',').map((part) => {
      const [start = '', end = ''] = part.trim().split(/\s*[-–]\s*/);
      return { start, end };
    });
  }
  return {
    name: form.name,
    timeZone: form.timeZone,
    weekly,
    holidays: (form.holidays ?? '')
      .split(/[\s,]+/)
      .map((d) => d.trim())
      .filter(Boolean),
  };
}

// Queues and the category map

const queueSchema = z.object({
  slug: z.string({ error: 'field.required' }).trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, { error: 'field.slug' }),
  nameEs: z.string({ error: 'field.required' }).trim().min(2, { error: 'field.tooShort' }).max(80, { error: 'field.tooLong' }),
  nameEn: z.string({ error: 'field.required' }).trim().min(2, { error: 'field.tooShort' }).max(80, { error: 'field.tooLong' }),
  calendarId: z.coerce.number({ error: 'field.invalid' }).int().positive({ error: 'field.invalid' }),
  assignment: z.enum(ASSIGNMENT_MODES, { error: 'field.invalid' }),
  tier: z.coerce.number({ error: 'field.invalid' }).int().min(1, { error: 'field.invalid' }).max(3, { error: 'field.invalid' }).default(1),
  escalationQueueId: z.union([z.literal('').transform(() => null), z.null(), z.coerce.number().int().positive()]).default(null),
});

export function listQueues(db: Db) {
  return db.select().from(caseQueues).orderBy(asc(caseQueues.id)).all();
}

export function saveQueue(db: Db, actor: Actor | null, id: number | null, input: unknown, now: number) {
  requireAdmin(actor, now);
  const data = parseInput(id === null ? queueSchema : queueSchema.partial(), input);
  return db.transaction((tx) => {
    if (data.calendarId !== undefined && !tx.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.id, data.calendarId)).get()) throw new DomainError('INVALID', 'Unknown calendar.', { calendarId: 'field.invalid' });
    if (data.escalationQueueId != null && (data.escalationQueueId === id || !tx.select({ id: caseQueues.id }).from(caseQueues).where(eq(caseQueues.id, data.escalationQueueId)).get())) throw new DomainError('INVALID', 'Unknown queue.', { escalationQueueId: 'field.invalid' });
    if (data.slug) {
      const taken = tx.select({ id: caseQueues.id }).from(caseQueues).where(eq(caseQueues.slug, data.slug)).get();
      if (taken && taken.id !== id) throw new DomainError('CONFLICT', 'That slug is taken.', { slug: 'field.slugTaken' });
    }
    const row = id === null ? tx.insert(caseQueues).values({ ...(data as z.infer<typeof queueSchema>), createdAt: now }).returning().get() : tx.update(caseQueues).set(data).where(eq(caseQueues.id, id)).returning().get();
    if (!row) throw new DomainError('NOT_FOUND', 'No such queue.');
    return row;
  });
}

export function listCategoryQueues(db: Db) {
  return db.select({ categoryId: categories.id, slug: categories.slug, nameEs: categories.nameEs, nameEn: categories.nameEn, parentId: categories.parentId, queueId: categoryQueues.queueId }).from(categories).leftJoin(categoryQueues, eq(categoryQueues.categoryId, categories.id)).orderBy(asc(categories.position), asc(categories.id)).all();
}

/** Maps a category to a queue (null removes the mapping: the parent's or the default queue applies). */
export function setCategoryQueue(db: Db, actor: Actor | null, categoryId: number, queueId: number | null, now: number): void {
  requireAdmin(actor, now);
  db.transaction((tx) => {
    if (!tx.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId)).get()) throw new DomainError('NOT_FOUND', 'No such category.');
    if (queueId === null) {
      tx.delete(categoryQueues).where(eq(categoryQueues.categoryId, categoryId)).run();
      return;
    }
    if (!tx.select({ id: caseQueues.id }).from(caseQueues).where(eq(caseQueues.id, queueId)).get()) throw new DomainError('INVALID', 'Unknown queue.', { queueId: 'field.invalid' });
    tx.insert(categoryQueues).values({ categoryId, queueId }).onConflictDoUpdate({ target: categoryQueues.categoryId, set: { queueId } }).run();
  });
}

// SLA policies

const minutes = z.coerce.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).min(1, { error: 'field.invalid' }).max(100_000, { error: 'field.invalid' });

export const slaPolicySchema = z
  .object({
    firstResponseMinutes: minutes,
    nextResponseMinutes: minutes,
    resolutionMinutes: minutes,
    warnShare: z.coerce.number({ error: 'field.invalid' }).gt(0, { error: 'sla.warnShare' }).lt(1, { error: 'sla.warnShare' }),
  })
  .refine((p) => p.resolutionMinutes >= p.firstResponseMinutes, { error: 'sla.resolutionShorter', path: ['resolutionMinutes'] });

export function listSlaPolicies(db: Db) {
  const rows = new Map(db.select().from(slaPolicies).all().map((p) => [p.priority, p]));
  return CASE_PRIORITIES.map((priority) => rows.get(priority) ?? { priority, firstResponseMinutes: 480, nextResponseMinutes: 960, resolutionMinutes: 2880, warnShare: 0.8, updatedAt: 0 });
}

/** Sets a priority's targets; running clocks keep theirs (new targets apply to clocks started from now on). */
export function saveSlaPolicy(db: Db, actor: Actor | null, priority: unknown, input: unknown, now: number) {
  requireAdmin(actor, now);
  const p = parseInput(z.enum(CASE_PRIORITIES, { error: 'field.invalid' }), priority);
  const data = parseInput(slaPolicySchema, input);
  return db
    .insert(slaPolicies)
    .values({ priority: p, ...data, updatedAt: now })
    .onConflictDoUpdate({ target: slaPolicies.priority, set: { ...data, updatedAt: now } })
    .returning()
    .get();
}

// Agents and customer tiers

const stringList = (item: z.ZodString) => z.union([z.array(item), z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))]).pipe(z.array(item).max(20));

export const agentProfileSchema = z.object({
  skills: stringList(z.string().trim().toLowerCase()),
  languages: stringList(z.string()).pipe(z.array(z.enum(LOCALES, { error: 'field.invalid' })).min(1, { error: 'agent.languages' })),
  tier: z.coerce.number({ error: 'field.invalid' }).int().min(1).max(3).default(1),
  supervisor: z.union([z.boolean(), z.enum(['true', 'on', '1', 'false', '0', '']).transform((v) => v === 'true' || v === 'on' || v === '1')]).default(false),
  available: z.union([z.boolean(), z.enum(['true', 'on', '1', 'false', '0', '']).transform((v) => v === 'true' || v === 'on' || v === '1')]).default(true),
});

export function saveAgentProfile(db: Db, actor: Actor | null, userId: number, input: unknown, now: number) {
  requireAdmin(actor, now);
  const data = parseInput(agentProfileSchema, input);
  return db.transaction((tx) => {
    const u = tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
    if (!u) throw new DomainError('NOT_FOUND', 'No such member.');
    if (u.role !== 'agent' && u.role !== 'admin') throw new DomainError('INVALID', 'Only agents and admins have a profile.', { userId: 'agent.notStaff' });
    const known = new Set(tx.select({ slug: caseQueues.slug }).from(caseQueues).all().map((q) => q.slug));
    const unknown = data.skills.filter((s) => !known.has(s));
    if (unknown.length) throw new DomainError('INVALID', `Unknown queues: ${unknown.join(', ')}.`, { skills: 'agent.unknownSkill' });
    return tx
      .insert(agentProfiles)
      .values({ userId, ...data, updatedAt: now })
      .onConflictDoUpdate({ target: agentProfiles.userId, set: { ...data, updatedAt: now } })
      .returning()
      .get();
  });
}

export const tierSchema = z.union([z.literal('').transform(() => null), z.null(), z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, { error: 'rule.tier' })]);

/** Sets (or, with null, removes) a member's customer tier. */
export function setCustomerTier(db: Db, actor: Actor | null, userId: number, tier: unknown, now: number): { userId: number; tier: string | null } {
  requireAdmin(actor, now);
  const value = parseInput(tierSchema, tier);
  return db.transaction((tx) => {
    if (!tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) throw new DomainError('NOT_FOUND', 'No such member.');
    if (value === null) tx.delete(customerTiers).where(eq(customerTiers.userId, userId)).run();
    else tx.insert(customerTiers).values({ userId, tier: value, setBy: actor.id, setAt: now }).onConflictDoUpdate({ target: customerTiers.userId, set: { tier: value, setBy: actor.id, setAt: now } }).run();
    return { userId, tier: value };
  });
}

export function listStaffProfiles(db: Db, actor: Actor | null, now: number) {
  requireAdmin(actor, now);
  return db
    .select({ id: users.id, displayName: users.displayName, email: users.email, role: users.role, locale: users.locale, skills: agentProfiles.skills, languages: agentProfiles.languages, tier: agentProfiles.tier, supervisor: agentProfiles.supervisor, available: agentProfiles.available })
    .from(users)
    .leftJoin(agentProfiles, eq(agentProfiles.userId, users.id))
    .where(sql`${users.role} in ('agent', 'admin')`)
    .orderBy(asc(users.id))
    .all();
}

// Macros

export const macroSchema = z.object({
  locale: z.enum(LOCALES, { error: 'field.invalid' }),
  title: z.string({ error: 'field.required' }).trim().min(2, { error: 'field.tooShort' }).max(100, { error: 'field.tooLong' }),
  body: z.string({ error: 'field.required' }).trim().min(2, { error: 'field.tooShort' }).max(10_000, { error: 'field.tooLong' }),
});

/** Placeholders a macro may use; an unknown `{{…}}` is refused when the macro is saved. */
export const MACRO_PLACEHOLDERS = ['customer.name', 'case.number', 'case.subject', 'agent.name', 'thread.title'] as const;

function checkPlaceholders(body: string): void {
  const unknown = [...body.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1]!).filter((p) => !(MACRO_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length) throw new DomainError('INVALID', `Unknown placeholders: ${unknown.join(', ')}.`, { body: 'macro.placeholder' });
}

/** Pure: a macro's text with its placeholders filled. */
export function applyMacro(body: string, values: Partial<Record<(typeof MACRO_PLACEHOLDERS)[number], string>>): string {
  return body.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (whole, name: string) => values[name as (typeof MACRO_PLACEHOLDERS)[number]] ?? whole);
}

export function saveMacro(db: Db, actor: Actor | null, id: number | null, input: unknown, now: number) {
  requireAdmin(actor, now);
  const data = parseInput(macroSchema, input);
  checkPlaceholders(data.body);
  const row = id === null ? db.insert(macros).values({ ...data, createdAt: now, updatedAt: now }).returning().get() : db.update(macros).set({ ...data, updatedAt: now }).where(eq(macros.id, id)).returning().get();
  if (!row) throw new DomainError('NOT_FOUND', 'No such macro.');
  return row;
}

export function deleteMacro(db: Db, actor: Actor | null, id: number, now: number): void {
  requireAdmin(actor, now);
  if (!db.delete(macros).where(eq(macros.id, id)).run().changes) throw new DomainError('NOT_FOUND', 'No such macro.');
}

export function listAllMacros(db: Db, actor: Actor | null, now: number) {
  requireAdmin(actor, now);
  return db.select().from(macros).orderBy(asc(macros.locale), asc(macros.title)).all();
}
