import { describe, expect, it } from 'vitest';
import { combineRelated } from '../../../src/lib/kb/related';
import { diffRevisions, reviewReason, statusAfter, DEFAULT_FRESHNESS } from '../../../src/lib/kb/editor';
import { helpfulnessScore, nextStepUrl, voterKey } from '../../../src/lib/kb/feedback';
import { parseArticleFile, splitFrontMatter } from '../../../src/lib/kb/front-matter';
import { headingId, renderArticleBody, tableOfContents } from '../../../src/lib/kb/render';
import { isIncidentActive } from '../../../src/lib/incidents/incidents';

describe('article rendering', () => {
  it('gives headings unique, accent-folded ids and builds the table of contents', () => {
    const { html } = renderArticleBody('## Antes de empezar\n\ntext\n\n### Código: ¿qué?\n\n## Antes de empezar\n\n#### deep');
    expect(html).toContain('<h2 id="antes-de-empezar">');
    expect(html).toContain('<h2 id="antes-de-empezar-2">');
    expect(tableOfContents(html)).toEqual([
      { id: 'antes-de-empezar', level: 2, text: 'Antes de empezar' },
      { id: 'codigo-que', level: 3, text: 'Código: ¿qué?' },
      { id: 'antes-de-empezar-2', level: 2, text: 'Antes de empezar' },
    ]);
    expect(headingId('¡!')).toBe('section');
  });

  it('goes through the safe renderer: no raw HTML, no javascript: links', () => {
    const { html } = renderArticleBody('<script>alert(1)</script>\n\n[x](javascript:alert(1))');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('href="javascript:');
  });
});

describe('front matter', () => {
  it('splits the --- block and reads dates as UTC midnight', () => {
    expect(splitFrontMatter('no front matter')).toBeNull();
    const r = parseArticleFile('content/kb/en/billing/pay.md', '---\ntitle: Pay a bill\ncategory: billing\nlocale: en\nauthor: a@b.test\nreviewBy: 2027-03-01\n---\nBody');
    expect(r.issues).toEqual([]);
    expect(r.article?.front.reviewBy).toBe(Date.UTC(2027, 2, 1));
    expect(r.article?.front.status).toBe('published');
  });

  it('rejects unknown fields by name', () => {
    const r = parseArticleFile('content/kb/en/billing/pay.md', '---\ntitle: Pay a bill\ncategory: billing\nlocale: en\nauthor: a@b.test\ncolour: red\n---\nBody');
    expect(r.issues).toEqual([{ file: 'content/kb/en/billing/pay.md', field: 'colour', problem: expect.stringContaining('colour') }]);
  });
});

describe('helpfulness and next steps', () => {
  it('shows a score only from 5 votes', () => {
    expect(helpfulnessScore(4, 4).score).toBeNull();
    expect(helpfulnessScore(5, 4).score).toBe(80);
    expect(helpfulnessScore(6, 1).score).toBe(17);
  });

  it('keys votes by member first, then by a well-formed visitor id', () => {
    expect(voterKey({ userId: 7, visitorId: 'abcdefabcdefabcdef' })).toBe('u:7');
    expect(voterKey({ userId: null, visitorId: 'abcdefabcdefabcdef' })).toBe('v:abcdefabcdefabcdef');
    expect(voterKey({ userId: null, visitorId: 'bad id' })).toBeNull();
  });

  it('prefills the next steps from the article', () => {
    const a = { locale: 'es', slug: 'pagar', title: 'Pagar la factura', categorySlug: 'billing' };
    expect(nextStepUrl('search', a)).toBe('/es/search?q=Pagar%20la%20factura');
    expect(nextStepUrl('ask', a)).toBe('/es/questions/ask?title=Pagar%20la%20factura&category=billing&from=kb%3Apagar');
    expect(nextStepUrl('contact', a)).toBe('/es/contact?from=kb%3Apagar');
  });
});

describe('editor rules', () => {
  it('maps intents to statuses', () => {
    expect(statusAfter('save', 'published')).toBe('published');
    expect(statusAfter('review', 'draft')).toBe('in_review');
    expect(statusAfter('archive', 'published')).toBe('archived');
  });

  it('flags articles past review-by or under the helpfulness threshold', () => {
    const now = 1_000_000;
    expect(reviewReason({ reviewBy: now - 1, votes: 0, helpful: 0 }, now, DEFAULT_FRESHNESS)).toEqual({ overdue: true, score: null });
    expect(reviewReason({ reviewBy: now + 1, votes: 10, helpful: 5 }, now, DEFAULT_FRESHNESS)).toEqual({ overdue: false, score: 50 });
    expect(reviewReason({ reviewBy: null, votes: 4, helpful: 0 }, now, DEFAULT_FRESHNESS)).toBeNull();
    expect(reviewReason({ reviewBy: null, votes: 10, helpful: 6 }, now, DEFAULT_FRESHNESS)).toBeNull();
  });

  it('diffs revisions by line', () => {
    const parts = diffRevisions({ title: 'T', summary: 'S', bodyMd: 'a\nb' }, { title: 'T', summary: 'S', bodyMd: 'a\nc' });
    expect(parts.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text])).toEqual([
      ['removed', 'b\n'],
      ['added', 'c\n'],
    ]);
  });
});

describe('related articles and incidents', () => {
  it('ranks by shared tags, then same category, and drops unrelated ones', () => {
    const me = { id: 1, tags: 'router wifi', categorySlug: 'devices' };
    const c = (id: number, tags: string, categorySlug: string) => ({ id, tags, categorySlug, updatedAt: id });
    const ranked = combineRelated(me, [c(1, 'router', 'devices'), c(2, 'wifi', 'internet'), c(3, 'router wifi', 'billing'), c(4, 'bill', 'devices'), c(5, 'bill', 'billing')], [], 5);
    expect(ranked.map((r) => r.id)).toEqual([3, 2, 4]);
  });

  it('puts search-similar articles after tag overlap and before the same category, without duplicates, up to the limit', () => {
    const me = { id: 1, tags: 'router', categorySlug: 'devices' };
    const c = (id: number, tags: string, categorySlug: string) => ({ id, tags, categorySlug, updatedAt: id });
    const candidates = [c(1, 'router', 'devices'), c(2, 'router', 'internet'), c(3, '', 'devices'), c(4, '', 'billing'), c(5, '', 'orders'), c(6, '', 'devices')];
    // 99 is not a candidate (unpublished or another locale); 1 is the article itself; 2 is already in by tags.
    expect(combineRelated(me, candidates, [5, 99, 1, 2, 4], 10).map((r) => r.id)).toEqual([2, 5, 4, 6, 3]);
    expect(combineRelated(me, candidates, [5, 4], 3).map((r) => r.id)).toEqual([2, 5, 4]);
  });

  it('is active between start and resolution', () => {
    expect(isIncidentActive({ startsAt: 10, resolvedAt: null }, 10)).toBe(true);
    expect(isIncidentActive({ startsAt: 11, resolvedAt: null }, 10)).toBe(false);
    expect(isIncidentActive({ startsAt: 1, resolvedAt: 5 }, 10)).toBe(false);
  });
});
