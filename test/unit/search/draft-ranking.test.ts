import { describe, expect, it } from 'vitest';
import { inverseDocumentFrequency, joinedWords, meaningfulTerms, rankDraft, similarityStem, snippetAround } from '../../../search/draft-ranking';

describe('meaningfulTerms', () => {
  it('drops stop words, forum filler and single letters, in both languages', () => {
    expect(meaningfulTerms('Hi guys, does anyone know which bank is best in Doha? Thanks')).toEqual(['bank', 'best', 'doha']);
    expect(meaningfulTerms('Should I go there again before or after the holidays?')).toEqual(['holidays']);
    expect(meaningfulTerms('Hola, ¿alguien sabe cómo cambiar la contraseña del router?')).toEqual(['cambiar', 'contrasena', 'router']);
  });
});

describe('joinedWords', () => {
  it('writes each two neighbouring words as one, folded, once each', () => {
    expect(joinedWords('Direction to LU LU')).toEqual(['directionto', 'tolu', 'lulu']);
    expect(joinedWords('home school, home school')).toEqual(['homeschool', 'schoolhome']);
    expect(joinedWords('Contraseña')).toEqual([]);
    expect(joinedWords('')).toEqual([]);
  });
  it('looks at a bounded number of words of a long text', () => {
    const long = Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' ');
    const joined = joinedWords(long);
    expect(joined.length).toBeGreaterThan(0);
    expect(joined.length).toBeLessThan(1000);
    expect(joined).not.toContain('w4998w4999');
  });
});

describe('rankDraft', () => {
  const idf = (t: string) => inverseDocumentFrequency(t === 'qatar' ? 400 : 10, 500);
  const candidate = (item: string, title: string, body: string, boost = 1) => ({ item, title, body, boost });
  const candidates = [
    candidate('visa', 'Family visit visa in Qatar', 'How long does the family visit visa take?'),
    candidate('bank-1', 'Best bank in Qatar', 'Which bank gives the best rates on a salary account?'),
    candidate('bank-2', 'Opening a bank account', 'Which banks let me open an account without a salary letter?'),
    candidate('food', 'Best food in Qatar', 'Where is the best biryani?'),
  ];
  const order = (ranked: { item: string; score: number }[]) => [...ranked].sort((a, b) => b.score - a.score).map((r) => r.item);

  it('puts the questions about the same thing first, plurals matched', () => {
    const ranked = order(rankDraft({ title: 'Good bank', body: 'Which is a good bank to open an account in Qatar?' }, candidates, idf));
    expect(ranked.slice(0, 2).sort()).toEqual(['bank-1', 'bank-2']);
    expect(ranked.at(-1)).not.toMatch(/^bank/);
  });

  it('ranks a draft that is only a title, and counts a word in a title above the same word in a body', () => {
    const ranked = order(rankDraft({ title: 'visa' }, [candidate('body', 'Moving to Doha', 'I need a visa for my family'), candidate('title', 'Visa for my family', 'Moving to Doha soon')], idf));
    expect(ranked).toEqual(['title', 'body']);
  });

  it('matches English word forms through Porter stems, and Spanish plurals only', () => {
    const visas = [candidate('renewal', 'Visa renewal fees', 'How much does it cost?'), candidate('bank', 'Best bank in Qatar', 'Which bank gives the best rates?')];
    const draft = { title: 'Renewing', body: 'renew' };
    // "renew", "renewal" and "renewing" share the stem "renew" in English only
    expect(rankDraft(draft, visas, idf, 'en')[0]!.score).toBeGreaterThan(0);
    expect(rankDraft(draft, visas, idf)[0]!.score).toBe(0);
    expect(similarityStem('en')('renewing')).toBe('renew');
    expect(similarityStem('en')('renewal')).toBe('renew');
    expect(similarityStem('es')('facturas')).toBe('factura');
    expect(similarityStem('es')('configuración')).toBe('configuración');
  });

  it('matches a compound the draft splits with a post that writes it whole, in a title above a body', () => {
    const pool = [
      candidate('shop', 'Garmin GPS shop in Doha', 'Where can I drive to buy one?'),
      candidate('whole', 'Lulu hypermarket', 'How do I get there from the airport?'),
      candidate('body', 'Groceries', 'Is Lulu open on Friday?'),
    ];
    const ranked = order(rankDraft({ title: 'Direction to LU LU', body: 'How do I drive to LU LU?' }, pool, idf, 'en'));
    expect(ranked.slice(0, 2)).toEqual(['whole', 'body']);
    // es: the same rule, accents folded ("contra seña" → "contrasena")
    const es = rankDraft({ title: 'olvidé la contra seña' }, [candidate('plan', 'Cambiar de plan', 'Quiero otro plan'), candidate('clave', 'Cambiar la contraseña', 'No entro')], idf, 'es');
    expect(es.map((r) => r.score > 0)).toEqual([false, true]);
  });

  it('multiplies by the boost (solved, votes, freshness, helpfulness) of otherwise equal candidates', () => {
    const ranked = rankDraft({ title: 'router password' }, [candidate('plain', 'Router password', 'Reset it.'), candidate('solved', 'Router password', 'Reset it.', 1.3)], idf);
    expect(order(ranked)).toEqual(['solved', 'plain']);
    expect(ranked[1]!.score / ranked[0]!.score).toBeCloseTo(1.3, 5);
  });

  it('gains from resembling the best other candidates (cohesion), not from one stray word', () => {
    const pool = [
      candidate('q1', 'Cheapest car rental company', 'Looking for a cheap monthly car rental in Doha, rent a car'),
      candidate('q2', 'Monthly car rental prices', 'How much is a monthly rental car, rent budget'),
      candidate('q3', 'Rent a car for one month', 'Car rental for a month, cheap company'),
      candidate('stray', 'Car insurance renewal', 'Insurance company renewal fees, monthly premium and traffic fines'),
      candidate('related', 'Budget rental company', 'Cheap rental company in Doha, monthly car'),
    ];
    const ranked = order(rankDraft({ title: 'rent a car monthly budget', body: 'Looking for a car rental company' }, pool, idf, 'en'));
    expect(ranked.indexOf('related')).toBeLessThan(ranked.indexOf('stray'));
  });

  it('scores nothing in common as zero, and no candidates as an empty list', () => {
    const [r] = rankDraft({ title: 'router', body: 'wifi' }, [candidates[0]!], idf);
    expect(r!.score).toBe(0);
    expect(rankDraft({ title: 'router' }, [], idf)).toEqual([]);
  });
});

describe('inverseDocumentFrequency', () => {
  it('is higher for rarer terms and never negative', () => {
    expect(inverseDocumentFrequency(1, 1000)).toBeGreaterThan(inverseDocumentFrequency(100, 1000));
    expect(inverseDocumentFrequency(1000, 1000)).toBeGreaterThan(0);
  });
});

describe('snippetAround', () => {
  const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
  it('starts just before the first matching word, marks every match (accents folded) and says where the text goes on', () => {
    const text = `${words(10)} la Contraseña del router; ${words(30)}`;
    const s = snippetAround(text, new Set(['contrasena', 'router']), '[', ']');
    expect(s.startsWith('…w7 w8 w9 la [Contraseña] del [router]; w0')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s.split(' ')).toHaveLength(24);
  });
  it('shows the start of the text when nothing matches, and a short text whole', () => {
    expect(snippetAround('Short text, no match.', new Set(['router']), '[', ']')).toBe('Short text, no match.');
    expect(snippetAround(words(40), new Set(['x']), '[', ']')).toBe(`${words(24)}…`);
    expect(snippetAround('', new Set(['x']), '[', ']')).toBe('');
  });
});
