import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { events, questions } from '../../../db/schema/index';
import { isBot } from '../bots';
import { isVisitorId } from '../validation';

/** Who is looking at a page, as far as the request tells. */
export interface Viewer {
  memberId: number | null;
  /** The anonymous visitor cookie (the one KB feedback uses), when the browser has one. */
  visitorId: string | null;
  ip: string;
  userAgent: string | null;
}

/** One key per person: the member, else the visitor cookie, else a hash of IP and user agent (never stored raw). */
export function viewerKey(viewer: Viewer): string {
  if (viewer.memberId !== null) return `m:${viewer.memberId}`;
  const visitorId = visitorIdOf(viewer);
  if (visitorId) return `v:${visitorId}`;
  return `h:${createHash('sha256').update(`${viewer.ip}\n${viewer.userAgent ?? ''}`).digest('base64url').slice(0, 22)}`;
}

export const VIEW_WINDOW_MS = 24 * 3600 * 1000;

/** A view that counted: what was viewed, by whom, when. */
export interface CountedView {
  subjectId: number;
  viewer: Viewer;
  at: number;
}

export interface ViewCounterOptions {
  /** How often counted views are written (one transaction for all of them). */
  flushMs?: number;
  /** A viewer counts once per subject within this window. */
  windowMs?: number;
  /** Most (subject, viewer) pairs remembered; past it the oldest are forgotten, so memory stays bounded. */
  maxTracked?: number;
  /** Writes a batch of counted views inside the flush's transaction; by default adds them to the threads' view counts. */
  write?: (tx: Db, views: CountedView[]) => void;
}

/** The visitor cookie's value when it is well formed (what may be stored), else null. */
export function visitorIdOf(viewer: Viewer): string | null {
  return isVisitorId(viewer.visitorId) ? viewer.visitorId : null;
}

/**
 * A counted view as an event row (`question.viewed`, `article.viewed`): the reports count unique visitors from them.
 * A reader without account or visitor cookie is kept as the hashed key of viewerKey in `data.viewer`.
 */
export function viewEvent(type: 'question.viewed' | 'article.viewed', v: CountedView, locale: string) {
  const visitorId = visitorIdOf(v.viewer);
  const anonymous = v.viewer.memberId === null && visitorId === null;
  return {
    type,
    occurredAt: v.at,
    visitorId,
    userId: v.viewer.memberId,
    locale,
    surface: type === 'article.viewed' ? 'kb' : 'site',
    subjectType: type === 'article.viewed' ? 'article' : 'question',
    subjectId: v.subjectId,
    data: anonymous ? { viewer: viewerKey(v.viewer) } : null,
  };
}

/**
 * Writes counted views as events one row at a time, and looks their subjects up with the ids as one JSON array: the
 * same two statements for any number of views. A multi-row insert or an `in (?, ?, …)` is a new statement for each
 * count, and the server's statement cache filled with them over a soak (README, Benchmarks).
 */
export function insertViewEvents(tx: Db, rows: ReturnType<typeof viewEvent>[]): void {
  for (const row of rows) tx.insert(events).values(row).run();
}

/** The ids as one bound JSON array, for `column in (select value from json_each(?))`. */
export const jsonIds = (ids: readonly number[]) => sql`(select value from json_each(${JSON.stringify(ids)}))`;

function addThreadViews(tx: Db, views: CountedView[]): void {
  const counts = new Map<number, number>();
  for (const v of views) counts.set(v.subjectId, (counts.get(v.subjectId) ?? 0) + 1);
  for (const [id, n] of counts) tx.update(questions).set({ viewCount: sql`${questions.viewCount} + ${n}` }).where(eq(questions.id, id)).run();
  const locales = new Map(tx.select({ id: questions.id, locale: questions.locale }).from(questions).where(sql`${questions.id} in ${jsonIds([...counts.keys()])}`).all().map((q) => [q.id, q.locale]));
  insertViewEvents(tx, views.filter((v) => locales.has(v.subjectId)).map((v) => viewEvent('question.viewed', v, locales.get(v.subjectId)!)));
}

/**
 * Counts page views in memory — at most one per viewer and subject (a thread, an article) per `windowMs` — and writes
 * them in one transaction every `flushMs` (a write per page view would make every read a write). Views lost in a
 * crash, and repeat views of a viewer forgotten because of `maxTracked`, are acceptable errors for a view counter.
 */
export class ViewCounter {
  private pending: CountedView[] = [];
  private lastFlush = 0;
  /** `${subjectId}|${viewerKey}` → when it was counted; insertion order is counting order, so the oldest is first. */
  private readonly seen = new Map<string, number>();
  private readonly flushMs: number;
  private readonly windowMs: number;
  private readonly maxTracked: number;
  private readonly write: (tx: Db, views: CountedView[]) => void;

  constructor(options: ViewCounterOptions = {}) {
    this.flushMs = options.flushMs ?? 5000;
    this.windowMs = options.windowMs ?? VIEW_WINDOW_MS;
    this.maxTracked = options.maxTracked ?? 200_000;
    this.write = options.write ?? addThreadViews;
  }

  /** Counts the view unless it comes from a bot or the viewer already counted for this subject in the window. */
  recordView(db: Db, subjectId: number, viewer: Viewer, now: number): boolean {
    if (isBot(viewer.userAgent)) return false;
    this.forgetExpired(now);
    const key = `${subjectId}|${viewerKey(viewer)}`;
    if (this.seen.has(key)) return false;
    if (this.seen.size >= this.maxTracked) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    this.seen.set(key, now);
    this.pending.push({ subjectId, viewer, at: now });
    if (now - this.lastFlush >= this.flushMs) this.flush(db, now);
    return true;
  }

  /** (subject, viewer) pairs remembered now. */
  get tracked(): number {
    return this.seen.size;
  }

  /**
   * For a timer: writes the views waiting longer than `flushMs` (a quiet page's last views), leaving the flush cadence
   * of `recordView` as it was. Returns how many.
   */
  flushStale(db: Db, now: number): number {
    const oldest = this.pending[0];
    if (!oldest || now - oldest.at < this.flushMs) return 0;
    const batch = this.pending;
    this.pending = [];
    db.transaction((tx) => this.write(tx, batch));
    return batch.length;
  }

  /** Writes the views counted since the last flush; returns how many. */
  flush(db: Db, now: number): number {
    this.lastFlush = now;
    if (this.pending.length === 0) return 0;
    const batch = this.pending;
    this.pending = [];
    db.transaction((tx) => this.write(tx, batch));
    return batch.length;
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
