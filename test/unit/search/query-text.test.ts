import { describe, expect, it } from 'vitest';
import { ftsTerm, queryWords } from '../../../search/query-text';

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
