import type { AstroGlobal } from 'astro';
import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/lib/i18n/index';
import { formState } from '../../../src/web/forms';

const page = () => ({ response: { status: 200, headers: new Headers() } }) as unknown as AstroGlobal;
const limited = (retryAfterS: number) => ({ data: { ok: false as const, code: 'RATE_LIMITED' as const, fields: {}, retryAfterS, values: {} } });

describe('formState for a rate-limited form', () => {
  it('says how long to wait in seconds, then in minutes past two minutes; 429 with Retry-After', () => {
    const astro = page();
    const short = formState(astro, limited(45));
    expect([astro.response.status, astro.response.headers.get('retry-after')]).toEqual([429, '45']);
    expect(translate('en', short.formError!, short.formErrorVars)).toBe('Too many attempts. Try again in 45 seconds.');
    const long = formState(page(), limited(3327));
    expect(translate('es', long.formError!, long.formErrorVars)).toBe('Demasiados intentos. Vuelve a intentarlo en 56 minutos.');
    const one = formState(page(), limited(119));
    expect(translate('en', one.formError!, one.formErrorVars)).toBe('Too many attempts. Try again in 119 seconds.');
    const minute = formState(page(), limited(120));
    expect(translate('en', minute.formError!, minute.formErrorVars)).toBe('Too many attempts. Try again in 2 minutes.');
  });
});
