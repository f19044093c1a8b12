import { describe, expect, it } from 'vitest';
import { filterExpressions, meiliQuery } from '../../../search/meilisearch';

describe('Meilisearch query translation', () => {
  it('keeps words and phrases, drops stop words, and never lets "-" mean exclusion', () => {
    expect(meiliQuery('-router "no puedo" entrar en la cuenta')).toBe('"no puedo" router entrar cuenta');
    expect(meiliQuery('contraseña del rou')).toBe('contrasena rou');
    expect(meiliQuery('de la ')).toBe('de la ');
  });
  it('quotes filter values so they cannot inject filter syntax', () => {
    expect(filterExpressions({ category: 'billing" OR type = "article', tag: 'a\\b', solved: false, locale: 'es' })).toEqual([
      'locale = "es"',
      'category = "billing\\" OR type = \\"article"',
      'tags = "a\\\\b"',
      'solved = false',
    ]);
    expect(filterExpressions({ type: 'article', locale: 'en' }, 'locale')).toEqual(['type = "article"']);
  });
});
