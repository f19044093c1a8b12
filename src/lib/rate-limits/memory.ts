import type { Limit } from './rate-limits';

/**
 * Fixed-window counters in memory, for limits checked on requests that must not write to the database (the
 * deflection events a browser sends). One process, like the SQLite limits; at most `maxKeys` keys are kept, the
 * oldest windows forgotten first.
 */
export class MemoryRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(private readonly maxKeys = 100_000) {}

  /** Counts a hit of `weight` against `key`; returns 0 when allowed, else the seconds until the window resets. */
  hit(key: string, limit: Limit, now: number, weight = 1): number {
    let w = this.windows.get(key);
    if (!w || now - w.start >= limit.windowMs) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count + weight > limit.max) return Math.max(1, Math.ceil((w.start + limit.windowMs - now) / 1000));
    w.count += weight;
    return 0;
  }
}
