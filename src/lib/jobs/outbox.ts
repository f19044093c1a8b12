import { and, asc, count, eq, inArray, isNull, lte, notInArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { outbox } from '../../../db/schema/index';

export type OutboxTopic =
  | 'question.changed'
  | 'article.changed'
  | 'mail.queued'
  // Changes that only cached pages show (src/lib/server/page-cache.ts).
  | 'incident.changed'
  | 'category.changed'
  | 'tag.changed'
  // Badges to evaluate after an event (reputation/award-badges.ts).
  | 'reputation.badges'
  // cases: acknowledge a new case (suggestions, mail), survey mail after solve, webhook deliveries
  | 'case.acknowledge'
  | 'case.solved'
  | 'webhook.deliver';

export interface OutboxMessage {
  id: number;
  topic: OutboxTopic;
  payload: Record<string, unknown>;
  attempts: number;
}

/** Records a side effect to run after the surrounding transaction commits. Call it inside that transaction. */
export function enqueue(db: Db, topic: OutboxTopic, payload: Record<string, unknown>, now: number): void {
  db.insert(outbox).values({ topic, payload, createdAt: now, availableAt: now }).run();
}

export type OutboxHandler = (message: OutboxMessage) => Promise<void>;

const MAX_BACKOFF_MS = 15 * 60 * 1000;

/** Which topics a drain takes: `only` these, or all `except` these (a separate drain takes those). */
export interface OutboxTopics {
  only?: readonly OutboxTopic[];
  except?: readonly OutboxTopic[];
}

/**
 * Runs pending messages in order. A failed message is retried later with exponential backoff; it never blocks the
 * messages behind it. Returns how many were processed successfully. A message without a handler counts as processed,
 * so a drain limited by `topics` is the only way to leave messages to another drain.
 */
export async function drainOutbox(
  db: Db,
  handlers: Partial<Record<OutboxTopic, OutboxHandler>>,
  now: () => number,
  batchSize = 100,
  topics: OutboxTopics = {},
): Promise<{ processed: number; failed: number }> {
  let processed = 0;
  let failed = 0;
  const topicFilter = topics.only ? inArray(outbox.topic, [...topics.only]) : topics.except?.length ? notInArray(outbox.topic, [...topics.except]) : undefined;
  for (;;) {
    const batch = db
      .select()
      .from(outbox)
      .where(and(isNull(outbox.processedAt), lte(outbox.availableAt, now()), topicFilter))
      .orderBy(asc(outbox.id))
      .limit(batchSize)
      .all();
    if (batch.length === 0) break;
    for (const row of batch) {
      const handler = handlers[row.topic as OutboxTopic];
      try {
        if (handler) {
          await handler({
            id: row.id,
            topic: row.topic as OutboxTopic,
            payload: row.payload as Record<string, unknown>,
            attempts: row.attempts,
          });
        }
        db.update(outbox).set({ processedAt: now(), attempts: row.attempts + 1 }).where(eq(outbox.id, row.id)).run();
        processed++;
      } catch (error) {
        const attempts = row.attempts + 1;
        const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempts);
        db.update(outbox)
          .set({ attempts, lastError: String(error).slice(0, 500), availableAt: now() + backoff })
          .where(eq(outbox.id, row.id))
          .run();
        failed++;
      }
    }
    if (batch.length < batchSize) break;
  }
  return { processed, failed };
}

export function pendingOutboxCount(db: Db): number {
  return db.select({ n: count() }).from(outbox).where(isNull(outbox.processedAt)).get()?.n ?? 0;
}
