import { describe, expect, it } from 'vitest';
import { asDomainError, DomainError, HTTP_STATUS, unlessStorageFull } from '../../../src/lib/errors';

const sqliteError = (code: string) => Object.assign(new Error('database or disk is full'), { code });

describe('a write that finds the disk full', () => {
  it('becomes STORAGE_FULL (507, retry in a minute) at the edge; domain errors stay as they are; anything else is a bug', () => {
    const full = asDomainError(sqliteError('SQLITE_FULL'))!;
    expect([full.code, HTTP_STATUS[full.code], full.retryAfterS, full.fields]).toEqual(['STORAGE_FULL', 507, 60, { _: 'error.storageFull' }]);
    expect(asDomainError(sqliteError('ENOSPC'))!.code).toBe('STORAGE_FULL');
    const domain = new DomainError('CONFLICT', 'x');
    expect(asDomainError(domain)).toBe(domain);
    expect(asDomainError(sqliteError('SQLITE_CORRUPT'))).toBeNull();
    expect(asDomainError(new TypeError('bug'))).toBeNull();
  });

  it('is skipped when a read can do without it, and only then', () => {
    expect(unlessStorageFull(() => 42, null)).toBe(42);
    expect(
      unlessStorageFull(() => {
        throw sqliteError('SQLITE_FULL');
      }, null),
    ).toBeNull();
    expect(() =>
      unlessStorageFull(() => {
        throw sqliteError('SQLITE_BUSY');
      }, null),
    ).toThrow('database or disk is full');
  });
});
