import { asDomainError, type DomainError } from '../lib/errors';

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
  } catch (thrown) {
    const error = asDomainError(thrown);
    if (!error) throw thrown;
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

const WHOLE_NUMBER = /^\s*-?\d{1,15}\s*$/;

/**
 * A form's fields as the JSON API sends them, for the schemas that take JSON types strictly: the `numbers` fields
 * become numbers (an empty one null: "no parent", "no position"), the `booleans` fields true or false ("true"/"on",
 * "false"). A value that does not convert stays a string, and the schema refuses it.
 */
export function formInput(form: FormData, types: { numbers?: string[]; booleans?: string[] }): Record<string, unknown> {
  const out: Record<string, unknown> = formFields(form);
  for (const name of types.numbers ?? []) {
    const v = out[name];
    if (typeof v !== 'string') continue;
    if (v.trim() === '') out[name] = null;
    else if (WHOLE_NUMBER.test(v)) out[name] = Number(v);
  }
  for (const name of types.booleans ?? []) {
    const v = out[name];
    if (v === 'true' || v === 'on') out[name] = true;
    else if (v === 'false') out[name] = false;
  }
  return out;
}
