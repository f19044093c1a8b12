import { isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { articles, questions } from '../../../db/schema/index';
import { documentKey, type DocumentType, type SearchDocument, type SearchIndex } from '../../../search/index';
import type { OutboxHandler } from '../jobs/outbox';
import { articleDocument, questionDocument } from './documents';

/** Documents per write while reindexing: one short transaction each, so searches and writes interleave. */
const REINDEX_BATCH = 500;

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

/**
 * Rebuilds the whole index from the database while it keeps answering: every current document is written over its
 * old version in batches, then documents the database no longer has are removed. Returns the documents indexed.
 */
export async function reindexAll(
  db: Db,
  index: SearchIndex,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<{ indexed: number; removed: number }> {
  const questionIds = db.select({ id: questions.id }).from(questions).where(isNull(questions.deletedAt)).all();
  const articleIds = db.select({ id: articles.id }).from(articles).all();
  const total = questionIds.length + articleIds.length;
  const live = new Set<string>();
  let done = 0;
  const batch: SearchDocument[] = [];
  const flush = async () => {
    for (const d of batch) live.add(documentKey(d.type, d.id));
    await index.index(batch.splice(0));
    onProgress(done, total);
  };
  const items = [
    ...questionIds.map(({ id }) => () => questionDocument(db, id)),
    ...articleIds.map(({ id }) => () => articleDocument(db, id)),
  ];
  for (const load of items) {
    const doc = load();
    if (doc) batch.push(doc);
    done++;
    if (batch.length >= REINDEX_BATCH) await flush();
  }
  await flush();
  // A key written meanwhile by the outbox (a question asked during the rebuild) is not stale: check the database.
  const stale = (await index.listKeys())
    .filter((key) => !live.has(key))
    .map((key) => {
      const [type, id] = key.split(':') as [DocumentType, string];
      return { type, id: Number(id) };
    })
    .filter((k) => (k.type === 'question' ? questionDocument(db, k.id) : articleDocument(db, k.id)) === null);
  await index.remove(stale);
  return { indexed: live.size, removed: stale.length };
}
