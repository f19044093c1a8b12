import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { idParam, isVisitorId, validateInput, visitorIdSchema } from '../../../src/lib/validation';
import { loadConfig } from '../../../src/lib/server/config';
import { redirectToSignIn, safeNext, signInPath } from '../../../src/web/sign-in';

const schema = z.object({
  title: z.string().max(5),
  body: z.string().min(3),
  name: z.string().min(1),
  locale: z.enum(['es', 'en']),
  limit: z.coerce.number().int().max(100),
  missing: z.string(),
  own: z.string({ error: 'field.email' }),
});

describe('validateInput', () => {
  it('gives a message key for every field, even where the schema has no message of its own', () => {
    const result = validateInput(schema, { title: 'too long', body: 'ab', name: '', locale: 'fr', limit: '500', own: 3 });
    expect(result).toEqual({
      ok: false,
      fields: { title: 'field.tooLong', body: 'field.tooShort', name: 'field.required', locale: 'field.invalid', limit: 'field.invalid', missing: 'field.required', own: 'field.email' },
    });
  });
  it('returns the parsed data when the input is valid', () => {
    expect(validateInput(z.object({ n: z.coerce.number() }), { n: '4' })).toEqual({ ok: true, data: { n: 4 } });
  });
});

describe('idParam', () => {
  it('reads up to 15 digits and nothing else', () => {
    expect(['42', '0', '999999999999999'].map(idParam)).toEqual([42, 0, 999_999_999_999_999]);
    expect(['', '1e3', '-1', '4.2', ' 42', '42abc', '1234567890123456', null, undefined].map(idParam)).toEqual(Array(9).fill(null));
  });
});

describe('visitor id', () => {
  it('accepts 16 to 64 URL-safe characters, with one message key', () => {
    expect(['a'.repeat(16), 'A-b_9'.repeat(12) + 'abcd'].map(isVisitorId)).toEqual([true, true]);
    expect(['a'.repeat(15), 'a'.repeat(65), 'abcdefghijklmnop<', null, undefined].map(isVisitorId)).toEqual([false, false, false, false, false]);
    expect(validateInput(z.object({ visitorId: visitorIdSchema }), { visitorId: 'short' })).toEqual({ ok: false, fields: { visitorId: 'field.invalid' } });
  });
});

describe('site origin', () => {
  it('is kept without a trailing slash whatever the configuration says', () => {
    expect(loadConfig({}).SITE_URL).toBe('http://localhost:4321');
    expect(loadConfig({ SITE_URL: 'https://help.example.com/' }).SITE_URL).toBe('https://help.example.com');
    expect(loadConfig({ SITE_URL: 'https://help.example.com//' }).SITE_URL).toBe('https://help.example.com');
  });
});

describe('sign-in redirect', () => {
  it('comes back to the page asked for, query included, and only to this site', () => {
    expect(signInPath('es', '/es/questions/ask?category=billing')).toBe('/es/signin?next=%2Fes%2Fquestions%2Fask%3Fcategory%3Dbilling');
    const redirect = (path: string, status?: number) => new Response(null, { status, headers: { location: path } });
    const response = redirectToSignIn({ url: new URL('http://x/en/editor?draft=1'), locals: { locale: 'en' } as App.Locals, redirect });
    expect([response.status, response.headers.get('location')]).toEqual([303, '/en/signin?next=%2Fen%2Feditor%3Fdraft%3D1']);
    expect(['/en/kb', '//evil.example', 'https://evil.example', '/\\evil.example', null].map((n) => safeNext(n, '/en/'))).toEqual(['/en/kb', '/en/', '/en/', '/en/', '/en/']);
  });
});
