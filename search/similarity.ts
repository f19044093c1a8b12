import { stemmer } from 'stemmer';
import { indexTerms, isQuestionFiller, lightStem } from './query-text';

export interface SimilarCandidate<T> {
  item: T;
  title: string;
  body: string;
}

type Vector = Map<string, number>;

// How much a candidate gains from resembling the other best candidates: similar questions cluster, a stray match
// on one rare word does not.
const COHESION_WEIGHT = 1;
const COHESION_TOP = 3;
// How much resembling a candidate's title adds to resembling its whole text.
const TITLE_WEIGHT = 0.5;

/**
 * The stem a term is compared by: Porter's stemmer for English ("renewing", "renewal" → "renew"); for Spanish, or
 * when the language is unknown, plurals only (Porter's English rules would mangle Spanish words).
 */
export function similarityStem(locale?: 'es' | 'en'): (term: string) => string {
  return locale === 'en' ? (term) => stemmer(lightStem(term)) : lightStem;
}

/** The meaningful terms of a question's text: no stop words or forum filler, no single letters. */
export function meaningfulTerms(text: string): string[] {
  return indexTerms(text).filter((t) => t.length > 1 && !isQuestionFiller(t));
}

function vector(terms: string[], idf: (term: string) => number, stemOf: (term: string) => string): Vector {
  const tf = new Map<string, number>();
  const weightOf = new Map<string, number>();
  for (const term of terms) {
    const stem = stemOf(term);
    tf.set(stem, (tf.get(stem) ?? 0) + 1);
    weightOf.set(stem, Math.max(weightOf.get(stem) ?? 0, idf(term)));
  }
  const v: Vector = new Map();
  let norm = 0;
  for (const [stem, n] of tf) {
    const w = (1 + Math.log(n)) * weightOf.get(stem)!;
    v.set(stem, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [stem, w] of v) v.set(stem, w / norm);
  return v;
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [k, w] of small) sum += w * (large.get(k) ?? 0);
  return sum;
}

/**
 * Reranks candidate questions by similarity to a new question: tf-idf cosine of the whole texts plus, at half
 * weight, of the new question against each candidate's title (titles state the problem), then a cohesion bonus for
 * candidates that resemble the other top candidates. `idf` gives a term's inverse document frequency in the whole
 * index; `locale` picks the stemmer.
 */
export function rankSimilar<T>(
  query: { title: string; body: string },
  candidates: SimilarCandidate<T>[],
  idf: (term: string) => number,
  locale?: 'es' | 'en',
): { item: T; score: number }[] {
  const stemOf = similarityStem(locale);
  const q = vector(meaningfulTerms(`${query.title}\n${query.body}`), idf, stemOf);
  const docs = candidates.map((c) => {
    const titleTerms = meaningfulTerms(c.title);
    return { c, all: vector([...titleTerms, ...meaningfulTerms(c.body)], idf, stemOf), title: vector(titleTerms, idf, stemOf) };
  });
  const base = docs.map((d) => cosine(q, d.all) + TITLE_WEIGHT * cosine(q, d.title));
  const top = base
    .map((score, i) => ({ score, i }))
    .sort((a, b) => b.score - a.score)
    .slice(0, COHESION_TOP);
  return docs.map((d, i) => {
    const cohesion = top.filter((t) => t.i !== i).reduce((sum, t) => sum + cosine(d.all, docs[t.i]!.all), 0) / COHESION_TOP;
    return { item: d.c.item, score: base[i]! + COHESION_WEIGHT * cohesion };
  });
}

/** Inverse document frequency with the usual +1 smoothing; never negative. */
export function inverseDocumentFrequency(docsWithTerm: number, totalDocs: number): number {
  return Math.log(1 + totalDocs / (docsWithTerm + 1));
}
