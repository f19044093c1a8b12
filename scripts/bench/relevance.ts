import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDb, runMigrations } from '../../db/client';
import { categories, questions } from '../../db/schema/index';
import { importQuestions } from '../../src/lib/community/import-questions';
import { drainOutbox } from '../../src/lib/jobs/outbox';
import { searchIndexHandlers } from '../../src/lib/search/index-handlers';
import { createSearchIndex } from '../../search/index';
import { inverseDocumentFrequency, rankSimilar } from '../../search/similarity';

export const SEMEVAL_DIR = '../shared/bench/semeval2016-dev';
const CATEGORY = 'benchmark';

interface CorpusQuestion {
  id: string;
  title: string;
  body: string;
}
interface BenchQuery extends CorpusQuestion {
  candidate_ids: string[];
  relevant_ids: string[];
  relevant_ids_fullcorpus: string[];
}

export interface RankingScore {
  name: string;
  map: number;
  mrr: number;
}

export interface RelevanceResult {
  dataset: string;
  queries: number;
  corpus: number;
  rerank: RankingScore[];
  fullCorpus: RankingScore[];
  seconds: number;
}

function textHash(id: string, texts: Map<string, CorpusQuestion>): number {
  const text = `${texts.get(id)!.title}\n${texts.get(id)!.body}`;
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/**
 * The official SemEval-2016 3B measures over a ranked list cut at 10: average precision (precision at each relevant
 * position, divided by the relevant documents that could appear, at most 10; a query with none counts as 0) and
 * reciprocal rank of the first relevant document.
 */
export function averagePrecision(ranked: string[], relevant: Set<string>): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  let sum = 0;
  ranked.slice(0, 10).forEach((id, i) => {
    if (relevant.has(id)) sum += ++hits / (i + 1);
  });
  return sum / Math.min(relevant.size, 10);
}

export function reciprocalRank(ranked: string[], relevant: Set<string>): number {
  const i = ranked.slice(0, 10).findIndex((id) => relevant.has(id));
  return i < 0 ? 0 : 1 / (i + 1);
}

function score(name: string, lists: { ranked: string[]; relevant: Set<string> }[]): RankingScore {
  const pct = (xs: number[]) => Math.round((10000 * xs.reduce((a, b) => a + b, 0)) / xs.length) / 100;
  return {
    name,
    map: pct(lists.map((l) => averagePrecision(l.ranked, l.relevant))),
    mrr: pct(lists.map((l) => reciprocalRank(l.ranked, l.relevant))),
  };
}

/**
 * Loads the SemEval-2016 task 3B dev corpus through the JSONL importer and the outbox into a scratch in-memory
 * database, then scores our similar-question ranking two ways: reranking each query's 10 candidates with the ranking
 * `SearchIndex.similar` applies to its pool (the official protocol; the engine's order is not used, not even for ties)
 * and `similar()` itself over the full corpus.
 */
export async function benchRelevance(opts: { dir?: string; log: (line: string) => void }): Promise<RelevanceResult> {
  const started = performance.now();
  const dir = opts.dir ?? SEMEVAL_DIR;
  const corpus = readJsonl<CorpusQuestion>(join(dir, 'corpus.jsonl'));
  const queries = readJsonl<BenchQuery>(join(dir, 'queries.jsonl'));
  const now = Date.UTC(2016, 0, 1);

  const db = createDb(':memory:');
  runMigrations(db);
  db.insert(categories).values({ slug: CATEGORY, nameEs: 'Benchmark', nameEn: 'Benchmark' }).run();
  const lines = corpus.map((c) => JSON.stringify({ sourceId: c.id, title: c.title.trim() || c.body.slice(0, 80), body: c.body.trim() || c.title, locale: 'en', category: CATEGORY }));
  const summary = await importQuestions(db, lines, { now });
  if (summary.rejected) opts.log(`warning: ${summary.rejected} corpus lines rejected: ${summary.rejections.map((r) => `${r.sourceId} ${r.reason}`).join('; ')}`);
  // Search indexes stay constant over the run: every question gets the same `updatedAt`, so freshness boosts nothing.
  const index = createSearchIndex({ engine: 'sqlite', sqlite: db.$client, now: () => now });
  const drained = await drainOutbox(db, searchIndexHandlers(db, index), () => now, 1000);
  opts.log(`Imported ${summary.created} questions, indexed ${drained.processed} (${(await index.stats()).documents} documents).`);

  const sourceOf = new Map(db.select({ id: questions.id, sourceId: questions.sourceId }).from(questions).all().map((r) => [r.id, r.sourceId!]));
  const textOf = new Map(corpus.map((c) => [c.id, c]));
  // Document frequencies as the index holds them (search_terms), for the reranker's idf.
  const docsWithTerm = db.$client.prepare('select docs from search_terms where term = ?').pluck();
  const idf = (term: string) => inverseDocumentFrequency((docsWithTerm.get(term) as number | undefined) ?? 0, corpus.length);
  const rerankOurs: { ranked: string[]; relevant: Set<string> }[] = [];
  const rerankEngine: typeof rerankOurs = [];
  const fullOurs: typeof rerankOurs = [];
  for (const q of queries) {
    // The official protocol: rerank the query's 10 candidates with the ranking similar() applies to its pool. Ties
    // (candidates sharing no word with the query) are broken by a hash of the text, never by the engine's order.
    const candidates = q.candidate_ids.map((id) => ({ item: id, title: textOf.get(id)!.title, body: textOf.get(id)!.body }));
    const reranked = rankSimilar({ title: q.title, body: q.body }, candidates, idf, 'en')
      .sort((a, b) => b.score - a.score || textHash(a.item, textOf) - textHash(b.item, textOf))
      .map((r) => r.item);
    const similar = await index.similar({ title: q.title, body: q.body, locale: 'en', limit: 100 });
    const relevant = new Set(q.relevant_ids);
    rerankOurs.push({ ranked: reranked, relevant });
    rerankEngine.push({ ranked: q.candidate_ids, relevant });
    fullOurs.push({ ranked: similar.map((h) => sourceOf.get(h.id)!), relevant: new Set(q.relevant_ids_fullcorpus) });
  }
  db.$client.close();
  return {
    dataset: dir,
    queries: queries.length,
    corpus: corpus.length,
    rerank: [score('search-engine order (official baseline)', rerankEngine), score('Resuelve similar() ranking, rerank of the 10', rerankOurs)],
    fullCorpus: [score('Resuelve similar() over all 500', fullOurs)],
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
