import type { AstroGlobal } from 'astro';
import type { FormResult } from './form-result';
import { HTTP_STATUS } from '../lib/errors';

export interface FormState {
  errors: Record<string, string>;
  /** Placeholder values of a field's error message, by field. */
  errorVars?: Record<string, Record<string, string | number>>;
  values: Record<string, string>;
  /** Message key of an error not tied to a field (bad credentials, rate limit…). */
  formError: string | null;
  /** Values of formError's placeholders (how long to wait: seconds, or minutes past two minutes). */
  formErrorVars: Record<string, number>;
  retryAfterS: number | null;
}

/** Turns an action result into what a form page renders, and sets the response status (4xx) on failure. */
export function formState<T>(astro: AstroGlobal, result: { data?: FormResult<T> } | undefined): FormState {
  const data = result?.data;
  if (!data || data.ok) return { errors: {}, values: {}, formError: null, formErrorVars: {}, retryAfterS: null };
  astro.response.status = HTTP_STATUS[data.code];
  if (data.retryAfterS) astro.response.headers.set('retry-after', String(data.retryAfterS));
  const { _: general, ...errors } = data.fields;
  const waitS = data.retryAfterS ?? 0;
  const inMinutes = data.code === 'RATE_LIMITED' && waitS >= 120;
  const formError =
    data.code === 'RATE_LIMITED'
      ? inMinutes
        ? 'error.rateLimitedMinutes'
        : 'error.rateLimited'
      : (general ??
        (Object.keys(errors).length
          ? 'error.form'
          : data.code === 'FORBIDDEN' || data.code === 'UNAUTHORIZED'
            ? 'error.forbidden.body'
            : data.code === 'CONFLICT'
              ? 'error.conflict'
              : 'error.generic.body'));
  const formErrorVars: Record<string, number> = inMinutes ? { n: Math.ceil(waitS / 60) } : { s: waitS };
  return { errors, errorVars: data.fieldVars ?? {}, values: data.values, formError, formErrorVars, retryAfterS: data.retryAfterS ?? null };
}
