import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { articles, categories, deflectionEvents, questions } from '../../../db/schema/index';
import type { DeflectionEventType, DeflectionSurface, SubjectType } from './events';
import { continuesSession, identityKey, SESSION_GAP_MS } from './sessions';

/** An event waiting in memory to be written. */
export interface PendingEvent {
  occurredAt: number;
  type: DeflectionEventType;
  surface: DeflectionSurface;
  visitorId: string | null;
  memberId: number | null;
  locale: 'es' | 'en' | null;
  /** A category or section slug the page is about; the subject's category is used when absent or unknown. */
  categorySlug?: string | null;
  subjectType?: SubjectType | null;
  subjectId?: number | null;
  query?: string | null;
  rank?: number | null;
  data?: Record<string, unknown> | null;
  clientEventId?: string | null;
}

export interface RecorderOptions {
  /** Past this many waiting events, `onBacklog` asks for a flush now instead of at the next tick. */
  flushSize?: number;
  /** Most events waiting in memory; past it new events are dropped (and counted) rather than exhausting memory. */
  maxPending?: number;
  onBacklog?: () => void;
}

export interface FlushResult {
  written: number;
  /** Events whose client id was already recorded (a batch sent twice). */
  duplicates: number;
  /** Rows the database refused (logged by the caller). */
  failed: number;
}

/** Events written per transaction (bounded so the subject and category look-ups stay within SQLite's parameter limit). */
const FLUSH_CHUNK = 2000;

const p = (name: string) => sql.placeholder(name);
const statements = new WeakMap<object, ReturnType<typeof prepareInsert>>();

function prepareInsert(db: Db) {
  return db
    .insert(deflectionEvents)
    .values({
      occurredAt: p('occurredAt'),
      type: p('type'),
      visitorId: p('visitorId'),
      memberId: p('memberId'),
      sessionId: p('sessionId'),
      surface: p('surface'),
      locale: p('locale'),
      categoryId: p('categoryId'),
      subjectType: p('subjectType'),
      subjectId: p('subjectId'),
      query: p('query'),
      rank: p('rank'),
      data: p('data'),
      clientEventId: p('clientEventId'),
    })
    .onConflictDoNothing({ target: deflectionEvents.clientEventId })
    .prepare();
}

/** One prepared insert per connection: a flush writes row by row through it (a multi-row insert is slower to build). */
function insertStatement(db: Db) {
  let statement = statements.get(db);
  if (!statement) statements.set(db, (statement = prepareInsert(db)));
  return statement;
}

function newSessionId(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Deflection events are recorded off the request path: `record` only appends to an in-memory queue (a request pays
 * for an array push), and `flush` — on a timer, or when `flushSize` events wait — writes them all in one transaction.
 * On the way in, each event gets its session (SESSION_GAP_MS of inactivity ends one, see sessions.ts) and its category.
 * Events still in memory when the process dies are lost: at most one flush interval of them.
 */
export class DeflectionRecorder {
  private queue: PendingEvent[] = [];
  /** Identity key → its current session; re-inserted on every event so the oldest is first. */
  private readonly sessions = new Map<string, { id: string; lastAt: number }>();
  private readonly flushSize: number;
  private readonly maxPending: number;
  private readonly onBacklog: (() => void) | undefined;
  private backlogSignalled = false;
  dropped = 0;

  constructor(options: RecorderOptions = {}) {
    this.flushSize = options.flushSize ?? 500;
    this.maxPending = options.maxPending ?? 100_000;
    this.onBacklog = options.onBacklog;
  }

  /** Queues an event; false when the queue is full and the event was dropped. */
  record(event: PendingEvent): boolean {
    if (this.queue.length >= this.maxPending) {
      this.dropped++;
      return false;
    }
    this.queue.push(event);
    if (this.queue.length >= this.flushSize && !this.backlogSignalled && this.onBacklog) {
      this.backlogSignalled = true;
      this.onBacklog();
    }
    return true;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Writes every waiting event, in one transaction per FLUSH_CHUNK events. */
  flush(db: Db, now: number): FlushResult {
    this.backlogSignalled = false;
    this.forgetEndedSessions(now);
    const result: FlushResult = { written: 0, duplicates: 0, failed: 0 };
    if (this.queue.length === 0) return result;
    const queue = this.queue.sort((a, b) => a.occurredAt - b.occurredAt);
    this.queue = [];
    for (let i = 0; i < queue.length; i += FLUSH_CHUNK) {
      const r = this.writeChunk(db, queue.slice(i, i + FLUSH_CHUNK));
      result.written += r.written;
      result.duplicates += r.duplicates;
      result.failed += r.failed;
    }
    return result;
  }

  private writeChunk(db: Db, batch: PendingEvent[]): FlushResult {
    // Prepared on the connection, it runs inside the transaction the connection is in.
    const insert = insertStatement(db);
    try {
      return db.transaction((tx) => this.write(tx, insert, batch));
    } catch {
      // One bad row (e.g. a member deleted meanwhile) must not cost the others: write them one by one.
      const result: FlushResult = { written: 0, duplicates: 0, failed: 0 };
      for (const event of batch) {
        try {
          const r = db.transaction((tx) => this.write(tx, insert, [event]));
          result.written += r.written;
          result.duplicates += r.duplicates;
        } catch {
          result.failed++;
        }
      }
      return result;
    }
  }

  private write(tx: Db, insert: ReturnType<typeof prepareInsert>, batch: PendingEvent[]): FlushResult {
    const categoryOf = this.categories(tx, batch);
    const rows = batch.map((e) => ({
      occurredAt: e.occurredAt,
      type: e.type,
      visitorId: e.visitorId,
      memberId: e.memberId,
      sessionId: this.sessionFor(tx, e),
      surface: e.surface,
      locale: e.locale,
      categoryId: categoryOf(e),
      subjectType: e.subjectType ?? null,
      subjectId: e.subjectId ?? null,
      query: e.query ?? null,
      rank: e.rank ?? null,
      data: e.data ?? null,
      clientEventId: e.clientEventId ?? null,
    }));
    let written = 0;
    for (const row of rows) written += insert.run(row).changes;
    return { written, duplicates: rows.length - written, failed: 0 };
  }

  /** The session of an event: the identity's current one if it is still going, else a new one. */
  private sessionFor(tx: Db, e: PendingEvent): string | null {
    const key = identityKey(e);
    if (key === null) return null;
    let current = this.sessions.get(key);
    if (!current) {
      // After a restart (or once forgotten) the identity's last stored event tells whether its session goes on.
      const last = tx
        .select({ sessionId: deflectionEvents.sessionId, occurredAt: deflectionEvents.occurredAt })
        .from(deflectionEvents)
        .where(e.visitorId ? eq(deflectionEvents.visitorId, e.visitorId) : and(eq(deflectionEvents.memberId, e.memberId!), isNull(deflectionEvents.visitorId)))
        .orderBy(desc(deflectionEvents.occurredAt))
        .limit(1)
        .get();
      if (last?.sessionId) current = { id: last.sessionId, lastAt: last.occurredAt };
    }
    const id = current && continuesSession(current.lastAt, e.occurredAt) ? current.id : newSessionId();
    this.sessions.delete(key);
    this.sessions.set(key, { id, lastAt: Math.max(e.occurredAt, current?.id === id ? current.lastAt : 0) });
    return id;
  }

  private forgetEndedSessions(now: number): void {
    for (const [key, s] of this.sessions) {
      if (now - s.lastAt < SESSION_GAP_MS) break;
      this.sessions.delete(key);
    }
  }

  /** Category ids for a batch: the given slug when known, else the subject's category. */
  private categories(tx: Db, batch: PendingEvent[]): (e: PendingEvent) => number | null {
    const slugs = [...new Set(batch.map((e) => e.categorySlug).filter((s): s is string => !!s))];
    const bySlug = new Map(slugs.length ? tx.select({ id: categories.id, slug: categories.slug }).from(categories).where(inArray(categories.slug, slugs)).all().map((c) => [c.slug, c.id]) : []);
    const ids = (type: SubjectType) => [...new Set(batch.filter((e) => e.subjectType === type && e.subjectId).map((e) => e.subjectId!))];
    const articleIds = ids('article');
    const questionIds = ids('question');
    const byArticle = new Map(articleIds.length ? tx.select({ id: articles.id, c: articles.categoryId }).from(articles).where(inArray(articles.id, articleIds)).all().map((r) => [r.id, r.c]) : []);
    const byQuestion = new Map(questionIds.length ? tx.select({ id: questions.id, c: questions.categoryId }).from(questions).where(inArray(questions.id, questionIds)).all().map((r) => [r.id, r.c]) : []);
    return (e) => {
      const given = e.categorySlug ? bySlug.get(e.categorySlug) : undefined;
      if (given !== undefined) return given;
      if (e.subjectType === 'article' && e.subjectId) return byArticle.get(e.subjectId) ?? null;
      if (e.subjectType === 'question' && e.subjectId) return byQuestion.get(e.subjectId) ?? null;
      return null;
    };
  }
}
