import { SLA_CLOCK_KINDS, type SlaClockKind } from '../../../db/schema/cases';
import { addBusinessMs, businessMsBetween, subtractBusinessMs, type BusinessCalendar } from '../business-hours/business-hours';

/**
 * SLA clocks, pure. A clock counts business time from `startedAt` towards a target; while the case is pending on the
 * customer it is paused (the business time spent paused is added to the target); it stops at the event it measures
 * (first reply, next reply, solve). It warns once `warnShare` of the target has passed and is breached at `dueAt`.
 */

export { SLA_CLOCK_KINDS, type SlaClockKind };

export interface SlaClock {
  kind: SlaClockKind;
  startedAt: number;
  targetMs: number;
  /** Business milliseconds spent paused before the current pause (if any). */
  pausedMs: number;
  pausedAt: number | null;
  /** When the target is reached (null while paused: it moves with the pause). */
  dueAt: number | null;
  warnAt: number | null;
  warnedAt: number | null;
  breachedAt: number | null;
  stoppedAt: number | null;
}

export type SlaClockState = 'running' | 'warning' | 'breached' | 'paused' | 'met' | 'missed';

function schedule(cal: BusinessCalendar, clock: Pick<SlaClock, 'startedAt' | 'targetMs' | 'pausedMs'>, warnShare: number): { dueAt: number; warnAt: number } {
  const dueAt = addBusinessMs(cal, clock.startedAt, clock.targetMs + clock.pausedMs);
  const warnAt = subtractBusinessMs(cal, dueAt, Math.round(clock.targetMs * (1 - warnShare)));
  return { dueAt, warnAt };
}

export function startClock(cal: BusinessCalendar, kind: SlaClockKind, targetMs: number, warnShare: number, at: number): SlaClock {
  const base = { kind, startedAt: at, targetMs, pausedMs: 0 };
  return { ...base, ...schedule(cal, base, warnShare), pausedAt: null, warnedAt: null, breachedAt: null, stoppedAt: null };
}

/** Pausing a stopped or already paused clock changes nothing. */
export function pauseClock(clock: SlaClock, at: number): SlaClock {
  if (clock.stoppedAt !== null || clock.pausedAt !== null) return clock;
  // A clock already past its target stays breached: pausing does not hide a breach.
  if (clock.dueAt !== null && clock.dueAt <= at) return { ...clock, breachedAt: clock.breachedAt ?? clock.dueAt };
  return { ...clock, pausedAt: at, dueAt: null, warnAt: null };
}

export function resumeClock(cal: BusinessCalendar, clock: SlaClock, warnShare: number, at: number): SlaClock {
  if (clock.stoppedAt !== null || clock.pausedAt === null) return clock;
  const pausedMs = clock.pausedMs + businessMsBetween(cal, clock.pausedAt, at);
  const next = { ...clock, pausedMs, pausedAt: null };
  return { ...next, ...schedule(cal, next, warnShare) };
}

/** Stops the clock at the event it measures; past its due time the breach is recorded at the due time. */
export function stopClock(clock: SlaClock, at: number): SlaClock {
  if (clock.stoppedAt !== null) return clock;
  const breachedAt = clock.breachedAt ?? (clock.dueAt !== null && clock.dueAt < at ? clock.dueAt : null);
  return { ...clock, stoppedAt: at, breachedAt, pausedAt: null };
}

/** A new target (the priority changed): the due time moves, the time already spent stays spent. */
export function retargetClock(cal: BusinessCalendar, clock: SlaClock, targetMs: number, warnShare: number): SlaClock {
  if (clock.stoppedAt !== null) return clock;
  const next = { ...clock, targetMs };
  if (next.pausedAt !== null) return next;
  const scheduled = schedule(cal, next, warnShare);
  return { ...next, ...scheduled, warnedAt: scheduled.warnAt > (clock.warnedAt ?? Infinity) ? null : clock.warnedAt };
}

/** Business time the clock has counted by `now` (never more than the elapsed business time, never negative). */
export function elapsedMs(cal: BusinessCalendar, clock: SlaClock, now: number): number {
  const end = clock.stoppedAt ?? clock.pausedAt ?? now;
  return Math.max(0, businessMsBetween(cal, clock.startedAt, end) - clock.pausedMs);
}

export function clockState(clock: SlaClock, now: number): SlaClockState {
  if (clock.stoppedAt !== null) return clock.breachedAt !== null ? 'missed' : 'met';
  if (clock.breachedAt !== null || (clock.dueAt !== null && clock.dueAt <= now)) return 'breached';
  if (clock.pausedAt !== null) return 'paused';
  return clock.warnAt !== null && clock.warnAt <= now ? 'warning' : 'running';
}

/** What the scheduler must announce for a running clock at `now`: a warning, a breach, or nothing. */
export function dueAlert(clock: SlaClock, now: number): 'warning' | 'breach' | null {
  if (clock.stoppedAt !== null || clock.pausedAt !== null) return null;
  if (clock.breachedAt === null && clock.dueAt !== null && clock.dueAt <= now) return 'breach';
  if (clock.warnedAt === null && clock.breachedAt === null && clock.warnAt !== null && clock.warnAt <= now) return 'warning';
  return null;
}

/** SLA targets of one priority, in business minutes; `warnShare` (0–1) of a target raises the warning. */
export interface SlaTargets {
  firstResponseMinutes: number;
  nextResponseMinutes: number;
  resolutionMinutes: number;
  warnShare: number;
}
