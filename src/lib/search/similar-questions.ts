import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { questions } from '../../../db/schema/index';
import type { SearchHit, SearchIndex } from '../../../search/index';
import { DomainError } from '../errors';
import { suggestionsForDraft } from './suggest';

/** Threads and articles most like a question (its title and body, not its answers) by the draft ranking, the question itself left out. */
export async function findSimilarToQuestion(
  db: Db,
  index: SearchIndex,
  questionId: number,
  options: { limit: number; locale?: 'es' | 'en' },
): Promise<SearchHit[]> {
  const question = db
    .select({ id: questions.id, title: questions.title, bodyText: questions.bodyText, locale: questions.locale })
    .from(questions)
    .where(and(eq(questions.id, questionId), isNull(questions.deletedAt)))
    .get();
  if (!question) throw new DomainError('NOT_FOUND', `Question ${questionId} does not exist.`);
  return suggestionsForDraft(index, {
    title: question.title,
    body: question.bodyText,
    locale: options.locale ?? question.locale,
    exclude: { type: 'question', id: question.id },
    limit: options.limit,
  });
}
