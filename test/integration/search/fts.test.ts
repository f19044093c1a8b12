import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { outbox } from '../../../db/schema/index';
import { acceptAnswer } from '../../../src/lib/community/accept-answer';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { drainOutbox } from '../../../src/lib/jobs/outbox';
import { searchIndexHandlers } from '../../../src/lib/search/index-handlers';
import { createSearchIndex, type SearchIndex } from '../../../search/index';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { NOW } from '../../helpers/time';

let db: SqliteDb;
let index: SearchIndex;
const drain = () => drainOutbox(db, searchIndexHandlers(db, index), () => NOW);

beforeEach(async () => {
  db = createTestDb();
  index = createSearchIndex({ engine: 'sqlite', sqlite: db.$client });
  createCategory(db, 'internet');
  const asker = await createMember(db);
  const helper = await createMember(db);
  const q1 = askQuestion(db, asker, { title: 'No puedo cambiar la contraseña del router', body: 'La página de configuración no carga desde el móvil.', category: 'internet', tags: 'router', locale: 'es' }, NOW);
  const a = answerQuestion(db, helper, q1.id, { body: 'Reinicia el router y entra por cable a 192.168.1.1, funciona seguro.' }, NOW);
  acceptAnswer(db, asker, a.id, NOW);
  askQuestion(db, asker, { title: 'My invoice shows a double charge', body: 'I was billed twice for November on my card.', category: 'internet', tags: 'invoice', locale: 'en' }, NOW);
  await drain();
});

describe('SQLite FTS5 search', () => {
  it('indexes through the outbox and finds a thread by its answer text', async () => {
    expect(db.select().from(outbox).all().every((m) => m.processedAt !== null)).toBe(true);
    const r = await index.search({ q: 'cable' });
    expect(r.hits.map((h) => h.title)).toEqual(['No puedo cambiar la contraseña del router']);
    expect(r.hits[0]!.solved).toBe(true);
  });
  it('folds accents and case in both directions', async () => {
    expect((await index.search({ q: 'CONTRASENA' })).total).toBe(1);
    expect((await index.search({ q: 'móvil' })).total).toBe(1);
    expect((await index.search({ q: 'movil' })).total).toBe(1);
  });
  it('matches the last word as a prefix and highlights matches safely', async () => {
    const r = await index.search({ q: 'invo' });
    expect(r.total).toBe(1);
    expect((await index.search({ q: 'double char' })).hits[0]!.title).toBe('My invoice shows a double charge');
    const s = await index.search({ q: 'billed' });
    expect(s.hits[0]!.snippet).toContain('<mark>billed</mark>');
  });
  it('gives each hit the snippet of its own text', async () => {
    const asker = await createMember(db);
    askQuestion(db, asker, { title: 'Segunda pregunta con router', body: 'El router de la oficina parpadea en naranja cada hora.', category: 'internet', locale: 'es' }, NOW);
    await drain();
    const r = await index.search({ q: 'router', locale: 'es' });
    expect(r.hits.length).toBe(2);
    expect(new Set(r.hits.map((h) => h.snippet)).size).toBe(2);
    expect(r.hits.find((h) => h.title === 'Segunda pregunta con router')!.snippet).toContain('oficina parpadea');
  });
  it('treats FTS5 syntax, SQL and emoji as text, never an error', async () => {
    for (const q of ['"', '*', 'NEAR(', 'router -', 'title:router', '^router', '(router', "'; drop table questions; --", '🔥', '', ' '.repeat(50), 'x'.repeat(10_000)]) {
      const r = await index.search({ q });
      expect(r.total, JSON.stringify(q.slice(0, 20))).toBeGreaterThanOrEqual(0);
    }
    expect((await index.search({ q: 'router"' })).total).toBe(1);
  });
  it('filters by locale and solved, and counts facets', async () => {
    expect((await index.search({ q: 'router OR invoice' })).total).toBe(2);
    const es = await index.search({ q: 'router OR invoice', locale: 'es' });
    expect(es.hits.map((h) => h.locale)).toEqual(['es']);
    expect(es.facets.locale).toEqual({ en: 1, es: 1 });
    expect((await index.search({ q: 'router OR invoice', solved: false })).hits.map((h) => h.locale)).toEqual(['en']);
  });
  it('offers "did you mean" with the closest indexed words, in both languages, and only when a word was corrected', async () => {
    const es = await index.search({ q: 'contrasenia del ruter ' });
    expect(es.didYouMean).toBe('contrasena router');
    expect(es.total).toBe(1);
    const en = await index.search({ q: 'doble invocie ' });
    expect(en.didYouMean).toBe('double invoice');
    expect(en.hits[0]!.title).toBe('My invoice shows a double charge');
    expect((await index.search({ q: 'invoice ' })).didYouMean).toBeNull();
  });
  it('suggests a post that writes whole a compound the draft splits, in both languages', async () => {
    const asker = await createMember(db);
    askQuestion(db, asker, { title: 'Lulu hypermarket opening hours', body: 'Is the hypermarket open on Friday mornings?', category: 'internet', locale: 'en' }, NOW);
    askQuestion(db, asker, { title: 'Configurar el wifi del portátil', body: 'El portátil no encuentra la red de casa.', category: 'internet', locale: 'es' }, NOW);
    await drain();
    expect((await index.suggest({ q: 'Directions to LU LU', body: 'How do I drive to LU LU from the airport?', locale: 'en' }))[0]?.title).toBe('Lulu hypermarket opening hours');
    expect((await index.suggest({ q: 'Conectar el wi fi', locale: 'es' }))[0]?.title).toBe('Configurar el wifi del portátil');
  });
  it('suggests while typing a title: any word, last one as prefix', async () => {
    const hits = await index.suggest({ q: 'cambiar contra', locale: 'es' });
    expect(hits[0]?.title).toBe('No puedo cambiar la contraseña del router');
    expect(await index.suggest({ q: 'de la' })).toEqual([]);
  });
});

describe('outbox', () => {
  it('retries a failing handler later without losing the message', async () => {
    const asker = await createMember(db);
    askQuestion(db, asker, { title: 'Pregunta que fallará al indexar', body: 'Cuerpo suficientemente largo para validar.', category: 'internet', locale: 'es' }, NOW);
    let calls = 0;
    const failing = { 'question.changed': async () => { calls++; throw new Error('engine down'); } };
    expect(await drainOutbox(db, failing, () => NOW)).toEqual({ processed: 0, failed: 1 });
    // not yet available again: backoff
    expect(await drainOutbox(db, failing, () => NOW + 100)).toEqual({ processed: 0, failed: 0 });
    expect(calls).toBe(1);
    expect(await drainOutbox(db, searchIndexHandlers(db, index), () => NOW + 60_000)).toEqual({ processed: 1, failed: 0 });
    expect((await index.search({ q: 'fallará' })).total).toBe(1);
  });
});
