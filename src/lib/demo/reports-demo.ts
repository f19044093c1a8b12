import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { articles, caseEvents, caseQueues, cases, categories, events, questions, searchClicks, searchEvents } from '../../../db/schema/index';
import { seededRandom } from './seeded-random';

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

/** What visitors searched for in the demo: the last two find nothing (content gaps for the reports). */
const QUERIES = {
  es: ['router', 'factura', 'contraseña', 'wifi lento', 'devolución', 'cambiar tarifa', 'fibra cortada', 'portabilidad movil esim'],
  en: ['router', 'invoice', 'password reset', 'slow wifi', 'refund', 'change plan', 'fiber outage', 'esim transfer abroad'],
} as const;

/**
 * Behaviour of visitors over the last 60 days for the KPI reports: searches (with result clicks and zero-result
 * queries), article and thread views by returning visitors, and contact-form cases in office hours (solved by an agent
 * after one or two replies, those of the last three days still new). Deterministic (its own seed), written straight into
 * the fact tables as the site records them.
 */
export function loadReportsDemo(db: Db, now: number): { searches: number; views: number; cases: number } {
  const rand = seededRandom(14);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const published = db.select({ id: articles.id, locale: articles.locale, categoryId: articles.categoryId }).from(articles).where(eq(articles.status, 'published')).all();
  const threads = db.select({ id: questions.id, locale: questions.locale }).from(questions).where(and(eq(questions.status, 'published'))).all();
  const topics = db.select({ id: categories.id }).from(categories).all();
  const queueId = db.select({ id: caseQueues.id }).from(caseQueues).where(eq(caseQueues.isDefault, true)).get()!.id;
  const visitors = Array.from({ length: 120 }, (_, i) => `demo-visitor-${String(i).padStart(4, '0')}-x`);
  let searches = 0;
  let views = 0;
  let opened = 0;
  db.transaction((tx) => {
    for (let d = 60; d >= 1; d--) {
      const day = Math.floor((now - d * DAY) / DAY) * DAY;
      const weekend = [0, 6].includes(new Date(day).getUTCDay());
      // more traffic lately, less at weekends
      const volume = Math.round((weekend ? 10 : 24) * (1 + (60 - d) / 90));
      for (let i = 0; i < volume; i++) {
        const locale = rand() < 0.6 ? 'es' : 'en';
        const at = day + Math.floor((7 + rand() * 15) * HOUR);
        const visitorId = pick(visitors);
        const q = pick(QUERIES[locale]);
        const zero = q === QUERIES[locale][6] || q === QUERIES[locale][7];
        const surface = pick(['site', 'site', 'site', 'ask_form', 'contact_form', 'widget'] as const);
        const id = tx.insert(searchEvents).values({ occurredAt: at, query: q, resultCount: zero ? 0 : 3 + Math.floor(rand() * 20), locale, surface, visitorId, tookMs: 5 }).returning({ id: searchEvents.id }).get().id;
        searches++;
        if (!zero && rand() < 0.55) tx.insert(searchClicks).values({ searchEventId: id, occurredAt: at + 20_000, docType: 'question', docId: 1, position: 1 + Math.floor(rand() * 3) }).run();
        const article = published.filter((a) => a.locale === locale);
        const thread = threads.filter((t) => t.locale === locale);
        if (article.length && rand() < 0.7) {
          tx.insert(events).values({ type: 'article.viewed', occurredAt: at + 60_000, visitorId, locale, surface: 'kb', subjectType: 'article', subjectId: pick(article).id }).run();
          views++;
        }
        if (thread.length && rand() < 0.6) {
          tx.insert(events).values({ type: 'question.viewed', occurredAt: at + 90_000, visitorId, locale, surface: 'site', subjectType: 'question', subjectId: pick(thread).id }).run();
          views++;
        }
      }
      const contacts = weekend ? Math.floor(rand() * 2) : 1 + Math.floor(rand() * 4);
      for (let i = 0; i < contacts; i++) {
        const locale = rand() < 0.6 ? 'es' : 'en';
        const at = day + Math.floor((8 + rand() * 10) * HOUR);
        const n = 1000 + d * 10 + i;
        const replies = 1 + Math.floor(rand() * 2);
        const firstResponseAt = at + Math.floor((1 + rand() * 7) * HOUR);
        const solvedAt = d > 3 ? firstResponseAt + (replies - 1) * Math.floor((2 + rand() * 20) * HOUR) + HOUR : null;
        const closedAt = solvedAt !== null && solvedAt + 2 * DAY < now ? solvedAt + 2 * DAY : null;
        const status = solvedAt === null ? 'new' : closedAt === null ? 'solved' : 'closed';
        const kase = tx
          .insert(cases)
          .values({
            channel: 'contact_form',
            status,
            subject: locale === 'es' ? 'No puedo acceder a mi cuenta' : 'I cannot sign in',
            body: '…',
            locale,
            email: `cliente${n}@example.test`,
            name: `Cliente ${n}`,
            categoryId: pick(topics).id,
            queueId,
            tags: [],
            visitorId: pick(visitors),
            createdAt: at,
            updatedAt: closedAt ?? solvedAt ?? at,
            statusChangedAt: closedAt ?? solvedAt ?? at,
            firstResponseAt: solvedAt === null ? null : firstResponseAt,
            agentReplies: solvedAt === null ? 0 : replies,
            solvedAt,
            closedAt,
            closeReason: closedAt === null ? null : 'solved',
          })
          .returning({ id: cases.id })
          .get();
        tx.insert(caseEvents).values({ caseId: kase.id, type: 'created', actorId: null, actorKind: 'customer', data: { channel: 'contact_form' }, createdAt: at }).run();
        tx.insert(events).values({ type: 'contact.viewed', occurredAt: at - 120_000, visitorId: null, locale, surface: 'contact_form' }).run();
        opened++;
      }
    }
  });
  return { searches, views, cases: opened };
}
