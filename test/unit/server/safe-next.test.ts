import { describe, expect, it } from 'vitest';
import { safeNext } from '../../../src/web/sign-in';

describe('where to go after signing in', () => {
  it('keeps a path of this site, percent-encoded so it is always a valid Location', () => {
    expect(safeNext('/es/questions/12/x?sort=votes#answer-3', '/es/')).toBe('/es/questions/12/x?sort=votes#answer-3');
    expect(safeNext('/€', '/es/')).toBe('/%E2%82%AC');
    expect(safeNext('/es/kb/contraseña', '/es/')).toBe('/es/kb/contrase%C3%B1a');
    expect(safeNext('/es/%2F%2Fevil.example', '/es/')).toBe('/es/%2F%2Fevil.example');
  });

  it('refuses whatever a browser would resolve to another origin, or is no path', () => {
    for (const next of ['/\t/evil.example', '/\r\nSet-Cookie: x=1', '/a\u0000b', '/\n/evil.example', '/\r\n/x', '//evil.example', '/\\evil.example', '\\\\evil.example', '///evil.example', '/..//evil.example', '/./\t/evil.example', 'javascript:alert(1)', 'https://evil.example/', '€', '', null, undefined, `/${'a'.repeat(2001)}`]) {
      expect(safeNext(next, '/es/'), JSON.stringify(next)).toBe('/es/');
    }
  });
});
