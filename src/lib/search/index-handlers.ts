import { isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { articles, questions } from '../../../db/schema/index';
import type { SearchIndex } from '../../../search/index';
import type { OutboxHandler } from '../jobs/outbox';
import { articleDocument, questionDocument } from './documents';

/** Outbox handlers that keep the search index in step with questions and articles. */
export function searchIndexHandlers(db: Db, index: SearchIndex): Record<'question.changed' | 'article.changed', OutboxHandler> {
  return {
    'question.changed': async (message) => {
      const id = Number(message.payload.questionId);
      const doc = questionDocument(db, id);
      await (doc ? index.index([doc]) : index.remove([{ type: 'question', id }]));
    },
    'article.changed': async (message) => {
      const id = Number(message.payload.articleId);
      const doc = articleDocument(db, id);
      await (doc ? index.index([doc]) : index.remove([{ type: 'article', id }]));
    },
  };
}

/** Rebuilds the whole index from the database, reporting progress. */
export async function reindexAll(
  db: Db,
  index: SearchIndex,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<number> {
  const questionIds = db.select({ id: questions.id }).from(questions).where(isNull(questions.deletedAt)).all();
  const articleIds = db.select({ id: articles.id }).from(articles).all();
  const total = questionIds.length + articleIds.length;
  let done = 0;
  await index.clear();
  const batch: NonNullable<ReturnType<typeof questionDocument>>[] = [];
  const flush = async () => {
    await index.index(batch.splice(0));
    onProgress(done, total);
  };
  for (const { id } of questionIds) {
    const doc = questionDocument(db, id);
    if (doc) batch.push(doc);
    done++;
    if (batch.length >= 500) await flush();
  }
  for (const { id } of articleIds) {
    const doc = articleDocument(db, id);
    if (doc) batch.push(doc);
    done++;
  }
  await flush();
  return done;
}
