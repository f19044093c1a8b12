import { z } from 'zod';
import { LOCALES, type Locale } from '../../../db/schema/accounts';
import { DomainError } from '../errors';

/**
 * The filters of every report page, export and `GET /api/v1/kpis`: a date range of whole UTC days (`from` and `to`
 * included), a locale, a category (its sub-categories included) and a channel. Unknown filters, impossible dates, an
 * inverted range or one longer than MAX_RANGE_DAYS are refused with a field error, never guessed at.
 */

export const DAY_MS = 24 * 3600 * 1000;
/** The longest range a report covers: a year and a day (a leap year with its comparison stays cheap). */
export const MAX_RANGE_DAYS = 366;
/** The range a report shows when none is given: the last 30 days, today included. */
export const DEFAULT_RANGE_DAYS = 30;
/** Reports start here: earlier dates are typing mistakes. */
const EARLIEST = Date.UTC(2000, 0, 1);

/** The channels a report can be narrowed to (where a customer met the product). */
export const REPORT_CHANNELS = ['site', 'widget', 'ask_form', 'contact_form'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const dateField = z
  .string()
  .trim()
  .regex(DATE, { error: 'reports.field.date' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { error: 'reports.field.date' });

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const reportFiltersSchema = z
  .object({
    from: z.preprocess(emptyToUndefined, dateField.optional()),
    to: z.preprocess(emptyToUndefined, dateField.optional()),
    locale: z.preprocess(emptyToUndefined, z.enum(LOCALES, { error: 'reports.field.locale' }).optional()),
    category: z.preprocess(emptyToUndefined, z.string().trim().max(64).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'reports.field.category' }).optional()),
    channel: z.preprocess(emptyToUndefined, z.enum(REPORT_CHANNELS, { error: 'reports.field.channel' }).optional()),
  })
  .strict();

export type ReportFilterInput = z.infer<typeof reportFiltersSchema>;

/** A half-open range of instants [from, to) covering whole UTC days. */
export interface Period {
  from: number;
  to: number;
}

export interface ReportFilters {
  period: Period;
  /** The same number of days just before `period`: the comparison. */
  previous: Period;
  locale: Locale | null;
  /** A category slug as given; the loader resolves it with its sub-categories. */
  category: string | null;
  channel: ReportChannel | null;
}

export function startOfUtcDay(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

/** `YYYY-MM-DD` of the UTC day holding `t`. */
export function isoDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function dayCount(period: Period): number {
  return Math.round((period.to - period.from) / DAY_MS);
}

export function previousPeriod(period: Period): Period {
  return { from: period.from - (period.to - period.from), to: period.from };
}

/** The UTC days of a period, as the start instant of each. */
export function daysOf(period: Period): number[] {
  const days: number[] = [];
  for (let d = startOfUtcDay(period.from); d < period.to; d += DAY_MS) days.push(d);
  return days;
}

/**
 * Parses report filters (a query string's entries or an object) at `now`. Throws INVALID with a message key per field:
 * an unknown filter names itself under `_`; `to` before `from`, a range past MAX_RANGE_DAYS or a day after today
 * are errors of `to`/`from`.
 */
export function parseReportFilters(input: Record<string, unknown>, now: number): ReportFilters {
  const result = reportFiltersSchema.safeParse(input);
  if (!result.success) {
    const fields: Record<string, string> = {};
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        fields._ = 'reports.field.unknown';
        continue;
      }
      const key = String(issue.path[0] ?? '_');
      fields[key] ??= /^reports\./.test(issue.message) ? issue.message : 'field.invalid';
    }
    const unknown = result.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : []));
    throw new DomainError('INVALID', unknown.length ? `Unknown filter: ${unknown.join(', ')}.` : 'The filters are not valid.', fields, undefined, unknown.length ? { _: { names: unknown.join(', ') } } : {});
  }
  const data = result.data;
  const today = startOfUtcDay(now);
  const to = data.to ? Date.parse(`${data.to}T00:00:00Z`) : today;
  const from = data.from ? Date.parse(`${data.from}T00:00:00Z`) : to - (DEFAULT_RANGE_DAYS - 1) * DAY_MS;
  if (from < EARLIEST) throw new DomainError('INVALID', 'The range starts before 2000.', { from: 'reports.field.tooEarly' });
  if (to > today) throw new DomainError('INVALID', 'The range ends after today.', { to: 'reports.field.future' });
  if (to < from) throw new DomainError('INVALID', 'The range ends before it starts.', { to: 'reports.field.inverted' });
  const period = { from, to: to + DAY_MS };
  if (dayCount(period) > MAX_RANGE_DAYS) throw new DomainError('INVALID', `A report covers at most ${MAX_RANGE_DAYS} days.`, { to: 'reports.field.tooLong' }, undefined, { to: { max: MAX_RANGE_DAYS } });
  return { period, previous: previousPeriod(period), locale: data.locale ?? null, category: data.category ?? null, channel: data.channel ?? null };
}

/** The filters as query-string entries (the inverse of parseReportFilters), for links, exports and the API. */
export function filtersQuery(filters: ReportFilters): Record<string, string> {
  const q: Record<string, string> = { from: isoDay(filters.period.from), to: isoDay(filters.period.to - DAY_MS) };
  if (filters.locale) q.locale = filters.locale;
  if (filters.category) q.category = filters.category;
  if (filters.channel) q.channel = filters.channel;
  return q;
}
