import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { articles, categories, contactRequests, events, questions, searchClicks, searchEvents } from '../../../db/schema/index';
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
 * queries), article and thread views by returning visitors, and contact requests in office hours. Deterministic (its
 * own seed), written straight into the fact tables as the site records them.
 */
export function loadReportsDemo(db: Db, now: number): { searches: number; views: number; contactRequests: number } {
  const rand = seededRandom(14);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const published = db.select({ id: articles.id, locale: articles.locale, categoryId: articles.categoryId }).from(articles).where(eq(articles.status, 'published')).all();
  const threads = db.select({ id: questions.id, locale: questions.locale }).from(questions).where(and(eq(questions.status, 'published'))).all();
  const topics = db.select({ id: categories.id }).from(categories).all();
  const visitors = Array.from({ length: 120 }, (_, i) => `demo-visitor-${String(i).padStart(4, '0')}-x`);
  let searches = 0;
  let views = 0;
  let requests = 0;
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
        tx.insert(contactRequests)
          .values({ locale, name: `Cliente ${n}`, email: `cliente${n}@example.test`, subject: locale === 'es' ? 'No puedo acceder a mi cuenta' : 'I cannot sign in', body: '…', categoryId: pick(topics).id, visitorId: pick(visitors), createdAt: at, status: d > 3 ? 'closed' : 'open' })
          .run();
        tx.insert(events).values({ type: 'contact.viewed', occurredAt: at - 120_000, visitorId: null, locale, surface: 'contact_form' }).run();
        requests++;
      }
    }
  });
  return { searches, views, contactRequests: requests };
}
