import { DomainError } from '../lib/errors';

/** What a form action hands back to its page: success data, or the error code with field message keys. */
export type FormResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: DomainError['code'];
      fields: Record<string, string>;
      fieldVars?: Record<string, Record<string, string | number>>;
      retryAfterS?: number;
      values: Record<string, string>;
    };

/** Runs a use case for a form; DomainErrors become a FormResult the page renders, anything else propagates (500 page). */
export async function formResult<T>(form: FormData, run: () => Promise<T> | T): Promise<FormResult<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const values: Record<string, string> = {};
    for (const [k, v] of form.entries()) if (typeof v === 'string' && !/password/i.test(k)) values[k] = v.slice(0, 40000);
    return { ok: false, code: error.code, fields: error.fields, fieldVars: error.fieldVars, retryAfterS: error.retryAfterS, values };
  }
}

export function formFields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string') out[k] = v;
  return out;
}
