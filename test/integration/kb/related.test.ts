import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { articles } from '../../../db/schema/index';
import type { SearchHit, SearchIndex, SuggestQuery } from '../../../search/index';
import { getArticleBySlug } from '../../../src/lib/kb/articles';
import { importArticles, type ContentFile } from '../../../src/lib/kb/import-articles';
import { relatedArticlesFor, RELATED_TTL_MS, type RelatedCache } from '../../../src/lib/kb/related';
import { createCategory, createMember, createTestDb } from '../../helpers/db';

const file = (locale: string, category: string, slug: string, extra = ''): ContentFile => ({
  file: `content/kb/${locale}/${category}/${slug}.md`,
  text: `---\ntitle: Title of ${slug}\ncategory: ${category}\nlocale: ${locale}\nauthor: editor@example.test\n${extra}---\n\nText.\n`,
});

/** A search port whose suggest() answers from a script and counts calls. */
function fakeSearch(answer: (q: SuggestQuery) => Promise<SearchHit[]>) {
  const calls: SuggestQuery[] = [];
  const index = { suggest: (q: SuggestQuery) => (calls.push(q), answer(q)) } as unknown as SearchIndex;
  return { index, calls };
}
const hit = (id: number): SearchHit => ({ type: 'article', id, title: '', url: '', snippet: '', score: 1, locale: 'en', solved: false, category: '', tags: [] });

async function setup() {
  const db = createTestDb();
  createCategory(db, 'devices');
  createCategory(db, 'billing');
  await createMember(db, 'agent', { email: 'editor@example.test' });
  importArticles(
    db,
    [
      file('en', 'devices', 'reset-router', 'tags: [router, wifi]\n'),
      file('en', 'devices', 'router-lights', 'tags: [router]\n'),
      file('en', 'billing', 'pay-bill'),
      file('en', 'billing', 'draft-one', 'status: draft\n'),
      file('es', 'billing', 'pagar-factura'),
      file('en', 'devices', 'wifi-name'),
    ],
    1000,
  );
  const id = (slug: string) => db.select({ id: articles.id }).from(articles).where(eq(articles.slug, slug)).get()!.id;
  return { db, id, article: getArticleBySlug(db, 'en', 'reset-router')! };
}

describe('related articles', () => {
  it('combines shared tags, then search similarity (same locale, published only), then the category, and caches per article version', async () => {
    const { db, id, article } = await setup();
    const search = fakeSearch(async () => [hit(id('draft-one')), hit(id('pagar-factura')), hit(id('pay-bill')), hit(id('router-lights'))]);
    const cache: RelatedCache = new Map();
    const related = await relatedArticlesFor(db, search.index, article, 5000, cache);
    expect(related.map((r) => r.slug)).toEqual(['router-lights', 'pay-bill', 'wifi-name']);
    expect(search.calls[0]).toMatchObject({ locale: 'en', type: 'article', exclude: { type: 'article', id: article.id } });

    await relatedArticlesFor(db, search.index, article, 5000 + RELATED_TTL_MS - 1, cache);
    expect(search.calls).toHaveLength(1);
    await relatedArticlesFor(db, search.index, { ...article, updatedAt: article.updatedAt + 1 }, 6000, cache);
    expect(search.calls).toHaveLength(2);
    await relatedArticlesFor(db, search.index, article, 5000 + RELATED_TTL_MS, cache);
    expect(search.calls).toHaveLength(3);
  });

  it('falls back to tags and category when the search engine fails or is slow', async () => {
    const { db, article } = await setup();
    const failing = fakeSearch(() => Promise.reject(new Error('down')));
    expect((await relatedArticlesFor(db, failing.index, article, 1, new Map())).map((r) => r.slug)).toEqual(['router-lights', 'wifi-name']);
    const slow = fakeSearch(() => new Promise(() => {}));
    const started = Date.now();
    expect((await relatedArticlesFor(db, slow.index, article, 1, new Map())).map((r) => r.slug)).toEqual(['router-lights', 'wifi-name']);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
