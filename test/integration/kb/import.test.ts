import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { articleFeedback, articleRevisions, articles } from '../../../db/schema/index';
import { ContentImportError, importArticles, type ContentFile } from '../../../src/lib/kb/import-articles';
import { importContent } from '../../../src/lib/kb/content';
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
    for (const slug of ['account', 'billing', 'orders', 'internet', 'mobile-app', 'devices']) createCategory(db, slug);
    await createMember(db, 'agent', { email: 'agent@resuelve.test' });
    const s = importContent(db, process.cwd(), 1000);
    expect(s).toMatchObject({ files: 24, created: 24, archived: 0, flows: 4 });
    expect(importContent(db, process.cwd(), 2000)).toMatchObject({ created: 0, updated: 0, unchanged: 24 });

    const sitemap = kbSitemap(db, 'https://help.test');
    expect(sitemap.match(/<url>/g)).toHaveLength(2 + 12 + 24);
    expect(sitemap).toContain('<loc>https://help.test/en/kb/reset-your-password</loc>\n    <lastmod>1970-01-01T00:00:01.000Z</lastmod>\n    <xhtml:link rel="alternate" hreflang="en" href="https://help.test/en/kb/reset-your-password"/>\n    <xhtml:link rel="alternate" hreflang="es" href="https://help.test/es/kb/restablecer-contrasena"/>');
    const feed = articlesAtomFeed(db, 'es', 'https://help.test', 'Centro de ayuda');
    expect(feed.match(/<entry>/g)).toHaveLength(12);
    expect(feed).toContain('<link rel="self" type="application/atom+xml" href="https://help.test/es/kb/feed.xml"/>');
  });
});
