import { expect } from 'vitest';
import { DomainError } from '../../src/lib/errors';

/** Runs `fn` and asserts it throws a DomainError with `code`; returns the error for further checks. */
export function expectCode(fn: () => unknown, code: DomainError['code']): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe(code);
    return e as DomainError;
  }
  throw new Error(`expected ${code}`);
}
