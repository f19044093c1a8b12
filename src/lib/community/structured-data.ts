import { translate } from '../i18n/index';
import { jsonLdText, SerializedJsonLd } from '../json-ld';
import { htmlToText } from '../markdown';
import { categoryName } from './categories';
import type { Thread } from './get-thread';
import { questionPath } from './slug';

const person = (author: { id: number; displayName: string }, site: string, locale: 'es' | 'en') => ({
  '@type': 'Person',
  name: author.displayName,
  url: `${site}/${locale}/members/${author.id}`,
});

/**
 * An answer of the QAPage serialized (`<` escaped), by what it shows: the page's URL, the answer's id, edit time and
 * length, score and author. Building and serializing the 20 answers of a thread, and converting their HTML to text,
 * cost more than the thread's queries; bounded by the characters held, oldest first.
 */
const ANSWER_JSON = new Map<string, string>();
const MAX_ANSWER_JSON_CHARS = 1_000_000;
let answerJsonChars = 0;

function answerJson(a: Thread['answers'][number], url: string, site: string, locale: 'es' | 'en'): string {
  const key = `${url}\u0000${a.id}\u0000${a.updatedAt}\u0000${a.bodyHtml.length}\u0000${a.score}\u0000${a.author.id}\u0000${a.author.displayName}`;
  let json = ANSWER_JSON.get(key);
  if (json !== undefined) return json;
  json = jsonLdText({
    '@type': 'Answer',
    text: htmlToText(a.bodyHtml),
    dateCreated: new Date(a.createdAt).toISOString(),
    upvoteCount: a.score,
    url: `${url}#answer-${a.id}`,
    author: person(a.author, site, locale),
  });
  ANSWER_JSON.set(key, json);
  answerJsonChars += json.length;
  for (const [oldKey, old] of ANSWER_JSON) {
    if (answerJsonChars <= MAX_ANSWER_JSON_CHARS) break;
    ANSWER_JSON.delete(oldKey);
    answerJsonChars -= old.length;
  }
  return json;
}

/**
 * schema.org QAPage for a thread, serialized as `JSON.stringify` would (`<` escaped), its answers remembered; only
 * call it for threads with at least one answer.
 */
export function qaPageJsonLd(thread: Thread, site: string): SerializedJsonLd {
  const q = thread.question;
  const url = site + questionPath(q.locale, q);
  const question = jsonLdText({
    '@type': 'Question',
    name: q.title,
    text: q.bodyText,
    answerCount: thread.answers.length,
    upvoteCount: q.score,
    dateCreated: new Date(q.createdAt).toISOString(),
    author: person(q.author, site, q.locale),
    inLanguage: q.locale,
  });
  // The question's members, then its answers' in the order of the object literal this replaced.
  let answers = '';
  const accepted = thread.answers.find((a) => a.accepted);
  if (accepted) answers += `,"acceptedAnswer":${answerJson(accepted, url, site, q.locale)}`;
  let suggested = '';
  for (const a of thread.answers) if (!a.accepted) suggested += `${suggested ? ',' : ''}${answerJson(a, url, site, q.locale)}`;
  if (suggested) answers += `,"suggestedAnswer":[${suggested}]`;
  return new SerializedJsonLd('QAPage', `{"@context":"https://schema.org","@type":"QAPage","mainEntity":${question.slice(0, -1)}${answers}}}`);
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
