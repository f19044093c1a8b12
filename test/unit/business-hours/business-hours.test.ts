import { describe, expect, it } from 'vitest';
import {
  addBusinessMs,
  businessClock,
  businessMsBetween,
  calendarSchema,
  calendarWarnings,
  DEFAULT_CALENDAR,
  describeWeeklyHours,
  HOUR_MS,
  isOpenAt,
  nextOpening,
  subtractBusinessMs,
  type BusinessCalendar,
} from '../../../src/lib/business-hours/business-hours';

/** Madrid office: Monday–Friday 09:00–18:00, Epiphany 2026 (a Tuesday) and a holiday on a Saturday. */
const MADRID: BusinessCalendar = { ...DEFAULT_CALENDAR, holidays: ['2026-01-06', '2026-08-15'] };
/** Open around the clock, every day: business time equals real time, which exposes DST changes. */
const ALWAYS: BusinessCalendar = {
  timeZone: 'Europe/Madrid',
  weekly: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [`${d}`, [{ start: '00:00', end: '24:00' }]])),
  holidays: [],
};
/** Sundays 01:00–04:00 only: the night the clocks change. */
const SUNDAY_NIGHT: BusinessCalendar = { timeZone: 'Europe/Madrid', weekly: { '7': [{ start: '01:00', end: '04:00' }] }, holidays: [] };

const at = (iso: string) => Date.parse(iso);
const H = HOUR_MS;

describe('business time in Europe/Madrid', () => {
  it('a weekend: Friday 17:00 plus 2 business hours is Monday 10:00', () => {
    const friday = at('2026-02-13T17:00:00+01:00');
    expect(addBusinessMs(MADRID, friday, 2 * H)).toBe(at('2026-02-16T10:00:00+01:00'));
    expect(businessMsBetween(MADRID, friday, at('2026-02-16T10:00:00+01:00'))).toBe(2 * H);
    // Saturday and Sunday count nothing.
    expect(businessMsBetween(MADRID, at('2026-02-14T00:00:00+01:00'), at('2026-02-16T00:00:00+01:00'))).toBe(0);
  });

  it('a holiday: Monday 17:00 before Epiphany plus 2 business hours is Wednesday 10:00', () => {
    const monday = at('2026-01-05T17:00:00+01:00');
    expect(addBusinessMs(MADRID, monday, 2 * H)).toBe(at('2026-01-07T10:00:00+01:00'));
    expect(isOpenAt(MADRID, at('2026-01-06T11:00:00+01:00'))).toBe(false);
    expect(nextOpening(MADRID, at('2026-01-06T11:00:00+01:00'))).toBe(at('2026-01-07T09:00:00+01:00'));
  });

  it('the March DST change: Friday 17:00 CET plus 2 business hours is Monday 10:00 CEST, 64 real hours later', () => {
    const friday = at('2026-03-27T17:00:00+01:00');
    const due = addBusinessMs(MADRID, friday, 2 * H);
    expect(due).toBe(at('2026-03-30T10:00:00+02:00'));
    expect(due - friday).toBe(64 * H);
  });

  it('the October DST change: Friday 17:00 CEST plus 2 business hours is Monday 10:00 CET, 66 real hours later', () => {
    const friday = at('2026-10-23T17:00:00+02:00');
    const due = addBusinessMs(MADRID, friday, 2 * H);
    expect(due).toBe(at('2026-10-26T10:00:00+01:00'));
    expect(due - friday).toBe(66 * H);
  });

  it('counts the 23-hour and the 25-hour day of a calendar open around the clock', () => {
    expect(businessMsBetween(ALWAYS, at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(23 * H);
    expect(businessMsBetween(ALWAYS, at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'))).toBe(25 * H);
    expect(addBusinessMs(ALWAYS, at('2026-03-29T00:00:00+01:00'), 24 * H)).toBe(at('2026-03-30T01:00:00+02:00'));
  });

  it('a slot across the spring gap lasts 2 real hours, across the autumn overlap 4', () => {
    expect(businessMsBetween(SUNDAY_NIGHT, at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(2 * H);
    expect(businessMsBetween(SUNDAY_NIGHT, at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(4 * H);
    expect(businessMsBetween(SUNDAY_NIGHT, at('2026-03-21T00:00:00Z'), at('2026-03-23T00:00:00Z'))).toBe(3 * H);
    // 02:30 does not exist on 29 March: the slot opens at 01:00 CET and closes at 04:00 CEST.
    expect(addBusinessMs(SUNDAY_NIGHT, at('2026-03-29T01:00:00+01:00'), 90 * 60_000)).toBe(at('2026-03-29T03:30:00+02:00'));
  });

  it('a start outside business hours counts from the next opening', () => {
    expect(addBusinessMs(MADRID, at('2026-02-16T07:00:00+01:00'), H)).toBe(at('2026-02-16T10:00:00+01:00'));
    expect(addBusinessMs(MADRID, at('2026-02-16T20:00:00+01:00'), H)).toBe(at('2026-02-17T10:00:00+01:00'));
  });

  it('add and subtract are inverse, and between agrees with both', () => {
    const starts = ['2026-02-13T17:30:00+01:00', '2026-03-27T12:00:00+01:00', '2026-10-23T09:00:00+02:00', '2026-01-05T18:00:00+01:00'].map(at);
    for (const start of starts) {
      for (const hours of [0.5, 1, 8, 9, 27, 100]) {
        const due = addBusinessMs(MADRID, start, hours * H);
        expect(businessMsBetween(MADRID, start, due)).toBe(hours * H);
        const back = subtractBusinessMs(MADRID, due, hours * H);
        expect(businessMsBetween(MADRID, back, due)).toBe(hours * H);
        expect(back).toBeGreaterThanOrEqual(start);
      }
    }
    expect(businessMsBetween(MADRID, at('2026-02-17T10:00:00+01:00'), at('2026-02-16T10:00:00+01:00'))).toBe(-9 * H);
  });
});

describe('the business clock of a span (many waits at once)', () => {
  it('agrees with businessMsBetween inside the span, across holidays and both DST changes, and outside it', () => {
    const span = { from: at('2026-01-01T00:00:00Z'), to: at('2026-11-30T00:00:00Z') };
    const rand = (() => {
      let a = 7;
      return () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
    })();
    for (const cal of [MADRID, ALWAYS, SUNDAY_NIGHT]) {
      const clock = businessClock(cal, span);
      for (let i = 0; i < 400; i++) {
        // Mostly inside the span, some reaching a month before or after it.
        const from = span.from - 30 * 24 * H + Math.floor(rand() * (span.to - span.from + 30 * 24 * H));
        const to = from + Math.floor(rand() * 40 * 24 * H) - (i % 10 === 0 ? 3 * 24 * H : 0);
        expect([cal.weekly, from, to, clock(from, to)]).toEqual([cal.weekly, from, to, businessMsBetween(cal, from, to)]);
      }
    }
    const clock = businessClock(MADRID, span);
    // Friday 17:55 to Monday 09:05: ten business minutes; over Epiphany (Monday 5th 17:00 to Wednesday 7th 10:00): 2 h.
    expect(clock(at('2026-02-13T17:55:00+01:00'), at('2026-02-16T09:05:00+01:00'))).toBe(10 * 60_000);
    expect(clock(at('2026-01-05T17:00:00+01:00'), at('2026-01-07T10:00:00+01:00'))).toBe(2 * H);
    expect(clock(at('2026-02-16T10:00:00+01:00'), at('2026-02-16T09:00:00+01:00'))).toBe(-H);
  });
});

describe('calendar input', () => {
  const valid = { timeZone: 'Europe/Madrid', weekly: { '1': [{ start: '09:00', end: '14:00' }, { start: '15:00', end: '18:00' }] }, holidays: ['2026-12-25', '2026-12-25'] };

  it('accepts split hours and removes repeated holidays', () => {
    const r = calendarSchema.safeParse(valid);
    expect(r.success).toBe(true);
    expect(r.data?.holidays).toEqual(['2026-12-25']);
  });

  it.each([
    ['an unknown time zone', { ...valid, timeZone: 'Mars/Olympus' }, 'calendar.timeZone'],
    ['overlapping slots', { ...valid, weekly: { '1': [{ start: '09:00', end: '14:00' }, { start: '13:00', end: '18:00' }] } }, 'calendar.overlap'],
    ['a week without hours', { ...valid, weekly: { '1': [] } }, 'calendar.empty'],
    ['a slot ending before it starts', { ...valid, weekly: { '1': [{ start: '18:00', end: '09:00' }] } }, 'calendar.slotOrder'],
    ['a time like 25:00', { ...valid, weekly: { '1': [{ start: '09:00', end: '25:00' }] } }, 'calendar.time'],
    ['an impossible date', { ...valid, holidays: ['2026-02-30'] }, 'calendar.holiday'],
  ])('refuses %s', (_name, input, message) => {
    const r = calendarSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toContain(message);
  });

  it('warns about holidays on closed days (15 August 2026 is a Saturday)', () => {
    expect(calendarWarnings(MADRID).holidaysOnClosedDays).toEqual(['2026-08-15']);
  });

  it('describes the hours in both languages', () => {
    expect(describeWeeklyHours(MADRID, 'en')).toEqual(['Monday–Friday 09:00–18:00']);
    expect(describeWeeklyHours(MADRID, 'es')).toEqual(['Lunes–viernes 09:00–18:00']);
    expect(describeWeeklyHours({ ...MADRID, weekly: { ...MADRID.weekly, '6': [{ start: '10:00', end: '14:00' }] } }, 'en')).toEqual(['Monday–Friday 09:00–18:00', 'Saturday 10:00–14:00']);
  });
});
