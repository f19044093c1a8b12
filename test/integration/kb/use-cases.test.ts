import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { articleFeedback, articles, events, follows, notifications } from '../../../db/schema/index';
import type { Actor } from '../../../src/lib/auth/sessions';
import { acceptAnswer } from '../../../src/lib/community/accept-answer';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { createIncident, linkQuestionToIncident, listActiveIncidents, resolveIncident } from '../../../src/lib/incidents/incidents';
import { listArticlesJson } from '../../../src/lib/kb/api-shapes';
import { createArticle, freshnessQueue, listRevisions, promoteToKb, restoreRevision, updateArticle } from '../../../src/lib/kb/editor';
import { FEEDBACK_LIMIT, FEEDBACK_LIMIT_PER_IP, getHelpfulness, NEW_VOTES_PER_ADDRESS_AND_ARTICLE, recordFeedback, recordNextStep } from '../../../src/lib/kb/feedback';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { codeOf } from '../../helpers/errors';
import { DAY, NOW } from '../../helpers/time';

const body = (extra = '') => ({ title: 'Pay your bill online', body: `## Steps\n\nOpen the app.${extra}`, category: 'billing', locale: 'en' });

describe('knowledge base use cases', () => {
  let db: SqliteDb;
  let agent: Actor;
  let member: Actor;
  let admin: Actor;
  beforeEach(async () => {
    db = createTestDb();
    createCategory(db, 'billing');
    agent = await createMember(db, 'agent');
    member = await createMember(db, 'member');
    admin = await createMember(db, 'admin');
  });

  describe('editor', () => {
    it('creates a draft with a derived slug, then publishes it with a second revision', () => {
      const created = createArticle(db, agent, { ...body(), intent: 'draft' }, NOW);
      let a = db.select().from(articles).where(eq(articles.id, created.id)).get()!;
      expect([a.slug, a.status, a.translationKey, a.publishedAt]).toEqual(['pay-your-bill-online', 'draft', 'en:pay-your-bill-online', null]);
      const updated = updateArticle(db, agent, created.id, { ...body(), intent: 'publish' }, NOW + 1);
      a = db.select().from(articles).where(eq(articles.id, created.id)).get()!;
      expect([updated.revision, a.status, a.publishedAt]).toEqual([2, 'published', NOW + 1]);
      expect(listRevisions(db, created.id).map((r) => [r.revision, r.note])).toEqual([
        [2, 'status: published'],
        [1, ''],
      ]);
    });

    it('records the reviewer when an article in review is published', async () => {
      const moderator = await createMember(db, 'moderator');
      const { id } = createArticle(db, agent, { ...body(), intent: 'review' }, NOW);
      expect(db.select().from(articles).where(eq(articles.id, id)).get()!.status).toBe('in_review');
      updateArticle(db, moderator, id, { ...body(), intent: 'publish' }, NOW + 1);
      const a = db.select().from(articles).where(eq(articles.id, id)).get()!;
      expect([a.status, a.authorId, a.reviewerId]).toEqual(['published', agent.id, moderator.id]);
    });

    it('is forbidden to members, and validates input', () => {
      expect(codeOf(() => createArticle(db, member, body(), NOW))).toBe('FORBIDDEN');
      expect(codeOf(() => createArticle(db, agent, { ...body(), title: 'x' }, NOW))).toBe('INVALID');
      expect(codeOf(() => createArticle(db, agent, { ...body(), category: 'nope' }, NOW))).toBe('INVALID');
      createArticle(db, agent, { ...body(), slug: 'pay' }, NOW);
      expect(codeOf(() => createArticle(db, agent, { ...body(), slug: 'pay' }, NOW))).toBe('CONFLICT');
    });

    it('restores an old revision as a new one', () => {
      const { id } = createArticle(db, agent, body(), NOW);
      updateArticle(db, agent, id, body(' Then pay.'), NOW + 1);
      expect(restoreRevision(db, agent, id, 1, NOW + 2)).toEqual({ revision: 3 });
      expect(db.select().from(articles).where(eq(articles.id, id)).get()!.bodyMd).toBe('## Steps\n\nOpen the app.');
      expect(codeOf(() => restoreRevision(db, agent, id, 1, NOW + 3))).toBe('CONFLICT');
      expect(codeOf(() => restoreRevision(db, agent, id, 9, NOW + 3))).toBe('NOT_FOUND');
    });

    it('promotes a solved thread to a linked draft once; unsolved threads and members are refused', () => {
      const q = askQuestion(db, member, { title: 'How do I pay my bill by card?', body: 'I cannot find the option to pay.', category: 'billing', locale: 'en' }, NOW);
      expect(codeOf(() => promoteToKb(db, agent, q.id, NOW))).toBe('FORBIDDEN');
      const a = answerQuestion(db, agent, q.id, { body: 'Go to **Billing → Pay** and choose card.' }, NOW + 1);
      acceptAnswer(db, member, a.id, NOW + 2, q.id);
      expect(codeOf(() => promoteToKb(db, member, q.id, NOW + 3))).toBe('FORBIDDEN');
      const p = promoteToKb(db, agent, q.id, NOW + 3);
      const draft = db.select().from(articles).where(eq(articles.id, p.id)).get()!;
      expect([p.created, draft.status, draft.sourceQuestionId, draft.title]).toEqual([true, 'draft', q.id, 'How do I pay my bill by card?']);
      expect(draft.bodyMd).toContain('## Solution\n\nGo to **Billing → Pay** and choose card.');
      expect(promoteToKb(db, agent, q.id, NOW + 4)).toEqual({ id: p.id, created: false });
    });
  });

  describe('helpfulness', () => {
    let articleId: number;
    beforeEach(() => {
      articleId = createArticle(db, agent, { ...body(), intent: 'publish' }, NOW).id;
    });

    it('keeps one vote per visitor (a second vote replaces it) and shows a score from 5 votes', () => {
      const v = (i: number) => ({ userId: null, visitorId: `visitor-${String(i).padStart(10, '0')}` });
      recordFeedback(db, articleId, v(1), { helpful: 'no', comment: 'Missing screenshots' }, NOW);
      recordFeedback(db, articleId, v(1), { helpful: 'no' }, NOW + 1);
      expect(db.select().from(articleFeedback).all().map((f) => [f.helpful, f.comment])).toEqual([[false, 'Missing screenshots']]);
      for (let i = 2; i <= 4; i++) recordFeedback(db, articleId, v(i), { helpful: 'yes' }, NOW);
      expect(getHelpfulness(db, articleId)).toEqual({ votes: 4, helpful: 3, score: null });
      recordFeedback(db, articleId, { userId: member.id, visitorId: null }, { helpful: true }, NOW);
      expect(getHelpfulness(db, articleId)).toEqual({ votes: 5, helpful: 4, score: 80 });
    });

    it('rate-limits a visitor, refuses unknown articles and records next steps as events', () => {
      const voter = { userId: null, visitorId: 'abcdefabcdefabcdef' };
      for (let i = 0; i < FEEDBACK_LIMIT.max; i++) recordFeedback(db, articleId, voter, { helpful: i % 2 === 0 ? 'yes' : 'no' }, NOW);
      expect(codeOf(() => recordFeedback(db, articleId, voter, { helpful: 'yes' }, NOW))).toBe('RATE_LIMITED');
      expect(codeOf(() => recordFeedback(db, 999, { userId: member.id, visitorId: null }, { helpful: 'yes' }, NOW))).toBe('NOT_FOUND');
      expect(recordNextStep(db, articleId, voter, 'ask', NOW)).toBe('ask');
      expect(codeOf(() => recordNextStep(db, articleId, voter, 'phone', NOW))).toBe('INVALID');
      const steps = db.select().from(events).where(eq(events.type, 'article.next_step')).all();
      expect(steps.map((e) => [e.subjectId, e.visitorId, e.data])).toEqual([[articleId, 'abcdefabcdefabcdef', { step: 'ask' }]]);
    });

    it('takes a visitor id from the input only when the voter has no cookie, and reads yes/no and booleans alike', () => {
      recordFeedback(db, articleId, { userId: null, visitorId: null }, { helpful: true, visitorId: 'widget-visitor-0001' }, NOW);
      recordFeedback(db, articleId, { userId: null, visitorId: 'cookie-visitor-0001' }, { helpful: 'no', visitorId: 'widget-visitor-0001' }, NOW);
      const votes = db.select().from(articleFeedback).all().map((f) => [f.voterKey, f.helpful]);
      expect(votes).toEqual([['v:widget-visitor-0001', true], ['v:cookie-visitor-0001', false]]);
      expect(codeOf(() => recordFeedback(db, articleId, { userId: null, visitorId: null }, { helpful: true }, NOW))).toBe('INVALID');
      expect(codeOf(() => recordFeedback(db, articleId, { userId: member.id, visitorId: null }, { helpful: 'maybe' }, NOW))).toBe('INVALID');
      expect(codeOf(() => recordFeedback(db, articleId, { userId: member.id, visitorId: null }, { helpful: true, visitorId: 'short' }, NOW))).toBe('INVALID');
    });

    it('limits new anonymous votes per address and article whatever visitor id they bring (a script without cookies), not members', () => {
      const fromOneAddress = (i: number) => ({ userId: null, visitorId: `cookieless-${String(i).padStart(8, '0')}`, ip: '203.0.113.9' });
      for (let i = 0; i < NEW_VOTES_PER_ADDRESS_AND_ARTICLE.max; i++) recordFeedback(db, articleId, fromOneAddress(i), { helpful: 'no' }, NOW);
      expect(codeOf(() => recordFeedback(db, articleId, fromOneAddress(9999), { helpful: 'no' }, NOW))).toBe('RATE_LIMITED');
      expect(getHelpfulness(db, articleId).votes).toBe(NEW_VOTES_PER_ADDRESS_AND_ARTICLE.max);
      // changing one's vote is not a new vote; members and other addresses are not held back
      expect(recordFeedback(db, articleId, fromOneAddress(0), { helpful: 'yes' }, NOW).changed).toBe(true);
      recordFeedback(db, articleId, { userId: member.id, visitorId: null, ip: '203.0.113.9' }, { helpful: 'no' }, NOW);
      recordFeedback(db, articleId, { ...fromOneAddress(9999), ip: '198.51.100.1' }, { helpful: 'no' }, NOW);
      expect(getHelpfulness(db, articleId)).toMatchObject({ votes: NEW_VOTES_PER_ADDRESS_AND_ARTICLE.max + 2, helpful: 1 });
      // an IPv6 client's whole /64 is one address
      for (let i = 1; i <= NEW_VOTES_PER_ADDRESS_AND_ARTICLE.max; i++) recordFeedback(db, articleId, { ...fromOneAddress(100 + i), ip: `2001:db8:0:7::${i}` }, { helpful: 'no' }, NOW);
      expect(codeOf(() => recordFeedback(db, articleId, { ...fromOneAddress(200), ip: '2001:0db8:0000:0007:ffff::1' }, { helpful: 'no' }, NOW))).toBe('RATE_LIMITED');
      // a day later the address may vote on the article again
      recordFeedback(db, articleId, fromOneAddress(9998), { helpful: 'no' }, NOW + NEW_VOTES_PER_ADDRESS_AND_ARTICLE.windowMs);
    });

    it('limits anonymous votes per address over all articles', () => {
      const perArticle = NEW_VOTES_PER_ADDRESS_AND_ARTICLE.max;
      const articleIds = Array.from({ length: FEEDBACK_LIMIT_PER_IP.max / perArticle + 1 }, (_, i) => createArticle(db, agent, { ...body(), slug: `article-${i}`, intent: 'publish' }, NOW).id);
      let n = 0;
      const vote = (id: number) => recordFeedback(db, id, { userId: null, visitorId: `spread-visitor-${String(n++).padStart(6, '0')}`, ip: '203.0.113.10' }, { helpful: 'no' }, NOW);
      for (const id of articleIds.slice(0, -1)) for (let i = 0; i < perArticle; i++) vote(id);
      expect(codeOf(() => vote(articleIds.at(-1)!))).toBe('RATE_LIMITED');
    });

    it('puts overdue and unhelpful articles in the freshness queue', () => {
      const fresh = createArticle(db, agent, { ...body(), slug: 'fresh', reviewBy: '2099-01-01', intent: 'publish' }, NOW).id;
      createArticle(db, agent, { ...body(), slug: 'overdue', reviewBy: '1970-01-02', intent: 'publish' }, NOW);
      for (let i = 0; i < 5; i++) recordFeedback(db, fresh, { userId: null, visitorId: `voter-${i}-0000000000` }, { helpful: i === 0 ? 'yes' : 'no' }, NOW);
      const queue = freshnessQueue(db, NOW + DAY);
      expect(queue.map((q) => [q.slug, q.overdue, q.score])).toEqual([
        ['overdue', true, null],
        ['fresh', false, 20],
      ]);
      // Votes older than 30 days no longer count.
      expect(freshnessQueue(db, NOW + 31 * DAY).map((q) => q.slug)).toEqual(['overdue']);
    });
  });

  describe('API list', () => {
    it('pages by cursor in update order and filters by tag and updatedSince', () => {
      for (let i = 0; i < 5; i++) createArticle(db, agent, { ...body(), slug: `a-${i}`, tags: i % 2 ? 'card' : 'cash', intent: 'publish' }, NOW + i);
      createArticle(db, agent, { ...body(), slug: 'draft-one' }, NOW + 9);
      const site = 'https://x.test';
      const first = listArticlesJson(db, { limit: '2' }, site);
      expect(first.items.map((a) => a.slug)).toEqual(['a-0', 'a-1']);
      const second = listArticlesJson(db, { limit: '2', cursor: first.nextCursor }, site);
      const third = listArticlesJson(db, { limit: '2', cursor: second.nextCursor }, site);
      expect([...second.items, ...third.items].map((a) => a.slug)).toEqual(['a-2', 'a-3', 'a-4']);
      expect(third.nextCursor).toBeNull();
      expect(listArticlesJson(db, { tag: 'card' }, site).items.map((a) => a.slug)).toEqual(['a-1', 'a-3']);
      expect(listArticlesJson(db, { updatedSince: new Date(NOW + 3).toISOString() }, site).items.map((a) => a.slug)).toEqual(['a-3', 'a-4']);
      expect(codeOf(() => listArticlesJson(db, { cursor: 'garbage' }, site))).toBe('INVALID');
    });
  });

  describe('incidents', () => {
    it('only admins post; active incidents show by category; resolving notifies followers of linked questions once', () => {
      createCategory(db, 'orders');
      expect(codeOf(() => createIncident(db, agent, { titleEs: 'Caída', titleEn: 'Outage', severity: 'major' }, NOW))).toBe('FORBIDDEN');
      expect(codeOf(() => createIncident(db, admin, { titleEs: 'Caída', titleEn: 'Outage', severity: 'huge' }, NOW))).toBe('INVALID');
      const { id } = createIncident(db, admin, { titleEs: 'Caída de pagos', titleEn: 'Payments down', severity: 'critical', categories: ['billing'], bodyEn: 'We are **on it**.' }, NOW);
      expect(listActiveIncidents(db, 'en', NOW, 'billing').map((i) => [i.title, i.bodyHtml])).toEqual([['Payments down', '<p>We are <strong>on it</strong>.</p>\n']]);
      expect(listActiveIncidents(db, 'en', NOW, 'orders')).toEqual([]);

      const q = askQuestion(db, member, { title: 'Payments fail since this morning', body: 'Every card payment fails.', category: 'billing', locale: 'en' }, NOW);
      db.insert(follows).values([{ questionId: q.id, userId: member.id, createdAt: NOW }, { questionId: q.id, userId: admin.id, createdAt: NOW }]).onConflictDoNothing().run();
      expect(linkQuestionToIncident(db, agent, id, q.id, NOW)).toEqual({ linked: true });
      expect(linkQuestionToIncident(db, agent, id, q.id, NOW)).toEqual({ linked: false });
      expect(codeOf(() => linkQuestionToIncident(db, member, id, q.id, NOW))).toBe('FORBIDDEN');

      // The admin who resolves it follows the thread too, but is not told about their own action.
      expect(resolveIncident(db, admin, id, NOW + DAY)).toEqual({ notified: 1, questions: 1 });
      const sent = db.select().from(notifications).where(eq(notifications.type, 'incident.resolved')).all();
      expect(sent.map((n) => [n.userId, n.questionId])).toEqual([[member.id, q.id]]);
      expect(listActiveIncidents(db, 'en', NOW + DAY)).toEqual([]);
      expect(codeOf(() => resolveIncident(db, admin, id, NOW + DAY))).toBe('CONFLICT');
      expect(codeOf(() => resolveIncident(db, admin, 999, NOW))).toBe('NOT_FOUND');
    });
  });
});
