import { LOCALES, type Locale } from '../../../db/schema/accounts';
import { MESSAGES, type MessageKey } from './messages/index';

export { LOCALES, type Locale, type MessageKey };

export const LOCALE_NAMES: Record<Locale, string> = { es: 'Español', en: 'English' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: string): value is MessageKey {
  return value in MESSAGES.en;
}

const PLURAL_RULES = new Map<Locale, Intl.PluralRules>();

function isSingular(locale: Locale, n: number): boolean {
  let rules = PLURAL_RULES.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    PLURAL_RULES.set(locale, rules);
  }
  return rules.select(n) === 'one';
}

/**
 * Translates a key, replacing `{name}` placeholders. With a count `n` that the language treats as singular, the
 * `<key>.one` message is used when there is one. Unknown keys (e.g. raw validation messages) fall back to `field.invalid`.
 */
export function translate(locale: Locale, key: string, vars?: Record<string, string | number>): string {
  const messages = MESSAGES[locale];
  // Most calls have no placeholders to fill: the message as it is.
  if (vars === undefined) return isMessageKey(key) ? messages[key] : messages['field.invalid'];
  const n = typeof vars.n === 'string' && /^\d+$/.test(vars.n) ? Number(vars.n) : vars.n;
  const one = `${key}.one`;
  const template =
    typeof n === 'number' && isMessageKey(one) && isSingular(locale, n)
      ? messages[one]
      : isMessageKey(key)
        ? messages[key]
        : messages['field.invalid'];
  return template.includes('{') ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : template;
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** `translate` for one locale: what the locale middleware puts on `Astro.locals.t`. */
export function translator(locale: Locale): Translate {
  return (key, vars) => translate(locale, key, vars);
}

/** Picks the best supported locale from an Accept-Language header (RFC 9110 quality values). */
export function negotiateLocale(acceptLanguage: string | null | undefined, fallback: Locale): Locale {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { lang: tag.toLowerCase().split('-')[0] ?? '', quality: Number.isFinite(quality) ? quality : 0, order };
    })
    .filter((r) => r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.order - b.order);
  for (const r of ranked) if (isLocale(r.lang)) return r.lang;
  return fallback;
}

/** Replaces the locale prefix of a path (`/es/questions` → `/en/questions`), keeping the rest. */
export function switchLocalePath(pathWithQuery: string, to: Locale): string {
  const match = /^\/(es|en)(?=\/|$|\?)/.exec(pathWithQuery);
  if (match) return `/${to}${pathWithQuery.slice(match[0].length)}`;
  return `/${to}/`;
}

// Building an Intl.DateTimeFormat costs ~0.4 ms; a thread page formats dozens of dates.
const DATE_FORMATS: Record<Locale, Intl.DateTimeFormat> = {
  es: new Intl.DateTimeFormat('es-ES', { dateStyle: 'medium', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }),
};

// A month and its year ("noviembre de 2026", "November 2026"), for the members of the month.
const MONTH_FORMATS: Record<Locale, Intl.DateTimeFormat> = {
  es: new Intl.DateTimeFormat('es', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** A `YYYY-MM` month in words, in the locale's language. */
export function formatMonth(locale: Locale, month: string): string {
  return MONTH_FORMATS[locale].format(Date.parse(`${month}-01T00:00:00Z`));
}

const DAY_MS = 24 * 3600 * 1000;
/** Formatted dates by UTC day, per locale (a date shows its day only); cleared past DATE_MEMO_DAYS entries. */
const DATE_MEMO: Record<Locale, Map<number, string>> = { es: new Map(), en: new Map() };
const DATE_MEMO_DAYS = 20_000;

export function formatDate(locale: Locale, epochMs: number): string {
  const day = Math.floor(epochMs / DAY_MS);
  const memo = DATE_MEMO[locale];
  let text = memo.get(day);
  if (text === undefined) {
    text = DATE_FORMATS[locale].format(day * DAY_MS);
    if (memo.size >= DATE_MEMO_DAYS) memo.clear();
    memo.set(day, text);
  }
  return text;
}
