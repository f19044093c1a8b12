import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { statementCacheSize, type SqliteDb } from '../../../db/client';
import { categories, events, posts, questions, users } from '../../../db/schema/index';
import { VIEW_WINDOW_MS, ViewCounter, viewerKey, type Viewer } from '../../../src/lib/community/record-view';
import { createTestDb } from '../../helpers/db';
import { HOUR, NOW } from '../../helpers/time';

const browser = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0';
const anon = (ip: string, visitorId: string | null = null): Viewer => ({ memberId: null, visitorId, ip, userAgent: browser });

let db: SqliteDb;
const viewCount = (id: number) => db.select({ n: questions.viewCount }).from(questions).where(eq(questions.id, id)).get()!.n;

function insertQuestion(id: number) {
  db.insert(posts).values({ id, kind: 'question' }).run();
  db.insert(questions)
    .values({ id, title: `Pregunta ${id}`, slug: `p-${id}`, bodyMd: 'x', bodyHtml: 'x', bodyText: 'x', locale: 'es', categoryId: 1, authorId: 1, createdAt: NOW, updatedAt: NOW, lastActivityAt: NOW, contentHash: `h${id}` })
    .run();
}

beforeEach(() => {
  db = createTestDb();
  db.insert(users).values({ email: 'a@b.c', displayName: 'A', passwordHash: 'x', role: 'member', locale: 'es', createdAt: 0 }).run();
  db.insert(categories).values({ slug: 'c', nameEs: 'C', nameEn: 'C' }).run();
  insertQuestion(1);
  insertQuestion(2);
});

describe('viewerKey', () => {
  it('prefers the member, then a well-formed visitor cookie, then a hash of IP and user agent', () => {
    expect(viewerKey({ ...anon('1.2.3.4', 'abcdefghijklmnop'), memberId: 7 })).toBe('m:7');
    expect(viewerKey(anon('1.2.3.4', 'abcdefghijklmnop'))).toBe('v:abcdefghijklmnop');
    expect(viewerKey(anon('1.2.3.4', 'short'))).toMatch(/^h:[\w-]{22}$/);
    expect(viewerKey(anon('1.2.3.4'))).toBe(viewerKey(anon('1.2.3.4')));
    expect(viewerKey(anon('1.2.3.4'))).not.toBe(viewerKey(anon('1.2.3.5')));
    expect(viewerKey(anon('1.2.3.4'))).not.toContain('1.2.3.4');
  });
});

describe('ViewCounter', () => {
  it('counts 3 views from 3 visitors out of 10 requests in one day, and again the next day', () => {
    const counter = new ViewCounter({ flushMs: 0 });
    const requests = [anon('10.0.0.1'), anon('10.0.0.1'), anon('10.0.0.2', 'visitor-cookie-0001'), anon('10.0.0.3', 'visitor-cookie-0001'), { ...anon('10.0.0.9'), memberId: 1 }, { ...anon('10.0.0.8'), memberId: 1 }];
    for (let i = 0; i < 10; i++) counter.recordView(db, 1, requests[i % requests.length]!, NOW + i * HOUR);
    expect(viewCount(1)).toBe(3);
    // the same visitor on another thread counts there
    expect(counter.recordView(db, 2, anon('10.0.0.1'), NOW + 10 * HOUR)).toBe(true);
    // 24 h after the first view of 10.0.0.1 it counts again; the member viewed at NOW + 4 h, so not yet
    expect(counter.recordView(db, 1, anon('10.0.0.1'), NOW + VIEW_WINDOW_MS)).toBe(true);
    expect(counter.recordView(db, 1, { ...anon('10.0.0.1'), memberId: 1 }, NOW + VIEW_WINDOW_MS)).toBe(false);
    expect(counter.recordView(db, 1, { ...anon('10.0.0.1'), memberId: 1 }, NOW + 4 * HOUR + VIEW_WINDOW_MS)).toBe(true);
    expect([viewCount(1), viewCount(2)]).toEqual([5, 1]);
  });

  it('ignores bots and writes in batches', () => {
    const counter = new ViewCounter({ flushMs: 5000 });
    expect(counter.recordView(db, 1, anon('10.0.0.1'), NOW)).toBe(true); // the first view flushes at once
    expect(counter.recordView(db, 1, { ...anon('10.0.0.2'), userAgent: 'Googlebot/2.1' }, NOW + 1)).toBe(false);
    expect(counter.recordView(db, 1, { ...anon('10.0.0.3'), userAgent: null }, NOW + 2)).toBe(false);
    expect(counter.recordView(db, 1, anon('10.0.0.4'), NOW + 3)).toBe(true);
    expect(viewCount(1)).toBe(1);
    counter.recordView(db, 1, anon('10.0.0.5'), NOW + 5000);
    expect(viewCount(1)).toBe(3);
  });

  it('keeps memory bounded: at most maxTracked pairs, the oldest forgotten first, expired ones dropped', () => {
    const counter = new ViewCounter({ flushMs: 0, maxTracked: 100 });
    for (let i = 0; i < 1000; i++) counter.recordView(db, 1, anon(`10.0.${i >> 8}.${i & 255}`), NOW + i);
    expect(counter.tracked).toBe(100);
    expect(viewCount(1)).toBe(1000);
    // the most recent 100 are remembered, the first one was forgotten and counts again
    expect(counter.recordView(db, 1, anon('10.0.3.231'), NOW + 1000)).toBe(false);
    expect(counter.recordView(db, 1, anon('10.0.0.0'), NOW + 1001)).toBe(true);
    counter.recordView(db, 2, anon('10.9.9.9'), NOW + VIEW_WINDOW_MS + 2000);
    expect(counter.tracked).toBe(1);
  });

  it('writes batches of any size with the same statements: the statement cache does not grow with each new count', () => {
    for (let id = 3; id <= 40; id++) insertQuestion(id);
    const counter = new ViewCounter({ flushMs: 1000 });
    const flushBatch = (size: number, at: number) => {
      for (let i = 0; i < size; i++) counter.recordView(db, 1 + (i % 40), anon(`10.1.${size}.${i}`), at);
      counter.flush(db, at);
    };
    flushBatch(1, NOW);
    flushBatch(2, NOW + 1);
    const statements = statementCacheSize(db.$client);
    let views = 3;
    for (let size = 3; size <= 60; size++) {
      flushBatch(size, NOW + size);
      views += size;
    }
    expect(statementCacheSize(db.$client)).toEqual(statements);
    const written = db.select({ n: sql<number>`count(*)` }).from(events).where(eq(events.type, 'question.viewed')).get()!.n;
    expect(written).toBe(views);
    expect(db.select({ n: sql<number>`sum(${questions.viewCount})` }).from(questions).get()!.n).toBe(views);
  });
});
