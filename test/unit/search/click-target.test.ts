import { describe, expect, it } from 'vitest';
import { searchClickSchema } from '../../../src/lib/search/schemas';

const click = (to: unknown) => searchClickSchema.safeParse({ click: '3', type: 'question', id: '7', pos: '1', to }).success;

describe('search result clicks redirect only within this site', () => {
  it('accepts a page of the site in either language', () => {
    expect(click('/es/questions/7/router-lento')).toBe(true);
    expect(click('/en/kb/reset-your-password')).toBe(true);
  });
  it('refuses other sites, protocol-relative and backslash tricks, unknown locales, empty, huge and control characters', () => {
    for (const to of ['//evil.example', '/es//evil.example', '/es/\\evil.example', 'https://evil.example/es/x', 'javascript:alert(1)', '/fr/x', '', `/es/${'a'.repeat(2000)}`, '/es/\r\nLocation: //evil', '/es/\rx', undefined]) {
      expect(click(to), JSON.stringify(to)).toBe(false);
    }
  });
});
