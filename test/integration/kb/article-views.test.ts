import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events } from '../../../db/schema/index';
import { ViewCounter, type Viewer } from '../../../src/lib/community/record-view';
import { popularArticles, publishedArticleId, writeArticleViews } from '../../../src/lib/kb/articles';
import { createArticle } from '../../../src/lib/kb/editor';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { DAY, NOW } from '../../helpers/time';

const browser = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0';
const visitor = (ip: string, visitorId: string | null = null): Viewer => ({ memberId: null, visitorId, ip, userAgent: browser });

async function setup() {
  const db = createTestDb();
  createCategory(db, 'billing');
  const agent = await createMember(db, 'agent');
  const article = (title: string, intent: 'publish' | 'draft' = 'publish') =>
    createArticle(db, agent, { title, body: '## Steps\n\nOpen the app and go to billing.', category: 'billing', locale: 'en', intent }, NOW - DAY).id;
  return { db, agent, article };
}

describe('article views', () => {
  it('are events counted like thread views: people, not bots, once per visitor and article a day', async () => {
    const { db, agent, article } = await setup();
    const pay = article('Pay your bill online');
    const refund = article('Ask for a refund');
    const counter = new ViewCounter({ flushMs: 0, write: writeArticleViews });
    expect(counter.recordView(db, pay, visitor('10.0.0.1', 'visitor-cookie-0001'), NOW)).toBe(true);
    expect(counter.recordView(db, pay, visitor('10.0.0.2', 'visitor-cookie-0001'), NOW + 1)).toBe(false);
    expect(counter.recordView(db, pay, { ...visitor('10.0.0.3'), userAgent: 'Googlebot/2.1' }, NOW + 2)).toBe(false);
    expect(counter.recordView(db, pay, { ...visitor('10.0.0.4', 'bad id'), memberId: agent.id }, NOW + 3)).toBe(true);
    expect(counter.recordView(db, refund, visitor('10.0.0.1', 'visitor-cookie-0001'), NOW + 4)).toBe(true);
    const rows = db.select().from(events).where(eq(events.type, 'article.viewed')).all();
    expect(rows.map((r) => [r.subjectId, r.visitorId, r.userId, r.locale, r.surface, r.occurredAt])).toEqual([
      [pay, 'visitor-cookie-0001', null, 'en', 'kb', NOW],
      [pay, null, agent.id, 'en', 'kb', NOW + 3],
      [refund, 'visitor-cookie-0001', null, 'en', 'kb', NOW + 4],
    ]);
    expect(popularArticles(db, 'en', NOW + 5).map((a) => a.id)).toEqual([pay, refund]);
  });

  it('wait in memory for the next flush, and a timer writes the views of a quiet page', async () => {
    const { db, article } = await setup();
    const pay = article('Pay your bill online');
    const counter = new ViewCounter({ flushMs: 5000, write: writeArticleViews });
    const count = () => db.select().from(events).all().length;
    counter.recordView(db, pay, visitor('10.0.0.1'), NOW); // the first view flushes at once
    counter.recordView(db, pay, visitor('10.0.0.2'), NOW + 1000);
    expect(count()).toBe(1);
    expect(counter.flushStale(db, NOW + 5999)).toBe(0);
    expect(counter.flushStale(db, NOW + 6000)).toBe(1);
    expect(count()).toBe(2);
    expect(counter.flushStale(db, NOW + 60_000)).toBe(0);
  });

  it('are counted for published articles only, found by locale and slug', async () => {
    const { db, article } = await setup();
    const pay = article('Pay your bill online');
    article('A draft', 'draft');
    expect(publishedArticleId(db, 'en', 'pay-your-bill-online')).toBe(pay);
    expect(publishedArticleId(db, 'es', 'pay-your-bill-online')).toBeNull();
    expect(publishedArticleId(db, 'en', 'a-draft')).toBeNull();
    expect(publishedArticleId(db, 'en', 'feed.xml')).toBeNull();
  });
});
