import { describe, expect, it } from 'vitest';
import { createDb, STATEMENT_CACHE_CHARS, STATEMENT_CACHE_SIZE, statementCacheSize } from '../../../db/client';

/** A multi-row select of `rows` rows: a new statement for each row count, as a batch insert of N rows is. */
const batch = (rows: number) => `select ${Array.from({ length: rows }, (_, i) => `? as c${i}`).join(', ')}`;

describe('the prepared statement cache', () => {
  it('keeps a statement used again, and stays within its count and its characters of SQL', () => {
    const sqlite = createDb(':memory:').$client;
    const hot = sqlite.prepare('select 1 as one');
    let total = 0;
    for (let rows = 1; rows <= 400; rows++) {
      const source = batch(rows);
      total += source.length;
      expect(sqlite.prepare(source).get(...Array.from({ length: rows }, () => 1))).toMatchObject({ c0: 1 });
      expect(sqlite.prepare('select 1 as one')).toBe(hot);
      const size = statementCacheSize(sqlite);
      expect(size.statements).toBeLessThanOrEqual(STATEMENT_CACHE_SIZE);
      expect(size.sqlChars).toBeLessThanOrEqual(STATEMENT_CACHE_CHARS);
    }
    // The batches alone add up to far more than the bound: it is the characters that stopped them.
    expect(total).toBeGreaterThan(STATEMENT_CACHE_CHARS * 2);
    expect(statementCacheSize(sqlite).sqlChars).toBeGreaterThan(STATEMENT_CACHE_CHARS / 2);
    expect(statementCacheSize(sqlite).statements).toBeLessThan(STATEMENT_CACHE_SIZE);
    sqlite.close();
  });

  it('answers a statement longer than the whole bound without keeping it', () => {
    const sqlite = createDb(':memory:').$client;
    const source = `select 1 as one /* ${'x'.repeat(STATEMENT_CACHE_CHARS)} */`;
    expect(sqlite.prepare(source).get()).toEqual({ one: 1 });
    expect(sqlite.prepare(source)).not.toBe(sqlite.prepare(source));
    expect(statementCacheSize(sqlite).sqlChars).toBeLessThan(100);
    sqlite.close();
  });
});
