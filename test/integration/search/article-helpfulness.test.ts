import { describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/lib/kb/editor';
import { recordFeedback } from '../../../src/lib/kb/feedback';
import { categories } from '../../../db/schema/index';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { drainOutbox, pendingOutboxCount } from '../../../src/lib/jobs/outbox';
import { articleDocument, questionDocument } from '../../../src/lib/search/documents';
import { searchIndexHandlers } from '../../../src/lib/search/index-handlers';
import { searchSite } from '../../../src/lib/search/search-site';
import { createSearchIndex } from '../../../search/index';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { NOW } from '../../helpers/time';

const visitor = (i: number) => ({ userId: null, visitorId: `visitor-${String(i).padStart(10, '0')}` });

describe('article helpfulness in the search document', () => {
  it('is unknown under 5 votes, then the share of "yes" votes, and ranks the article', async () => {
    const db = createTestDb();
    createCategory(db, 'billing');
    const agent = await createMember(db, 'agent');
    const article = (title: string) => createArticle(db, agent, { title, body: '## Steps\n\nOpen the app and go to Billing.', category: 'billing', locale: 'en', intent: 'publish' }, NOW).id;
    const liked = article('Pay your bill by card');
    const disliked = article('Pay your bill by bank card');
    for (let i = 1; i <= 4; i++) recordFeedback(db, liked, visitor(i), { helpful: 'yes' }, NOW);
    expect(articleDocument(db, liked)!.helpfulness).toBeNull();
    recordFeedback(db, liked, visitor(5), { helpful: 'no' }, NOW);
    expect(articleDocument(db, liked)!.helpfulness).toBeCloseTo(0.8, 5);
    for (let i = 1; i <= 6; i++) recordFeedback(db, disliked, visitor(i), { helpful: i === 1 ? 'yes' : 'no' }, NOW);
    expect(articleDocument(db, disliked)!.helpfulness).toBeCloseTo(1 / 6, 5);

    const index = createSearchIndex({ engine: 'sqlite', sqlite: db.$client, now: () => NOW });
    await index.index([articleDocument(db, liked)!, articleDocument(db, disliked)!]);
    expect((await index.search({ q: 'pay bill card' })).hits.map((h) => h.id)).toEqual([liked, disliked]);
    // Stored with the document: 0.8 and 1/6.
    expect(db.$client.prepare('select helpfulness from search_docs order by ref_id').pluck().all()).toEqual([0.8, 1 / 6]);
  });
});

describe('votes reach the index through the outbox', () => {
  it('a changed vote re-indexes the article; the same vote again does not', async () => {
    const db = createTestDb();
    createCategory(db, 'billing');
    const agent = await createMember(db, 'agent');
    const index = createSearchIndex({ engine: 'sqlite', sqlite: db.$client, now: () => NOW });
    const drain = () => drainOutbox(db, searchIndexHandlers(db, index), () => NOW);
    const id = createArticle(db, agent, { title: 'Download your invoices', body: 'Open Billing and choose Download.', category: 'billing', locale: 'en', intent: 'publish' }, NOW).id;
    await drain();
    for (let i = 1; i <= 5; i++) recordFeedback(db, id, visitor(i), { helpful: i <= 3 ? 'yes' : 'no' }, NOW);
    expect(pendingOutboxCount(db)).toBe(5);
    await drain();
    expect(db.$client.prepare('select helpfulness from search_docs where ref_id = ?').pluck().get(id)).toBeCloseTo(0.6, 5);
    recordFeedback(db, id, visitor(1), { helpful: 'yes' }, NOW);
    expect(pendingOutboxCount(db)).toBe(0);
    recordFeedback(db, id, visitor(4), { helpful: 'yes' }, NOW);
    await drain();
    expect(db.$client.prepare('select helpfulness from search_docs where ref_id = ?').pluck().get(id)).toBeCloseTo(0.8, 5);
  });
});

describe('categories in search documents', () => {
  it('a KB section or a subcategory counts as its top-level category', async () => {
    const db = createTestDb();
    const billing = createCategory(db, 'billing');
    db.insert(categories).values({ slug: 'billing-invoices', nameEs: 'Facturas', nameEn: 'Invoices', parentId: billing.id }).run();
    const agent = await createMember(db, 'agent');
    const id = createArticle(db, agent, { title: 'Download your invoices', body: 'Open Billing and choose Download.', category: 'billing-invoices', locale: 'en', intent: 'publish' }, NOW).id;
    expect(articleDocument(db, id)!.category).toBe('billing');
    const question = askQuestion(db, agent, { title: 'Where are my invoices this month?', body: 'I cannot find the invoices of this month anywhere.', category: 'billing-invoices', locale: 'en' }, NOW);
    expect(questionDocument(db, question.id)!.category).toBe('billing');
    const index = createSearchIndex({ engine: 'sqlite', sqlite: db.$client, now: () => NOW });
    await index.index([articleDocument(db, id)!, questionDocument(db, question.id)!]);
    // filtering by the section searches its category; an unknown category finds nothing
    for (const category of ['billing-invoices', 'billing']) expect((await searchSite(db, index, { q: 'invoices', category }, { surface: 'site' }, NOW)).total, category).toBe(2);
    expect((await searchSite(db, index, { q: 'invoices', category: 'nope' }, { surface: 'site' }, NOW)).total).toBe(0);
  });
});
