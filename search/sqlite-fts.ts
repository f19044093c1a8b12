import type Database from 'better-sqlite3';
import { documentKey, type DocumentType, type SearchDocument } from './documents';
import { emptyFacets, MAX_TOTAL_HITS, type SearchFilters, type SearchHit, type SearchIndex, type SearchResult } from './port';
import { inverseDocumentFrequency, joinedWords, meaningfulTerms, rankDraft, snippetAround } from './draft-ranking';
import { allowedTypos, editDistance, ftsTerm, indexTerms, isStopWord, parseQuery, type ParsedQuery } from './query-text';
import { countFacets, escapeHtml, hasFilters, matchesFilters, rankingBoost } from './ranking';

// Field weights: a query part found in the title counts 10× one found only in the body, in the tags 5×.
const TITLE_WEIGHT = 10;
const TAGS_WEIGHT = 5;
const BODY_WEIGHT = 1;
const AVERAGE_TITLE_TERMS = 8;
// Drafts (see suggest()): matches fetched, of which the best by title and field weights are reranked on their text.
const DRAFT_CANDIDATES = 500;
const DRAFT_RERANKED = 50;
const DRAFT_TERMS = 16;
const DRAFT_TITLE_TERMS_TOGETHER = 6;
const DRAFT_BODY_CHARS = 2000;
const PREFIX_EXPANSIONS = 12;
const TYPO_VARIANTS = 4;
// Time budgets of candidate retrieval (see candidates()).
const RETRIEVAL_BUDGET_MS = 30;
const SUGGEST_BUDGET_MS = 10;
const DOCUMENT_COUNT_TTL_MS = 60_000;
// Windowed walks of several-part queries (see candidates()).
const FIRST_WINDOW_ROWIDS = 4096;
const DISJOINT_EVIDENCE = 30;
const OPEN = '\u0001';
const CLOSE = '\u0002';

const threadCpuUsage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.bind(process);

/**
 * A budget of this thread's CPU time (Node ≥ 23.9; wall time before): it bounds the work a query costs, so a busy
 * machine does not change what a query finds; waits for a core are the worker pool's hard budget to cut. Also over
 * once the query is `abandoned` (its caller gone: what it finds then is thrown away).
 */
function cpuBudget(ms: number, abandoned: () => boolean): () => boolean {
  if (!threadCpuUsage) {
    const deadline = performance.now() + ms;
    return () => abandoned() || performance.now() > deadline;
  }
  const used = () => {
    const u = threadCpuUsage();
    return (u.user + u.system) / 1000;
  };
  const start = used();
  return () => abandoned() || used() - start > ms;
}

function markHighlights(text: string): string {
  return escapeHtml(text).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>');
}

/** What ranking and facets need of a match; the rest of a hit is read for the page shown only. */
interface CandidateRow {
  rowid: number;
  type: DocumentType;
  locale: 'es' | 'en';
  category: string;
  tags: string;
  solved: number;
  votes: number;
  helpfulness: number | null;
  /** The title as indexed terms (folded, space-separated). */
  title_terms: string;
  updated_at: number;
}

interface Candidate {
  row: CandidateRow;
  tags: string[];
  score: number;
}

/** One part of a query, as matched: a word (itself, its typo variants or its prefix expansion) or a phrase. */
interface QueryPart {
  fts: string;
  /** The indexed terms it stands for (a phrase: its words, in order). */
  terms: string[];
  /** A 2–3-letter prefix matched through FTS5's prefix index. */
  prefix: string | null;
  phrase: boolean;
  idf: number;
  /** Documents holding it (an estimate for prefixes and phrases). */
  docs: number;
  word: string;
  correction: string;
}

interface BuiltQuery {
  parts: QueryPart[];
  all: string;
  any: string | null;
  didYouMean: string | null;
}

function inText(part: QueryPart, tokens: string[]): boolean {
  if (part.phrase) {
    const n = part.terms.length;
    for (let i = 0; i + n <= tokens.length; i++) if (part.terms.every((t, j) => tokens[i + j] === t)) return true;
    return false;
  }
  if (part.prefix !== null) return tokens.some((t) => t.startsWith(part.prefix!));
  return tokens.some((t) => part.terms.includes(t));
}

/**
 * Embedded engine: FTS5 tables created by migration 0001 in the application's own database file.
 *
 * Speed at a million documents comes from never ranking every match: FTS5 walks the matches newest first and stops
 * after MAX_TOTAL_HITS (or at a time budget), and only those are scored. Scoring happens here rather than with FTS5's
 * bm25(), whose idf step reads the whole posting list of every query term (tens of milliseconds for a word in most
 * documents): each query part adds its idf (from `search_terms`) times the weight of the best field it is in —
 * title, tags or body — and the sum is multiplied by the solved/votes/freshness boost. `search_terms` (every
 * indexed term with its document count) also drives typo tolerance, prefix expansion and "did you mean".
 */
export function createSqliteFtsIndex(sqlite: Database.Database, now: () => number = () => Date.now(), abandoned: () => boolean = () => false): SearchIndex {
  const upsertDoc = sqlite.prepare(
    `insert into search_docs (doc_key, type, ref_id, locale, category, tags, solved, votes, helpfulness, url, title, title_terms, updated_at)
     values (@key, @type, @id, @locale, @category, @tags, @solved, @votes, @helpfulness, @url, @title, @titleTerms, @updatedAt)
     on conflict(doc_key) do update set locale = excluded.locale, category = excluded.category, tags = excluded.tags,
       solved = excluded.solved, votes = excluded.votes, helpfulness = excluded.helpfulness, url = excluded.url, title = excluded.title,
       title_terms = excluded.title_terms, updated_at = excluded.updated_at
     returning rowid`,
  );
  const findDoc = sqlite.prepare('select rowid from search_docs where doc_key = ?');
  const oldText = sqlite.prepare('select title, tags, body from search_fts where rowid = ?');
  const deleteFts = sqlite.prepare('delete from search_fts where rowid = ?');
  const insertFts = sqlite.prepare('insert into search_fts (rowid, title, tags, body) values (?, ?, ?, ?)');
  const deleteDoc = sqlite.prepare('delete from search_docs where rowid = ?');
  const bumpTerm = sqlite.prepare(
    'insert into search_terms (term, docs) values (?, ?) on conflict(term) do update set docs = docs + excluded.docs returning docs',
  );
  const dropTerm = sqlite.prepare('delete from search_terms where term = ?');
  const termDocs = sqlite.prepare('select docs from search_terms where term = ?').pluck();
  const termsInRange = sqlite.prepare(
    'select term, docs from search_terms where term >= ? and term < ? and length(term) between ? and ?',
  );
  const topTermsWithPrefix = sqlite.prepare('select term from search_terms where term >= ? and term < ? order by docs desc limit ?').pluck();
  const countDocs = sqlite.prepare('select count(*) from search_docs').pluck();
  // Rowid bounds next to MATCH are written into the SQL as integer literals: SQLite 3.54.1's FTS5 ignores them when
  // they are bound parameters — a range then walks every match of the whole index (tens of milliseconds per query at
  // a million documents) and `rowid = ?` even returns every match. Measured: 0.3 ms with literals, 28 ms bound.
  const inRange = (lo: number, hi: number) => {
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) throw new Error(`bad rowid range ${lo}..${hi}`);
    return `search_fts.rowid between ${lo} and ${hi}`;
  };
  const matchesInRange = (match: string, lo: number, hi: number) =>
    sqlite.prepare(`select rowid from search_fts where search_fts match ? and ${inRange(lo, hi)}`).pluck().all(match) as number[];
  const snippetOf = (match: string, rowid: number) =>
    sqlite
      .prepare(`select snippet(search_fts, 2, '${OPEN}', '${CLOSE}', '…', 24) from search_fts where search_fts match ? and ${inRange(rowid, rowid)}`)
      .pluck()
      .get(match) as string | undefined;
  const textOf = sqlite.prepare('select title, body from search_fts where rowid = ?');
  const draftText = sqlite.prepare(`select title, substr(body, 1, ${DRAFT_BODY_CHARS}) as body from search_fts where rowid = ?`);
  const shownOf = sqlite.prepare('select ref_id, title, url from search_docs where rowid = ?');
  const bodyStart = sqlite.prepare('select substr(body, 1, 200) from search_fts where rowid = ?').pluck();

  // Counted again once a minute (the count takes ~30 ms at a million documents): a search worker's connection, or the
  // reindex script's, does not see this connection's increments, and idf only needs the rough size.
  let documentCount: number | null = null;
  let countedAt = 0;
  const totalDocs = () => {
    if (documentCount === null || performance.now() - countedAt > DOCUMENT_COUNT_TTL_MS) {
      documentCount = countDocs.get() as number;
      countedAt = performance.now();
    }
    return documentCount;
  };
  const docsWith = (term: string) => (termDocs.get(term) as number | undefined) ?? 0;
  const idfOf = (docs: number) => inverseDocumentFrequency(docs, totalDocs());

  const termsOf = (title: string, tags: string, body: string) => new Set(indexTerms(`${title} ${tags} ${body}`));

  const applyTermDeltas = (deltas: Map<string, number>) => {
    for (const [term, delta] of deltas) {
      if (delta === 0) continue;
      if ((bumpTerm.get(term, delta) as { docs: number }).docs <= 0) dropTerm.run(term);
    }
  };

  const indexMany = sqlite.transaction((documents: SearchDocument[]) => {
    const deltas = new Map<string, number>();
    const bump = (terms: Set<string>, by: number) => {
      for (const t of terms) deltas.set(t, (deltas.get(t) ?? 0) + by);
    };
    for (const d of documents) {
      const existing = findDoc.get(documentKey(d.type, d.id)) as { rowid: number } | undefined;
      if (existing) {
        const old = oldText.get(existing.rowid) as { title: string; tags: string; body: string } | undefined;
        if (old) bump(termsOf(old.title, old.tags, old.body), -1);
      } else if (documentCount !== null) documentCount++;
      const tags = d.tags.join(' ');
      const { rowid } = upsertDoc.get({
        key: documentKey(d.type, d.id),
        type: d.type,
        id: d.id,
        locale: d.locale,
        category: d.category,
        tags,
        solved: d.solved ? 1 : 0,
        votes: d.votes,
        helpfulness: d.helpfulness ?? null,
        url: d.url,
        title: d.title,
        titleTerms: indexTerms(d.title).join(' '),
        updatedAt: d.updatedAt,
      }) as { rowid: number };
      deleteFts.run(rowid);
      insertFts.run(rowid, d.title, tags, d.body);
      bump(termsOf(d.title, tags, d.body), 1);
    }
    applyTermDeltas(deltas);
  });

  const removeMany = sqlite.transaction((keys: { type: DocumentType; id: number }[]) => {
    const deltas = new Map<string, number>();
    for (const k of keys) {
      const row = findDoc.get(documentKey(k.type, k.id)) as { rowid: number } | undefined;
      if (!row) continue;
      const old = oldText.get(row.rowid) as { title: string; tags: string; body: string } | undefined;
      if (old) for (const t of termsOf(old.title, old.tags, old.body)) deltas.set(t, (deltas.get(t) ?? 0) - 1);
      deleteFts.run(row.rowid);
      deleteDoc.run(row.rowid);
      if (documentCount !== null) documentCount--;
    }
    applyTermDeltas(deltas);
  });

  /** Indexed terms within the tolerated typos of a word (same first letter), closest and most frequent first. */
  function typoVariants(word: string): string[] {
    const max = allowedTypos(word);
    if (max === 0) return [];
    const first = word[0]!;
    const rows = termsInRange.all(first, String.fromCodePoint(first.codePointAt(0)! + 1), word.length - max, word.length + max) as { term: string; docs: number }[];
    return rows
      .map((r) => ({ ...r, distance: editDistance(word, r.term, max) }))
      .filter((r) => r.distance <= max)
      .sort((a, b) => a.distance - b.distance || b.docs - a.docs)
      .slice(0, TYPO_VARIANTS)
      .map((r) => r.term);
  }

  function alternatives(word: string, terms: string[], correction = word): QueryPart {
    const docs = Math.min(totalDocs(), terms.reduce((sum, t) => sum + docsWith(t), 0));
    const fts = terms.length === 1 ? ftsTerm(terms[0]!) : `(${terms.map((t) => ftsTerm(t)).join(' OR ')})`;
    return { fts, terms, prefix: null, phrase: false, idf: idfOf(docs), docs, word, correction };
  }

  function matchWord(word: string, isPrefix: boolean): QueryPart {
    if (isPrefix && word.length >= 2) {
      // 2–3 letters use FTS5's prefix indexes (weak evidence: idf as for a word in half the documents); longer
      // prefixes expand to their most frequent indexed terms, which FTS5 walks lazily, where a long prefix query
      // would first merge the full posting lists of every term it covers.
      if (word.length <= 3) return { fts: ftsTerm(word, true), terms: [], prefix: word, phrase: false, idf: idfOf(totalDocs() / 2), docs: totalDocs() / 2, word, correction: word };
      const terms = topTermsWithPrefix.all(word, `${word}\u{10FFFF}`, PREFIX_EXPANSIONS) as string[];
      if (terms.length) return alternatives(word, terms);
    }
    if (docsWith(word) > 0) return alternatives(word, [word]);
    const variants = typoVariants(word);
    return variants.length ? alternatives(word, variants, variants[0]) : alternatives(word, [word]);
  }

  /** The words that must match: stop words only count when the query has nothing else (or is still being typed). */
  function significantWords(parsed: ParsedQuery): { word: string; isPrefix: boolean }[] {
    const last = parsed.words.length - 1;
    const all = parsed.words.map((word, i) => ({ word, isPrefix: parsed.lastIsPrefix && i === last }));
    const kept = all.filter((w) => !isStopWord(w.word) || w.isPrefix);
    return kept.some((w) => !isStopWord(w.word)) || parsed.phrases.length ? kept : all;
  }

  /** The all-parts and any-part match expressions of a query, or null when nothing searchable is left. */
  function buildQuery(parsed: ParsedQuery): BuiltQuery | null {
    const words = significantWords(parsed).map((w) => matchWord(w.word, w.isPrefix));
    const phrases: QueryPart[] = parsed.phrases.map((p) => {
      const idf = p.filter((w) => !isStopWord(w)).reduce((sum, w) => sum + idfOf(docsWith(w)), 0);
      const docs = Math.min(...p.map((w) => docsWith(w)));
      return { fts: `(${p.map((w) => ftsTerm(w)).join(' AND ')})`, terms: p, prefix: null, phrase: true, idf: Math.max(idf, 1), docs, word: p.join(' '), correction: `"${p.join(' ')}"` };
    });
    const parts = [...phrases, ...words];
    if (parts.length === 0) return null;
    const corrected = words.some((w) => w.correction !== w.word);
    return {
      parts,
      all: parts.map((p) => p.fts).join(' AND '),
      any: parts.length > 1 ? parts.map((p) => p.fts).join(' OR ') : null,
      didYouMean: corrected ? parts.map((p) => p.correction).join(' ') : null,
    };
  }

  const facetRow = (r: CandidateRow) => ({ type: r.type, locale: r.locale, category: r.category, tags: r.tags ? r.tags.split(' ') : [], solved: r.solved === 1 });

  const candidateRows = (lo: number, hi: number) =>
    sqlite.prepare(
      `select search_fts.rowid as rowid, d.type, d.locale, d.category, d.tags, d.solved, d.votes, d.helpfulness, d.title_terms, d.updated_at
       from search_fts cross join search_docs d on d.rowid = search_fts.rowid
       where search_fts match ? and ${inRange(lo, hi)} order by search_fts.rowid desc`,
    );
  const lastRowid = sqlite.prepare('select coalesce(max(rowid), 0) from search_docs').pluck();

  /**
   * Walks the matches newest first and keeps the first `cap` of them (for facets) and the first `cap` that pass the
   * filters and `accept` (for hits). Filters are applied here, not in SQL, so that every match comes back to this
   * loop: the walk checks the deadline as it goes and no query, however selective its filter, can stall the server
   * (it then returns what the newest matches held, marked incomplete).
   *
   * A query of several parts is walked in rowid windows, newest first, each twice the last: FTS5 yields the first
   * match of an AND only once it has found one, and for words that never meet (two languages) that means reading
   * both posting lists to the end — a wait that no deadline check can cut short. `together` is the share of
   * documents expected to hold every part if the words were independent; once the windows walked should have held
   * DISJOINT_EVIDENCE such documents and held none that passes the filters, the walk stops and reports the parts
   * `disjoint` (the caller then searches any word). Posts holding every word further back are missed: the same
   * newest-first trade-off as the cap on matches.
   */
  function candidates(
    match: string,
    f: SearchFilters,
    cap: number,
    over: () => boolean,
    accept: (row: CandidateRow) => boolean = () => true,
    together?: number,
  ): { all: CandidateRow[]; matching: CandidateRow[]; complete: boolean; disjoint: boolean } {
    const all: CandidateRow[] = [];
    const matching: CandidateRow[] = [];
    const filtered = hasFilters(f);
    const last = lastRowid.get() as number;
    const docsPerRowid = last > 0 ? totalDocs() / last : 1;
    let seen = 0;
    let hi = last;
    let size = together === undefined ? last : Math.max(FIRST_WINDOW_ROWIDS, Math.ceil(last / 32));
    while (hi >= 1) {
      const lo = Math.max(1, hi - size + 1);
      for (const row of candidateRows(lo, hi).iterate(match) as IterableIterator<CandidateRow>) {
        const passes = accept(row);
        if (passes && all.length < cap) all.push(row);
        if (passes && (!filtered || matchesFilters(facetRow(row), f)) && matching.length < cap) matching.push(row);
        if (matching.length >= cap && all.length >= cap) return { all, matching, complete: true, disjoint: false };
        if (++seen % 32 === 0 && over()) return { all, matching, complete: false, disjoint: false };
      }
      hi = lo - 1;
      if (hi < 1) break;
      if (over()) return { all, matching, complete: false, disjoint: false };
      if (together !== undefined && matching.length === 0 && together * (last - hi) * docsPerRowid >= DISJOINT_EVIDENCE) {
        return { all, matching, complete: false, disjoint: true };
      }
      size *= 2;
    }
    return { all, matching, complete: true, disjoint: false };
  }

  /** The share of documents expected to hold every part of a query if its words were independent. */
  function togetherShare(built: BuiltQuery): number | undefined {
    if (built.parts.length < 2) return undefined;
    const n = Math.max(totalDocs(), 1);
    return built.parts.reduce((share, part) => share * Math.min(1, part.docs / n), 1);
  }

  /**
   * Which parts each of `rows` holds, asked of FTS5 over the rows' rowid range: for rows walked with any part
   * matching (with every part matching, each part is known to be there).
   */
  function presence(rows: CandidateRow[], parts: QueryPart[]): (rowid: number, part: number) => boolean {
    if (rows.length === 0 || parts.length < 2) return () => true;
    const lo = Math.min(...rows.map((r) => r.rowid));
    const hi = Math.max(...rows.map((r) => r.rowid));
    const sets = parts.map((p) => new Set(matchesInRange(p.fts, lo, hi)));
    return (rowid, part) => sets[part]!.has(rowid);
  }

  /**
   * Scores candidates: per query part, its idf times the weight of the best field holding it. Title and tags are
   * checked here on the stored text; whether a part is in the body is `present` (every part is, when every part had
   * to match).
   */
  function score(rows: CandidateRow[], built: BuiltQuery, present: (rowid: number, part: number) => boolean = () => true): Candidate[] {
    const t = now();
    return rows.map((row) => {
      const titleTokens = row.title_terms.split(' ');
      const tagTokens = row.tags ? indexTerms(row.tags) : [];
      const titleNorm = 1 / (0.5 + (0.5 * titleTokens.length) / AVERAGE_TITLE_TERMS);
      let text = 0;
      built.parts.forEach((part, i) => {
        const field = inText(part, titleTokens) ? TITLE_WEIGHT * titleNorm : inText(part, tagTokens) ? TAGS_WEIGHT : present(row.rowid, i) ? BODY_WEIGHT : 0;
        text += part.idf * field;
      });
      return { row, tags: row.tags ? row.tags.split(' ') : [], score: text * boostOf(row, t) };
    });
  }

  /**
   * Phrases are retrieved as all their words and checked here on the text: an FTS5 phrase query over common words
   * reads every position list before it yields anything, this walk stays within the time budget.
   */
  function phraseCheck(built: BuiltQuery): ((row: CandidateRow) => boolean) | undefined {
    const phrases = built.parts.filter((p) => p.phrase);
    if (phrases.length === 0) return undefined;
    return (row) => {
      const { title, body } = textOf.get(row.rowid) as { title: string; body: string };
      const tokens = indexTerms(`${title}\n${body}`);
      return phrases.every((p) => inText(p, tokens));
    };
  }

  const boostOf = (row: CandidateRow, t: number) => rankingBoost({ solved: row.solved === 1, votes: row.votes, updatedAt: row.updated_at, helpfulness: row.helpfulness }, t);

  const byScore = (a: Candidate, b: Candidate) => b.score - a.score || b.row.rowid - a.row.rowid;

  /** A hit; its snippet by FTS5 for `match`, or the one given (`snippet`: text with OPEN/CLOSE markers). */
  function toHit(c: Candidate, match: string | null, given?: string): SearchHit {
    const snippet = given ?? (match ? snippetOf(match, c.row.rowid) : undefined);
    const shown = shownOf.get(c.row.rowid) as { ref_id: number; title: string; url: string };
    return {
      type: c.row.type,
      id: shown.ref_id,
      title: shown.title,
      url: shown.url,
      snippet: snippet !== undefined ? markHighlights(snippet) : escapeHtml(((bodyStart.get(c.row.rowid) as string | undefined) ?? '').slice(0, 200)),
      score: Math.round(c.score * 1000) / 1000,
      locale: c.row.locale,
      solved: c.row.solved === 1,
      category: c.row.category,
      tags: c.tags,
    };
  }


  return {
    engine: 'sqlite',
    async index(documents) {
      // IMMEDIATE: these read before they write (see db/client.ts immediateTransactions).
      if (documents.length) indexMany.immediate(documents);
    },
    async remove(keys) {
      if (keys.length) removeMany.immediate(keys);
    },
    async search(query) {
      const started = performance.now();
      const empty: SearchResult = { hits: [], total: 0, exhaustive: true, facets: emptyFacets(), didYouMean: null, tookMs: 0 };
      const built = buildQuery(parseQuery(query.q));
      if (!built) return empty;
      const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
      const offset = (Math.max(query.page ?? 1, 1) - 1) * limit;
      const filters: SearchFilters = { type: query.type, locale: query.locale, category: query.category, tag: query.tag, solved: query.solved };

      const over = cpuBudget(RETRIEVAL_BUDGET_MS, abandoned);
      let match = built.all;
      let everyPart = true;
      let walk = candidates(match, filters, MAX_TOTAL_HITS, over, phraseCheck(built), togetherShare(built));
      // Any word when no post has every word (with the filters, the search page first tries other languages), or
      // when the newest posts that pass the filters show the words do not meet.
      if (built.any && (walk.complete ? walk.all.length === 0 : walk.disjoint)) {
        [match, everyPart] = [built.any, false];
        walk = candidates(match, filters, MAX_TOTAL_HITS, over);
      }
      const found = score(walk.matching, built, everyPart ? undefined : presence(walk.matching, built.parts)).sort(byScore);
      return {
        hits: found.slice(offset, offset + limit).map((c) => toHit(c, match)),
        total: found.length,
        exhaustive: walk.complete && found.length < MAX_TOTAL_HITS,
        facets: countFacets(walk.all.map(facetRow), filters),
        didYouMean: built.didYouMean,
        tookMs: Math.round((performance.now() - started) * 10) / 10,
      };
    },
    async suggest(query) {
      const limit = Math.min(Math.max(query.limit ?? 8, 1), 100);
      const n = totalDocs();
      const docsOf = new Map<string, number>();
      const df = (term: string) => {
        let v = docsOf.get(term);
        if (v === undefined) docsOf.set(term, (v = docsWith(term)));
        return v;
      };
      // Terms in over half the documents (of an index big enough to tell) say nothing.
      const informative = (terms: string[]) => [...new Set(terms)].filter((t) => df(t) > 0 && df(t) <= Math.max(n / 2, 50));
      // A title still being typed ends in an unfinished word: an unknown one stands for its most frequent completion.
      let typed = query.q;
      const last = indexTerms(typed).at(-1);
      if (!query.body && last !== undefined && last.length >= 3 && parseQuery(typed).lastIsPrefix && df(last) === 0) {
        const completion = (topTermsWithPrefix.all(last, `${last}\u{10FFFF}`, 1) as string[])[0];
        if (completion) typed = typed.replace(/[\p{L}\p{N}]+$/u, completion);
      }
      const titleTerms = informative(meaningfulTerms(typed));
      const bodyTerms = informative(meaningfulTerms(query.body ?? ''))
        .filter((t) => !titleTerms.includes(t))
        .sort((a, b) => df(a) - df(b));
      // Split compounds the index holds whole ("lu lu" → "lulu") fetch candidates as the draft's own words do.
      const joined = informative([...joinedWords(typed), ...joinedWords(query.body ?? '')]).filter((t) => !titleTerms.includes(t) && !bodyTerms.includes(t));
      const parts = [...titleTerms, ...joined, ...bodyTerms].slice(0, DRAFT_TERMS).map((t) => alternatives(t, [t]));
      if (parts.length === 0) return [];
      const anyPart: BuiltQuery = { parts, all: parts.map((p) => p.fts).join(' OR '), any: null, didYouMean: null };
      const filters: SearchFilters = { locale: query.locale, type: query.type };
      const excluded = query.exclude ? (findDoc.get(documentKey(query.exclude.type, query.exclude.id)) as { rowid: number } | undefined)?.rowid : undefined;
      const over = cpuBudget(SUGGEST_BUDGET_MS, abandoned);

      // The title's words together first (a title states the problem), then any word of the draft to fill the pool.
      const together = parts.slice(0, Math.min(titleTerms.length, DRAFT_TITLE_TERMS_TOGETHER));
      let pool: Candidate[] = [];
      if (together.length >= 2) {
        const built: BuiltQuery = { parts: together, all: together.map((p) => p.fts).join(' AND '), any: null, didYouMean: null };
        const rows = candidates(built.all, filters, DRAFT_CANDIDATES, over, undefined, togetherShare(built)).matching.filter((r) => r.rowid !== excluded);
        // Every title part is in these. Whether the body parts are is left to the rerank, which reads the text: these
        // rows can lie far apart, and asking FTS5 over their whole range reads a common word's posting list.
        pool = score(rows, anyPart, (_, i) => i < together.length);
      }
      if (pool.length < DRAFT_RERANKED) {
        const seen = new Set(pool.map((c) => c.row.rowid));
        const rows = candidates(anyPart.all, filters, DRAFT_CANDIDATES, over).matching.filter((r) => r.rowid !== excluded && !seen.has(r.rowid));
        pool.push(...score(rows, anyPart, parts.length === 1 ? undefined : presence(rows, parts)));
      }
      pool = pool.sort(byScore).slice(0, DRAFT_RERANKED);

      const t = now();
      const texts = new Map(pool.map((c) => [c.row.rowid, draftText.get(c.row.rowid) as { title: string; body: string }]));
      const ranked = rankDraft(
        { title: typed, body: query.body },
        pool.map((c) => ({ item: c, boost: boostOf(c.row, t), ...texts.get(c.row.rowid)! })),
        (term) => inverseDocumentFrequency(df(term), n),
        query.locale,
      ).sort((a, b) => b.score - a.score || b.item.row.rowid - a.item.row.rowid);
      // Snippets cut from the text already read: an FTS5 snippet() of a many-word draft costs more than the ranking.
      const matched = new Set(parts.flatMap((p) => p.terms));
      return ranked.slice(0, limit).map(({ item, score: s }) => ({
        ...toHit(item, null, snippetAround(texts.get(item.row.rowid)!.body, matched, OPEN, CLOSE)),
        score: Math.round(s * 1000) / 1000,
      }));
    },
    async listKeys() {
      return sqlite.prepare('select doc_key from search_docs').pluck().all() as string[];
    },
    async stats() {
      documentCount = countDocs.get() as number;
      countedAt = performance.now();
      return { documents: documentCount };
    },
    async clear() {
      sqlite.transaction(() => {
        sqlite.prepare('delete from search_fts').run();
        sqlite.prepare('delete from search_docs').run();
        sqlite.prepare('delete from search_terms').run();
      })();
      documentCount = 0;
    },
    async close() {},
  };
}
