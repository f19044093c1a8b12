import { and, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { cases, caseSlaClocks } from '../../../db/schema/index';
import { addCaseEvent, alertStaff, changeCase, loadCase, SYSTEM } from './case-writes';
import { loadCaseSetup } from './setup';
import { dueAlert } from './sla';

/** The periodic work of cases: SLA warnings and breaches, and closing cases left pending or solved. */

const DAY_MS = 24 * 3600 * 1000;

/**
 * Announces SLA clocks that reached their warning share or their due time since the last run: once each, on the
 * timeline and to the assignee and supervisors (in the app; by mail per their notification preference).
 */
export function runSlaAlerts(db: Db, now: number, limit = 1000): { warnings: number; breaches: number } {
  return db.transaction(
    (tx) => {
      const setup = loadCaseSetup(tx);
      const due = tx
        .select()
        .from(caseSlaClocks)
        .where(and(isNull(caseSlaClocks.stoppedAt), isNull(caseSlaClocks.pausedAt), isNull(caseSlaClocks.breachedAt), lte(caseSlaClocks.dueAt, now)))
        .limit(limit)
        .all();
      const warn = tx
        .select()
        .from(caseSlaClocks)
        .where(and(isNull(caseSlaClocks.stoppedAt), isNull(caseSlaClocks.pausedAt), isNull(caseSlaClocks.warnedAt), isNull(caseSlaClocks.breachedAt), lte(caseSlaClocks.warnAt, now)))
        .limit(limit)
        .all();
      let warnings = 0;
      let breaches = 0;
      const seen = new Set<number>();
      for (const clock of [...due, ...warn]) {
        if (seen.has(clock.id)) continue;
        seen.add(clock.id);
        const alert = dueAlert(clock, now);
        if (!alert) continue;
        const c = loadCase(tx, clock.caseId);
        if (!c) continue;
        if (alert === 'breach') {
          tx.update(caseSlaClocks).set({ breachedAt: clock.dueAt, warnedAt: clock.warnedAt ?? now }).where(eq(caseSlaClocks.id, clock.id)).run();
          addCaseEvent(tx, c.id, 'sla_breach', SYSTEM, { clock: clock.kind, dueAt: clock.dueAt }, now);
          alertStaff(tx, setup, c, 'case.sla_breach', { clock: clock.kind }, now);
          breaches++;
        } else {
          tx.update(caseSlaClocks).set({ warnedAt: now }).where(eq(caseSlaClocks.id, clock.id)).run();
          addCaseEvent(tx, c.id, 'sla_warning', SYSTEM, { clock: clock.kind, dueAt: clock.dueAt }, now);
          alertStaff(tx, setup, c, 'case.sla_warning', { clock: clock.kind }, now);
          warnings++;
        }
      }
      return { warnings, breaches };
    },
    { behavior: 'immediate' },
  );
}

export interface ClosingDelays {
  /** A case pending on the customer this long closes as "closed by abandonment". */
  abandonAfterMs: number;
  /** A solved case this long closes for good (a customer message before then reopens it). */
  closeSolvedAfterMs: number;
}

export const DEFAULT_CLOSING_DELAYS: ClosingDelays = { abandonAfterMs: 7 * DAY_MS, closeSolvedAfterMs: 7 * DAY_MS };

export function closeStaleCases(db: Db, now: number, delays: ClosingDelays = DEFAULT_CLOSING_DELAYS, limit = 1000): { abandoned: number; closed: number } {
  return db.transaction(
    (tx) => {
      const setup = loadCaseSetup(tx);
      const pending = tx
        .select()
        .from(cases)
        .where(and(eq(cases.status, 'pending_customer'), lte(cases.statusChangedAt, now - delays.abandonAfterMs)))
        .limit(limit)
        .all();
      for (const c of pending) changeCase(tx, setup, c, { status: 'closed', closeReason: 'abandoned' }, SYSTEM, now);
      const solved = tx
        .select()
        .from(cases)
        .where(and(inArray(cases.status, ['solved']), lte(cases.statusChangedAt, now - delays.closeSolvedAfterMs)))
        .limit(limit)
        .all();
      for (const c of solved) changeCase(tx, setup, c, { status: 'closed', closeReason: 'solved' }, SYSTEM, now);
      return { abandoned: pending.length, closed: solved.length };
    },
    { behavior: 'immediate' },
  );
}
