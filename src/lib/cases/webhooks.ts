import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { inboundWebhookReceipts, WEBHOOK_EVENTS, webhookDeliveries, webhooks, type WebhookEvent } from '../../../db/schema/index';
import { canManageCaseSettings } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { enqueue, type OutboxTopic } from '../jobs/outbox';
import { parseInput } from '../validation';

/**
 * Webhooks. Outbound: every event becomes one delivery row per subscribed webhook, written in the transaction of the
 * change, and an outbox message that POSTs it after commit (retried with backoff until MAX_ATTEMPTS). Each request is
 * signed `X-Resuelve-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with the webhook's secret.
 * Inbound calls are signed the same way with the inbound secret, accepted within SIGNATURE_TOLERANCE_S, once.
 */

export { WEBHOOK_EVENTS, type WebhookEvent };

export const MAX_ATTEMPTS = 8;
export const SIGNATURE_TOLERANCE_S = 300;
export const SIGNATURE_HEADER = 'x-resuelve-signature';
/** The outbox topics that call receivers: the server drains them apart from the rest (see server/context.ts). */
export const WEBHOOK_TOPICS: readonly OutboxTopic[] = ['webhook.deliver'];

/** Pure: the signature header value for a body at a time. */
export function signPayload(secret: string, body: string, timestampS: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex');
  return `t=${timestampS},v1=${mac}`;
}

export type SignatureCheck = { ok: true; timestampS: number; mac: string } | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'mismatch' };

/** Pure: checks a signature header against the body, the secret and the current time. */
export function verifySignature(secret: string, body: string, header: string | null, nowMs: number, toleranceS = SIGNATURE_TOLERANCE_S): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing' };
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isSafeInteger(t) || !/^[0-9a-f]{64}$/.test(given)) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowMs / 1000 - t) > toleranceS) return { ok: false, reason: 'expired' };
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return { ok: false, reason: 'mismatch' };
  return { ok: true, timestampS: t, mac: given };
}

/**
 * Queues `event` for every active webhook subscribed to it. Call inside the transaction of the change; the body is
 * fixed now, so retries and replays send the same bytes.
 */
export function emitWebhookEvent(db: Db, event: WebhookEvent, data: Record<string, unknown>, now: number): number {
  const targets = db
    .select({ id: webhooks.id, events: webhooks.events })
    .from(webhooks)
    .where(eq(webhooks.active, true))
    .all()
    .filter((w) => w.events.includes(event));
  for (const w of targets) {
    const body = JSON.stringify({ id: randomUUID(), event, occurredAt: new Date(now).toISOString(), data });
    const { id } = db.insert(webhookDeliveries).values({ webhookId: w.id, event, body, createdAt: now }).returning({ id: webhookDeliveries.id }).get();
    enqueue(db, 'webhook.deliver', { deliveryId: id }, now);
  }
  return targets.length;
}

export interface DeliveryOptions {
  timeoutMs: number;
  fetch?: typeof fetch;
}

/**
 * One delivery attempt (the outbox handler of `webhook.deliver`). A 2xx answer delivers it; anything else (error
 * status, refused connection, a receiver that hangs past `timeoutMs`) is recorded and thrown so the outbox retries
 * with backoff, until MAX_ATTEMPTS marks it failed.
 */
export async function deliverWebhook(db: Db, deliveryId: number, now: () => number, options: DeliveryOptions): Promise<void> {
  const row = db
    .select({ delivery: webhookDeliveries, url: webhooks.url, secret: webhooks.secret, active: webhooks.active })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(eq(webhookDeliveries.id, deliveryId))
    .get();
  if (!row || row.delivery.status !== 'pending') return;
  if (!row.active) {
    db.update(webhookDeliveries).set({ status: 'failed', lastError: 'webhook disabled' }).where(eq(webhookDeliveries.id, deliveryId)).run();
    return;
  }
  const d = row.delivery;
  const started = now();
  const t0 = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await (options.fetch ?? fetch)(row.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Resuelve-Webhooks/1',
        'x-resuelve-event': d.event,
        'x-resuelve-delivery': String(d.id),
        [SIGNATURE_HEADER]: signPayload(row.secret, d.body, Math.floor(started / 1000)),
      },
      body: d.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    statusCode = response.status;
    await response.body?.cancel().catch(() => {});
    if (statusCode < 200 || statusCode > 299) error = `HTTP ${statusCode}`;
  } catch (e) {
    const name = e instanceof Error ? e.name : '';
    error = name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${options.timeoutMs} ms` : String(e instanceof Error ? (e.cause ?? e.message) : e).slice(0, 300);
  }
  const attempts = d.attempts + 1;
  const durationMs = Math.round(performance.now() - t0);
  const status = error === null ? 'delivered' : attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
  db.update(webhookDeliveries)
    .set({ attempts, status, lastStatusCode: statusCode, lastError: error, lastDurationMs: durationMs, lastAttemptAt: started, deliveredAt: error === null ? now() : null })
    .where(eq(webhookDeliveries.id, d.id))
    .run();
  if (status === 'pending') throw new Error(`webhook delivery ${d.id}: ${error}`);
}

// Admin: webhooks and their delivery log.

const urlSchema = z
  .string({ error: 'field.required' })
  .trim()
  .max(2000, { error: 'field.tooLong' })
  .pipe(z.url({ protocol: /^https?$/, error: 'webhook.url' }));

export const webhookInputSchema = z.object({
  url: urlSchema,
  description: z.string().trim().max(200, { error: 'field.tooLong' }).default(''),
  events: z.array(z.enum(WEBHOOK_EVENTS, { error: 'field.invalid' }), { error: 'field.invalid' }).min(1, { error: 'webhook.eventsEmpty' }),
  active: z.boolean({ error: 'field.invalid' }).default(true),
});

function requireAdmin(actor: Actor | null, now: number): asserts actor is Actor {
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  if (!canManageCaseSettings(actor, now)) throw new DomainError('FORBIDDEN', 'Only admins configure webhooks.');
}

/** Creates a webhook; its secret is generated here and shown once to the admin (and kept for signing). */
export function createWebhook(db: Db, actor: Actor | null, input: unknown, now: number) {
  requireAdmin(actor, now);
  const data = parseInput(webhookInputSchema, input);
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  return db.insert(webhooks).values({ ...data, secret, createdAt: now, updatedAt: now }).returning().get();
}

export function updateWebhook(db: Db, actor: Actor | null, id: number, input: unknown, now: number) {
  requireAdmin(actor, now);
  const data = parseInput(webhookInputSchema.partial(), input);
  const row = db.update(webhooks).set({ ...data, updatedAt: now }).where(eq(webhooks.id, id)).returning().get();
  if (!row) throw new DomainError('NOT_FOUND', 'No such webhook.');
  return row;
}

export function deleteWebhook(db: Db, actor: Actor | null, id: number, now: number): void {
  requireAdmin(actor, now);
  const gone = db.delete(webhooks).where(eq(webhooks.id, id)).run().changes;
  if (!gone) throw new DomainError('NOT_FOUND', 'No such webhook.');
}

export function listWebhooks(db: Db, actor: Actor | null, now: number) {
  requireAdmin(actor, now);
  return db.select().from(webhooks).orderBy(webhooks.id).all();
}

/** A webhook's deliveries, newest first, keyset-paged on id. */
export function listDeliveries(db: Db, actor: Actor | null, webhookId: number, cursor: number | null, now: number, limit = 50) {
  requireAdmin(actor, now);
  const hook = db.select().from(webhooks).where(eq(webhooks.id, webhookId)).get();
  if (!hook) throw new DomainError('NOT_FOUND', 'No such webhook.');
  const items = db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.webhookId, webhookId), cursor ? lt(webhookDeliveries.id, cursor) : undefined))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit + 1)
    .all();
  const more = items.length > limit;
  if (more) items.pop();
  return { webhook: hook, items, nextCursor: more ? (items.at(-1)?.id ?? null) : null };
}

/** Sends a past delivery again, as a new delivery with the same body (the log keeps both). */
export function replayDelivery(db: Db, actor: Actor | null, deliveryId: number, now: number) {
  requireAdmin(actor, now);
  return db.transaction((tx) => {
    const d = tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)).get();
    if (!d) throw new DomainError('NOT_FOUND', 'No such delivery.');
    const row = tx.insert(webhookDeliveries).values({ webhookId: d.webhookId, event: d.event, body: d.body, replayOf: d.id, createdAt: now }).returning().get();
    enqueue(tx, 'webhook.deliver', { deliveryId: row.id }, now);
    return row;
  });
}

/**
 * Records an inbound signature as used; false when it was already used (a replay). Receipts older than the
 * tolerance window are dropped: a signature that old is refused as expired anyway.
 */
export function recordInboundReceipt(db: Db, mac: string, now: number): boolean {
  db.delete(inboundWebhookReceipts).where(lt(inboundWebhookReceipts.receivedAt, now - 2 * SIGNATURE_TOLERANCE_S * 1000)).run();
  return db.insert(inboundWebhookReceipts).values({ signature: mac, receivedAt: now }).onConflictDoNothing().run().changes === 1;
}
