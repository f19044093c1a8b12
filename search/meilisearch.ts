import { Meilisearch, type SearchParams, type SearchResponse } from 'meilisearch';
import { documentKey, type DocumentType, type SearchDocument } from './documents';
import { SearchUnavailableError } from './errors';
import { emptyFacets, MAX_TOTAL_HITS, type FacetName, type Facets, type SearchFilters, type SearchHit, type SearchIndex } from './port';
import { inverseDocumentFrequency, meaningfulTerms, rankDraft } from './draft-ranking';
import { indexTerms, isStopWord, parseQuery, STOP_WORDS_LIST } from './query-text';
import { escapeHtml, NEUTRAL_HELPFULNESS, rankingBoost } from './ranking';

/** A search document as Meilisearch stores it: its ids allow letters, digits, - and _ only (`question-12`). */
type MeiliDocument = Omit<SearchDocument, 'id'> & { id: string; refId: number; helpfulnessRank: number };

const OPEN = '\u0001';
const CLOSE = '\u0002';
const FACET_ATTRIBUTES: Record<FacetName, string> = { type: 'type', category: 'category', tag: 'tags', solved: 'solved', locale: 'locale' };
const FILTER_FACET: Record<keyof SearchFilters, FacetName> = { type: 'type', category: 'category', tag: 'tag', solved: 'solved', locale: 'locale' };
// Matches of a draft reranked on their text (as the SQLite engine's DRAFT_RERANKED).
const DRAFT_POOL = 50;

const meiliId = (type: DocumentType, id: number) => `${type}-${id}`;

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

export function filterExpressions(f: SearchFilters, except?: keyof SearchFilters): string[] {
  const out: string[] = [];
  if (f.type && except !== 'type') out.push(`type = ${quote(f.type)}`);
  if (f.locale && except !== 'locale') out.push(`locale = ${quote(f.locale)}`);
  if (f.category && except !== 'category') out.push(`category = ${quote(f.category)}`);
  if (f.tag && except !== 'tag') out.push(`tags = ${quote(f.tag)}`);
  if (f.solved !== undefined && except !== 'solved') out.push(`solved = ${f.solved}`);
  return out;
}

/** The user's query re-spelled for Meilisearch: words and phrases only, so `-word` never means "exclude". */
export function meiliQuery(q: string): string {
  const parsed = parseQuery(q);
  const words = parsed.words.filter((w, i) => !isStopWord(w) || (parsed.lastIsPrefix && i === parsed.words.length - 1));
  const text = [...parsed.phrases.map((p) => `"${p.join(' ')}"`), ...(words.length ? words : parsed.words)].join(' ');
  return parsed.lastIsPrefix ? text : `${text} `;
}

function markHighlights(text: string): string {
  return escapeHtml(text).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>');
}

/** Scale-out engine on the official client. Same semantics as the SQLite engine; "did you mean" is not offered. */
export function createMeilisearchIndex(options: { host: string; apiKey?: string; indexName: string; now: () => number }): SearchIndex {
  const client = new Meilisearch({ host: options.host, apiKey: options.apiKey });
  const idx = client.index<MeiliDocument>(options.indexName);
  let ready: Promise<void> | null = null;

  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      ready ??= configure().catch((e: unknown) => {
        ready = null;
        throw e;
      });
      await ready;
      return await work();
    } catch (error) {
      if (error instanceof SearchUnavailableError) throw error;
      throw new SearchUnavailableError('meilisearch', error);
    }
  }

  async function waitFor(task: ReturnType<typeof idx.addDocuments>): Promise<void> {
    const done = await task.waitTask();
    if (done.status !== 'succeeded') throw new Error(`task ${done.uid} ${done.status}: ${done.error?.message ?? ''}`);
  }

  async function configure(): Promise<void> {
    await client.createIndex(options.indexName, { primaryKey: 'id' }).waitTask();
    await waitFor(
      idx.updateSettings({
        searchableAttributes: ['title', 'tags', 'body'],
        filterableAttributes: ['type', 'locale', 'category', 'tags', 'solved'],
        sortableAttributes: ['updatedAt', 'votes', 'helpfulnessRank'],
        rankingRules: ['words', 'typo', 'proximity', 'attribute', 'exactness', 'solved:desc', 'helpfulnessRank:desc', 'votes:desc', 'updatedAt:desc'],
        stopWords: [...STOP_WORDS_LIST],
        pagination: { maxTotalHits: MAX_TOTAL_HITS },
        faceting: { maxValuesPerFacet: 100 },
      }),
    );
  }

  function toHit(d: MeiliDocument & { _formatted?: Partial<Record<'body', string>>; _rankingScore?: number }): SearchHit {
    return {
      type: d.type,
      id: d.refId,
      title: d.title,
      url: d.url,
      snippet: markHighlights(d._formatted?.body ?? d.body.slice(0, 200)),
      score: Math.round((d._rankingScore ?? 0) * rankingBoost(d, options.now()) * 1000) / 1000,
      locale: d.locale,
      solved: d.solved,
      category: d.category,
      tags: d.tags,
    };
  }

  const display: Partial<SearchParams> = {
    attributesToCrop: ['body'],
    cropLength: 24,
    cropMarker: '…',
    attributesToHighlight: ['body'],
    highlightPreTag: OPEN,
    highlightPostTag: CLOSE,
    showRankingScore: true,
  };

  function toFacets(distribution: SearchResponse['facetDistribution'], only?: FacetName): Facets {
    const facets = emptyFacets();
    for (const name of Object.keys(FACET_ATTRIBUTES) as FacetName[]) {
      if (only && name !== only) continue;
      facets[name] = { ...(distribution?.[FACET_ATTRIBUTES[name]] ?? {}) };
    }
    return facets;
  }

  return {
    engine: 'meilisearch',
    async index(documents: SearchDocument[]) {
      if (!documents.length) return;
      await guarded(() =>
        waitFor(
          idx.addDocuments(
            documents.map((d) => ({ id: meiliId(d.type, d.id), type: d.type, refId: d.id, locale: d.locale, title: d.title, body: d.body, tags: d.tags, category: d.category, solved: d.solved, votes: d.votes, url: d.url, updatedAt: d.updatedAt,
              // Unknown helpfulness ranks as neutral, not last (Meilisearch puts a missing value after every number).
              helpfulness: d.helpfulness, helpfulnessRank: d.helpfulness ?? NEUTRAL_HELPFULNESS })),
          ),
        ),
      );
    },
    async remove(keys) {
      if (!keys.length) return;
      await guarded(() => waitFor(idx.deleteDocuments(keys.map((k) => meiliId(k.type, k.id)))));
    },
    async search(query) {
      const started = performance.now();
      const q = meiliQuery(query.q);
      if (!q.trim()) return { hits: [], total: 0, exhaustive: true, facets: emptyFacets(), didYouMean: null, tookMs: 0 };
      const limit = Math.min(Math.max(query.limit ?? 20, 1), 100);
      const filters: SearchFilters = { type: query.type, locale: query.locale, category: query.category, tag: query.tag, solved: query.solved };
      const active = (Object.keys(FILTER_FACET) as (keyof SearchFilters)[]).filter((k) => filters[k] !== undefined);
      const response = await guarded(() =>
        client.multiSearch({
          queries: [
            { indexUid: options.indexName, q, filter: filterExpressions(filters), facets: Object.values(FACET_ATTRIBUTES), hitsPerPage: limit, page: Math.max(query.page ?? 1, 1), ...display },
            // Disjunctive facets: a facet with an active filter is counted without that filter.
            ...active.map((k) => ({ indexUid: options.indexName, q, filter: filterExpressions(filters, k), facets: [FACET_ATTRIBUTES[FILTER_FACET[k]]], limit: 0 })),
          ],
        }),
      );
      const [main, ...others] = response.results as unknown as SearchResponse<MeiliDocument>[];
      const facets = toFacets(main!.facetDistribution);
      others.forEach((r, i) => {
        const name = FILTER_FACET[active[i]!];
        facets[name] = toFacets(r.facetDistribution, name)[name];
      });
      const total = main!.totalHits ?? main!.estimatedTotalHits ?? main!.hits.length;
      return {
        hits: main!.hits.map(toHit),
        total,
        exhaustive: total < MAX_TOTAL_HITS,
        facets,
        didYouMean: null,
        tookMs: Math.round((performance.now() - started) * 10) / 10,
      };
    },
    async suggest(query) {
      const limit = Math.min(Math.max(query.limit ?? 8, 1), 100);
      // Meilisearch reads at most 10 query words: the title's, then the body's. Without a trailing space, it matches
      // the last one as a prefix: right for a title still being typed.
      const terms = [...new Set([...meaningfulTerms(query.q), ...meaningfulTerms(query.body ?? '')])].slice(0, 10);
      if (terms.length === 0) return [];
      const typing = !query.body && parseQuery(query.q).lastIsPrefix;
      return guarded(async () => {
        const [pool, stats] = await Promise.all([
          idx.search(`${terms.join(' ')}${typing ? '' : ' '}`, { filter: filterExpressions({ locale: query.locale, type: query.type }), limit: DRAFT_POOL + 1, matchingStrategy: 'frequency', ...display }),
          idx.getStats(),
        ]);
        const exclude = query.exclude ? meiliId(query.exclude.type, query.exclude.id) : null;
        const docs = pool.hits.filter((h) => h.id !== exclude).slice(0, DRAFT_POOL);
        // No term statistics over the API: document frequencies are estimated from the pool, scaled to the index.
        const df = new Map<string, number>();
        for (const d of docs) for (const t of new Set(indexTerms(`${d.title} ${d.body}`))) df.set(t, (df.get(t) ?? 0) + 1);
        const scale = docs.length ? stats.numberOfDocuments / docs.length : 1;
        const idf = (t: string) => inverseDocumentFrequency((df.get(t) ?? 0) * scale, stats.numberOfDocuments);
        const now = options.now();
        return rankDraft({ title: query.q, body: query.body }, docs.map((d) => ({ item: d, title: d.title, body: d.body, boost: rankingBoost(d, now) })), idf, query.locale)
          .sort((a, b) => b.score - a.score)
          .slice(0, limit)
          .map(({ item, score }) => ({ ...toHit(item), score: Math.round(score * 1000) / 1000 }));
      });
    },
    async listKeys() {
      return guarded(async () => {
        const keys: string[] = [];
        for (let offset = 0; ; offset += 1000) {
          const page = await idx.getDocuments({ fields: ['type', 'refId'], limit: 1000, offset });
          keys.push(...page.results.map((d) => documentKey(d.type, d.refId)));
          if (page.results.length < 1000) return keys;
        }
      });
    },
    async stats() {
      return guarded(async () => ({ documents: (await idx.getStats()).numberOfDocuments }));
    },
    async clear() {
      await guarded(() => waitFor(idx.deleteAllDocuments()));
    },
    async close() {},
  };
}
