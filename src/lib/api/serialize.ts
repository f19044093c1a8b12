import type { Thread } from '../community/get-thread';
import type { QuestionSummary } from '../community/list-questions';
import { questionPath } from '../community/slug';

/** Public JSON shapes of the API (documented in openapi.ts). */
export function questionSummaryJson(q: QuestionSummary, site: string) {
  return {
    id: q.id,
    title: q.title,
    locale: q.locale,
    url: site + questionPath(q.locale, q),
    excerpt: q.excerpt,
    score: q.score,
    answerCount: q.answerCount,
    solved: q.solved,
    category: q.category.slug,
    tags: q.tags,
    author: q.author,
    createdAt: new Date(q.createdAt).toISOString(),
  };
}

export function threadJson(thread: Thread, site: string) {
  const q = thread.question;
  return {
    id: q.id,
    sourceId: q.sourceId,
    title: q.title,
    locale: q.locale,
    url: site + questionPath(q.locale, q),
    body: q.bodyMd,
    bodyHtml: q.bodyHtml,
    score: q.score,
    category: q.category.slug,
    tags: q.tags,
    author: { id: q.author.id, displayName: q.author.displayName },
    createdAt: new Date(q.createdAt).toISOString(),
    updatedAt: new Date(q.updatedAt).toISOString(),
    solved: thread.acceptedAnswerId !== null,
    acceptedAnswerId: thread.acceptedAnswerId,
    answers: thread.answers.map((a) => ({
      id: a.id,
      sourceId: a.sourceId,
      body: a.bodyMd,
      bodyHtml: a.bodyHtml,
      score: a.score,
      accepted: a.accepted,
      author: { id: a.author.id, displayName: a.author.displayName },
      createdAt: new Date(a.createdAt).toISOString(),
    })),
  };
}
