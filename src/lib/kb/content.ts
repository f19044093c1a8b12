import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { articles, categories } from '../../../db/schema/index';
import { parseArticleFile } from './front-matter';
import { loadFlowFiles, parseFlowFile, type Flow } from './flows';
import { ContentImportError, importArticles, readContentFiles, type ImportSummary } from './import-articles';

export interface ContentSummary extends ImportSummary {
  flows: number;
}

/**
 * `npm run kb:import`: validates the guided flows against the articles, then imports content/kb in one transaction.
 * Any problem in either throws ContentImportError listing every file, field and problem; the database is unchanged.
 */
export function importContent(db: Db, root: string, now: number, onProgress?: (done: number, total: number) => void): ContentSummary {
  const articleFiles = readContentFiles(root, 'content/kb', ['.md']);
  const flowFiles = readContentFiles(root, 'content/flows', ['.yaml', '.yml']);
  const slugs = new Set(
    db
      .select({ locale: articles.locale, slug: articles.slug })
      .from(articles)
      .where(eq(articles.status, 'published'))
      .all()
      .map((a) => `${a.locale}/${a.slug}`),
  );
  for (const f of articleFiles) {
    const { article } = parseArticleFile(f.file, f.text);
    if (!article) continue;
    const key = `${article.front.locale}/${article.slug}`;
    if (article.front.status === 'published') slugs.add(key);
    else slugs.delete(key);
  }
  const categorySlugs = new Set(db.select({ slug: categories.slug }).from(categories).all().map((c) => c.slug));
  const { flows, issues } = loadFlowFiles(flowFiles, slugs, categorySlugs);
  if (issues.length) {
    const articleIssues = articleFiles.flatMap((f) => parseArticleFile(f.file, f.text).issues);
    throw new ContentImportError([...articleIssues, ...issues]);
  }
  const summary = importArticles(db, articleFiles, now, onProgress);
  flowCache.delete(root);
  return { ...summary, flows: flows.length };
}

const flowCache = new Map<string, Flow[]>();

/** The guided flows on disk (read once per process; invalid files are skipped — the import reports them). */
export function listFlows(root: string, locale?: 'es' | 'en', category?: string): Flow[] {
  let all = flowCache.get(root);
  if (!all) {
    all = readContentFiles(root, 'content/flows', ['.yaml', '.yml'])
      .map((f) => parseFlowFile(f.file, f.text).flow)
      .filter((f): f is Flow => f !== null);
    flowCache.set(root, all);
  }
  return all.filter((f) => (!locale || f.locale === locale) && (!category || f.category === category));
}

export function getFlow(root: string, locale: 'es' | 'en', slug: string): Flow | null {
  return listFlows(root, locale).find((f) => f.slug === slug) ?? null;
}

/** The same flow in another locale (by `translationKey`), if it has one. */
export function getFlowTranslation(root: string, flow: Flow, locale: 'es' | 'en'): Flow | null {
  if (!flow.translationKey) return null;
  return listFlows(root, locale).find((f) => f.translationKey === flow.translationKey) ?? null;
}
