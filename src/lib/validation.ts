import { z } from 'zod';
import { DomainError } from './errors';

/** Parses input with a zod schema; failures become one INVALID DomainError with a message key per field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = validateInput(schema, input);
  if (result.ok) return result.data;
  throw new DomainError('INVALID', 'The input is not valid.', result.fields);
}

/** Like parseInput, but returns the field errors instead of throwing, for use cases that add checks of their own. */
export function validateInput<T extends z.ZodType>(schema: T, input: unknown): { ok: true; data: z.infer<T> } | { ok: false; fields: Record<string, string> } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    // Array positions are dropped: a form shows one message per field (`tags`, not `tags.2`).
    const key = issue.path.filter((p) => typeof p !== 'number').map(String).join('.') || '_';
    if (!(key in fields)) fields[key] = isMessageKey(issue.message) ? issue.message : defaultMessageKey(issue);
  }
  return { ok: false, fields };
}

const MESSAGE_KEY = /^[a-z]+(\.[A-Za-z0-9]+)+$/;

function isMessageKey(message: string): boolean {
  return MESSAGE_KEY.test(message);
}

/** A schema without its own message for an issue gets a generic key, never zod's English sentence. */
function defaultMessageKey(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'field.required';
  const text = (issue.code === 'too_big' || issue.code === 'too_small') && (issue.origin === 'string' || issue.origin === 'array');
  if (issue.code === 'too_big' && text) return 'field.tooLong';
  if (issue.code === 'too_small' && text) return Number(issue.minimum) === 1 ? 'field.required' : 'field.tooShort';
  return 'field.invalid';
}

const ID_PARAM = /^\d{1,15}$/;

/** An id in a URL (path segment or query parameter): up to 15 digits, else null (the page answers 404 or ignores it). */
export function idParam(value: string | null | undefined): number | null {
  return value && ID_PARAM.test(value) ? Number(value) : null;
}

const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The anonymous visitor id: the `vid` cookie's value (see src/web/cookies.ts), or the id a widget or integration sends
 * where this site's cookie is not available. Chosen by the client, so only its shape is trusted.
 */
export const visitorIdSchema = z.string().regex(VISITOR_ID, { error: 'field.invalid' });

export function isVisitorId(value: string | null | undefined): value is string {
  return typeof value === 'string' && VISITOR_ID.test(value);
}

// Terminal escape sequences (CSI `ESC [ … m`, OSC `ESC ] … BEL`, 8-bit CSI, `ESC ( B` and other short ones) go whole: stripping
// only their control character would leave `[31m` in the text.
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const ANSI_ESCAPE = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b[ -/]*[0-~]?/g;
// C0 controls but tab, line feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LINE_BREAK = /\r\n?|[\u2028\u2029]/g;

/**
 * Text as a person typed it, for storage: escape sequences and control characters removed, lone surrogates replaced
 * (U+FFFD). Multi-line text keeps tabs and line breaks (as `\n`); a one-line text gets a space for each.
 */
export function cleanText(value: string, multiline: boolean): string {
  const text = value.toWellFormed().replace(ANSI_ESCAPE, '').replace(CONTROL, '').replace(LINE_BREAK, '\n');
  return multiline ? text : text.replace(/[\t\n]/g, ' ');
}

/**
 * The one rule for free text in every input (forms, API, imports): a string cleaned by `cleanText`. Chain length and
 * other checks after it (`lineText({ error }).trim().min(3)`), as on `z.string()`.
 */
export function lineText(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).overwrite((v) => cleanText(v, false));
}

/** Like `lineText`, for bodies, messages and descriptions that keep their tabs and line breaks. */
export function multilineText(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).overwrite((v) => cleanText(v, true));
}

/** A title needs at least one letter (a title of digits, punctuation or blanks says nothing and slugs to nothing). */
export const HAS_LETTER = /\p{L}/u;
