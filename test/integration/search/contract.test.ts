import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, runMigrations } from '../../../db/client';
import { createTestDb } from '../../helpers/db';
import { createSearchIndex, type SearchDocument, type SearchIndex } from '../../../search/index';
import { DAY, NOW } from '../../helpers/time';

function doc(id: number, fields: Partial<SearchDocument> & Pick<SearchDocument, 'title' | 'body'>): SearchDocument {
  return { type: 'question', id, locale: 'es', tags: [], category: 'internet', solved: false, votes: 0, helpfulness: null, url: `/q/${id}`, updatedAt: NOW - 30 * DAY, ...fields };
}

const DOCUMENTS: SearchDocument[] = [
  doc(1, { title: 'No puedo cambiar la contraseña del router', body: 'La página de configuración no carga desde el móvil.', tags: ['router'], solved: true, votes: 4 }),
  doc(2, { title: 'El router se desconecta cada noche', body: 'La conexión de fibra se cae a las tres de la mañana.', tags: ['router', 'fibra'] }),
  doc(3, { title: 'Cobro duplicado en la factura', body: 'Me cobraron dos veces el mes de noviembre en la tarjeta.', category: 'billing', tags: ['factura'] }),
  doc(4, { title: 'My invoice shows a double charge', body: 'I was billed twice for November on my card.', locale: 'en', category: 'billing', tags: ['invoice'] }),
  doc(5, { title: 'Reset the router password', body: 'Hold the reset button for ten seconds, then sign in with the password on the label.', locale: 'en', tags: ['router'], solved: true }),
  doc(6, { type: 'article', title: 'Cómo configurar el wifi del router', body: 'Guía paso a paso para cambiar el nombre y la contraseña de la red.', tags: ['router', 'wifi'], solved: true }),
  doc(7, { title: 'Devolución de un pedido', body: 'Quiero devolver unas zapatillas y no encuentro la etiqueta de envío. Tengo el router nuevo.', category: 'orders' }),
  doc(8, { title: 'Pedido sin llegar', body: 'El envío lleva una semana en reparto.', category: 'orders' }),
];

/** The behaviour every engine behind the SearchIndex port must show. */
function contract(name: string, open: () => Promise<SearchIndex>) {
  describe(name, () => {
    let index: SearchIndex;
    const titles = async (q: string, extra: object = {}) => (await index.search({ q, ...extra })).hits.map((h) => h.title);

    beforeAll(async () => {
      index = await open();
      await index.clear();
      await index.index(DOCUMENTS);
    });

    it('indexes, counts and lists documents', async () => {
      expect((await index.stats()).documents).toBe(8);
      expect((await index.listKeys()).sort()).toEqual(['article:6', ...[1, 2, 3, 4, 5, 7, 8].map((i) => `question:${i}`)].sort());
    });

    it('folds accents and case both ways, in Spanish and English', async () => {
      expect(await titles('CONTRASENA')).toContain('No puedo cambiar la contraseña del router');
      expect(await titles('devolucion')).toEqual(['Devolución de un pedido']);
      expect(await titles('Invoice')).toEqual(['My invoice shows a double charge']);
    });

    it('weighs a title match above a body match (title > tags > body)', async () => {
      // "router" is in the title of 1, 2, 5, 6 and only in the body of 7.
      const hits = await titles('router');
      expect(hits.at(-1)).toBe('Devolución de un pedido');
      expect(hits).toHaveLength(5);
    });

    it('boosts solved content over an otherwise equal match', async () => {
      const r = await index.search({ q: 'router', locale: 'es', type: 'question' });
      expect(r.hits[0]!.title).toBe('No puedo cambiar la contraseña del router');
      expect(r.hits[0]!.solved).toBe(true);
    });

    it('tolerates one typo from 5 letters and two from 9, not in short words', async () => {
      expect(await titles('contraseña', { locale: 'es', type: 'question' })).toEqual(['No puedo cambiar la contraseña del router']);
      expect(await titles('pasword')).toEqual(['Reset the router password']);
      expect(await titles('devolucoin')).toEqual(['Devolución de un pedido']);
      // two typos (a swap counts as one, plus a missing accent that is not a typo at all) in a 13-letter word
      expect(await titles('configuarcoin ')).toEqual(['No puedo cambiar la contraseña del router']);
      expect(await titles('facturra ')).toEqual(['Cobro duplicado en la factura']);
      expect(await titles('rt ')).toEqual([]);
    });

    it('matches the last word as a prefix while typing', async () => {
      expect(await titles('invo')).toEqual(['My invoice shows a double charge']);
      expect(await titles('double char')).toEqual(['My invoice shows a double charge']);
      expect(await titles('zapat')).toEqual(['Devolución de un pedido']);
    });

    it('matches a quoted phrase in order, stop words included', async () => {
      expect(await titles('"cada noche"')).toEqual(['El router se desconecta cada noche']);
      expect(await titles('"noche cada"')).toEqual([]);
      expect(await titles('"de la red" wifi')).toEqual(['Cómo configurar el wifi del router']);
    });

    it('highlights matches in an HTML-safe snippet', async () => {
      const [hit] = (await index.search({ q: 'billed' })).hits;
      expect(hit!.snippet).toContain('<mark>billed</mark>');
      expect(hit!.snippet).not.toMatch(/<(?!\/?mark>)/);
    });

    it('filters and counts facets, each facet without its own filter', async () => {
      const r = await index.search({ q: 'router', locale: 'es' });
      expect(r.total).toBe(4);
      expect(r.hits.every((h) => h.locale === 'es')).toBe(true);
      expect(r.facets.locale).toEqual({ es: 4, en: 1 });
      expect(r.facets.type).toEqual({ question: 3, article: 1 });
      expect(r.facets.solved).toEqual({ true: 2, false: 2 });
      expect(r.facets.tag).toMatchObject({ router: 3, fibra: 1, wifi: 1 });
      expect(r.facets.category).toEqual({ internet: 3, orders: 1 });
      const articles = await index.search({ q: 'router', type: 'article' });
      expect(articles.hits.map((h) => h.type)).toEqual(['article']);
      expect(articles.facets.type).toEqual({ question: 4, article: 1 });
      expect((await index.search({ q: 'router', tag: 'fibra' })).hits.map((h) => h.id)).toEqual([2]);
      expect((await index.search({ q: 'pedido', category: 'orders', solved: false })).total).toBe(2);
    });

    it('paginates without overlap', async () => {
      const first = await index.search({ q: 'router', limit: 2, page: 1 });
      const second = await index.search({ q: 'router', limit: 2, page: 2 });
      const third = await index.search({ q: 'router', limit: 2, page: 3 });
      const ids = [...first.hits, ...second.hits, ...third.hits].map((h) => h.id);
      expect(first.total).toBe(5);
      expect(new Set(ids).size).toBe(5);
      expect(third.hits).toHaveLength(1);
    });

    it('falls back to any word when no document has them all', async () => {
      // "zapatillas" is in document 7 only, "noviembre" in document 3 only
      expect((await index.search({ q: 'zapatillas noviembre' })).hits.map((h) => h.id).sort()).toEqual([3, 7]);
    });

    it('treats FTS syntax, SQL, emoji and huge input as text, never an error', async () => {
      for (const q of ['"', '*', 'NEAR(', 'router -', '-router', 'title:router', '^router', '(router', 'router AND', "'; drop table questions; --", '🔥', '', ' '.repeat(50), 'x'.repeat(10_000), 'ルーター router']) {
        const r = await index.search({ q });
        expect(r.total, JSON.stringify(q.slice(0, 20))).toBeGreaterThanOrEqual(0);
        await index.suggest({ q });
      }
      expect((await index.search({ q: '-router' })).total).toBe(5);
      expect((await index.search({ q: '"router"' })).total).toBe(5);
    });

    it('suggests while typing: all words first, then any; stop words alone suggest nothing', async () => {
      const hits = await index.suggest({ q: 'cambiar contra', locale: 'es' });
      expect(hits[0]?.title).toBe('No puedo cambiar la contraseña del router');
      expect(await index.suggest({ q: 'de la' })).toEqual([]);
      expect((await index.suggest({ q: 'router', locale: 'en', limit: 3 })).map((h) => h.id)).toEqual([5]);
    });

    it('finds similar documents to a question, leaving the question out', async () => {
      const similar = await index.suggest({
        q: 'Me han cobrado dos veces la factura',
        body: 'En la tarjeta aparece un cobro duplicado de noviembre.',
        exclude: { type: 'question', id: 1 },
        limit: 3,
      });
      expect(similar[0]!.id).toBe(3);
      const self = await index.suggest({ q: DOCUMENTS[1]!.title, body: DOCUMENTS[1]!.body, exclude: { type: 'question', id: 2 } });
      expect(self.map((h) => h.id)).not.toContain(2);
      expect(await index.suggest({ q: 'de la', body: '' })).toEqual([]);
    });

    it('ranks a helpful article above an unknown one, and both above an unhelpful one, all else equal', async () => {
      const article = (id: number, helpfulness: number | null) =>
        doc(id, { type: 'article', locale: 'en', category: 'devices', title: 'Pair the remote control with the TV box', body: 'Hold OK and the red button for five seconds.', solved: true, helpfulness });
      // Indexed unhelpful last: without the boost, the newest of equal matches would come first.
      await index.index([article(20, 0.9), article(21, null), article(22, 0.1)]);
      const r = await index.search({ q: 'remote control', type: 'article' });
      expect(r.hits.map((h) => h.id)).toEqual([20, 21, 22]);
      expect(r.hits[0]!.score).toBeGreaterThan(r.hits[1]!.score);
      expect(r.hits[1]!.score).toBeGreaterThan(r.hits[2]!.score);
      await index.remove([20, 21, 22].map((id) => ({ type: 'article' as const, id })));
    });

    it('replaces a document on re-index and forgets a removed one', async () => {
      await index.index([{ ...DOCUMENTS[7]!, title: 'Pedido perdido en reparto' }]);
      expect(await titles('perdido')).toEqual(['Pedido perdido en reparto']);
      expect(await titles('llegar')).toEqual([]);
      await index.remove([{ type: 'question', id: 8 }, { type: 'question', id: 999 }]);
      expect(await titles('reparto')).toEqual([]);
      expect((await index.stats()).documents).toBe(7);
    });
  });
}

contract('SearchIndex contract: SQLite FTS5', async () => createSearchIndex({ engine: 'sqlite', sqlite: createTestDb().$client, now: () => NOW }));

describe('SearchIndex contract: SQLite FTS5 in worker threads (the server\'s path for a database file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'resuelve-contract-'));
  let index: SearchIndex | undefined;
  contract('SearchIndex contract: SQLite FTS5, worker threads', async () => {
    const path = join(dir, 'search.db');
    const db = createDb(path);
    runMigrations(db);
    index = createSearchIndex({ engine: 'sqlite', sqlite: db.$client, workers: { path, workers: 2, timeoutMs: 10_000 }, now: () => NOW });
    return index;
  });
  afterAll(async () => {
    await index?.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

const host = process.env.MEILISEARCH_HOST;
describe.skipIf(!host)('SearchIndex contract: Meilisearch (skipped: set MEILISEARCH_HOST to run it against a real server)', () => {
  let index: SearchIndex;
  contract('SearchIndex contract: Meilisearch', async () => {
    index = createSearchIndex({ engine: 'meilisearch', host: host!, apiKey: process.env.MEILISEARCH_API_KEY, indexName: `resuelve_contract_${process.pid}`, now: () => NOW });
    return index;
  });
  afterAll(async () => {
    await index?.clear();
  });
});
