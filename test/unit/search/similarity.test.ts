import { describe, expect, it } from 'vitest';
import { inverseDocumentFrequency, meaningfulTerms, rankSimilar, similarityStem } from '../../../search/similarity';

describe('meaningfulTerms', () => {
  it('drops stop words, forum filler and single letters, in both languages', () => {
    expect(meaningfulTerms('Hi guys, does anyone know which bank is best in Doha? Thanks')).toEqual(['bank', 'best', 'doha']);
    expect(meaningfulTerms('Should I go there again before or after the holidays?')).toEqual(['holidays']);
    expect(meaningfulTerms('Hola, ¿alguien sabe cómo cambiar la contraseña del router?')).toEqual(['cambiar', 'contrasena', 'router']);
  });
});

describe('rankSimilar', () => {
  const idf = (t: string) => inverseDocumentFrequency(t === 'qatar' ? 400 : 10, 500);
  const candidates = [
    { item: 'visa', title: 'Family visit visa in Qatar', body: 'How long does the family visit visa take?' },
    { item: 'bank-1', title: 'Best bank in Qatar', body: 'Which bank gives the best rates on a salary account?' },
    { item: 'bank-2', title: 'Opening a bank account', body: 'Which banks let me open an account without a salary letter?' },
    { item: 'food', title: 'Best food in Qatar', body: 'Where is the best biryani?' },
  ];
  it('puts the questions about the same thing first, plurals matched', () => {
    const ranked = rankSimilar({ title: 'Good bank', body: 'Which is a good bank to open an account in Qatar?' }, candidates, idf)
      .sort((a, b) => b.score - a.score)
      .map((r) => r.item);
    expect(ranked.slice(0, 2).sort()).toEqual(['bank-1', 'bank-2']);
    expect(ranked.at(-1)).not.toMatch(/^bank/);
  });
  it('matches English word forms through Porter stems, and Spanish plurals only', () => {
    const visas = [
      { item: 'renewal', title: 'Visa renewal fees', body: 'How much does renewing cost?' },
      { item: 'bank', title: 'Best bank in Qatar', body: 'Which bank gives the best rates?' },
    ];
    const query = { title: 'Renew my visit visa', body: 'I am renewing it next week' };
    const en = rankSimilar(query, visas, idf, 'en');
    const unknown = rankSimilar(query, visas, idf);
    // "renew", "renewal" and "renewing" share the stem "renew" in English only
    expect(en[0]!.score).toBeGreaterThan(unknown[0]!.score);
    expect(similarityStem('en')('renewing')).toBe('renew');
    expect(similarityStem('en')('renewal')).toBe('renew');
    expect(similarityStem('es')('facturas')).toBe('factura');
    expect(similarityStem('es')('configuración')).toBe('configuración');
  });
  it('scores nothing in common as zero', () => {
    const [r] = rankSimilar({ title: 'router', body: 'wifi' }, [candidates[0]!], idf);
    expect(r!.score).toBe(0);
  });
});

describe('inverseDocumentFrequency', () => {
  it('is higher for rarer terms and never negative', () => {
    expect(inverseDocumentFrequency(1, 1000)).toBeGreaterThan(inverseDocumentFrequency(100, 1000));
    expect(inverseDocumentFrequency(1000, 1000)).toBeGreaterThan(0);
  });
});
