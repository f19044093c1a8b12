import { stemmer } from 'stemmer';
import { foldText, indexTerms, isQuestionFiller, lightStem } from './query-text';

/** A thread or article fetched for a draft: its text, and its solved/votes/freshness/helpfulness boost. */
export interface DraftCandidate<T> {
  item: T;
  title: string;
  body: string;
  boost: number;
}

export interface DraftText {
  title: string;
  body?: string;
}

type Bag = Map<string, number>;
type Vector = Map<string, number>;

// BM25F (Robertson's defaults for k1 and b): a term in a title counts twice one in a body, and a draft's title words
// count twice its body words (a title states the problem; a body adds circumstances).
const K1 = 1.2;
const B = 0.75;
const TITLE_FIELD_WEIGHT = 2;
const QUERY_TITLE_WEIGHT = 2;
// Similar questions cluster: a candidate gains from resembling the best candidates, a stray match on one rare word
// does not. Weights picked on the SemEval dev split (README, Benchmarks: about a point lower on held-out folds).
const COHESION_WEIGHT = 0.5;
const COHESION_TOP = 3;
// Long threads are compared by their beginning: the question and the first answers say what the thread is about.
const MAX_BODY_TERMS = 250;
// Words of a draft's field looked at for split compounds (see joinedWords): a bounded number of index look-ups.
const MAX_JOINED_WORDS = 200;
const STEM_CACHE_SIZE = 50_000;

const stemCache = new Map<string, string>();

function porter(term: string): string {
  let stem = stemCache.get(term);
  if (stem === undefined) {
    if (stemCache.size >= STEM_CACHE_SIZE) stemCache.clear();
    stem = stemmer(lightStem(term));
    stemCache.set(term, stem);
  }
  return stem;
}

/**
 * The stem a term is compared by: Porter's stemmer for English ("renewing", "renewal" → "renew"); for Spanish, or
 * when the language is unknown, plurals only (Porter's English rules would mangle Spanish words).
 */
export function similarityStem(locale?: 'es' | 'en'): (term: string) => string {
  return locale === 'en' ? porter : lightStem;
}

/** The meaningful terms of a question's text: no stop words or forum filler, no single letters. */
export function meaningfulTerms(text: string): string[] {
  return indexTerms(text).filter((t) => t.length > 1 && !isQuestionFiller(t));
}

/**
 * Each two neighbouring words of a text written as one ("lu lu" → "lulu", "home school" → "homeschool"): a compound
 * the draft splits that a post may write whole. Only the first MAX_JOINED_WORDS words count; a join no post holds
 * matches nothing, and a common one ("any one" → "anyone") weighs little by its idf.
 */
export function joinedWords(text: string): string[] {
  const words = indexTerms(text).slice(0, MAX_JOINED_WORDS);
  return [...new Set(words.slice(1).map((word, i) => words[i]! + word))];
}

/** Inverse document frequency with the usual +1 smoothing; never negative. */
export function inverseDocumentFrequency(docsWithTerm: number, totalDocs: number): number {
  return Math.log(1 + totalDocs / (docsWithTerm + 1));
}

function bagOf(terms: string[], stemOf: (term: string) => string): Bag {
  const bag: Bag = new Map();
  for (const t of terms) {
    const s = stemOf(t);
    bag.set(s, (bag.get(s) ?? 0) + 1);
  }
  return bag;
}

const lengthOf = (bag: Bag) => {
  let n = 0;
  for (const tf of bag.values()) n += tf;
  return n;
};

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [k, w] of small) sum += w * (large.get(k) ?? 0);
  return sum;
}

/**
 * Ranks candidate threads and articles for a draft. Each candidate scores BM25F against the draft (title and body
 * fields; the draft's words and its neighbouring words joined, see joinedWords; `idf` gives a term's inverse document
 * frequency in the whole index), normalised by the best candidate's,
 * plus a cohesion bonus: its mean tf-idf cosine with the three best other candidates (idf taken within the
 * candidates, so the words every candidate shares with the draft count little and the rest of the topic counts).
 * The sum is multiplied by the candidate's boost. `locale` picks the stemmer.
 */
export function rankDraft<T>(draft: DraftText, candidates: DraftCandidate<T>[], idf: (term: string) => number, locale?: 'es' | 'en'): { item: T; score: number }[] {
  if (candidates.length === 0) return [];
  const stemOf = similarityStem(locale);
  const weights = new Map<string, number>();
  const idfOf = new Map<string, number>();
  const addQuery = (terms: string[], weight: number) => {
    for (const t of terms) {
      const s = stemOf(t);
      weights.set(s, (weights.get(s) ?? 0) + weight);
      idfOf.set(s, Math.max(idfOf.get(s) ?? 0, idf(t)));
    }
  };
  addQuery(meaningfulTerms(draft.title), QUERY_TITLE_WEIGHT);
  addQuery(meaningfulTerms(draft.body ?? ''), 1);
  // Split compounds weigh as words of their field; one that no candidate holds adds nothing.
  addQuery(joinedWords(draft.title), QUERY_TITLE_WEIGHT);
  addQuery(joinedWords(draft.body ?? ''), 1);

  const docs = candidates.map((c) => {
    const title = bagOf(meaningfulTerms(c.title), stemOf);
    const body = bagOf(meaningfulTerms(c.body).slice(0, MAX_BODY_TERMS), stemOf);
    return { c, title, body, titleLength: lengthOf(title), bodyLength: lengthOf(body) };
  });
  const averageTitle = Math.max(1, docs.reduce((s, d) => s + d.titleLength, 0) / docs.length);
  const averageBody = Math.max(1, docs.reduce((s, d) => s + d.bodyLength, 0) / docs.length);

  const base = docs.map((d) => {
    const titleNorm = 1 - B + (B * d.titleLength) / averageTitle;
    const bodyNorm = 1 - B + (B * d.bodyLength) / averageBody;
    let score = 0;
    for (const [stem, weight] of weights) {
      const tf = (TITLE_FIELD_WEIGHT * (d.title.get(stem) ?? 0)) / titleNorm + (d.body.get(stem) ?? 0) / bodyNorm;
      if (tf > 0) score += idfOf.get(stem)! * (tf / (K1 + tf)) * (1 + Math.log(weight));
    }
    return score;
  });
  const best = Math.max(...base);
  if (best <= 0) return docs.map((d) => ({ item: d.c.item, score: 0 }));

  // Cohesion, with document frequencies counted within the candidates.
  const df = new Map<string, number>();
  const bags = docs.map((d) => {
    const all = new Map(d.title);
    for (const [s, tf] of d.body) all.set(s, (all.get(s) ?? 0) + tf);
    for (const s of all.keys()) df.set(s, (df.get(s) ?? 0) + 1);
    return all;
  });
  const vectors = bags.map((bag) => {
    const v: Vector = new Map();
    let norm = 0;
    for (const [s, tf] of bag) {
      const w = (1 + Math.log(tf)) * inverseDocumentFrequency(df.get(s)!, docs.length);
      v.set(s, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [s, w] of v) v.set(s, w / norm);
    return v;
  });
  const top = base
    .map((score, i) => ({ score, i }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, COHESION_TOP);
  return docs.map((d, i) => {
    if (base[i]! <= 0) return { item: d.c.item, score: 0 };
    const cohesion = top.filter((t) => t.i !== i).reduce((sum, t) => sum + cosine(vectors[i]!, vectors[t.i]!), 0) / COHESION_TOP;
    return { item: d.c.item, score: (base[i]! / best + COHESION_WEIGHT * cohesion) * d.c.boost };
  });
}

const SNIPPET_WORDS = 24;

/**
 * About SNIPPET_WORDS words of `text` from just before the first word in `terms` (indexed form: folded), each such
 * word wrapped in `open` … `close`, with "…" where the text goes on; the start of the text when no word matches.
 */
export function snippetAround(text: string, terms: Set<string>, open: string, close: string): string {
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  if (words.length === 0) return text.slice(0, 200);
  const isMatch = (w: RegExpMatchArray) => terms.has(foldText(w[0]));
  const first = words.findIndex(isMatch);
  const from = Math.max(0, first - 4);
  const shown = words.slice(from, from + SNIPPET_WORDS);
  let out = from > 0 ? '…' : '';
  let at = shown[0]!.index!;
  for (const w of shown) {
    out += text.slice(at, w.index!) + (isMatch(w) ? `${open}${w[0]}${close}` : w[0]);
    at = w.index! + w[0].length;
  }
  return from + SNIPPET_WORDS < words.length ? `${out}…` : out + text.slice(at);
}
