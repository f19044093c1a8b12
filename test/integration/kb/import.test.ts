import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { articleFeedback, articleRevisions, articles } from '../../../db/schema/index';
import { ContentImportError, importArticles, type ContentFile } from '../../../src/lib/kb/import-articles';
import { importContent } from '../../../src/lib/kb/content';
import { listArticlesJson } from '../../../src/lib/kb/api-shapes';
import { getArticleBySlug, listCategoriesWithCounts, listCategoryArticles } from '../../../src/lib/kb/articles';
import { articleJsonLd } from '../../../src/lib/kb/structured-data';
import { insertSeedCategories } from '../../../src/lib/demo/load-demo';
import { categories } from '../../../db/schema/index';
import { articlesAtomFeed, kbSitemap } from '../../../src/lib/kb/feeds';
import { createCategory, createMember, createTestDb } from '../../helpers/db';

function file(locale: string, category: string, slug: string, front: Record<string, string>, body = '## Steps\n\nDo this.'): ContentFile {
  const fm = { title: `Title of ${slug}`, category, locale, author: 'editor@example.test', ...front };
  const yaml = Object.entries(fm)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  return { file: `content/kb/${locale}/${category}/${slug}.md`, text: `---\n${yaml}\n---\n\n${body}\n` };
}

const pair = (): ContentFile[] => [
  file('es', 'billing', 'pagar-factura', { translationKey: 'pay-bill', tags: '[bills, pago]' }),
  file('en', 'billing', 'pay-your-bill', { translationKey: 'pay-bill', reviewBy: '2027-01-01' }),
];

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ContentImportError);
    return (error as ContentImportError).issues;
  }
  throw new Error('expected the import to fail');
}

describe('importArticles', () => {
  let db: SqliteDb;
  beforeEach(async () => {
    db = createTestDb();
    createCategory(db, 'billing');
    await createMember(db, 'agent', { email: 'editor@example.test' });
  });

  it('creates articles with revisions, linked translations and rendered heading ids', () => {
    const s = importArticles(db, pair(), 1000);
    expect(s).toEqual({ files: 2, created: 2, updated: 0, unchanged: 0, archived: 0 });
    const rows = db.select().from(articles).orderBy(articles.locale).all();
    expect(rows.map((r) => [r.locale, r.slug, r.translationKey, r.status])).toEqual([
      ['en', 'pay-your-bill', 'pay-bill', 'published'],
      ['es', 'pagar-factura', 'pay-bill', 'published'],
    ]);
    const en = rows.find((r) => r.locale === 'en')!;
    expect(en.reviewBy).toBe(Date.UTC(2027, 0, 1));
    expect(en.bodyHtml).toContain('<h2 id="steps">Steps</h2>');
    expect(rows.find((r) => r.locale === 'es')!.tags).toBe('bills pago');
    expect(db.select().from(articleRevisions).all()).toHaveLength(2);
  });

  it('is idempotent: a second run changes nothing and adds no revision', () => {
    importArticles(db, pair(), 1000);
    const s = importArticles(db, pair(), 2000);
    expect(s).toMatchObject({ created: 0, updated: 0, unchanged: 2, archived: 0 });
    expect(db.select().from(articleRevisions).all()).toHaveLength(2);
    expect(db.select().from(articles).all().every((a) => a.updatedAt === 1000)).toBe(true);
  });

  it('updates a changed file with a new revision, and archives an article whose file is gone, keeping its votes', () => {
    importArticles(db, pair(), 1000);
    const es = db.select().from(articles).where(eq(articles.slug, 'pagar-factura')).get()!;
    db.insert(articleFeedback).values({ articleId: es.id, voterKey: 'v:x', helpful: true, createdAt: 1, updatedAt: 1 }).run();
    const changed = [file('en', 'billing', 'pay-your-bill', {}, '## Steps\n\nDo that instead.')];
    const s = importArticles(db, changed, 3000);
    expect(s).toMatchObject({ created: 0, updated: 1, unchanged: 0, archived: 1 });
    const after = db.select().from(articles).where(eq(articles.id, es.id)).get()!;
    expect(after.status).toBe('archived');
    expect(db.select().from(articleFeedback).all()).toHaveLength(1);
    const en = db.select().from(articles).where(eq(articles.slug, 'pay-your-bill')).get()!;
    expect(en.bodyMd).toBe('## Steps\n\nDo that instead.');
    expect(en.translationKey).toBe('en:pay-your-bill');
    expect(db.select().from(articleRevisions).where(eq(articleRevisions.articleId, en.id)).all().map((r) => r.revision)).toEqual([1, 2]);
  });

  it('names the file, field and problem of a front-matter error and writes nothing', () => {
    const bad = [...pair(), file('es', 'billing', 'sin-titulo', { title: 'ab', status: 'live' })];
    const issues = issuesOf(() => importArticles(db, bad, 1000));
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'content/kb/es/billing/sin-titulo.md', field: 'title' }),
        expect.objectContaining({ file: 'content/kb/es/billing/sin-titulo.md', field: 'status' }),
      ]),
    );
    expect(db.select().from(articles).all()).toHaveLength(0);
  });

  it('reports broken YAML with its file', () => {
    const broken = { file: 'content/kb/es/billing/roto.md', text: '---\ntitle: [unclosed\n---\nbody\n' };
    const issues = issuesOf(() => importArticles(db, [broken], 1000));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'content/kb/es/billing/roto.md', field: 'yaml' });
  });

  it('reports duplicate slugs, a translation key without a partner, unknown category, author and folder mismatch', () => {
    const files = [
      file('es', 'billing', 'pagar', {}),
      { ...file('es', 'billing', 'pagar', {}), file: 'content/kb/es/other/pagar.md' },
      file('es', 'billing', 'solo', { translationKey: 'nobody-else' }),
      file('en', 'shipping', 'ship', {}),
      file('en', 'billing', 'who', { author: 'ghost@example.test' }),
      { ...file('en', 'billing', 'moved', {}), file: 'content/kb/es/billing/moved.md' },
    ];
    const issues = issuesOf(() => importArticles(db, files, 1000));
    const summary = issues.map((i) => `${i.file}|${i.field}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        'content/kb/es/other/pagar.md|category',
        'content/kb/es/billing/solo.md|translationKey',
        'content/kb/en/shipping/ship.md|category',
        'content/kb/en/billing/who.md|author',
        'content/kb/es/billing/moved.md|locale',
      ]),
    );
    createCategory(db, 'orders');
    const dup = issuesOf(() => importArticles(db, [file('es', 'billing', 'pagar', {}), file('es', 'orders', 'pagar', {})], 1000));
    expect(dup).toEqual([{ file: 'content/kb/es/orders/pagar.md', field: 'slug', problem: '"pagar" is also used by content/kb/es/billing/pagar.md' }]);
    expect(db.select().from(articles).all()).toHaveLength(0);
  });
});

describe('importContent (the repository content)', () => {
  it('imports the 24 demo articles and validates the 4 demo flows', async () => {
    const db = createTestDb();
    insertSeedCategories(db);
    await createMember(db, 'agent', { email: 'agent@resuelve.test' });
    const s = importContent(db, process.cwd(), 1000);
    expect(s).toMatchObject({ files: 24, created: 24, archived: 0, flows: 4 });
    // Every demo article sits in a section, and every section holds one article per locale.
    const tree = listCategoriesWithCounts(db, 'en');
    expect(tree).toHaveLength(6);
    expect(tree.every((c) => c.articles === 2 && c.sections.length === 2 && c.sections.every((sec) => sec.articles === 1))).toBe(true);
    expect(listArticlesJson(db, { locale: 'es', category: 'billing' }, '').items.map((a) => [a.category, a.section]).sort()).toEqual([
      ['billing', 'billing-invoices'],
      ['billing', 'billing-payments'],
    ]);
    expect(importContent(db, process.cwd(), 2000)).toMatchObject({ created: 0, updated: 0, unchanged: 24 });

    const sitemap = kbSitemap(db, 'https://help.test');
    expect(sitemap.match(/<url>/g)).toHaveLength(2 + 2 + 12 + 24);
    expect(sitemap).toContain('<loc>https://help.test/es/flows</loc>');
    // Both KB homes, flow lists and category pages point at each other (16 entries lacked alternates).
    for (const path of ['kb', 'flows', 'kb/categories/billing']) {
      for (const locale of ['es', 'en']) {
        expect(sitemap).toContain(`<loc>https://help.test/${locale}/${path}</loc>`);
        expect(sitemap).toMatch(new RegExp(`<loc>https://help.test/${locale}/${path}</loc>(\\n    <lastmod>[^<]+</lastmod>)?\\n    <xhtml:link rel="alternate" hreflang="en" href="https://help.test/en/${path}"/>\\n    <xhtml:link rel="alternate" hreflang="es" href="https://help.test/es/${path}"/>`));
      }
    }
    expect(sitemap.split('<url>').slice(1).filter((u) => !u.includes('xhtml:link'))).toEqual([]);
    const withFlows = kbSitemap(db, 'https://help.test', [
      { locale: 'es', slug: 'sin-internet', translationKey: 'no-internet' },
      { locale: 'en', slug: 'no-internet', translationKey: 'no-internet' },
      { locale: 'en', slug: 'only-english', translationKey: undefined },
    ]);
    expect(withFlows.match(/<url>/g)).toHaveLength(2 + 2 + 12 + 24 + 3);
    expect(withFlows).toContain('<loc>https://help.test/es/flows/sin-internet</loc>\n    <xhtml:link rel="alternate" hreflang="en" href="https://help.test/en/flows/no-internet"/>');
    expect(withFlows).toContain('<loc>https://help.test/en/flows/only-english</loc>\n  </url>');
    expect(sitemap).toContain('<loc>https://help.test/en/kb/reset-your-password</loc>\n    <lastmod>1970-01-01T00:00:01.000Z</lastmod>\n    <xhtml:link rel="alternate" hreflang="en" href="https://help.test/en/kb/reset-your-password"/>\n    <xhtml:link rel="alternate" hreflang="es" href="https://help.test/es/kb/restablecer-contrasena"/>');
    const feed = articlesAtomFeed(db, 'es', 'https://help.test', 'Centro de ayuda');
    expect(feed.match(/<entry>/g)).toHaveLength(12);
    expect(feed).toContain('<link rel="self" type="application/atom+xml" href="https://help.test/es/kb/feed.xml"/>');
  });
});

describe('sections (child categories)', () => {
  let db: SqliteDb;
  beforeEach(async () => {
    db = createTestDb();
    const billing = createCategory(db, 'billing');
    const orders = createCategory(db, 'orders');
    db.insert(categories)
      .values([
        { slug: 'billing-invoices', nameEs: 'Facturas', nameEn: 'Invoices', parentId: billing.id, position: 0 },
        { slug: 'billing-refunds', nameEs: 'Reembolsos', nameEn: 'Refunds', parentId: billing.id, position: 1 },
        { slug: 'orders-returns', nameEs: 'Devoluciones', nameEn: 'Returns', parentId: orders.id },
      ])
      .run();
    await createMember(db, 'agent', { email: 'editor@example.test' });
  });

  it('puts an article in its section; the category lists and counts include its sections', () => {
    importArticles(db, [file('en', 'billing', 'read-your-invoice', { section: 'billing-invoices' }), file('en', 'billing', 'billing-basics', {})], 1000);
    const inSection = getArticleBySlug(db, 'en', 'read-your-invoice')!;
    expect(inSection).toMatchObject({ categorySlug: 'billing', categoryEn: 'Cat billing', sectionSlug: 'billing-invoices', sectionEn: 'Invoices' });
    expect(getArticleBySlug(db, 'en', 'billing-basics')).toMatchObject({ categorySlug: 'billing', sectionSlug: null });
    const row = db.select().from(articles).where(eq(articles.slug, 'read-your-invoice')).get()!;
    expect(db.select().from(categories).where(eq(categories.id, row.categoryId)).get()!.slug).toBe('billing-invoices');

    const tree = listCategoriesWithCounts(db, 'en');
    expect(tree.map((c) => [c.slug, c.articles, c.sections.map((s) => [s.slug, s.articles])])).toEqual([
      ['billing', 2, [['billing-invoices', 1], ['billing-refunds', 0]]],
      ['orders', 0, [['orders-returns', 0]]],
    ]);
    expect(listCategoryArticles(db, 'en', 'billing').map((a) => [a.slug, a.sectionSlug])).toEqual([
      ['billing-basics', null],
      ['read-your-invoice', 'billing-invoices'],
    ]);
    expect(listArticlesJson(db, { category: 'billing' }, '').items).toHaveLength(2);
    expect(listArticlesJson(db, { category: 'billing-invoices' }, '').items.map((a) => [a.slug, a.category, a.section])).toEqual([['read-your-invoice', 'billing', 'billing-invoices']]);

    const [, breadcrumbs] = articleJsonLd(inSection, { site: 'https://h.test', kbTitle: 'Help', categoryName: 'Billing', sectionName: 'Invoices' }) as [unknown, { itemListElement: { name: string; item: string }[] }];
    expect(breadcrumbs.itemListElement.map((i) => [i.name, i.item])).toEqual([
      ['Help', 'https://h.test/en/kb'],
      ['Billing', 'https://h.test/en/kb/categories/billing'],
      ['Invoices', 'https://h.test/en/kb/categories/billing#section-billing-invoices'],
      [inSection.title, 'https://h.test/en/kb/read-your-invoice'],
    ]);
  });

  it('moves an article between sections on re-import, with a revision', () => {
    importArticles(db, [file('en', 'billing', 'refund-status', { section: 'billing-invoices' })], 1000);
    const s = importArticles(db, [file('en', 'billing', 'refund-status', { section: 'billing-refunds' })], 2000);
    expect(s).toMatchObject({ updated: 1 });
    expect(getArticleBySlug(db, 'en', 'refund-status')!.sectionSlug).toBe('billing-refunds');
  });

  it('fails naming file and field for an unknown section or a section of another category, writing nothing', () => {
    const issues = issuesOf(() =>
      importArticles(
        db,
        [
          file('en', 'billing', 'ghost', { section: 'billing-ghosts' }),
          file('en', 'billing', 'wrong-parent', { section: 'orders-returns' }),
          file('en', 'billing', 'top-level', { section: 'orders' }),
          file('en', 'billing', 'bad-slug', { section: 'Billing Invoices' }),
          file('en', 'billing', 'fine', { section: 'billing-invoices' }),
        ],
        1000,
      ),
    );
    expect(issues).toEqual([
      { file: 'content/kb/en/billing/bad-slug.md', field: 'section', problem: 'must be a lowercase slug' },
      { file: 'content/kb/en/billing/ghost.md', field: 'section', problem: 'no section "billing-ghosts" exists' },
      { file: 'content/kb/en/billing/wrong-parent.md', field: 'section', problem: '"orders-returns" is a section of "orders", not of "billing"' },
      { file: 'content/kb/en/billing/top-level.md', field: 'section', problem: 'no section "orders" exists' },
    ]);
    expect(db.select().from(articles).all()).toHaveLength(0);
  });
});
