import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { questions } from '../../../db/schema/index';

/** User agents of crawlers, link previewers, monitors and HTTP tools: their requests are not views. */
const BOT_PATTERN = /bot|crawl|spider|slurp|bingpreview|facebookexternalhit|embedly|preview|monitor|curl|wget|python-requests|httpclient|headless|lighthouse|axios|node-fetch|undici|autocannon|^$/i;

export function isBot(userAgent: string | null | undefined): boolean {
  return BOT_PATTERN.test(userAgent ?? '');
}

/**
 * Counts thread views in memory and writes them in one transaction every `flushMs` (a write per page view would
 * make every read a write). Views lost in a crash are an acceptable error for a view counter.
 */
export class ViewCounter {
  private pending = new Map<number, number>();
  private lastFlush = 0;

  constructor(private readonly flushMs = 5000) {}

  record(db: Db, questionId: number, userAgent: string | null | undefined, now: number): void {
    if (isBot(userAgent)) return;
    this.pending.set(questionId, (this.pending.get(questionId) ?? 0) + 1);
    if (now - this.lastFlush >= this.flushMs) this.flush(db, now);
  }

  flush(db: Db, now: number): number {
    this.lastFlush = now;
    if (this.pending.size === 0) return 0;
    const batch = this.pending;
    this.pending = new Map();
    db.transaction((tx) => {
      for (const [id, n] of batch) tx.update(questions).set({ viewCount: sql`${questions.viewCount} + ${n}` }).where(eq(questions.id, id)).run();
    });
    return batch.size;
  }
}

/** The server's one counter for thread pages. */
export const threadViews = new ViewCounter();
