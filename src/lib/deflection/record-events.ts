import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { articles, LOCALES, questions } from '../../../db/schema/index';
import { isBot } from '../bots';
import { questionPath } from '../community/slug';
import { DomainError } from '../errors';
import { articlePath } from '../kb/articles';
import type { MemoryRateLimiter } from '../rate-limits/memory';
import type { Limit } from '../rate-limits/rate-limits';
import { normalizeQuery } from '../search/analytics';
import { parseInput } from '../validation';
import { DEFLECTION_SURFACES, eventBatchSchema, SUBJECT_TYPES, serverTime, type DeflectionSurface, type SubjectType } from './events';
import type { DeflectionRecorder, PendingEvent } from './recorder';

/** What the request tells about who is there. `visitorId` is null when the visitor opted out (GPC/DNT) or has none. */
export interface DeflectionClient {
  visitorId: string | null;
  memberId: number | null;
  userAgent: string | null;
  ip: string;
  locale: 'es' | 'en';
}

/** The process-wide parts of deflection recording: the event queue and the in-memory flood limits. */
export interface DeflectionRuntime {
  recorder: DeflectionRecorder;
  limiter: MemoryRateLimiter;
}

/** Batches one visitor (or, for visitors without id, one address) may send per minute, and events in them. */
export const EVENT_BATCHES_PER_VISITOR: Limit = { max: 30, windowMs: 60_000 };
export const EVENTS_PER_VISITOR: Limit = { max: 300, windowMs: 60_000 };
/** Many visitors share an office's or a carrier's address: looser. */
export const EVENT_BATCHES_PER_IP: Limit = { max: 300, windowMs: 60_000 };
/** A client that drops its visitor cookie on every request is a new visitor each time: its address still caps it. */
export const EVENTS_PER_IP: Limit = { max: 3000, windowMs: 60_000 };
/** "This solved my problem" from one visitor per minute (the form path; the batch path has its own limits). */
export const CONFIRMATIONS_PER_VISITOR: Limit = { max: 20, windowMs: 60_000 };

function limit(runtime: DeflectionRuntime, key: string, l: Limit, now: number, weight = 1): void {
  const wait = runtime.limiter.hit(key, l, now, weight);
  if (wait > 0) throw new DomainError('RATE_LIMITED', 'Too many events; slow down.', {}, wait);
}

const subjectStatements = new WeakMap<object, ReturnType<typeof prepareSubjectQueries>>();

/** The ids as one JSON array parameter: the statements are compiled once per connection, whatever the list's length. */
function prepareSubjectQueries(db: Db) {
  const listed = sql`(select value from json_each(${sql.placeholder('ids')}))`;
  return {
    articles: db.select({ id: articles.id }).from(articles).where(and(inArray(articles.id, listed), eq(articles.status, 'published'))).prepare(),
    questions: db.select({ id: questions.id }).from(questions).where(and(inArray(questions.id, listed), isNull(questions.deletedAt), eq(questions.status, 'published'))).prepare(),
  };
}

/** Which of these articles (published) and threads (visible) exist. */
function existingSubjects(db: Db, subjects: { type: SubjectType; id: number }[]): Set<string> {
  let statements = subjectStatements.get(db);
  if (!statements) subjectStatements.set(db, (statements = prepareSubjectQueries(db)));
  const ids = (type: SubjectType) => [...new Set(subjects.filter((s) => s.type === type).map((s) => s.id))];
  const found = new Set<string>();
  for (const type of SUBJECT_TYPES) {
    const list = ids(type);
    if (!list.length) continue;
    for (const r of statements[type === 'article' ? 'articles' : 'questions'].all({ ids: JSON.stringify(list) })) found.add(`${type}:${r.id}`);
  }
  return found;
}

/**
 * `POST /api/v1/events`: a batch of events from a browser (our pages' scripts or the widget). Bots are ignored
 * (nothing recorded), a malformed batch or an unknown type is INVALID, floods are RATE_LIMITED; events about an
 * article or thread that does not exist (any more) and events held too long by the client are dropped; an event id
 * already recorded is recorded once. Only queues: the recorder writes in the background.
 */
export function recordClientEvents(db: Db, runtime: DeflectionRuntime, input: unknown, client: DeflectionClient, now: number): { accepted: number; ignored: number } {
  const batch = parseInput(eventBatchSchema, input);
  if (isBot(client.userAgent)) return { accepted: 0, ignored: batch.events.length };
  const visitorId = client.visitorId ?? batch.visitorId ?? null;
  limit(runtime, `events-ip:${client.ip}`, EVENT_BATCHES_PER_IP, now);
  limit(runtime, `events-ip-n:${client.ip}`, EVENTS_PER_IP, now, batch.events.length);
  if (visitorId) {
    limit(runtime, `events-visitor:${visitorId}`, EVENT_BATCHES_PER_VISITOR, now);
    limit(runtime, `events-visitor-n:${visitorId}`, EVENTS_PER_VISITOR, now, batch.events.length);
  }
  const subjects = batch.events.flatMap((e) => (e.type === 'suggestion_shown' ? e.items : 'subject' in e ? [e.subject] : []));
  const existing = existingSubjects(db, subjects);
  let accepted = 0;
  let ignored = 0;
  for (const e of batch.events) {
    const at = serverTime(now, batch.sentAt, e.at);
    if (at === null) {
      ignored++;
      continue;
    }
    const base = {
      occurredAt: at,
      type: e.type,
      surface: e.surface,
      visitorId,
      memberId: client.memberId,
      locale: e.locale ?? client.locale,
      categorySlug: e.category ?? null,
      query: e.query ? normalizeQuery(e.query) || null : null,
    } satisfies Partial<PendingEvent>;
    if (e.type === 'suggestion_shown') {
      const items = e.items.filter((i) => existing.has(`${i.type}:${i.id}`));
      if (items.length === 0) {
        ignored++;
        continue;
      }
      for (const item of items) runtime.recorder.record({ ...base, subjectType: item.type, subjectId: item.id, rank: item.rank, clientEventId: `${e.id}.${item.rank}` });
    } else if (e.type === 'form_abandoned') {
      runtime.recorder.record({ ...base, clientEventId: e.id });
    } else {
      if (!existing.has(`${e.subject.type}:${e.subject.id}`)) {
        ignored++;
        continue;
      }
      runtime.recorder.record({ ...base, subjectType: e.subject.type, subjectId: e.subject.id, rank: e.rank ?? null, clientEventId: e.id });
    }
    accepted++;
  }
  return { accepted, ignored };
}

/** An event the server saw happen (a form reached or sent, suggestions it rendered): queued unless a bot caused it. */
export function recordServerEvent(runtime: DeflectionRuntime, client: Pick<DeflectionClient, 'visitorId' | 'memberId' | 'userAgent' | 'locale'>, event: Omit<PendingEvent, 'visitorId' | 'memberId' | 'locale'> & { locale?: 'es' | 'en' }): boolean {
  if (isBot(client.userAgent)) return false;
  const query = event.query ? normalizeQuery(event.query) || null : null;
  return runtime.recorder.record({ ...event, query, visitorId: client.visitorId, memberId: client.memberId, locale: event.locale ?? client.locale });
}

/** A suggestion as the pages and the widget list it. */
export interface Suggestion {
  type: SubjectType;
  id: number;
  title: string;
  url: string;
}

/** Records the suggestions a server-rendered page shows (one row per suggestion with its rank). */
export function recordSuggestionsShown(
  runtime: DeflectionRuntime,
  client: Pick<DeflectionClient, 'visitorId' | 'memberId' | 'userAgent' | 'locale'>,
  shown: { surface: DeflectionSurface; query: string; items: readonly Pick<Suggestion, 'type' | 'id'>[]; categorySlug?: string | null; firstRank?: number },
  now: number,
): void {
  const query = normalizeQuery(shown.query) || null;
  const first = shown.firstRank ?? 1;
  shown.items.forEach((item, i) =>
    recordServerEvent(runtime, client, { occurredAt: now, type: 'suggestion_shown', surface: shown.surface, subjectType: item.type, subjectId: item.id, rank: first + i, query, categorySlug: shown.categorySlug ?? null }),
  );
}

const pathOnThisSite = z.string().max(2000).regex(/^\/(es|en)(\/[^/\\\p{Cc}]\P{Cc}*)?$/u);

/** A confirmation or an opening sent by a page: which suggestion, where, at which rank, for which draft. */
export const subjectEventSchema = z.object({
  type: z.enum(SUBJECT_TYPES, { error: 'field.invalid' }),
  id: z.coerce.number({ error: 'field.invalid' }).int().positive().max(Number.MAX_SAFE_INTEGER),
  surface: z.enum(DEFLECTION_SURFACES, { error: 'field.invalid' }),
  rank: z.coerce.number().int().min(1).max(100).optional().catch(undefined),
  query: z.string().max(500).optional().catch(undefined),
  locale: z.enum(LOCALES).optional().catch(undefined),
  /** Where the visitor was (the thank-you page links back to it); only a path of this site. */
  back: pathOnThisSite.optional().catch(undefined),
});

/** A subject that can be confirmed, with where it lives. */
export function findSuggestionSubject(db: Db, type: SubjectType, id: number): Suggestion | null {
  if (type === 'article') {
    const a = db.select({ id: articles.id, title: articles.title, locale: articles.locale, slug: articles.slug, status: articles.status }).from(articles).where(eq(articles.id, id)).get();
    return a && a.status === 'published' ? { type, id: a.id, title: a.title, url: articlePath(a) } : null;
  }
  const q = db.select({ id: questions.id, title: questions.title, locale: questions.locale, slug: questions.slug, deletedAt: questions.deletedAt, status: questions.status }).from(questions).where(eq(questions.id, id)).get();
  return q && q.deletedAt === null && q.status === 'published' ? { type, id: q.id, title: q.title, url: questionPath(q.locale, q) } : null;
}

function recordSubjectEvent(db: Db, runtime: DeflectionRuntime, type: 'confirmed' | 'suggestion_opened', input: unknown, client: DeflectionClient, now: number) {
  const data = parseInput(subjectEventSchema, input);
  const subject = findSuggestionSubject(db, data.type, data.id);
  if (!subject) throw new DomainError('NOT_FOUND', 'That article or thread is not available.');
  const recorded = recordServerEvent(runtime, client, {
    occurredAt: now,
    type,
    surface: data.surface,
    subjectType: subject.type,
    subjectId: subject.id,
    rank: data.rank ?? null,
    query: data.query ?? null,
    locale: data.locale,
  });
  return { subject, back: data.back ?? null, recorded };
}

/**
 * "This solved my problem" sent as a form (pages without JavaScript): records a confirmed deflection credited to the
 * article or thread and returns it for the thank-you page. A bot gets the page but no event.
 */
export function confirmDeflection(db: Db, runtime: DeflectionRuntime, input: unknown, client: DeflectionClient, now: number): { subject: Suggestion; back: string | null; recorded: boolean } {
  limit(runtime, `confirm:${client.visitorId ?? client.memberId ?? client.ip}`, CONFIRMATIONS_PER_VISITOR, now);
  return recordSubjectEvent(db, runtime, 'confirmed', input, client, now);
}

/**
 * A suggestion link followed on our pages: records the opening and returns where the article or thread lives
 * (looked up here, so the link can never send a reader off the site).
 */
export function openSuggestion(db: Db, runtime: DeflectionRuntime, input: unknown, client: DeflectionClient, now: number): Suggestion {
  return recordSubjectEvent(db, runtime, 'suggestion_opened', input, client, now).subject;
}
