import { articlePath, categoryPath } from './articles';

/** TechArticle and BreadcrumbList JSON-LD of a published article. */
export function articleJsonLd(
  article: { locale: string; slug: string; title: string; summary: string; createdAt: number; updatedAt: number; publishedAt: number | null; author: string | null; categorySlug: string; tags: string },
  names: { site: string; kbTitle: string; categoryName: string },
) {
  const url = names.site + articlePath(article);
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
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: names.kbTitle, item: `${names.site}/${article.locale}/kb` },
        { '@type': 'ListItem', position: 2, name: names.categoryName, item: names.site + categoryPath(article.locale, article.categorySlug) },
        { '@type': 'ListItem', position: 3, name: article.title, item: url },
      ],
    },
  ];
}
