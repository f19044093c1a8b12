import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { articles, categories, events, LOCALES } from '../../../db/schema/index';
import type { Actor } from '../auth/sessions';
import { caseNumber, openCase } from '../cases/case-writes';
import { DomainError } from '../errors';
import { consume, type Limit } from '../rate-limits/rate-limits';
import { lineText, multilineText, validateInput, visitorIdSchema } from '../validation';

/** Requests one address, and one visitor, may send per hour. */
export const CONTACT_LIMIT: Limit = { max: 5, windowMs: 3600 * 1000 };
/** An office or a mobile carrier puts many customers behind one address: the per-address limit is looser. */
export const CONTACT_LIMIT_PER_IP: Limit = { max: 20, windowMs: 3600 * 1000 };

const SOURCE = /^(kb|flow):([a-z0-9]+(?:-[a-z0-9]+)*)$/;

export const contactRequestSchema = z.object({
  locale: z.enum(LOCALES, { error: 'field.invalid' }),
  name: lineText().trim().max(100, { error: 'field.tooLong' }).default(''),
  email: z.string().trim().max(254, { error: 'field.tooLong' }).pipe(z.email({ error: 'field.email' })).or(z.literal('')).default(''),
  subject: lineText({ error: 'field.required' }).trim().min(5, { error: 'field.tooShort' }).max(150, { error: 'field.tooLong' }),
  message: multilineText({ error: 'field.required' }).trim().min(10, { error: 'field.tooShort' }).max(5000, { error: 'field.tooLong' }),
  /** A category or section slug; empty = "I don't know". */
  category: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || null),
  /** Where the customer came from: `kb:<article slug>` or `flow:<flow slug>`; anything else is dropped. */
  from: z
    .string({ error: 'field.invalid' })
    .optional()
    .transform((v) => (v && v.length <= 120 && SOURCE.test(v) ? v : null)),
  /** Callers without this site's cookie (the widget, integrations) send their own stable visitor id. */
  visitorId: visitorIdSchema.optional(),
});

export interface ContactClient {
  /** The caller's address (rate limit), when known. */
  ip: string | null;
  /** The visitor cookie's id; when null, the input's `visitorId` is used. */
  visitorId: string | null;
}

export interface ContactOptions {
  /** Where the request came from: the contact form, the widget or the API. */
  channel?: 'contact_form' | 'widget' | 'api';
}

/**
 * The contact-support form: opens a case (contact-form channel, routed by the chosen topic), records a
 * `contact.submitted` event (the KPI reports count it as a case opened from the contact form); the acknowledgement
 * with the case number follows through the outbox. Members may leave name and email empty (their account's are used).
 * Rate-limited per address and per visitor.
 */
export function submitContactRequest(
  db: Db,
  actor: Actor | null,
  input: unknown,
  client: ContactClient,
  now: number,
  options: ContactOptions = {},
): { id: number; reference: string; email: string } {
  // Every field error at once: the schema's and the missing name or email of a visitor without an account.
  const result = validateInput(contactRequestSchema, input);
  const given = (field: 'name' | 'email') => (result.ok ? result.data[field] : String((input as Record<string, unknown> | null)?.[field] ?? '').trim());
  const name = given('name') || actor?.displayName || '';
  const email = given('email') || actor?.email || '';
  const fields: Record<string, string> = result.ok ? {} : { ...result.fields };
  if (!name) fields.name ??= 'field.required';
  if (!email) fields.email ??= 'field.required';
  if (!result.ok || Object.keys(fields).length) throw new DomainError('INVALID', 'The contact request is not valid.', fields);
  const data = result.data;
  const visitorId = client.visitorId ?? data.visitorId ?? null;
  return db.transaction((tx) => {
    if (client.ip) consume(tx, `contact-ip:${client.ip}`, CONTACT_LIMIT_PER_IP, now);
    if (visitorId) consume(tx, `contact-visitor:${visitorId}`, CONTACT_LIMIT, now);
    let categoryId: number | null = null;
    if (data.category) {
      const c = tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, data.category)).get();
      if (!c) throw new DomainError('INVALID', 'Unknown category.', { category: 'field.unknownCategory' });
      categoryId = c.id;
    }
    const [kind, slug] = data.from ? data.from.split(':') : [null, null];
    const article =
      kind === 'kb' && slug
        ? tx.select({ id: articles.id, categoryId: articles.categoryId }).from(articles).where(and(eq(articles.locale, data.locale), eq(articles.slug, slug))).get()
        : undefined;
    const categoryRow = categoryId ?? article?.categoryId ?? null;
    const category = categoryRow !== null ? tx.select({ id: categories.id, parentId: categories.parentId }).from(categories).where(eq(categories.id, categoryRow)).get() : null;
    const channel = options.channel ?? 'contact_form';
    const { case: kase } = openCase(
      tx,
      {
        channel,
        subject: data.subject,
        body: data.message,
        locale: data.locale,
        customer: { userId: actor?.id ?? null, email, name },
        category,
        articleId: article?.id ?? null,
        visitorId,
        opener: { kind: 'customer', id: actor?.id ?? null },
        reason: data.from ? { from: data.from } : undefined,
      },
      now,
    );
    tx.insert(events)
      .values({
        type: 'contact.submitted',
        occurredAt: now,
        visitorId,
        userId: actor?.id ?? null,
        locale: data.locale,
        surface: channel,
        subjectType: 'case',
        subjectId: kase.id,
        data: { from: data.from, articleId: article?.id ?? null, categoryId: categoryRow },
      })
      .run();
    return { id: kase.id, reference: caseNumber(kase.id), email };
  });
}

/** Records that someone reached the contact form (the denominator of the deflection rates). */
export function recordContactFormView(db: Db, locale: 'es' | 'en', visitor: { visitorId: string | null; userId: number | null }, from: string | null, now: number): void {
  db.insert(events)
    .values({
      type: 'contact.viewed',
      occurredAt: now,
      visitorId: visitor.visitorId,
      userId: visitor.userId,
      locale,
      surface: 'contact_form',
      data: { from: from && SOURCE.test(from) ? from : null },
    })
    .run();
}

