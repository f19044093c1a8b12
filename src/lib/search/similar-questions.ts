import type { Db } from '../../../db/client';
import type { SearchHit, SearchIndex } from '../../../search/index';
import type { Actor } from '../auth/sessions';
import { visibleThread } from '../community/visibility';
import { DomainError } from '../errors';
import { suggestionsForDraft } from './suggest';

/**
 * Threads and articles most like a question (its title and body, not its answers) by the draft ranking, the question
 * itself left out. A question the reader may not see (hidden, waiting for a moderator, deleted) is not found.
 */
export async function findSimilarToQuestion(
  db: Db,
  index: SearchIndex,
  actor: Actor | null,
  questionId: number,
  options: { limit: number; locale?: 'es' | 'en' },
  now: number,
): Promise<SearchHit[]> {
  const question = visibleThread(db, actor, questionId, now)?.thread.question;
  if (!question || question.deletedAt !== null) throw new DomainError('NOT_FOUND', `Question ${questionId} does not exist.`);
  return suggestionsForDraft(index, {
    title: question.title,
    body: question.bodyText,
    locale: options.locale ?? question.locale,
    exclude: { type: 'question', id: question.id },
    limit: options.limit,
  });
}
