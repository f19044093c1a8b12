import { and, gte, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { deflectionEvents } from '../../../db/schema/index';
import { computeDeflection, FAILED_WINDOW_MS, type DeflectionFigures } from './sessions';

/** How far before a period a session that starts in it may have earlier events (a day of non-stop activity). */
const LOOKBACK_MS = 24 * 3600 * 1000;

/**
 * The deflection KPIs of a period [from, to) from the stored events, as seen at `now`: the period's events plus a day
 * before (to know which sessions started earlier) and the 7 days after (for failed confirmations).
 */
export function deflectionFigures(db: Db, period: { from: number; to: number }, now: number): DeflectionFigures {
  const rows = db
    .select({
      at: deflectionEvents.occurredAt,
      type: deflectionEvents.type,
      surface: deflectionEvents.surface,
      visitorId: deflectionEvents.visitorId,
      memberId: deflectionEvents.memberId,
      subjectType: deflectionEvents.subjectType,
      subjectId: deflectionEvents.subjectId,
    })
    .from(deflectionEvents)
    .where(and(gte(deflectionEvents.occurredAt, period.from - LOOKBACK_MS), lt(deflectionEvents.occurredAt, period.to + FAILED_WINDOW_MS)))
    .all();
  return computeDeflection(rows, period, now);
}
