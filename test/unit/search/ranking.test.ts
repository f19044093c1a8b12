import { describe, expect, it } from 'vitest';
import { countFacets, escapeHtml, rankingBoost, type FacetRow } from '../../../search/ranking';
import { DAY, NOW } from '../../helpers/time';

describe('rankingBoost', () => {
  it('gives solved content ×1.3 and fresh content up to ×1.2, halving every 180 days', () => {
    const old = { solved: false, votes: 0, updatedAt: NOW - 3650 * DAY };
    expect(rankingBoost(old, NOW)).toBeCloseTo(1.0, 2);
    expect(rankingBoost({ ...old, solved: true }, NOW)).toBeCloseTo(1.3, 2);
    expect(rankingBoost({ ...old, updatedAt: NOW }, NOW)).toBeCloseTo(1.2, 5);
    expect(rankingBoost({ ...old, updatedAt: NOW - 180 * DAY }, NOW)).toBeCloseTo(1.1, 5);
  });
  it('rewards votes logarithmically and ignores negative scores', () => {
    const base = { solved: false, votes: 0, updatedAt: NOW - 3650 * DAY };
    expect(rankingBoost({ ...base, votes: 20 }, NOW)).toBeCloseTo(1 + 0.1 * Math.log(21), 2);
    expect(rankingBoost({ ...base, votes: -5 }, NOW)).toBeCloseTo(rankingBoost(base, NOW), 5);
  });
  it('scales by helpfulness from ×0.8 (no one found it helpful) to ×1.2 (everyone did); unknown is neutral', () => {
    const base = { solved: true, votes: 0, updatedAt: NOW - 3650 * DAY };
    const solved = rankingBoost(base, NOW);
    expect(rankingBoost({ ...base, helpfulness: null }, NOW)).toBeCloseTo(solved, 5);
    expect(rankingBoost({ ...base, helpfulness: 0.5 }, NOW)).toBeCloseTo(solved, 5);
    expect(rankingBoost({ ...base, helpfulness: 1 }, NOW) / solved).toBeCloseTo(1.2, 5);
    expect(rankingBoost({ ...base, helpfulness: 0.8 }, NOW) / solved).toBeCloseTo(1.12, 5);
    expect(rankingBoost({ ...base, helpfulness: 0 }, NOW) / solved).toBeCloseTo(0.8, 5);
  });
});

describe('countFacets', () => {
  const rows: FacetRow[] = [
    { type: 'question', locale: 'es', category: 'internet', tags: ['router'], solved: true },
    { type: 'question', locale: 'es', category: 'billing', tags: ['factura', 'tarjeta'], solved: false },
    { type: 'article', locale: 'es', category: 'internet', tags: ['router', 'wifi'], solved: true },
    { type: 'question', locale: 'en', category: 'billing', tags: ['invoice'], solved: false },
  ];
  it('counts every value without filters', () => {
    expect(countFacets(rows, {})).toEqual({
      type: { question: 3, article: 1 },
      locale: { es: 3, en: 1 },
      category: { internet: 2, billing: 2 },
      solved: { true: 2, false: 2 },
      tag: { router: 2, factura: 1, tarjeta: 1, wifi: 1, invoice: 1 },
    });
  });
  it('counts each facet under every filter but its own (disjunctive)', () => {
    const f = countFacets(rows, { locale: 'es', category: 'internet' });
    expect(f.locale).toEqual({ es: 2 });
    expect(f.category).toEqual({ internet: 2, billing: 1 });
    expect(f.type).toEqual({ question: 1, article: 1 });
    expect(f.tag).toEqual({ router: 2, wifi: 1 });
  });
});

describe('escapeHtml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
  });
});
