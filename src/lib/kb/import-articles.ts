import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { and, eq, inArray, like, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { articleRevisions, articles, categories, users } from '../../../db/schema/index';
import { DomainError } from '../errors';
import { enqueue } from '../jobs/outbox';
import { parseArticleFile, type ArticleFile, type ContentIssue } from './front-matter';
import { addRevision, writeArticle } from './save-article';

/** Revisions written by the import carry this note prefix; it marks the articles that the files own. */
export const IMPORT_NOTE = 'import ';

export interface ContentFile {
  file: string;
  text: string;
}

export interface ImportSummary {
  files: number;
  created: number;
  updated: number;
  unchanged: number;
  archived: number;
}

/** The import found problems; nothing was written. */
export class ContentImportError extends DomainError {
  constructor(readonly issues: ContentIssue[]) {
    super('INVALID', `The import found ${issues.length} problem(s):\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'ContentImportError';
  }
}

export function formatIssue(i: ContentIssue): string {
  return `  ${i.file}: ${i.field}: ${i.problem}`;
}

/** Every file under `dir` with one of the extensions, as repository-relative paths with forward slashes, sorted. */
export function readContentFiles(root: string, dir: string, extensions: string[]): ContentFile[] {
  const out: ContentFile[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (extensions.some((x) => e.name.endsWith(x))) out.push({ file: relative(root, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  walk(join(root, dir));
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** Articles whose content the files own: at least one revision was written by the import. */
function importedArticleIds(db: Db): Set<number> {
  return new Set(
    db
      .selectDistinct({ id: articleRevisions.articleId })
      .from(articleRevisions)
      .where(like(articleRevisions.note, `${IMPORT_NOTE}%`))
      .all()
      .map((r) => r.id),
  );
}

/**
 * Imports the KB Markdown files idempotently by (locale, slug), in one transaction: new files create articles,
 * changed files update them with a revision, articles whose file disappeared are archived (votes, feedback and
 * history stay). Any problem — front matter, YAML, duplicate slugs or translation keys, unknown category, section
 * (or a section of another category) or author,
 * a translation key no article in another locale shares — throws ContentImportError and writes nothing.
 */
export function importArticles(db: Db, files: ContentFile[], now: number, onProgress: (done: number, total: number) => void = () => {}): ImportSummary {
  const issues: ContentIssue[] = [];
  const parsed: ArticleFile[] = [];
  for (const f of files) {
    const r = parseArticleFile(f.file, f.text);
    issues.push(...r.issues);
    if (r.article) parsed.push(r.article);
  }

  const bySlug = new Map<string, ArticleFile>();
  const byKey = new Map<string, ArticleFile>();
  for (const a of parsed) {
    const slugKey = `${a.front.locale}/${a.slug}`;
    const twin = bySlug.get(slugKey);
    if (twin) issues.push({ file: a.file, field: 'slug', problem: `"${a.slug}" is also used by ${twin.file}` });
    else bySlug.set(slugKey, a);
    if (a.front.translationKey) {
      const k = `${a.front.locale}/${a.front.translationKey}`;
      const other = byKey.get(k);
      if (other) issues.push({ file: a.file, field: 'translationKey', problem: `"${a.front.translationKey}" is also used by ${other.file} in the same locale` });
      else byKey.set(k, a);
    }
  }

  const categoryRows = db.select({ id: categories.id, slug: categories.slug, parentId: categories.parentId }).from(categories).all();
  const categoryIds = new Map(categoryRows.map((c) => [c.slug, c.id]));
  const categorySlugById = new Map(categoryRows.map((c) => [c.id, c.slug]));
  const sections = new Map(categoryRows.filter((c) => c.parentId !== null).map((c) => [c.slug, c]));
  const emails = [...new Set(parsed.map((a) => a.front.author.toLowerCase()))];
  const authorIds = new Map(
    emails.length ? db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails)).all().map((u) => [u.email.toLowerCase(), u.id]) : [],
  );
  const imported = importedArticleIds(db);
  const fileSlugs = new Set(bySlug.keys());
  // Articles that stay after this import (files, plus in-app articles the files do not own), by translation key.
  const keptKeys = new Map<string, Set<string>>();
  const keep = (key: string, locale: string) => keptKeys.set(key, (keptKeys.get(key) ?? new Set()).add(locale));
  for (const a of parsed) if (a.front.translationKey) keep(a.front.translationKey, a.front.locale);
  const dbArticles = db
    .select({ id: articles.id, locale: articles.locale, slug: articles.slug, translationKey: articles.translationKey, status: articles.status })
    .from(articles)
    .all();
  for (const row of dbArticles) {
    const ownedAndRemoved = imported.has(row.id) && !fileSlugs.has(`${row.locale}/${row.slug}`);
    if (row.status !== 'archived' && !ownedAndRemoved && !fileSlugs.has(`${row.locale}/${row.slug}`)) keep(row.translationKey, row.locale);
  }

  for (const a of parsed) {
    if (!categoryIds.has(a.front.category)) issues.push({ file: a.file, field: 'category', problem: `no category "${a.front.category}" exists` });
    const section = a.front.section;
    if (section && categoryIds.has(a.front.category)) {
      const row = sections.get(section);
      if (!row) issues.push({ file: a.file, field: 'section', problem: `no section "${section}" exists` });
      else if (row.parentId !== categoryIds.get(a.front.category)) {
        issues.push({ file: a.file, field: 'section', problem: `"${section}" is a section of "${categorySlugById.get(row.parentId!)}", not of "${a.front.category}"` });
      }
    }
    if (!authorIds.has(a.front.author.toLowerCase())) issues.push({ file: a.file, field: 'author', problem: `no account with the email ${a.front.author}` });
    const key = a.front.translationKey;
    if (key) {
      const locales = keptKeys.get(key) ?? new Set();
      if (![...locales].some((l) => l !== a.front.locale)) {
        issues.push({ file: a.file, field: 'translationKey', problem: `"${key}" points at no article in another locale` });
      }
      const clash = dbArticles.find((r) => r.translationKey === key && r.locale === a.front.locale && r.slug !== a.slug && !(imported.has(r.id) && !fileSlugs.has(`${r.locale}/${r.slug}`)));
      if (clash && !fileSlugs.has(`${clash.locale}/${clash.slug}`)) {
        issues.push({ file: a.file, field: 'translationKey', problem: `"${key}" is already used by the article /${clash.locale}/kb/${clash.slug}` });
      }
    }
  }
  if (issues.length) throw new ContentImportError(issues);

  return db.transaction((tx) => {
    const summary: ImportSummary = { files: parsed.length, created: 0, updated: 0, unchanged: 0, archived: 0 };
    for (const [i, a] of parsed.entries()) {
      const authorId = authorIds.get(a.front.author.toLowerCase())!;
      let r;
      try {
        r = writeArticle(
          tx,
          {
            slug: a.slug,
            locale: a.front.locale,
            translationKey: a.front.translationKey ?? `${a.front.locale}:${a.slug}`,
            title: a.front.title,
            summary: a.front.summary,
            body: a.body,
            categoryId: categoryIds.get(a.front.section ?? a.front.category)!,
            tags: a.front.tags,
            status: a.front.status,
            reviewBy: a.front.reviewBy ?? null,
            authorId,
          },
          authorId,
          IMPORT_NOTE + a.file,
          now,
        );
      } catch (error) {
        throw new ContentImportError([{ file: a.file, field: 'file', problem: error instanceof Error ? error.message : String(error) }]);
      }
      if (r.created) summary.created++;
      else if (r.changed) summary.updated++;
      else summary.unchanged++;
      onProgress(i + 1, parsed.length);
    }
    for (const row of dbArticles) {
      if (!imported.has(row.id) || row.status === 'archived' || fileSlugs.has(`${row.locale}/${row.slug}`)) continue;
      const current = tx.select().from(articles).where(and(eq(articles.id, row.id), ne(articles.status, 'archived'))).get();
      if (!current) continue;
      tx.update(articles).set({ status: 'archived', updatedAt: now }).where(eq(articles.id, row.id)).run();
      addRevision(tx, row.id, { title: current.title, summary: current.summary, bodyMd: current.bodyMd }, null, `${IMPORT_NOTE}(file removed: archived)`, now);
      enqueue(tx, 'article.changed', { articleId: row.id }, now);
      summary.archived++;
    }
    return summary;
  });
}

/** Reads content/kb under `root` and imports it. */
export function importKnowledgeBase(db: Db, root: string, now: number, onProgress?: (done: number, total: number) => void): ImportSummary {
  return importArticles(db, readContentFiles(root, 'content/kb', ['.md']), now, onProgress);
}
