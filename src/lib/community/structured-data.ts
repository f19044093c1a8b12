import { translate } from '../i18n/index';
import { htmlToText } from '../markdown';
import { categoryName } from './categories';
import type { Thread } from './get-thread';
import { questionPath } from './slug';

const person = (author: { id: number; displayName: string }, site: string, locale: 'es' | 'en') => ({
  '@type': 'Person',
  name: author.displayName,
  url: `${site}/${locale}/members/${author.id}`,
});

/** schema.org QAPage for a thread; only call it for threads with at least one answer. */
export function qaPageJsonLd(thread: Thread, site: string) {
  const q = thread.question;
  const url = site + questionPath(q.locale, q);
  const answer = (a: Thread['answers'][number]) => ({
    '@type': 'Answer',
    text: htmlToText(a.bodyHtml),
    dateCreated: new Date(a.createdAt).toISOString(),
    upvoteCount: a.score,
    url: `${url}#answer-${a.id}`,
    author: person(a.author, site, q.locale),
  });
  const accepted = thread.answers.find((a) => a.accepted);
  const suggested = thread.answers.filter((a) => !a.accepted);
  return {
    '@context': 'https://schema.org',
    '@type': 'QAPage',
    mainEntity: {
      '@type': 'Question',
      name: q.title,
      text: q.bodyText,
      answerCount: thread.answers.length,
      upvoteCount: q.score,
      dateCreated: new Date(q.createdAt).toISOString(),
      author: person(q.author, site, q.locale),
      inLanguage: q.locale,
      ...(accepted ? { acceptedAnswer: answer(accepted) } : {}),
      ...(suggested.length ? { suggestedAnswer: suggested.map(answer) } : {}),
    },
  };
}

/** BreadcrumbList of a thread page, as its visible breadcrumbs: questions › category › the question. */
export function threadBreadcrumbJsonLd(thread: Thread, site: string) {
  const q = thread.question;
  const trail = [
    { name: translate(q.locale, 'nav.questions'), item: `${site}/${q.locale}/questions` },
    { name: categoryName(q.category, q.locale), item: `${site}/${q.locale}/questions?category=${q.category.slug}` },
    { name: q.title, item: site + questionPath(q.locale, q) },
  ];
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((t, i) => ({ '@type': 'ListItem', position: i + 1, ...t })),
  };
}

/** Unanswered threads older than this are thin pages: kept out of search engines until someone answers. */
export const UNANSWERED_NOINDEX_AFTER_MS = 30 * 24 * 3600 * 1000;

/** Whether a thread page may be indexed: published, not deleted, and answered or younger than 30 days. */
export function isThreadIndexable(thread: Thread, now: number): boolean {
  const q = thread.question;
  if (q.deletedAt !== null || q.status !== 'published') return false;
  if (q.closedAt !== null && q.duplicateOfId !== null) return false;
  const answered = thread.answers.some((a) => a.status === 'published');
  return answered || now - q.createdAt < UNANSWERED_NOINDEX_AFTER_MS;
}
