import { describe, expect, it } from 'vitest';
import { allowedTypos, editDistance, foldText, ftsTerm, indexTerms, lightStem, parseQuery, queryWords } from '../../../search/query-text';

describe('queryWords', () => {
  it('keeps only letters and digits, lowercased, accents kept for the tokenizer to fold', () => {
    expect(queryWords('¿Cómo RESETEO el router?')).toEqual(['cómo', 'reseteo', 'el', 'router']);
  });
  it('neutralizes FTS5 and SQL syntax', () => {
    expect(queryWords('"a" OR b* NEAR(c d) -e title:f ^g (h)')).toEqual(['a', 'or', 'b', 'near', 'c', 'd', 'e', 'title', 'f', 'g', 'h']);
    expect(queryWords("'; DROP TABLE users; --")).toEqual(['drop', 'table', 'users']);
    expect(queryWords('🔥💥')).toEqual([]);
  });
  it('bounds huge input', () => {
    expect(queryWords('palabra '.repeat(2000)).length).toBe(12);
  });
  it('quotes terms for FTS5', () => {
    expect(ftsTerm('or')).toBe('"or"');
    expect(ftsTerm('rou', true)).toBe('"rou"*');
  });
});

describe('parseQuery', () => {
  it('keeps quoted phrases whole, stop words included, and folds accents', () => {
    expect(parseQuery('"No puedo" cambiar contraseña ')).toEqual({ words: ['cambiar', 'contrasena'], phrases: [['no', 'puedo']], lastIsPrefix: false });
  });
  it('marks the last word as a prefix only when typing goes on', () => {
    expect(parseQuery('router conf').lastIsPrefix).toBe(true);
    expect(parseQuery('router conf ').lastIsPrefix).toBe(false);
    expect(parseQuery('"router conf"').lastIsPrefix).toBe(false);
  });
  it('turns a one-word or unbalanced quote into a plain word', () => {
    expect(parseQuery('"router" "').words).toEqual(['router']);
    expect(parseQuery('"router" "').phrases).toEqual([]);
  });
});

describe('text folding and stemming', () => {
  it('folds Spanish accents and ñ like the FTS5 tokenizer', () => {
    expect(foldText('Contraseña Móvil ÁÉÍÓÚ Ü')).toBe('contrasena movil aeiou u');
    expect(indexTerms('¿Facturación? ERR_404, wi-fi')).toEqual(['facturacion', 'err', '404', 'wi', 'fi']);
  });
  it('strips English and Spanish plurals only', () => {
    expect(['banks', 'facturas', 'conexiones', 'companies', 'business', 'bus', 'status', 'class'].map(lightStem)).toEqual([
      'bank', 'factura', 'conexion', 'company', 'business', 'bus', 'status', 'class',
    ]);
  });
});

describe('typo tolerance', () => {
  it('allows one typo from 5 letters and two from 9, as Meilisearch does', () => {
    expect(['wifi', 'router', 'contrasena', 'configuracion'].map(allowedTypos)).toEqual([0, 1, 2, 2]);
  });
  it('counts a swap of neighbours as one typo and stops past the maximum', () => {
    expect(editDistance('pasword', 'password', 2)).toBe(1);
    expect(editDistance('reuter', 'router', 2)).toBe(1);
    expect(editDistance('ruoter', 'router', 2)).toBe(1);
    expect(editDistance('configuarcoin', 'configuracion', 2)).toBe(2);
    expect(editDistance('factura', 'invoice', 2)).toBe(3);
  });
});
