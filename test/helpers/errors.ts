import { expect } from 'vitest';
import { DomainError } from '../../src/lib/errors';

function expectDomainError(error: unknown, code: DomainError['code']): DomainError {
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

/** Runs `fn` and asserts it throws a DomainError with `code`; returns the error for further checks. */
export function expectCode(fn: () => unknown, code: DomainError['code']): DomainError {
  try {
    fn();
  } catch (e) {
    return expectDomainError(e, code);
  }
  throw new Error(`expected ${code}`);
}

/** expectCode for async use cases: awaits `run` (a promise or a function) and asserts it rejects with `code`. */
export async function expectError(run: Promise<unknown> | (() => unknown), code: DomainError['code']): Promise<DomainError> {
  try {
    await (typeof run === 'function' ? run() : run);
  } catch (e) {
    return expectDomainError(e, code);
  }
  throw new Error(`expected ${code}`);
}

/** The error code `run` throws, or 'OK' when it returns: for tables of outcomes (`expect(codeOf(…)).toBe('FORBIDDEN')`). */
export function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'OK';
}
