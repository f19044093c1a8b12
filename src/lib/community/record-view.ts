import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { questions } from '../../../db/schema/index';

/** User agents of crawlers, link previewers, monitors and HTTP tools: their requests are not views. */
const BOT_PATTERN = /bot|crawl|spider|slurp|bingpreview|facebookexternalhit|embedly|preview|monitor|curl|wget|python-requests|httpclient|headless|lighthouse|axios|node-fetch|undici|autocannon|^$/i;

export function isBot(userAgent: string | null | undefined): boolean {
  return BOT_PATTERN.test(userAgent ?? '');
}

/** Who is looking at a thread, as far as the request tells. */
export interface Viewer {
  memberId: number | null;
  /** The anonymous visitor cookie (the one KB feedback uses), when the browser has one. */
  visitorId: string | null;
  ip: string;
  userAgent: string | null;
}

const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** One key per person: the member, else the visitor cookie, else a hash of IP and user agent (never stored raw). */
export function viewerKey(viewer: Viewer): string {
  if (viewer.memberId !== null) return `m:${viewer.memberId}`;
  if (viewer.visitorId && VISITOR_ID.test(viewer.visitorId)) return `v:${viewer.visitorId}`;
  return `h:${createHash('sha256').update(`${viewer.ip}\n${viewer.userAgent ?? ''}`).digest('base64url').slice(0, 22)}`;
}

export const VIEW_WINDOW_MS = 24 * 3600 * 1000;

export interface ViewCounterOptions {
  /** How often counted views are written (one transaction for all threads). */
  flushMs?: number;
  /** A viewer counts once per thread within this window. */
  windowMs?: number;
  /** Most (thread, viewer) pairs remembered; past it the oldest are forgotten, so memory stays bounded. */
  maxTracked?: number;
}

/**
 * Counts thread views in memory — at most one per viewer and thread per `windowMs` — and writes them in one
 * transaction every `flushMs` (a write per page view would make every read a write). Views lost in a crash, and
 * repeat views of a viewer forgotten because of `maxTracked`, are acceptable errors for a view counter.
 */
export class ViewCounter {
  private pending = new Map<number, number>();
  private lastFlush = 0;
  /** `${questionId}|${viewerKey}` → when it was counted; insertion order is counting order, so the oldest is first. */
  private readonly seen = new Map<string, number>();
  private readonly flushMs: number;
  private readonly windowMs: number;
  private readonly maxTracked: number;

  constructor(options: ViewCounterOptions = {}) {
    this.flushMs = options.flushMs ?? 5000;
    this.windowMs = options.windowMs ?? VIEW_WINDOW_MS;
    this.maxTracked = options.maxTracked ?? 200_000;
  }

  /** Counts the view unless it comes from a bot or the viewer already counted for this thread in the window. */
  recordView(db: Db, questionId: number, viewer: Viewer, now: number): boolean {
    if (isBot(viewer.userAgent)) return false;
    this.forgetExpired(now);
    const key = `${questionId}|${viewerKey(viewer)}`;
    if (this.seen.has(key)) return false;
    if (this.seen.size >= this.maxTracked) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    this.seen.set(key, now);
    this.pending.set(questionId, (this.pending.get(questionId) ?? 0) + 1);
    if (now - this.lastFlush >= this.flushMs) this.flush(db, now);
    return true;
  }

  /** (thread, viewer) pairs remembered now. */
  get tracked(): number {
    return this.seen.size;
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

  private forgetExpired(now: number): void {
    for (const [key, at] of this.seen) {
      if (now - at < this.windowMs) break;
      this.seen.delete(key);
    }
  }
}

/** The server's one counter for thread pages. */
export const threadViews = new ViewCounter();
