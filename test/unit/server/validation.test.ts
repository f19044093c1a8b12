import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { validateInput } from '../../../src/lib/validation';

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
