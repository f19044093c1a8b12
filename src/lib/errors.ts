/** `STORAGE_FULL` is not a rule of the domain: it is what a write that found the disk full becomes (see asDomainError). */
export type DomainErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'INVALID' | 'RATE_LIMITED' | 'UNAUTHORIZED' | 'STORAGE_FULL';

/**
 * The one error type of the functional core. `fields` maps a form field to a message key; `retryAfterS` goes with
 * RATE_LIMITED; `fieldVars` holds the placeholder values of a field's message (e.g. the tags it names).
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly retryAfterS?: number,
    readonly fieldVars: Record<string, Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const HTTP_STATUS: Record<DomainErrorCode, number> = {
  INVALID: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  STORAGE_FULL: 507,
};

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/**
 * SQLite could not write because the disk (or the database's size limit) is full; the transaction was rolled back.
 * Growing the WAL index (the -shm file) on a full disk fails as SQLITE_IOERR_SHMSIZE rather than SQLITE_FULL.
 */
export function isStorageFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_SHMSIZE';
}

/**
 * Runs a write that a read can do without (a search event for the reports, a session's later expiry): with the disk
 * full it is skipped and `fallback` returned, so readers keep reading.
 */
export function unlessStorageFull<T>(write: () => T, fallback: T): T {
  try {
    return write();
  } catch (error) {
    if (isStorageFull(error)) return fallback;
    throw error;
  }
}

/** Seconds a client is asked to wait before writing again once the disk was full. */
export const STORAGE_FULL_RETRY_AFTER_S = 60;

/**
 * The DomainError an error stands for at the edge (forms, API): itself, or STORAGE_FULL for a write that found the disk
 * full — nothing was saved, the reader can try again later. Anything else is a bug: null.
 */
export function asDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  if (isStorageFull(error)) {
    return new DomainError('STORAGE_FULL', 'The server is out of storage space: nothing was saved. Try again later.', { _: 'error.storageFull' }, STORAGE_FULL_RETRY_AFTER_S);
  }
  return null;
}

/**
 * A permission's "no" with its reason: `reason` tells a page what to show instead of the tool, the rest is the error a
 * use case throws (`refusalError`).
 */
export interface Refusal<Reason extends string = string> {
  reason: Reason;
  code: 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';
  message: string;
  fields?: Record<string, string>;
  fieldVars?: Record<string, Record<string, string | number>>;
}

export function refusalError(refusal: Refusal): DomainError {
  return new DomainError(refusal.code, refusal.message, refusal.fields, undefined, refusal.fieldVars);
}
