export type DomainErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'INVALID' | 'RATE_LIMITED' | 'UNAUTHORIZED';

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
};

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
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
