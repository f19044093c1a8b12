import { describe, expect, it } from 'vitest';
import { isSqliteVersionSupported, MIN_SQLITE_VERSION } from '../../../db/client';

describe('isSqliteVersionSupported', () => {
  it('accepts 3.51.3 and newer, refuses older', () => {
    expect(MIN_SQLITE_VERSION).toBe('3.51.3');
    expect(isSqliteVersionSupported('3.51.3')).toBe(true);
    expect(isSqliteVersionSupported('3.54.1')).toBe(true);
    expect(isSqliteVersionSupported('4.0.0')).toBe(true);
    expect(isSqliteVersionSupported('3.51.2')).toBe(false);
    expect(isSqliteVersionSupported('3.45.10')).toBe(false);
  });
});
