import type { Facets, SearchFilters } from './port';

const DAY_MS = 24 * 3600 * 1000;
const SOLVED_BOOST = 1.3;
const FRESH_BOOST = 0.2;
const FRESH_HALF_LIFE_DAYS = 180;
const HELPFUL_BOOST = 0.4;
/** The helpfulness that neither raises nor lowers a document; unknown helpfulness counts as this. */
export const NEUTRAL_HELPFULNESS = 0.5;

/**
 * Multiplier on text relevance: solved threads and articles ×1.3, votes up to about ×1.3 at 20 votes (logarithmic),
 * up to ×1.2 for fresh content, halving every 180 days, and by helpfulness from ×0.8 (nobody found it helpful) to
 * ×1.2 (everybody did), ×1 when unknown.
 */
export function rankingBoost(doc: { solved: boolean; votes: number; updatedAt: number; helpfulness?: number | null }, now: number): number {
  const ageDays = Math.max(0, now - doc.updatedAt) / DAY_MS;
  const fresh = 1 + FRESH_BOOST * Math.pow(0.5, ageDays / FRESH_HALF_LIFE_DAYS);
  const helpful = 1 + HELPFUL_BOOST * ((doc.helpfulness ?? NEUTRAL_HELPFULNESS) - NEUTRAL_HELPFULNESS);
  return (doc.solved ? SOLVED_BOOST : 1) * (1 + 0.1 * Math.log1p(Math.max(doc.votes, 0))) * fresh * helpful;
}

export interface FacetRow {
  type: string;
  locale: string;
  category: string;
  tags: string[];
  solved: boolean;
}

export function matchesFilters(row: FacetRow, f: SearchFilters, except?: keyof SearchFilters): boolean {
  return (
    (except === 'type' || f.type === undefined || row.type === f.type) &&
    (except === 'locale' || f.locale === undefined || row.locale === f.locale) &&
    (except === 'category' || f.category === undefined || row.category === f.category) &&
    (except === 'tag' || f.tag === undefined || row.tags.includes(f.tag)) &&
    (except === 'solved' || f.solved === undefined || row.solved === f.solved)
  );
}

/** Disjunctive facet counts: each facet counted over the rows that pass every filter but its own. */
export function countFacets(rows: FacetRow[], filters: SearchFilters): Facets {
  const facets: Facets = { type: {}, category: {}, tag: {}, solved: {}, locale: {} };
  const add = (facet: Record<string, number>, key: string) => (facet[key] = (facet[key] ?? 0) + 1);
  for (const r of rows) {
    if (matchesFilters(r, filters, 'type')) add(facets.type, r.type);
    if (matchesFilters(r, filters, 'locale')) add(facets.locale, r.locale);
    if (matchesFilters(r, filters, 'category')) add(facets.category, r.category);
    if (matchesFilters(r, filters, 'solved')) add(facets.solved, String(r.solved));
    if (matchesFilters(r, filters, 'tag')) for (const t of r.tags) add(facets.tag, t);
  }
  return facets;
}

export function hasFilters(f: SearchFilters): boolean {
  return f.type !== undefined || f.locale !== undefined || f.category !== undefined || f.tag !== undefined || f.solved !== undefined;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}
