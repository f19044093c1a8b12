import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, HOUR_MS, type BusinessCalendar } from '../../../src/lib/business-hours/business-hours';
import { clockState, dueAlert, elapsedMs, pauseClock, resumeClock, retargetClock, startClock, stopClock } from '../../../src/lib/cases/sla';

const MADRID: BusinessCalendar = { ...DEFAULT_CALENDAR, holidays: ['2026-01-06'] };
const at = (iso: string) => Date.parse(iso);
const H = HOUR_MS;

describe('SLA clocks in business time', () => {
  it('first response: 4 business hours from Friday 16:00 is due Monday 11:00 and warns at 80 % (Monday 10:12)', () => {
    const clock = startClock(MADRID, 'first_response', 4 * H, 0.8, at('2026-02-13T16:00:00+01:00'));
    expect(clock.dueAt).toBe(at('2026-02-16T11:00:00+01:00'));
    expect(clock.warnAt).toBe(at('2026-02-16T10:12:00+01:00'));
    expect(clockState(clock, at('2026-02-14T12:00:00+01:00'))).toBe('running');
    expect(dueAlert(clock, at('2026-02-16T10:12:00+01:00'))).toBe('warning');
    expect(dueAlert({ ...clock, warnedAt: at('2026-02-16T10:12:00+01:00') }, at('2026-02-16T10:30:00+01:00'))).toBeNull();
    expect(dueAlert(clock, at('2026-02-16T11:00:00+01:00'))).toBe('breach');
    expect(clockState(clock, at('2026-02-16T11:00:00+01:00'))).toBe('breached');
  });

  it('met when stopped before the due time, missed (breach at the due time) after', () => {
    const clock = startClock(MADRID, 'first_response', 2 * H, 0.75, at('2026-02-16T09:00:00+01:00'));
    const met = stopClock(clock, at('2026-02-16T10:59:00+01:00'));
    expect(clockState(met, at('2026-02-20T00:00:00+01:00'))).toBe('met');
    const missed = stopClock(clock, at('2026-02-16T12:00:00+01:00'));
    expect(clockState(missed, at('2026-02-20T00:00:00+01:00'))).toBe('missed');
    expect(missed.breachedAt).toBe(at('2026-02-16T11:00:00+01:00'));
    expect(stopClock(met, at('2026-02-17T00:00:00Z'))).toBe(met);
  });

  it('pending on the customer pauses resolution: 2 business hours paused move the due time by 2 business hours', () => {
    // Resolution target 16 business hours from Monday 09:00 → Tuesday 16:00 (9 h on Monday, 7 on Tuesday).
    let clock = startClock(MADRID, 'resolution', 16 * H, 0.8, at('2026-02-16T09:00:00+01:00'));
    expect(clock.dueAt).toBe(at('2026-02-17T16:00:00+01:00'));
    clock = pauseClock(clock, at('2026-02-16T12:00:00+01:00'));
    expect(clockState(clock, at('2026-02-16T15:00:00+01:00'))).toBe('paused');
    expect(dueAlert(clock, at('2026-02-18T15:00:00+01:00'))).toBeNull();
    expect(elapsedMs(MADRID, clock, at('2026-02-16T17:00:00+01:00'))).toBe(3 * H);
    clock = resumeClock(MADRID, clock, 0.8, at('2026-02-16T14:00:00+01:00'));
    expect(clock.pausedMs).toBe(2 * H);
    expect(clock.dueAt).toBe(at('2026-02-17T18:00:00+01:00'));
    expect(elapsedMs(MADRID, clock, at('2026-02-16T15:00:00+01:00'))).toBe(4 * H);
  });

  it('a pause over a weekend and a holiday counts only business time as paused', () => {
    // Due Friday 17:00; paused Friday 15:00 (2 h left), resumed Wednesday after Epiphany Monday 5 Jan… in 2026.
    let clock = startClock(MADRID, 'resolution', 8 * H, 0.5, at('2026-01-02T09:00:00+01:00'));
    expect(clock.dueAt).toBe(at('2026-01-02T17:00:00+01:00'));
    clock = pauseClock(clock, at('2026-01-02T15:00:00+01:00'));
    clock = resumeClock(MADRID, clock, 0.5, at('2026-01-07T09:00:00+01:00'));
    // Paused business time: Fri 15–18 (3 h) + Mon 5 Jan (9 h); Tuesday 6 Jan is a holiday → 12 h.
    expect(clock.pausedMs).toBe(12 * H);
    expect(clock.dueAt).toBe(at('2026-01-07T11:00:00+01:00'));
  });

  it('a breached clock stays breached when paused', () => {
    const clock = startClock(MADRID, 'resolution', H, 0.5, at('2026-02-16T09:00:00+01:00'));
    const paused = pauseClock(clock, at('2026-02-16T11:00:00+01:00'));
    expect(paused.pausedAt).toBeNull();
    expect(paused.breachedAt).toBe(at('2026-02-16T10:00:00+01:00'));
  });

  it('a new priority retargets the running clock and keeps the time spent', () => {
    const clock = startClock(MADRID, 'first_response', 8 * H, 0.75, at('2026-02-16T09:00:00+01:00'));
    const urgent = retargetClock(MADRID, clock, 2 * H, 0.75);
    expect(urgent.dueAt).toBe(at('2026-02-16T11:00:00+01:00'));
    expect(urgent.warnAt).toBe(at('2026-02-16T10:30:00+01:00'));
  });

  it('across the March DST change the due time is in business hours of the new offset', () => {
    const clock = startClock(MADRID, 'first_response', 4 * H, 0.8, at('2026-03-27T16:00:00+01:00'));
    expect(clock.dueAt).toBe(at('2026-03-30T11:00:00+02:00'));
  });
});
