import { articlePath, categoryPath, sectionPath } from './articles';

/** TechArticle and BreadcrumbList (KB › category › section › article) JSON-LD of a published article. */
export function articleJsonLd(
  article: { locale: string; slug: string; title: string; summary: string; createdAt: number; updatedAt: number; publishedAt: number | null; author: string | null; categorySlug: string; sectionSlug: string | null; tags: string },
  names: { site: string; kbTitle: string; categoryName: string; sectionName: string | null },
) {
  const url = names.site + articlePath(article);
  const trail = [
    { name: names.kbTitle, item: `${names.site}/${article.locale}/kb` },
    { name: names.categoryName, item: names.site + categoryPath(article.locale, article.categorySlug) },
    ...(article.sectionSlug && names.sectionName ? [{ name: names.sectionName, item: names.site + sectionPath(article.locale, article.categorySlug, article.sectionSlug) }] : []),
    { name: article.title, item: url },
  ];
  return [
    {
      '@context': 'https://schema.org',
      '@type': 'TechArticle',
      headline: article.title,
      description: article.summary,
      datePublished: new Date(article.publishedAt ?? article.createdAt).toISOString(),
      dateModified: new Date(article.updatedAt).toISOString(),
      inLanguage: article.locale,
      author: article.author ? { '@type': 'Person', name: article.author } : { '@type': 'Organization', name: 'Resuelve' },
      keywords: article.tags ? article.tags.split(' ').join(', ') : undefined,
      mainEntityOfPage: url,
      url,
    },
    {
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: trail.map((t, i) => ({ '@type': 'ListItem', position: i + 1, ...t })),
    },
  ];
}
