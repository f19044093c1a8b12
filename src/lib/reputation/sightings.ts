import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { memberSightings } from '../../../db/schema/index';

function digest(value: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(value))).slice(0, 32);
}

/** Addresses that say nothing about who is behind them: the loopback (a local proxy, tests) and unknown. */
function isTellingAddress(ip: string): boolean {
  return ip !== 'unknown' && !/^(127\.|::1$|::ffff:127\.)/.test(ip);
}

/**
 * Remembers (hashed) the visitor id and IP address a signed-in member acts from, so votes between accounts that share
 * them pay nothing (rules.sharesFingerprint). One row per member and value, refreshed on each sighting. Behind a
 * reverse proxy, TRUST_PROXY must be set or every member would share the proxy's address.
 */
export function recordSighting(db: Db, userId: number, seen: { visitorId?: string | null; ip?: string | null }, now: number): void {
  const rows = [
    ...(seen.visitorId ? [{ userId, kind: 'visitor' as const, valueHash: digest(seen.visitorId), seenAt: now }] : []),
    ...(seen.ip && isTellingAddress(seen.ip) ? [{ userId, kind: 'ip' as const, valueHash: digest(seen.ip), seenAt: now }] : []),
  ];
  if (rows.length === 0) return;
  db.insert(memberSightings)
    .values(rows)
    .onConflictDoUpdate({ target: [memberSightings.userId, memberSightings.kind, memberSightings.valueHash], set: { seenAt: sql`excluded.seen_at` } })
    .run();
}
