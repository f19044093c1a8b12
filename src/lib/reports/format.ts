import type { Locale } from '../../../db/schema/accounts';

/** How a KPI or a table cell is written for people (and which way a change is good). */
export type ValueKind = 'count' | 'percent' | 'duration' | 'ratio' | 'money' | 'nps' | 'text' | 'date';

const tag = (locale: Locale) => (locale === 'es' ? 'es-ES' : 'en-GB');

/** Intl formatters are costly to create and a report writes thousands of cells: one per locale and options. */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(tag(locale), options)));
  return f;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(tag(locale), options)));
  return f;
}

export function formatCount(locale: Locale, n: number): string {
  return numberFormat(locale, { maximumFractionDigits: 1 }).format(n);
}

export function formatPercent(locale: Locale, share: number, digits = 1): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(share);
}

/** A duration as people read it: "45 min", "3 h 20 min", "2.5 d". */
export function formatDuration(locale: Locale, ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = ms / 3_600_000;
  if (hours < 48) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  return `${numberFormat(locale, { maximumFractionDigits: 1 }).format(hours / 24)} ${locale === 'es' ? 'd' : 'd'}`;
}

export function formatDay(locale: Locale, day: number): string {
  return dateFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(day);
}

export function formatValue(locale: Locale, kind: ValueKind, value: number | string | null, currency = 'EUR'): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'percent':
      return formatPercent(locale, value);
    case 'duration':
      return formatDuration(locale, value);
    case 'ratio':
      return numberFormat(locale, { maximumFractionDigits: 2 }).format(value);
    case 'money':
      return numberFormat(locale, { style: 'currency', currency }).format(value / 100);
    case 'nps':
      return numberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(value * 100);
    case 'date':
      return dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(value);
    default:
      return formatCount(locale, value);
  }
}

/** A change against the previous period: points for rates, relative for counts and durations. */
export function formatChange(locale: Locale, kind: ValueKind, delta: number | null, relative: number | null): string | null {
  if (delta === null) return null;
  const signed = (n: number, opts: Intl.NumberFormatOptions) => numberFormat(locale, { signDisplay: 'exceptZero', ...opts }).format(n);
  if (kind === 'percent') return `${signed(delta * 100, { maximumFractionDigits: 1 })} pp`;
  if (kind === 'nps') return signed(delta * 100, { maximumFractionDigits: 0 });
  if (relative === null) return signed(delta, { maximumFractionDigits: 2 });
  return signed(relative, { style: 'percent', maximumFractionDigits: 0 });
}
