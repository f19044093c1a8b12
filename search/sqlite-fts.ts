import type Database from 'better-sqlite3';
import { documentKey, type DocumentType, type SearchDocument } from './documents';
import type { SearchHit, SearchIndex, SearchQuery, SearchResult, SuggestQuery } from './index';
import { ftsTerm, isStopWord, queryWords } from './query-text';

// Field weights for bm25(): title, tags, body.
const BM25 = 'bm25(search_fts, 10.0, 5.0, 1.0)';
const SOLVED_BOOST = 1.3;
const OPEN = '\u0001';
const CLOSE = '\u0002';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

function markHighlights(text: string): string {
  return escapeHtml(text).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>');
}

interface Row {
  type: DocumentType;
  ref_id: number;
  title: string;
  url: string;
  locale: 'es' | 'en';
  solved: number;
  snippet: string;
  score: number;
}

/** Embedded engine: FTS5 tables created by migration 0001 in the application's own database file. */
export function createSqliteFtsIndex(sqlite: Database.Database): SearchIndex {
  const upsertDoc = sqlite.prepare(
    `insert into search_docs (doc_key, type, ref_id, locale, category, tags, solved, votes, url, title, updated_at)
     values (@key, @type, @id, @locale, @category, @tags, @solved, @votes, @url, @title, @updatedAt)
     on conflict(doc_key) do update set locale = excluded.locale, category = excluded.category, tags = excluded.tags,
       solved = excluded.solved, votes = excluded.votes, url = excluded.url, title = excluded.title,
       updated_at = excluded.updated_at
     returning rowid`,
  );
  const deleteFts = sqlite.prepare('delete from search_fts where rowid = ?');
  const insertFts = sqlite.prepare('insert into search_fts (rowid, title, tags, body) values (?, ?, ?, ?)');
  const findDoc = sqlite.prepare('select rowid from search_docs where doc_key = ?');
  const deleteDoc = sqlite.prepare('delete from search_docs where rowid = ?');

  const indexMany = sqlite.transaction((documents: SearchDocument[]) => {
    for (const d of documents) {
      const { rowid } = upsertDoc.get({
        key: documentKey(d.type, d.id),
        type: d.type,
        id: d.id,
        locale: d.locale,
        category: d.category,
        tags: d.tags.join(' '),
        solved: d.solved ? 1 : 0,
        votes: d.votes,
        url: d.url,
        title: d.title,
        updatedAt: d.updatedAt,
      }) as { rowid: number };
      deleteFts.run(rowid);
      insertFts.run(rowid, d.title, d.tags.join(' '), d.body);
    }
  });

  const removeMany = sqlite.transaction((keys: { type: DocumentType; id: number }[]) => {
    for (const k of keys) {
      const row = findDoc.get(documentKey(k.type, k.id)) as { rowid: number } | undefined;
      if (!row) continue;
      deleteFts.run(row.rowid);
      deleteDoc.run(row.rowid);
    }
  });

  function filters(query: SearchQuery): { sql: string; params: unknown[] } {
    const clauses: [string, unknown][] = [];
    if (query.type) clauses.push(['d.type = ?', query.type]);
    if (query.locale) clauses.push(['d.locale = ?', query.locale]);
    if (query.category) clauses.push(['d.category = ?', query.category]);
    if (query.tag) clauses.push(["(' ' || d.tags || ' ') like ?", `% ${query.tag.replace(/[%_]/g, '')} %`]);
    if (query.solved !== undefined) clauses.push(['d.solved = ?', query.solved ? 1 : 0]);
    return { sql: clauses.map(([c]) => ` and ${c}`).join(''), params: clauses.map(([, p]) => p) };
  }

  function runMatch(match: string, query: SearchQuery, limit: number, offset: number): { rows: Row[]; total: number } {
    const f = filters(query);
    const rows = sqlite
      .prepare(
        `select d.type, d.ref_id, d.title, d.url, d.locale, d.solved,
           snippet(search_fts, 2, '${OPEN}', '${CLOSE}', '…', 24) as snippet,
           -${BM25} * (case when d.solved = 1 then ${SOLVED_BOOST} else 1.0 end) as score
         from search_fts join search_docs d on d.rowid = search_fts.rowid
         where search_fts match ?${f.sql}
         order by score desc limit ? offset ?`,
      )
      .all(match, ...f.params, limit, offset) as Row[];
    const { n } = sqlite
      .prepare(
        `select count(*) as n from search_fts join search_docs d on d.rowid = search_fts.rowid
         where search_fts match ?${f.sql}`,
      )
      .get(match, ...f.params) as { n: number };
    return { rows, total: n };
  }

  function facetCounts(match: string, query: SearchQuery): SearchResult['facets'] {
    const f = filters(query);
    const facet = (column: string) =>
      Object.fromEntries(
        (
          sqlite
            .prepare(
              `select d.${column} as k, count(*) as n from search_fts join search_docs d on d.rowid = search_fts.rowid
               where search_fts match ?${f.sql} group by d.${column}`,
            )
            .all(match, ...f.params) as { k: string | number; n: number }[]
        ).map((r) => [column === 'solved' ? (r.k ? 'true' : 'false') : String(r.k), r.n]),
      );
    return { type: facet('type'), locale: facet('locale'), solved: facet('solved') };
  }

  function toHit(r: Row): SearchHit {
    return {
      type: r.type,
      id: r.ref_id,
      title: r.title,
      url: r.url,
      snippet: markHighlights(r.snippet),
      score: Math.round(r.score * 1000) / 1000,
      locale: r.locale,
      solved: r.solved === 1,
    };
  }

  return {
    engine: 'sqlite',
    async index(documents) {
      if (documents.length) indexMany(documents);
    },
    async remove(keys) {
      if (keys.length) removeMany(keys);
    },
    async search(query) {
      const started = performance.now();
      const words = queryWords(query.q);
      const empty: SearchResult = { hits: [], total: 0, facets: { type: {}, locale: {}, solved: {} }, tookMs: 0 };
      if (words.length === 0) return empty;
      const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
      const offset = (Math.max(query.page ?? 1, 1) - 1) * limit;
      const last = words.length - 1;
      const all = words.map((w, i) => ftsTerm(w, i === last && w.length >= 2)).join(' ');
      let match = all;
      let result = runMatch(match, query, limit, offset);
      if (result.total === 0 && words.length > 1) {
        const meaningful = words.filter((w) => !isStopWord(w));
        match = (meaningful.length ? meaningful : words).map((w) => ftsTerm(w)).join(' OR ');
        result = runMatch(match, query, limit, offset);
      }
      return {
        hits: result.rows.map(toHit),
        total: result.total,
        facets: facetCounts(match, { q: query.q }),
        tookMs: Math.round((performance.now() - started) * 10) / 10,
      };
    },
    async suggest(query: SuggestQuery) {
      const words = queryWords(query.q);
      const meaningful = words.filter((w) => !isStopWord(w));
      if (meaningful.length === 0 || (meaningful.length === 1 && meaningful[0]!.length < 2)) return [];
      const last = meaningful.length - 1;
      const match = meaningful.map((w, i) => ftsTerm(w, i === last && w.length >= 2)).join(' OR ');
      const limit = Math.min(Math.max(query.limit ?? 8, 1), 20);
      return runMatch(match, { q: query.q, locale: query.locale }, limit, 0).rows.map(toHit);
    },
    async stats() {
      const { n } = sqlite.prepare('select count(*) as n from search_docs').get() as { n: number };
      return { documents: n };
    },
    async clear() {
      sqlite.transaction(() => {
        sqlite.prepare('delete from search_fts').run();
        sqlite.prepare('delete from search_docs').run();
      })();
    },
  };
}
