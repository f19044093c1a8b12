import { describe, expect, it } from 'vitest';
import { leaderboardHtml, memberOfTheMonthHtml, type LeaderboardHtmlInput } from '../../../src/components/reputation/leaderboard-html';
import type { Category } from '../../../src/lib/community/categories';
import { translator } from '../../../src/lib/i18n/index';
import type { LeaderboardQuery } from '../../../src/lib/reputation/leaderboards';

const L = 'data-astro-cid-dyxze3ji';
const M = 'data-astro-cid-xrcabs7e';
const HOSTILE = `<script>alert("x")</script>'&`;
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;';

const query = (over: Partial<LeaderboardQuery> = {}): LeaderboardQuery => ({ period: 'all', staff: false, limit: 25, ...over });
const category = (slug: string, nameEs: string, nameEn: string) => ({ id: 1, slug, nameEs, nameEn, parentId: null }) as Category;
const input = (over: Partial<LeaderboardHtmlInput> = {}): LeaderboardHtmlInput => ({
  locale: 'en',
  query: query(),
  params: {},
  errors: {},
  items: [
    { rank: 1, userId: 4, displayName: HOSTILE, role: 'superuser', points: 12345 },
    { rank: 2, userId: 7, displayName: 'Ana', role: 'member', points: 3525 },
  ],
  nextCursor: null,
  categories: [category('billing', 'Facturación', 'Billing & "plans"')],
  memberOfTheMonth: undefined,
  ...over,
});

describe('leaderboardHtml', () => {
  it('writes the ranked members with their points as the locale writes numbers, escaped, in the page scope', () => {
    const html = leaderboardHtml(input());
    expect(html.startsWith(`<div class="medium" ${L}><h1 ${L}>Leaderboards</h1><form method="get" class="filters" ${L}>`)).toBe(true);
    expect(html).toContain(`<tr ${L}><td ${L}>1</td><td ${L}><a href="/en/members/4" ${L}>${ESCAPED}</a> &#9733;</td><td class="num" ${L}>12,345</td></tr>`);
    expect(html).toContain(`<a href="/en/members/7" ${L}>Ana</a></td><td class="num" ${L}>3,525</td>`);
    // Spanish groups thousands from five digits on.
    const es = leaderboardHtml(input({ locale: 'es' }));
    expect(es).toContain(`<td class="num" ${L}>12.345</td>`);
    expect(es).toContain(`<td class="num" ${L}>3525</td>`);
    expect(es).toContain(`<option value="billing" ${L}>Facturación</option>`);
    expect(html).toContain(`<option value="billing" ${L}>Billing &amp; &quot;plans&quot;</option>`);
    for (const tag of html.match(/<[a-z0-9]+(?: [^>]*)?>/g)!) expect(tag).toContain(L);
  });

  it('selects the query in the filters, writes an empty tag as a bare attribute and links the next page with the query', () => {
    const plain = leaderboardHtml(input());
    expect(plain).toContain(`<option value="all" selected ${L}>All time</option><option value="month" ${L}>`);
    expect(plain).toContain(`<input id="lb-tag" name="tag" value maxlength="35" ${L}>`);
    const html = leaderboardHtml(input({ query: query({ period: 'week', locale: 'es', category: 'billing', tag: 'a&"b', staff: true }), params: { period: 'week', tag: 'a&"b' }, nextCursor: '3525:7' }));
    expect(html).toContain(`<option value="week" selected ${L}>`);
    expect(html).toContain(`<option value="es" selected ${L}>Español</option>`);
    expect(html).toContain(`<option value="billing" selected ${L}>`);
    expect(html).toContain(`<input id="lb-tag" name="tag" value="a&amp;&quot;b" maxlength="35" ${L}>`);
    expect(html).toContain(`<input type="checkbox" name="staff" value="1" checked ${L}>`);
    expect(html).toContain(`<a rel="next" href="?period=week&amp;tag=a%26%22b&amp;cursor=3525%3A7" ${L}>Next page</a>`);
  });

  it('shows refused fields beside their control, the form error otherwise, and no table', () => {
    const t = translator('es');
    const fields = leaderboardHtml(input({ locale: 'es', query: null, params: { category: 'nope', tag: HOSTILE }, errors: { category: 'field.unknownCategory', tag: 'field.tooLong' }, items: null }));
    expect(fields).toContain(`<select id="lb-category" name="category" aria-invalid="true" ${L}>`);
    expect(fields).toContain(`<p class="error" ${L}>${t('field.unknownCategory')}</p>`);
    expect(fields).toContain(`<input id="lb-tag" name="tag" value="<script>alert(&quot;x&quot;)</script>'&amp;" maxlength="35" aria-invalid="true" ${L}>`);
    expect(fields).not.toContain('role="alert"');
    expect(fields).not.toContain('<table');
    const other = leaderboardHtml(input({ query: null, params: { limit: '500' }, errors: { limit: 'field.invalid' }, items: null }));
    expect(other).toContain(`<p class="alert error" role="alert" ${L}>${translator('en')('error.form')}</p>`);
    expect(leaderboardHtml(input({ items: [] }))).toContain(`<p ${L}>${translator('en')('leaderboards.empty')}</p>`);
  });
});

describe('memberOfTheMonthHtml', () => {
  it('writes the latest member of the month with the figures in the page language, or nothing before the first', () => {
    const latest = { month: '2026-11', locale: 'es' as const, userId: 2, displayName: HOSTILE, score: 120, figures: { accepted: 9, helpfulVotes: 31, rescued: 2 } };
    const html = memberOfTheMonthHtml('es', latest);
    expect(html.startsWith(`<section class="mom" aria-labelledby="mom-h" ${M}><h2 id="mom-h" ${M}>&#9733; Miembro del mes, noviembre de 2026</h2>`)).toBe(true);
    expect(html).toContain(`<a href="/es/members/2" ${M}>${ESCAPED}</a> &#8212; 9 respuestas aceptadas · 31 votos útiles · 2 preguntas rescatadas</p>`);
    expect(memberOfTheMonthHtml('en', latest)).toContain('November 2026');
    expect(memberOfTheMonthHtml('es', undefined)).toBe('');
  });
});
