import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createDb, runMigrations } from '../../db/client';
import { categories, questions } from '../../db/schema/index';
import { importQuestions } from '../../src/lib/community/import-questions';
import { drainOutbox } from '../../src/lib/jobs/outbox';
import { searchIndexHandlers } from '../../src/lib/search/index-handlers';
import { suggestQuerySchema } from '../../src/lib/search/schemas';
import { answerSuggest } from '../../src/lib/search/suggest';
import { parseInput } from '../../src/lib/validation';
import { createSearchIndex } from '../../search/index';

// shared/ sits beside the repository's clone (../shared) or beside the folder of worktrees (../../shared).
export const SEMEVAL_DIR = ['../shared/bench/semeval2016-dev', '../../shared/bench/semeval2016-dev'].find((d) => existsSync(d)) ?? '../shared/bench/semeval2016-dev';
/** The most suggestions /api/v1/suggest returns (suggestQuerySchema): what the benchmark asks for. */
const SUGGEST_LIMIT = '20';
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
  /** Candidates among the suggestions (the rest are ranked after them). */
  returned: number;
  /** This thread's CPU time per title-and-body draft answered (waits for a core left out: the machines are shared). */
  suggestCpuP50Ms: number;
  suggestCpuP95Ms: number;
  rerank: RankingScore[];
  fullCorpus: RankingScore[];
  seconds: number;
}

const threadCpuMs = () => {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
};

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
 * database, then asks for suggestions for each new question (title and body, as the ask form sends a draft) through
 * the code behind `GET /api/v1/suggest`, and scores the order they come in: over each query's 10 candidates (the
 * official protocol: the candidates in the order suggested, those not suggested after them) and over the whole
 * corpus.
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
  const byApi: { ranked: string[]; relevant: Set<string> }[] = [];
  const byApiStrict: typeof byApi = [];
  const byEngine: typeof byApi = [];
  const fullCorpus: typeof byApi = [];
  const titleOnly: typeof byApi = [];
  let returned = 0;
  const times: number[] = [];
  const cpu: number[] = [];
  for (const q of queries) {
    // What the ask form sends for a draft (title and body), parsed by the route's own schema and answered by the
    // function the route calls.
    const params = new URLSearchParams({ q: q.title, body: q.body, locale: 'en', context: 'ask', limit: SUGGEST_LIMIT, final: '1' });
    const started = performance.now();
    const cpuStarted = threadCpuMs();
    const answer = await answerSuggest(db, index, parseInput(suggestQuerySchema, Object.fromEntries(params)), { userId: null, visitorId: null }, now);
    times.push(performance.now() - started);
    cpu.push(threadCpuMs() - cpuStarted);
    const order = answer.suggestions.map((s) => sourceOf.get(s.id)!);
    const mine = order.filter((id) => q.candidate_ids.includes(id));
    returned += mine.length;
    const rest = q.candidate_ids.filter((id) => !mine.includes(id));
    const relevant = new Set(q.relevant_ids);
    // The issue's protocol: candidates not suggested follow in the search engine's order; strict: in an order that
    // knows nothing (a hash of the text), so the engine's order cannot help.
    byApi.push({ ranked: [...mine, ...rest], relevant });
    byApiStrict.push({ ranked: [...mine, ...rest.sort((a, b) => textHash(a, textOf) - textHash(b, textOf))], relevant });
    byEngine.push({ ranked: q.candidate_ids, relevant });
    fullCorpus.push({ ranked: order, relevant: new Set(q.relevant_ids_fullcorpus) });
    // A draft whose body is not written yet: the title alone.
    const titled = await answerSuggest(db, index, parseInput(suggestQuerySchema, { q: q.title, locale: 'en', context: 'ask', limit: SUGGEST_LIMIT, final: '1' }), { userId: null, visitorId: null }, now);
    const titledOrder = titled.suggestions.map((s) => sourceOf.get(s.id)!).filter((id) => q.candidate_ids.includes(id));
    titleOnly.push({ ranked: [...titledOrder, ...q.candidate_ids.filter((id) => !titledOrder.includes(id))], relevant });
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const at = (xs: number[], p: number) => Math.round(xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]! * 10) / 10;
  opts.log(
    `/api/v1/suggest returned ${returned} of the ${queries.length * 10} candidates in its ${SUGGEST_LIMIT} suggestions per draft; ` +
      `${at(times, 0.5)} ms p50, ${at(times, 0.95)} ms p95 (CPU ${at(cpu, 0.5)} ms p50, ${at(cpu, 0.95)} ms p95; load average ${loadavg()[0]!.toFixed(1)}).`,
  );
  db.$client.close();
  return {
    dataset: dir,
    queries: queries.length,
    corpus: corpus.length,
    returned,
    suggestCpuP50Ms: at(cpu, 0.5),
    suggestCpuP95Ms: at(cpu, 0.95),
    rerank: [
      score('search-engine order (official baseline)', byEngine),
      score('/api/v1/suggest, unsuggested in engine order', byApi),
      score('/api/v1/suggest, unsuggested in hash order', byApiStrict),
      score('/api/v1/suggest, title only, engine order', titleOnly),
    ],
    fullCorpus: [score('/api/v1/suggest over all 500', fullCorpus)],
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
