import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDate, LOCALES, negotiateLocale, switchLocalePath, translate, translator } from '../../../src/lib/i18n/index';
import { MESSAGES } from '../../../src/lib/i18n/messages/index';

describe('negotiateLocale', () => {
  it('picks the highest-quality supported language', () => {
    expect(negotiateLocale('fr-FR,fr;q=0.9,en;q=0.8,es;q=0.7', 'es')).toBe('en');
    expect(negotiateLocale('es-MX,es;q=0.9,en;q=0.8', 'en')).toBe('es');
    expect(negotiateLocale('en;q=0.2, es;q=0.9', 'en')).toBe('es');
  });
  it('falls back on missing, unsupported or malformed headers', () => {
    expect(negotiateLocale(null, 'es')).toBe('es');
    expect(negotiateLocale('de-DE,fr', 'en')).toBe('en');
    expect(negotiateLocale(';;;q=abc,,', 'es')).toBe('es');
    expect(negotiateLocale('en;q=0', 'es')).toBe('es');
  });
});

describe('switchLocalePath', () => {
  it('keeps the page and the query', () => {
    expect(switchLocalePath('/es/questions/12/hola?x=1', 'en')).toBe('/en/questions/12/hola?x=1');
    expect(switchLocalePath('/en', 'es')).toBe('/es');
    expect(switchLocalePath('/en/', 'es')).toBe('/es/');
  });
  it('does not touch a path without a locale prefix or with a look-alike segment', () => {
    expect(switchLocalePath('/api/v1/search', 'es')).toBe('/es/');
    expect(switchLocalePath('/english/page', 'es')).toBe('/es/');
  });
});

describe('translate', () => {
  it('fills placeholders in both languages', () => {
    expect(translate('en', 'error.rateLimited', { s: 30 })).toBe('Too many attempts. Try again in 30 seconds.');
    expect(translate('es', 'error.rateLimited', { s: 30 })).toBe('Demasiados intentos. Vuelve a intentarlo en 30 segundos.');
  });
  it('maps unknown keys to a generic field message instead of leaking them', () => {
    expect(translate('es', 'no.such.key')).toBe('Este valor no es válido.');
  });
  it('has every English key translated to Spanish, none left empty', () => {
    const en = Object.keys(MESSAGES.en).sort();
    expect(Object.keys(MESSAGES.es).sort()).toEqual(en);
    for (const key of en) expect(MESSAGES.es[key as keyof typeof MESSAGES.es].length, key).toBeGreaterThan(0);
  });
  it('is bound to one locale by translator (Astro.locals.t)', () => {
    expect(translator('en')('search.count', { n: 1 })).toBe(translate('en', 'search.count', { n: 1 }));
    expect(translator('es')('error.rateLimited', { s: 30 })).toBe('Demasiados intentos. Vuelve a intentarlo en 30 segundos.');
  });
});

describe('message files', () => {
  const dir = new URL('../../../src/lib/i18n/messages/', import.meta.url);
  const domains = (locale: string) => readdirSync(new URL(`${locale}/`, dir)).filter((f) => f.endsWith('.ts')).sort();

  it('has the same domain files in every locale, each assembled once with no key in two domains', async () => {
    expect(domains('es')).toEqual(domains('en'));
    expect(domains('en').length).toBeGreaterThanOrEqual(9);
    for (const locale of LOCALES) {
      let keys = 0;
      for (const file of domains(locale)) {
        const messages = (await import(new URL(`${locale}/${file}`, dir).href)).default as Record<string, string>;
        keys += Object.keys(messages).length;
      }
      expect(Object.keys(MESSAGES[locale]).length, locale).toBe(keys);
    }
  });
});

describe('translate and formatDate', () => {
  it('gives a message without placeholders as it is, fills the ones it has and keeps unknown ones', () => {
    expect(translate('en', 'thread.history')).toBe(MESSAGES.en['thread.history']);
    expect(translate('es', 'no.such.key')).toBe(MESSAGES.es['field.invalid']);
    expect(translate('en', 'thread.views', { n: 3 })).toBe(MESSAGES.en['thread.views'].replace('{n}', '3'));
    expect(translate('en', 'thread.views')).toBe(MESSAGES.en['thread.views']);
  });

  it('formats a date by its UTC day, whatever the time of day, as Intl does', () => {
    const intl = { es: new Intl.DateTimeFormat('es-ES', { dateStyle: 'medium', timeZone: 'UTC' }), en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }) };
    for (const t of [Date.UTC(2026, 11, 3), Date.UTC(2026, 11, 3, 23, 59, 59, 999), Date.UTC(1969, 11, 31, 12), 0, Date.UTC(2024, 1, 29, 8)]) {
      for (const locale of LOCALES) expect(formatDate(locale, t), `${locale} ${t}`).toBe(intl[locale].format(t));
    }
    expect(formatDate('es', Date.UTC(2026, 0, 2, 1))).not.toBe(formatDate('en', Date.UTC(2026, 0, 2, 1)));
  });
});
