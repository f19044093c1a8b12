import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { outbox, searchClicks, searchEvents } from '../../../db/schema/index';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { DomainError } from '../../../src/lib/errors';
import { drainOutbox } from '../../../src/lib/jobs/outbox';
import { normalizeQuery, recordSearchClick } from '../../../src/lib/search/analytics';
import { reindexAll, searchIndexHandlers } from '../../../src/lib/search/index-handlers';
import { searchSite } from '../../../src/lib/search/search-site';
import { findSimilarToQuestion } from '../../../src/lib/search/similar-questions';
import { createSearchIndex, type SearchIndex } from '../../../search/index';
import type { Actor } from '../../../src/lib/auth/sessions';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { NOW } from '../../helpers/time';

let db: SqliteDb;
let index: SearchIndex;
let asker: Actor;
const drain = () => drainOutbox(db, searchIndexHandlers(db, index), () => NOW);
const ask = (title: string, body: string, locale: 'es' | 'en' = 'es') => askQuestion(db, asker, { title, body, category: 'internet', locale }, NOW);

beforeEach(async () => {
  db = createTestDb();
  index = createSearchIndex({ engine: 'sqlite', sqlite: db.$client, now: () => NOW });
  createCategory(db, 'internet');
  asker = await createMember(db);
  ask('El router se desconecta cada noche', 'La conexión de fibra se cae a las tres de la mañana.');
  ask('Router disconnects every night', 'The fibre connection drops at 3 am, every single night.', 'en');
  await drain();
});

describe('search analytics', () => {
  it('records every search with its normalized query, result count, surface and locale', async () => {
    const r = await searchSite(db, index, { q: '  ROUTER   Desconecta ', locale: 'es' }, { surface: 'ask_form', userId: asker.id }, NOW);
    expect(r.total).toBe(1);
    const [event] = db.select().from(searchEvents).all();
    expect(event).toMatchObject({ id: r.searchEventId, query: 'router desconecta', resultCount: 1, surface: 'ask_form', locale: 'es', userId: asker.id, occurredAt: NOW });
  });
  it('records a zero-result search, and falls back to other languages before calling it zero', async () => {
    await searchSite(db, index, { q: 'impresora', locale: 'es' }, { surface: 'site' }, NOW);
    const other = await searchSite(db, index, { q: 'disconnects', locale: 'es' }, { surface: 'widget' }, NOW);
    expect(other.otherLanguages).toBe(true);
    expect(db.select({ q: searchEvents.query, n: searchEvents.resultCount }).from(searchEvents).all()).toEqual([
      { q: 'impresora', n: 0 },
      { q: 'disconnects', n: 1 },
    ]);
  });
  it('does not record an empty query', async () => {
    const r = await searchSite(db, index, { q: '   ' }, { surface: 'api' }, NOW);
    expect(r.searchEventId).toBeNull();
    expect(db.select().from(searchEvents).all()).toHaveLength(0);
  });
  it('records clicks against their search, and refuses an unknown search', async () => {
    const r = await searchSite(db, index, { q: 'router' }, { surface: 'site' }, NOW);
    recordSearchClick(db, { searchEventId: r.searchEventId!, docType: 'question', docId: r.hits[0]!.id, position: 1 }, NOW + 5000);
    expect(db.select().from(searchClicks).all()).toMatchObject([{ searchEventId: r.searchEventId, docId: r.hits[0]!.id, position: 1, occurredAt: NOW + 5000 }]);
    expect(() => recordSearchClick(db, { searchEventId: 999, docType: 'question', docId: 1, position: 1 }, NOW)).toThrow(DomainError);
  });
  it('normalizes queries for grouping', () => {
    expect(normalizeQuery(' Contraseña\tDEL  Router ')).toBe('contrasena del router');
  });
});

describe('similar questions', () => {
  it('finds the same problem in the question language and leaves the question out', async () => {
    const q = ask('Mi router se desconecta de noche', 'Cada noche pierdo la conexión de fibra.');
    await drain();
    const similar = await findSimilarToQuestion(db, index, null, q.id, { limit: 5 }, NOW);
    expect(similar.map((h) => h.title)).toEqual(['El router se desconecta cada noche']);
  });
  it('answers NOT_FOUND for a missing question', async () => {
    await expect(findSimilarToQuestion(db, index, null, 12345, { limit: 5 }, NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('reindex', () => {
  it('rebuilds a damaged index while it keeps answering, and removes what the database no longer has', async () => {
    await index.remove([{ type: 'question', id: 1 }]);
    await index.index([{ type: 'question', id: 999, locale: 'es', title: 'Fantasma borrado', body: 'No existe', tags: [], category: 'internet', solved: false, votes: 0, helpfulness: null, url: '/x', updatedAt: NOW }]);
    const seen: number[] = [];
    const result = await reindexAll(db, index, async (done) => {
      seen.push(done);
    });
    expect(result).toEqual({ indexed: 2, removed: 1 });
    expect(seen.at(-1)).toBe(2);
    expect((await index.listKeys()).sort()).toEqual(['question:1', 'question:2']);
    expect((await index.search({ q: 'fantasma' })).total).toBe(0);
  });
  it('finishes a rebuild interrupted by a crash when run again', async () => {
    let calls = 0;
    const crashing: SearchIndex = {
      ...index,
      index: async (docs) => {
        if (++calls === 1) throw new Error('process killed');
        return index.index(docs);
      },
    };
    await index.clear();
    await expect(reindexAll(db, crashing)).rejects.toThrow('process killed');
    expect((await index.stats()).documents).toBe(0);
    expect(await reindexAll(db, crashing)).toEqual({ indexed: 2, removed: 0 });
    expect((await index.search({ q: 'router' })).total).toBe(2);
  });
  it('keeps a document written by the outbox during the rebuild', async () => {
    const racing: SearchIndex = {
      ...index,
      listKeys: async () => {
        ask('Pregunta nueva durante el reindexado', 'Llega mientras se reconstruye el índice de búsqueda.');
        await drain();
        return index.listKeys();
      },
    };
    expect(await reindexAll(db, racing)).toEqual({ indexed: 2, removed: 0 });
    expect((await index.search({ q: 'reindexado' })).total).toBe(1);
  });
});

describe('outbox after a crash', () => {
  it('indexes on the next drain a write whose indexing never ran', async () => {
    ask('Escrita justo antes del apagón', 'El proceso murió entre el commit y la indexación.');
    // the process died here: the message is committed, unprocessed
    expect(db.select().from(outbox).all().filter((m) => m.processedAt === null)).toHaveLength(1);
    index = createSearchIndex({ engine: 'sqlite', sqlite: db.$client, now: () => NOW });
    expect(await drain()).toEqual({ processed: 1, failed: 0 });
    expect((await index.search({ q: 'apagón' })).total).toBe(1);
  });
});
