import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { rateLimits } from '../../../db/schema/index';
import { DomainError } from '../errors';

export interface Limit {
  max: number;
  windowMs: number;
}

/**
 * The part of a client address that one client controls: the address itself for IPv4, its /64 network for IPv6 (a
 * single host is usually given a whole /64, so per-address limits would otherwise be per-host-choice).
 */
export function addressKey(ip: string): string {
  const address = ip.trim().toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.replace(/%.*$/, '').split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...headGroups, ...Array(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups] : headGroups;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** Seconds until the window of `key` resets if it is exhausted, or 0 when another hit is allowed. */
export function retryAfterSeconds(db: Db, key: string, limit: Limit, now: number): number {
  const row = db.select().from(rateLimits).where(sql`${rateLimits.key} = ${key}`).get();
  if (!row || now - row.windowStart >= limit.windowMs || row.count < limit.max) return 0;
  return Math.max(1, Math.ceil((row.windowStart + limit.windowMs - now) / 1000));
}

/** Counts one hit against `key` in a fixed window. */
export function recordHit(db: Db, key: string, limit: Limit, now: number): void {
  db.insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${now} - ${rateLimits.windowStart} >= ${limit.windowMs} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${now} - ${rateLimits.windowStart} >= ${limit.windowMs} then ${now} else ${rateLimits.windowStart} end`,
      },
    })
    .run();
}

export function clearHits(db: Db, key: string): void {
  db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`).run();
}

/** Throws RATE_LIMITED when `key` is exhausted, otherwise counts the hit. */
export function consume(db: Db, key: string, limit: Limit, now: number): void {
  const wait = retryAfterSeconds(db, key, limit, now);
  if (wait > 0) throw new DomainError('RATE_LIMITED', 'Too many requests.', {}, wait);
  recordHit(db, key, limit, now);
}

/** Takes back one hit counted in advance (an attempt that turned out to be legitimate). */
export function forgiveHit(db: Db, key: string): void {
  db.update(rateLimits)
    .set({ count: sql`max(${rateLimits.count} - 1, 0)` })
    .where(sql`${rateLimits.key} = ${key}`)
    .run();
}

/**
 * Growing delays: `free` failures cost nothing; after that each failure makes the next attempt wait `baseMs`, doubling
 * up to `maxMs`. The count is forgotten `forgetAfterMs` after the last failure.
 */
export interface Backoff {
  free: number;
  baseMs: number;
  maxMs: number;
  forgetAfterMs: number;
}

/** Pure: how long after the last of `failures` failures the next attempt must wait. */
export function backoffDelayMs(failures: number, policy: Backoff): number {
  if (failures <= policy.free) return 0;
  return Math.min(policy.baseMs * 2 ** (failures - policy.free - 1), policy.maxMs);
}

// A backoff row reuses the rate-limit table: `count` is the failures so far, `window_start` the time of the last one.

/** Seconds until `key` may try again under `policy`, or 0. */
export function backoffRetryAfterSeconds(db: Db, key: string, policy: Backoff, now: number): number {
  const row = db.select().from(rateLimits).where(sql`${rateLimits.key} = ${key}`).get();
  if (!row || now - row.windowStart >= policy.forgetAfterMs) return 0;
  const waitMs = row.windowStart + backoffDelayMs(row.count, policy) - now;
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}

/** Counts one failure against `key` (a count older than `forgetAfterMs` starts again at 1). */
export function recordFailure(db: Db, key: string, policy: Backoff, now: number): void {
  db.insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${now} - ${rateLimits.windowStart} >= ${policy.forgetAfterMs} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`${now}`,
      },
    })
    .run();
}
