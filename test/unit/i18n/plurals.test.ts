import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/lib/i18n/index';
import { MESSAGES } from '../../../src/lib/i18n/messages/index';

describe('plurals', () => {
  it('uses the `.one` message for a singular count, in both languages', () => {
    const counts = (locale: 'es' | 'en', key: string) => [0, 1, 2].map((n) => translate(locale, key, { n }));
    expect(counts('es', 'tags.questions')).toEqual(['0 preguntas', '1 pregunta', '2 preguntas']);
    expect(counts('en', 'tags.questions')).toEqual(['0 questions', '1 question', '2 questions']);
    expect(counts('es', 'search.count')).toEqual(['0 resultados', '1 resultado', '2 resultados']);
    expect(counts('en', 'search.count')).toEqual(['0 results', '1 result', '2 results']);
    expect(counts('es', 'questions.votes')).toEqual(['0 votos', '1 voto', '2 votos']);
    expect(counts('en', 'questions.votes')).toEqual(['0 votes', '1 vote', '2 votes']);
    expect(counts('es', 'kb.articleCount')).toEqual(['0 artículos', '1 artículo', '2 artículos']);
    expect(counts('en', 'thread.meTooCount')).toEqual(['0 people have this problem', '1 person has this problem', '2 people have this problem']);
  });

  it('keeps the other placeholders, accepts numeric strings, and ignores keys without a singular', () => {
    expect(translate('en', 'kb.helpful.score', { score: 100, n: 1 })).toBe('100% of 1 reader found this helpful');
    expect(translate('es', 'editor.freshness.unhelpful', { score: 0, n: 1 })).toBe('0% útil en 30 días (1 voto)');
    expect(translate('es', 'questions.votes', { n: '1' })).toBe('1 voto');
    // CLDR treats -1 as singular too (a post's score can be negative)
    expect(translate('en', 'questions.votes', { n: -1 })).toBe('-1 vote');
    expect(translate('en', 'editor.revision', { n: 1 })).toBe('Revision 1');
    expect(translate('en', 'questions.votes')).toBe('{n} votes');
  });

  it('keeps the older singular keys working', () => {
    expect(translate('es', 'questions.answer1')).toBe('1 respuesta');
    expect(translate('es', 'questions.answers', { n: 1 })).toBe('1 respuesta');
    expect(translate('en', 'thread.answers', { n: 3 })).toBe('3 answers');
  });

  it('has a singular for every count message whose plural differs from it', () => {
    for (const locale of ['es', 'en'] as const) {
      for (const key of Object.keys(MESSAGES.en).filter((k) => k.endsWith('.one'))) {
        expect(MESSAGES[locale][key.slice(0, -4) as keyof typeof MESSAGES.en], key).toBeDefined();
        expect(MESSAGES[locale][key as keyof typeof MESSAGES.en], key).toContain('{n}');
      }
    }
  });
});
