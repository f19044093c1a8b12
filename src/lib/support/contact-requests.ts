import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { articles, categories, CONTACT_REQUEST_STATUSES, contactRequests, events, LOCALES, type ContactRequestStatus } from '../../../db/schema/index';
import { canHandleContactRequests, canViewOwnContactRequest } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { translator } from '../i18n/index';
import { queueMail } from '../notifications/mail';
import { consume, type Limit } from '../rate-limits/rate-limits';
import { lineText, multilineText, parseInput, validateInput, visitorIdSchema } from '../validation';

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

/** Pure: the number shown to the customer, e.g. R-000042. */
export function contactReference(id: number): string {
  return `R-${String(id).padStart(6, '0')}`;
}

/** Pure: the id behind a reference (`R-000042`, `r-42` or `42`), or null. */
export function parseContactReference(reference: string): number | null {
  const m = /^(?:R-)?0*(\d{1,15})$/i.exec(reference.trim());
  const id = m ? Number(m[1]) : 0;
  return id > 0 ? id : null;
}

export interface ContactClient {
  /** The caller's address (rate limit), when known. */
  ip: string | null;
  /** The visitor cookie's id; when null, the input's `visitorId` is used. */
  visitorId: string | null;
}

export interface ContactOptions {
  siteUrl: string;
  /** Expected first response, in business hours (shown to the customer and mailed). */
  responseHours: number;
}

export const CONTACT_RESPONSE_HOURS = 8;

function ackMail(locale: 'es' | 'en', reference: string, subject: string, siteUrl: string, responseHours: number) {
  const t = translator(locale);
  return {
    subject: t('contact.mail.subject', { ref: reference }).slice(0, 150),
    text: [
      t('contact.mail.greeting'),
      t('contact.mail.received', { ref: reference, subject }),
      t('contact.expected', { hours: responseHours }),
      t('contact.hours'),
      '',
      t('contact.mail.meanwhile'),
      `${t('kb.title')}: ${siteUrl}/${locale}/kb`,
      `${t('status.title')}: ${siteUrl}/${locale}/status`,
      `${t('nav.questions')}: ${siteUrl}/${locale}/questions`,
    ].join('\n'),
  };
}

/**
 * The contact-support form: stores the request, records a `contact.submitted` event (the KPI reports count it as a
 * case opened from the contact form) and queues the acknowledgement mail with the reference number. Members may leave
 * name and email empty (their account's are used). Rate-limited per address and per visitor.
 */
export function submitContactRequest(
  db: Db,
  actor: Actor | null,
  input: unknown,
  client: ContactClient,
  now: number,
  options: ContactOptions,
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
    const row = tx
      .insert(contactRequests)
      .values({
        locale: data.locale,
        userId: actor?.id ?? null,
        name,
        email,
        subject: data.subject,
        body: data.message,
        categoryId: categoryId ?? article?.categoryId ?? null,
        articleId: article?.id ?? null,
        visitorId,
        createdAt: now,
      })
      .returning({ id: contactRequests.id })
      .get();
    tx.insert(events)
      .values({
        type: 'contact.submitted',
        occurredAt: now,
        visitorId,
        userId: actor?.id ?? null,
        locale: data.locale,
        surface: 'contact_form',
        subjectType: 'contact_request',
        subjectId: row.id,
        data: { from: data.from, articleId: article?.id ?? null, categoryId: categoryId ?? article?.categoryId ?? null },
      })
      .run();
    const reference = contactReference(row.id);
    queueMail(tx, { to: email, ...ackMail(data.locale, reference, data.subject, options.siteUrl, options.responseHours) }, now);
    return { id: row.id, reference, email };
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

/** The acknowledgement page shows a request only to whoever sent it (same member or same visitor cookie). */
export function getOwnContactRequest(db: Db, id: number, visitor: { visitorId: string | null; userId: number | null }) {
  const row = db
    .select({ id: contactRequests.id, subject: contactRequests.subject, email: contactRequests.email, userId: contactRequests.userId, visitorId: contactRequests.visitorId, locale: contactRequests.locale })
    .from(contactRequests)
    .where(eq(contactRequests.id, id))
    .get();
  if (!row) return null;
  return canViewOwnContactRequest(visitor, row) ? { id: row.id, reference: contactReference(row.id), subject: row.subject, email: row.email } : null;
}

export const listContactRequestsSchema = z.object({
  status: z.enum([...CONTACT_REQUEST_STATUSES, 'all'], { error: 'field.invalid' }).default('open'),
  cursor: z.coerce.number({ error: 'field.invalid' }).int().positive({ error: 'field.invalid' }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/** Contact requests for agents, moderators and admins: newest first, keyset-paged on id. */
export function listContactRequests(db: Db, actor: Actor | null, query: unknown, now: number) {
  if (!canHandleContactRequests(actor, now)) throw new DomainError(actor ? 'FORBIDDEN' : 'UNAUTHORIZED', 'Only support staff read contact requests.');
  const q = parseInput(listContactRequestsSchema, query);
  const rows = db
    .select({
      id: contactRequests.id,
      locale: contactRequests.locale,
      userId: contactRequests.userId,
      name: contactRequests.name,
      email: contactRequests.email,
      subject: contactRequests.subject,
      body: contactRequests.body,
      status: contactRequests.status,
      createdAt: contactRequests.createdAt,
      categorySlug: categories.slug,
      categoryEs: categories.nameEs,
      categoryEn: categories.nameEn,
      articleSlug: articles.slug,
      articleLocale: articles.locale,
      articleTitle: articles.title,
    })
    .from(contactRequests)
    .leftJoin(categories, eq(categories.id, contactRequests.categoryId))
    .leftJoin(articles, eq(articles.id, contactRequests.articleId))
    .where(and(q.status === 'all' ? undefined : eq(contactRequests.status, q.status), q.cursor ? lt(contactRequests.id, q.cursor) : undefined))
    .orderBy(desc(contactRequests.id))
    .limit(q.limit + 1)
    .all();
  const more = rows.length > q.limit;
  if (more) rows.pop();
  return {
    status: q.status,
    items: rows.map((r) => ({ ...r, reference: contactReference(r.id) })),
    nextCursor: more ? (rows.at(-1)?.id ?? null) : null,
  };
}

export type ContactRequestItem = ReturnType<typeof listContactRequests>['items'][number];

/** Closes or reopens a request; setting the status it already has changes nothing. */
export function setContactRequestStatus(db: Db, actor: Actor | null, id: number, status: unknown, now: number): { id: number; status: ContactRequestStatus; changed: boolean } {
  if (!canHandleContactRequests(actor, now)) throw new DomainError(actor ? 'FORBIDDEN' : 'UNAUTHORIZED', 'Only support staff handle contact requests.');
  const next = parseInput(z.enum(CONTACT_REQUEST_STATUSES, { error: 'field.invalid' }), status);
  return db.transaction((tx) => {
    const row = tx.select({ status: contactRequests.status }).from(contactRequests).where(eq(contactRequests.id, id)).get();
    if (!row) throw new DomainError('NOT_FOUND', 'No such contact request.');
    if (row.status === next) return { id, status: next, changed: false };
    tx.update(contactRequests).set({ status: next }).where(eq(contactRequests.id, id)).run();
    return { id, status: next, changed: true };
  });
}
