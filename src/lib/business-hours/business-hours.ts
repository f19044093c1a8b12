import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

/**
 * Business-hours calendars: a time zone, opening hours per weekday and holidays. Every deadline of the product that
 * counts "business hours" (SLA clocks, escalation triggers, the acknowledgement's expected response) goes through
 * this module. Local wall-clock times become instants through luxon (IANA time-zone data), so DST changes are
 * handled by the library: a slot boundary that falls in the spring-forward gap moves to the first valid instant
 * after it, and a slot spanning the autumn overlap lasts its real elapsed time.
 */

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** Opening hours within one day, local wall-clock `HH:MM`; `end` may be `24:00`. */
export interface Slot {
  start: string;
  end: string;
}

export interface BusinessCalendar {
  timeZone: string;
  /** Keys '1'…'7' (ISO weekdays); a missing or empty day is closed. */
  weekly: Partial<Record<`${Weekday}`, Slot[]>>;
  /** Local dates `YYYY-MM-DD` on which the calendar is closed all day. */
  holidays: string[];
}

export const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** A search for the next or previous open instant gives up after this many days (a calendar always closed). */
const MAX_SCAN_DAYS = 3 * 366;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

const slotSchema = z
  .object({
    start: z.string({ error: 'field.required' }).regex(TIME, { error: 'calendar.time' }),
    end: z.string({ error: 'field.required' }).regex(TIME, { error: 'calendar.time' }),
  })
  .refine((s) => minutesOf(s.start) < minutesOf(s.end), { error: 'calendar.slotOrder' });

/** Input of an admin's calendar: overlapping slots, an always-closed week and impossible dates are refused. */
export const calendarSchema = z
  .object({
    timeZone: z
      .string({ error: 'field.required' })
      .trim()
      .refine((tz) => IANAZone.isValidZone(tz), { error: 'calendar.timeZone' }),
    weekly: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7'], { error: 'field.invalid' }), z.array(slotSchema).max(6, { error: 'field.invalid' })),
    holidays: z
      .array(
        z
          .string()
          .trim()
          .regex(DATE, { error: 'calendar.holiday' })
          .refine((d) => DateTime.fromISO(d, { zone: 'UTC' }).isValid, { error: 'calendar.holiday' }),
      )
      .max(500, { error: 'field.tooLong' })
      .default([]),
  })
  .superRefine((cal, ctx) => {
    let open = 0;
    for (const day of WEEKDAYS) {
      const slots = [...(cal.weekly[`${day}`] ?? [])].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
      open += slots.length;
      for (let i = 1; i < slots.length; i++) {
        if (minutesOf(slots[i]!.start) < minutesOf(slots[i - 1]!.end)) ctx.addIssue({ code: 'custom', path: ['weekly', `${day}`], message: 'calendar.overlap' });
      }
    }
    if (open === 0) ctx.addIssue({ code: 'custom', path: ['weekly'], message: 'calendar.empty' });
  })
  .transform((cal) => ({ ...cal, holidays: [...new Set(cal.holidays)].sort() }));

/** Things an admin should know about a valid calendar: holidays that fall on a closed weekday change nothing. */
export function calendarWarnings(cal: BusinessCalendar): { holidaysOnClosedDays: string[] } {
  const closed = cal.holidays.filter((d) => {
    const weekday = DateTime.fromISO(d, { zone: 'UTC' }).weekday as Weekday;
    return (cal.weekly[`${weekday}`] ?? []).length === 0;
  });
  return { holidaysOnClosedDays: closed };
}

/** Monday to Friday, 9:00–18:00, Europe/Madrid: the calendar a new installation starts with. */
export const DEFAULT_CALENDAR: BusinessCalendar = {
  timeZone: 'Europe/Madrid',
  weekly: Object.fromEntries(([1, 2, 3, 4, 5] as const).map((d) => [`${d}`, [{ start: '09:00', end: '18:00' }]])),
  holidays: [],
};

type Interval = readonly [number, number];

/** A calendar with its days' open intervals (UTC instants) computed once and remembered. */
class CompiledCalendar {
  private readonly days = new Map<number, readonly Interval[]>();
  private readonly holidays: Set<string>;
  constructor(readonly cal: BusinessCalendar) {
    this.holidays = new Set(cal.holidays);
  }

  /** The local day number (days since 1970-01-01 in the calendar's zone) that contains the instant. */
  localDay(t: number): number {
    const d = DateTime.fromMillis(t, { zone: this.cal.timeZone });
    return Math.round(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);
  }

  /** Open intervals of a local day, in order, as UTC instants. */
  intervals(day: number): readonly Interval[] {
    let found = this.days.get(day);
    if (found) return found;
    const date = new Date(day * DAY_MS);
    const iso = date.toISOString().slice(0, 10);
    const weekday = (((day + 3) % 7) + 7) % 7 + 1;
    const slots = this.holidays.has(iso) ? [] : (this.cal.weekly[`${weekday as Weekday}`] ?? []);
    const base = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
    const instant = (hhmm: string) => {
      const minutes = minutesOf(hhmm);
      const local = minutes === 24 * 60 ? DateTime.fromObject(base, { zone: this.cal.timeZone }).plus({ days: 1 }) : DateTime.fromObject({ ...base, hour: Math.floor(minutes / 60), minute: minutes % 60 }, { zone: this.cal.timeZone });
      return local.toMillis();
    };
    found = slots
      .map((s) => [instant(s.start), instant(s.end)] as const)
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    if (this.days.size > 20_000) this.days.clear();
    this.days.set(day, found);
    return found;
  }
}

const compiled = new Map<string, CompiledCalendar>();

function compile(cal: BusinessCalendar): CompiledCalendar {
  const key = JSON.stringify([cal.timeZone, cal.weekly, cal.holidays]);
  let c = compiled.get(key);
  if (!c) {
    if (compiled.size > 100) compiled.clear();
    c = new CompiledCalendar(cal);
    compiled.set(key, c);
  }
  return c;
}

/** Business milliseconds between two instants (negative when `to` is before `from`). */
export function businessMsBetween(cal: BusinessCalendar, from: number, to: number): number {
  if (to < from) return -businessMsBetween(cal, to, from);
  const c = compile(cal);
  let total = 0;
  // A local day's intervals may start on the previous UTC day, so the scan starts one day early.
  for (let day = c.localDay(from) - 1, last = c.localDay(to); day <= last; day++) {
    for (const [a, b] of c.intervals(day)) {
      const lo = Math.max(a, from);
      const hi = Math.min(b, to);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

/**
 * `businessMsBetween` for many waits inside `span`, as the reports count them: the span's open intervals are listed
 * once with the business time before each, so a wait is two binary searches rather than a walk over its days in
 * local time. A wait reaching outside the span is counted by `businessMsBetween`; both give the same result.
 */
export function businessClock(cal: BusinessCalendar, span: { from: number; to: number }): (from: number, to: number) => number {
  const c = compile(cal);
  const starts: number[] = [];
  const ends: number[] = [];
  const before: number[] = [];
  let total = 0;
  for (let day = c.localDay(span.from) - 1, last = c.localDay(span.to) + 1; day <= last; day++) {
    for (const [a, b] of c.intervals(day)) {
      starts.push(a);
      ends.push(b);
      before.push(total);
      total += b - a;
    }
  }
  /** Business ms from the first interval's start to `t`. */
  const elapsed = (t: number): number => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : before[lo - 1]! + Math.min(t, ends[lo - 1]!) - starts[lo - 1]!;
  };
  const measure = (from: number, to: number): number => {
    if (to < from) return -measure(to, from);
    if (from < span.from || to > span.to) return businessMsBetween(cal, from, to);
    return elapsed(to) - elapsed(from);
  };
  return measure;
}

/** The earliest instant at or after `start` by which `ms` business milliseconds have passed. */
export function addBusinessMs(cal: BusinessCalendar, start: number, ms: number): number {
  if (ms < 0) return subtractBusinessMs(cal, start, -ms);
  if (ms === 0) return start;
  const c = compile(cal);
  let left = ms;
  const first = c.localDay(start) - 1;
  for (let day = first; day < first + MAX_SCAN_DAYS; day++) {
    for (const [a, b] of c.intervals(day)) {
      if (b <= start) continue;
      const lo = Math.max(a, start);
      if (b - lo >= left) return lo + left;
      left -= b - lo;
    }
  }
  throw new RangeError('The calendar has no business hours in the next three years.');
}

/** The latest instant at or before `end` from which `ms` business milliseconds pass until `end`. */
export function subtractBusinessMs(cal: BusinessCalendar, end: number, ms: number): number {
  if (ms < 0) return addBusinessMs(cal, end, -ms);
  if (ms === 0) return end;
  const c = compile(cal);
  let left = ms;
  const last = c.localDay(end) + 1;
  for (let day = last; day > last - MAX_SCAN_DAYS; day--) {
    const intervals = c.intervals(day);
    for (let i = intervals.length - 1; i >= 0; i--) {
      const [a, b] = intervals[i]!;
      if (a >= end) continue;
      const hi = Math.min(b, end);
      if (hi - a >= left) return hi - left;
      left -= hi - a;
    }
  }
  throw new RangeError('The calendar has no business hours in the last three years.');
}

/** Whether the calendar is open at the instant. */
export function isOpenAt(cal: BusinessCalendar, t: number): boolean {
  const c = compile(cal);
  const day = c.localDay(t);
  return [day - 1, day].some((d) => c.intervals(d).some(([a, b]) => a <= t && t < b));
}

/** The first instant at or after `t` at which the calendar is open. */
export function nextOpening(cal: BusinessCalendar, t: number): number {
  const c = compile(cal);
  const first = c.localDay(t) - 1;
  for (let day = first; day < first + MAX_SCAN_DAYS; day++) {
    for (const [a, b] of c.intervals(day)) if (b > t) return Math.max(a, t);
  }
  throw new RangeError('The calendar has no business hours in the next three years.');
}

/**
 * The opening hours as short lines for people, e.g. ["Monday–Friday 09:00–18:00"], grouping consecutive weekdays
 * with the same hours, in the reader's language.
 */
export function describeWeeklyHours(cal: BusinessCalendar, locale: 'es' | 'en'): string[] {
  const names = new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', { weekday: 'long', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  const dayName = (d: Weekday) => names.format(Date.UTC(2024, 0, d));
  const hours = (d: Weekday) =>
    (cal.weekly[`${d}`] ?? [])
      .slice()
      .sort((a, b) => minutesOf(a.start) - minutesOf(b.start))
      .map((s) => `${s.start}–${s.end}`)
      .join(', ');
  const lines: string[] = [];
  let from: Weekday | null = null;
  for (const d of WEEKDAYS) {
    const h = hours(d);
    const next = d < 7 ? hours((d + 1) as Weekday) : null;
    if (!h) continue;
    from ??= d;
    if (next !== h) {
      const days = from === d ? dayName(d) : `${dayName(from)}–${dayName(d)}`;
      lines.push(`${days.charAt(0).toUpperCase()}${days.slice(1)} ${h}`);
      from = null;
    }
  }
  return lines;
}
