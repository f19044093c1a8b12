import { and, desc, eq, inArray, isNotNull, isNull, lte, or, gte } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { categories, follows, incidentCategories, incidents, INCIDENT_SEVERITIES, LOCALES, questionIncidents, questions } from '../../../db/schema/index';
import { canLinkQuestionToIncident, canManageIncidents } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { enqueue } from '../jobs/outbox';
import { DomainError } from '../errors';
import { renderMarkdown } from '../markdown';
import { notify } from '../notifications/notify';
import { HAS_LETTER, lineText, multilineText, parseInput } from '../validation';

export { INCIDENT_SEVERITIES } from '../../../db/schema/kb';

const listOf = z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : String(v).split(',')), z.array(z.string().trim().min(1).max(64)).max(20));

export const incidentInputSchema = z.object({
  titleEs: lineText().trim().min(3, { error: 'field.tooShort' }).max(150, { error: 'field.tooLong' }).regex(HAS_LETTER, { error: 'field.titleNeedsLetters' }),
  titleEn: lineText().trim().min(3, { error: 'field.tooShort' }).max(150, { error: 'field.tooLong' }).regex(HAS_LETTER, { error: 'field.titleNeedsLetters' }),
  bodyEs: multilineText().trim().max(5000, { error: 'field.tooLong' }).default(''),
  bodyEn: multilineText().trim().max(5000, { error: 'field.tooLong' }).default(''),
  severity: z.enum(INCIDENT_SEVERITIES, { error: 'field.invalid' }),
  categories: listOf,
  /** `YYYY-MM-DDTHH:MM` (UTC, from a datetime-local input), an ISO time, or empty for now. */
  startsAt: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const t = Date.parse(/Z|[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`);
      if (Number.isNaN(t)) {
        ctx.addIssue({ code: 'custom', message: 'field.invalid' });
        return z.NEVER;
      }
      return t;
    }),
});

/** GET /api/v1/incidents query. */
export const incidentsQuerySchema = z.object({
  locale: z.enum(LOCALES).default('es'),
  active: z.enum(['true', 'false']).default('true'),
});

/** Pure: an incident is active from its start until it is resolved. */
export function isIncidentActive(incident: { startsAt: number; resolvedAt: number | null }, now: number): boolean {
  return incident.startsAt <= now && incident.resolvedAt === null;
}

export function createIncident(db: Db, actor: Actor | null, input: unknown, now: number): { id: number } {
  if (!canManageIncidents(actor, now)) throw new DomainError('FORBIDDEN', 'Only admins post incidents.');
  const data = parseInput(incidentInputSchema, input);
  return db.transaction((tx) => {
    const cats = data.categories.length ? tx.select({ id: categories.id, slug: categories.slug }).from(categories).where(inArray(categories.slug, data.categories)).all() : [];
    if (cats.length !== new Set(data.categories).size) throw new DomainError('INVALID', 'Unknown category.', { categories: 'field.unknownCategory' });
    const id = tx
      .insert(incidents)
      .values({
        titleEs: data.titleEs,
        titleEn: data.titleEn,
        bodyEsMd: data.bodyEs,
        bodyEnMd: data.bodyEn,
        bodyEsHtml: renderMarkdown(data.bodyEs, { ugc: false }),
        bodyEnHtml: renderMarkdown(data.bodyEn, { ugc: false }),
        severity: data.severity,
        startsAt: data.startsAt ?? now,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: incidents.id })
      .get().id;
    if (cats.length) tx.insert(incidentCategories).values(cats.map((c) => ({ incidentId: id, categoryId: c.id }))).run();
    enqueue(tx, 'incident.changed', { incidentId: id }, now);
    return { id };
  });
}

/**
 * Resolves an incident and notifies every follower of the questions linked to it, once per follower and question,
 * through the normal notification path: the bell, and mail by the member's preference (instant, digest or never).
 * Resolving twice is a conflict.
 */
export function resolveIncident(db: Db, actor: Actor | null, incidentId: number, now: number): { notified: number; questions: number } {
  if (!canManageIncidents(actor, now)) throw new DomainError('FORBIDDEN', 'Only admins resolve incidents.');
  return db.transaction((tx) => {
    const incident = tx.select().from(incidents).where(eq(incidents.id, incidentId)).get();
    if (!incident) throw new DomainError('NOT_FOUND', 'No such incident.');
    if (incident.resolvedAt !== null) throw new DomainError('CONFLICT', 'The incident is already resolved.');
    tx.update(incidents).set({ resolvedAt: now, updatedAt: now }).where(eq(incidents.id, incidentId)).run();
    enqueue(tx, 'incident.changed', { incidentId }, now);
    const ids = tx.select({ questionId: questionIncidents.questionId }).from(questionIncidents).where(eq(questionIncidents.incidentId, incidentId)).all().map((l) => l.questionId);
    const followers = ids.length ? tx.select({ questionId: follows.questionId, userId: follows.userId }).from(follows).where(inArray(follows.questionId, ids)).all() : [];
    let notified = 0;
    for (const questionId of ids) {
      notified += notify(
        tx,
        {
          userIds: followers.filter((f) => f.questionId === questionId).map((f) => f.userId),
          type: 'incident.resolved',
          questionId,
          actorId: actor.id,
          data: { incidentId, titleEs: incident.titleEs, titleEn: incident.titleEn },
        },
        now,
      );
    }
    return { notified, questions: ids.length };
  });
}

/** Links a question (thread) to an incident; linking twice is harmless. Editors and admins may link. */
export function linkQuestionToIncident(db: Db, actor: Actor | null, incidentId: number, questionId: number, now: number): { linked: boolean } {
  if (!canLinkQuestionToIncident(actor, now)) throw new DomainError('FORBIDDEN', 'Only staff link questions to incidents.');
  return db.transaction((tx) => {
    if (!tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, incidentId)).get()) throw new DomainError('NOT_FOUND', 'No such incident.');
    if (!tx.select({ id: questions.id }).from(questions).where(eq(questions.id, questionId)).get()) {
      throw new DomainError('NOT_FOUND', 'No such question.', { questionId: 'field.invalid' });
    }
    const r = tx.insert(questionIncidents).values({ questionId, incidentId, linkedBy: actor.id, createdAt: now }).onConflictDoNothing().run();
    return { linked: r.changes > 0 };
  });
}

export interface IncidentView {
  id: number;
  title: string;
  bodyHtml: string;
  severity: (typeof INCIDENT_SEVERITIES)[number];
  startsAt: number;
  resolvedAt: number | null;
  categories: { slug: string; nameEs: string; nameEn: string }[];
  linkedQuestions: number;
  titleEs: string;
  titleEn: string;
}

function withDetails(db: Db, rows: (typeof incidents.$inferSelect)[], locale: 'es' | 'en'): IncidentView[] {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const cats = db
    .select({ incidentId: incidentCategories.incidentId, slug: categories.slug, nameEs: categories.nameEs, nameEn: categories.nameEn })
    .from(incidentCategories)
    .innerJoin(categories, eq(categories.id, incidentCategories.categoryId))
    .where(inArray(incidentCategories.incidentId, ids))
    .all();
  const links = db.select({ incidentId: questionIncidents.incidentId }).from(questionIncidents).where(inArray(questionIncidents.incidentId, ids)).all();
  return rows.map((r) => ({
    id: r.id,
    title: locale === 'es' ? r.titleEs : r.titleEn,
    bodyHtml: locale === 'es' ? r.bodyEsHtml : r.bodyEnHtml,
    severity: r.severity,
    startsAt: r.startsAt,
    resolvedAt: r.resolvedAt,
    categories: cats.filter((c) => c.incidentId === r.id).map(({ slug, nameEs, nameEn }) => ({ slug, nameEs, nameEn })),
    linkedQuestions: links.filter((l) => l.incidentId === r.id).length,
    titleEs: r.titleEs,
    titleEn: r.titleEn,
  }));
}

/** Active incidents, most severe first; with `category`, only those affecting it or affecting no category in particular. */
export function listActiveIncidents(db: Db, locale: 'es' | 'en', now: number, category?: string): IncidentView[] {
  const rows = db
    .select()
    .from(incidents)
    .where(and(isNull(incidents.resolvedAt), lte(incidents.startsAt, now)))
    .orderBy(desc(incidents.startsAt))
    .all();
  const order = { critical: 0, major: 1, minor: 2 } as const;
  const views = withDetails(db, rows, locale).sort((a, b) => order[a.severity] - order[b.severity] || b.startsAt - a.startsAt);
  return category ? views.filter((v) => v.categories.length === 0 || v.categories.some((c) => c.slug === category)) : views;
}

/** Incidents resolved since `since`, newest first. */
export function listResolvedIncidents(db: Db, locale: 'es' | 'en', since: number): IncidentView[] {
  const rows = db
    .select()
    .from(incidents)
    .where(and(isNotNull(incidents.resolvedAt), gte(incidents.resolvedAt, since)))
    .orderBy(desc(incidents.resolvedAt))
    .all();
  return withDetails(db, rows, locale);
}

/** All incidents for admins and the API: active or scheduled first, then by start, newest first. */
export function listIncidents(db: Db, locale: 'es' | 'en', q: { activeOnly?: boolean; now: number; limit?: number }): IncidentView[] {
  const rows = db
    .select()
    .from(incidents)
    .where(q.activeOnly ? and(isNull(incidents.resolvedAt), lte(incidents.startsAt, q.now)) : or(isNull(incidents.resolvedAt), isNotNull(incidents.resolvedAt)))
    .orderBy(desc(isNull(incidents.resolvedAt)), desc(incidents.startsAt), desc(incidents.id))
    .limit(q.limit ?? 100)
    .all();
  return withDetails(db, rows, locale);
}
