import type { SqliteDb } from '../../db/client';
import { writeEntry } from '../../src/lib/reputation/ledger';

/** Gives a member reputation through the ledger (a moderator adjustment), so counters and recalc agree. */
export function grantReputation(db: SqliteDb, userId: number, points: number, now = 0): void {
  writeEntry(db, { userId, amount: points, reason: 'moderator.adjustment', source: 'adjustment', note: 'test' }, now);
}
