import { describe, expect, it } from 'vitest';
import { escapeAttribute, questionListHtml } from '../../../src/components/community/question-list-html';
import type { QuestionSummary } from '../../../src/lib/community/list-questions';
import { translator } from '../../../src/lib/i18n/index';

const es = { locale: 'es' as const, t: translator('es') };
const en = { locale: 'en' as const, t: translator('en') };
const AT = Date.UTC(2026, 7, 13, 12);

const summary = (over: Partial<QuestionSummary> = {}): QuestionSummary => ({
  id: 7,
  title: 'El router se desconecta',
  slug: 'el-router-se-desconecta',
  locale: 'es',
  excerpt: 'Cada noche a las 3.',
  score: 4,
  answerCount: 2,
  solved: false,
  createdAt: AT,
  lastActivityAt: AT,
  pinned: false,
  closed: false,
  author: 'Ana',
  category: { slug: 'internet', nameEs: 'Internet', nameEn: 'Internet' },
  tags: ['router'],
  ...over,
});

// What QuestionList.astro wrote as Astro markup before it used questionListHtml (the same bytes: the pages bench's
// profiles, question lists and home pages compared byte for byte between the two builds).
describe('questionListHtml', () => {
  it('writes each question as the Astro component did', () => {
    expect(questionListHtml(es, [summary()], 3)).toBe(
      '<li class="question-item"><div class="question-stats"><span>4 votos</span><span>2 respuestas</span></div><div>' +
        '<h3 class="question-title"><a href="/es/questions/7/el-router-se-desconecta">El router se desconecta</a></h3><p>Cada noche a las 3.</p>' +
        '<ul class="tags" aria-label="Etiquetas"><li class="tag"><a href="/es/questions?tag=router" rel="tag">router</a></li></ul>' +
        '<p class="meta">preguntada 13 ago 2026 · por Ana</p></div></li>',
    );
  });

  it('marks solved, pinned and closed questions, one answer, another language and the heading level', () => {
    const html = questionListHtml(en, [summary({ solved: true, pinned: true, closed: true, answerCount: 1, score: 1, tags: [] })], 2);
    expect(html).toContain(`<span>1 vote</span><span>${en.t('questions.answer1')}</span><span class="badge solved">Solved</span><span class="badge">${en.t('thread.pinned')}</span><span class="badge">${en.t('questions.closed')}</span></div>`);
    expect(html).toContain('<h2 class="question-title"><a href="/es/questions/7/el-router-se-desconecta" lang="es">El router se desconecta</a></h2>');
    expect(html).toContain('<ul class="tags" aria-label="Tags"></ul>');
    expect(questionListHtml(es, [], 3)).toBe('');
  });

  it('escapes text as Astro escapes expressions and attribute values as Astro escapes attributes', () => {
    const html = questionListHtml(es, [summary({ title: `<script>alert("x")</script>'&`, excerpt: '<b>', author: `O'Neil & "co"`, tags: [`o'neil & "co"`] })], 3);
    expect(html).not.toContain('<script>');
    expect(html).toContain('>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;</a>');
    expect(html).toContain('<p>&lt;b&gt;</p>');
    expect(html).toContain(`<a href="/es/questions?tag=o'neil%20%26%20%22co%22" rel="tag">o&#39;neil &amp; &quot;co&quot;</a>`);
    expect(html).toContain('por O&#39;Neil &amp; &quot;co&quot;</p>');
    expect(escapeAttribute(`a&b"c'<d>`)).toBe(`a&amp;b&quot;c'<d>`);
  });
});
