import type { SqliteDb } from '../../db/client';
import { writeEntry } from '../../src/lib/reputation/ledger';
import { createMember } from './db';

/** Gives a member reputation through the ledger (a moderator adjustment), so counters and recalc agree. */
export function grantReputation(db: SqliteDb, userId: number, points: number, now = 0): void {
  writeEntry(db, { userId, amount: points, reason: 'moderator.adjustment', source: 'adjustment', note: 'test' }, now);
}

/**
 * A plain member with `points` reputation (default 100: past the flag and commentAnywhere thresholds), for tests of
 * flagging and commenting that are not about those privileges.
 */
export async function createReputedMember(db: SqliteDb, points = 100, ...rest: Parameters<typeof createMember> extends [unknown, ...infer R] ? R : never): Promise<Awaited<ReturnType<typeof createMember>>> {
  const member = await createMember(db, ...rest);
  grantReputation(db, member.id, points);
  return member;
}
