import { describe, expect, it } from 'vitest';
import { slugify } from '../../../src/lib/community/slug';
import { askQuestionSchema } from '../../../src/lib/community/schemas';
import { decodeCursor, encodeCursor } from '../../../src/lib/community/list-questions';
import { DomainError } from '../../../src/lib/errors';
import { parseInput } from '../../../src/lib/validation';

describe('slugify', () => {
  it('folds accents and punctuation', () => {
    expect(slugify('¿Cómo cambio mi contraseña?')).toBe('como-cambio-mi-contrasena');
    expect(slugify('Router  --  ERR_CONNECTION_RESET!!')).toBe('router-err-connection-reset');
  });
  it('never returns an empty slug and caps the length', () => {
    expect(slugify('???')).toBe('question');
    expect(slugify('日本語')).toBe('question');
    expect(slugify('a'.repeat(200)).length).toBe(80);
  });
});

describe('askQuestionSchema', () => {
  const base = { title: 'My router keeps rebooting', body: 'Every night at 3am the router restarts.', category: 'internet', locale: 'en' };
  it('normalizes tags from a comma list', () => {
    const parsed = askQuestionSchema.parse({ ...base, tags: ' Router, wifi,router ,, ' });
    expect(parsed.tags).toEqual(['router', 'wifi']);
  });
  it('rejects bad tags, too many tags, short and long fields with message keys', () => {
    let fields: Record<string, string> = {};
    try {
      parseInput(askQuestionSchema, { ...base, title: 'short', body: ' '.repeat(50), tags: 'a,b,c,d,e,f' });
    } catch (e) {
      fields = (e as DomainError).fields;
    }
    expect(fields).toEqual({ title: 'field.titleTooShort', body: 'field.required', tags: 'field.tooManyTags' });
    expect(() => parseInput(askQuestionSchema, { ...base, tags: 'ok, x' })).toThrow(expect.objectContaining({ fields: { tags: 'field.invalidTag' } }));
    expect(askQuestionSchema.safeParse({ ...base, tags: '<script>' }).error?.issues[0]?.message).toBe('field.invalidTag');
    expect(askQuestionSchema.safeParse({ ...base, title: 'x'.repeat(151) }).error?.issues[0]?.message).toBe('field.titleTooLong');
  });
  it('rejects wrongly typed fields', () => {
    expect(askQuestionSchema.safeParse({ ...base, title: 42 }).success).toBe(false);
    expect(askQuestionSchema.safeParse({ ...base, locale: 'fr' }).success).toBe(false);
  });
});

describe('list cursors', () => {
  it('round-trips', () => {
    expect(decodeCursor(encodeCursor(1700000000000, 42))).toEqual({ createdAt: 1700000000000, id: 42 });
  });
  it('rejects tampered cursors with INVALID', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(DomainError);
    expect(() => decodeCursor(Buffer.from("1' OR 1=1:2").toString('base64url'))).toThrow(DomainError);
  });
});
