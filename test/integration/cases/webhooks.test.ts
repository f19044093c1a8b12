import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, isNull } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { cases, mails, outbox, webhookDeliveries } from '../../../db/schema/index';
import type { Actor } from '../../../src/lib/auth/sessions';
import { applyInboundWebhook } from '../../../src/lib/cases/inbound';
import { createWebhook, deliverWebhook, listDeliveries, MAX_ATTEMPTS, replayDelivery, signPayload, verifySignature } from '../../../src/lib/cases/webhooks';
import { escalateQuestion } from '../../../src/lib/escalation/escalate';
import { drainOutbox } from '../../../src/lib/jobs/outbox';
import type { MailMessage } from '../../../src/lib/notifications/mail';
import { loadConfig } from '../../../src/lib/server/config';
import { createContext } from '../../../src/lib/server/context';
import { submitContactRequest } from '../../../src/lib/support/contact-requests';
import { askAt, at } from '../../helpers/cases';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { expectCode } from '../../helpers/errors';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP receiver on a free loopback port: answers `status`, or never answers when `hang`. */
async function receiver(status: number, hang = false): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      if (!hang) res.writeHead(status).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, server };
}

// Long enough for a healthy loopback receiver on a busy machine; the hanging one costs this much per attempt.
const TIMEOUT_MS = 1000;
let db: SqliteDb;
let admin: Actor;
let agent: Actor;
const servers: Server[] = [];

beforeEach(async () => {
  db = createTestDb();
  createCategory(db, 'internet');
  admin = await createMember(db, 'admin');
  agent = await createMember(db, 'agent', { email: 'agent@example.test' });
});

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

function drain(now: number) {
  return drainOutbox(db, { 'webhook.deliver': (m) => deliverWebhook(db, Number(m.payload.deliveryId), () => now, { timeoutMs: TIMEOUT_MS }) }, () => now);
}

describe('outbound webhooks against real receivers', () => {
  it('signs and delivers to a healthy receiver, retries one answering 500 and one that hangs, then gives up; replay resends the same bytes', async () => {
    const ok = await receiver(204);
    const failing = await receiver(500);
    const hanging = await receiver(200, true);
    servers.push(ok.server, failing.server, hanging.server);
    const t0 = at('2026-02-16T09:00:00+01:00');
    const hooks = [ok, failing, hanging].map((r, i) => createWebhook(db, admin, { url: r.url, events: ['case.created', 'case.updated'], description: `hook ${i}` }, t0));
    expect(hooks[0]!.secret).toMatch(/^whsec_/);
    expectCode(() => createWebhook(db, agent, { url: ok.url, events: ['case.created'] }, t0), 'FORBIDDEN');
    expect(expectCode(() => createWebhook(db, admin, { url: 'ftp://x', events: [] }, t0), 'INVALID').fields).toEqual({ url: 'webhook.url', events: 'webhook.eventsEmpty' });

    const r = submitContactRequest(db, null, { locale: 'es', name: 'Ana', email: 'ana@example.com', subject: 'Factura duplicada en mayo', message: 'Me cobrasteis dos veces la factura.' }, { ip: null, visitorId: null }, t0);
    const first = await drain(t0);
    expect(first.failed).toBe(2);

    expect(ok.received).toHaveLength(1);
    const got = ok.received[0]!;
    expect(got.headers['x-resuelve-event']).toBe('case.created');
    expect(verifySignature(hooks[0]!.secret, got.body, String(got.headers['x-resuelve-signature']), t0)).toMatchObject({ ok: true });
    expect(verifySignature('wrong-secret', got.body, String(got.headers['x-resuelve-signature']), t0)).toEqual({ ok: false, reason: 'mismatch' });
    const payload = JSON.parse(got.body);
    expect(payload).toMatchObject({ event: 'case.created', data: { id: r.id, number: r.reference, status: 'new', channel: 'contact_form' } });

    const byHook = (id: number) => db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id)).all();
    expect(byHook(hooks[0]!.id)[0]).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204 });
    expect(byHook(hooks[1]!.id)[0]).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500' });
    const hung = byHook(hooks[2]!.id)[0]!;
    expect(hung).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null, lastError: `no answer within ${TIMEOUT_MS} ms` });
    expect(hung.lastDurationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(hanging.received).toHaveLength(1);

    // Retries with backoff: nothing is due a second later; every 20 minutes the next attempt runs, until MAX_ATTEMPTS.
    expect((await drain(t0 + 1000)).processed + (await drain(t0 + 1000)).failed).toBe(0);
    let now = t0;
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      now += 20 * 60_000;
      await drain(now);
    }
    expect(failing.received).toHaveLength(MAX_ATTEMPTS);
    expect(byHook(hooks[1]!.id)[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(byHook(hooks[2]!.id)[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    now += 20 * 60_000;
    await drain(now);
    expect(failing.received).toHaveLength(MAX_ATTEMPTS);

    const replay = replayDelivery(db, admin, byHook(hooks[0]!.id)[0]!.id, now);
    expect(replay.replayOf).toBe(byHook(hooks[0]!.id)[0]!.id);
    await drain(now);
    expect(ok.received).toHaveLength(2);
    expect(ok.received[1]!.body).toBe(got.body);
    expect(listDeliveries(db, admin, hooks[0]!.id, null, now).items.map((d) => d.status)).toEqual(['delivered', 'delivered']);
    expectCode(() => replayDelivery(db, agent, replay.id, now), 'FORBIDDEN');
  }, 60_000);
});

describe('the server drain', () => {
  it('a receiver that hangs holds back no other side effect: the acknowledgement mail leaves while the webhook waits', async () => {
    const hanging = await receiver(200, true);
    servers.push(hanging.server);
    const t0 = at('2026-02-16T09:00:00+01:00');
    const sent: MailMessage[] = [];
    const ctx = createContext(loadConfig({ LOG_LEVEL: 'silent', WEBHOOK_TIMEOUT_MS: '60000' }), {
      db,
      now: () => t0,
      mail: { name: 'test', send: async (m) => void sent.push(m) },
    });
    createWebhook(db, admin, { url: hanging.url, events: ['case.created'] }, t0);
    const r = submitContactRequest(db, null, { locale: 'en', name: 'Ann', email: 'ann@example.com', subject: 'Charged twice in May', message: 'The May invoice was charged twice.' }, { ip: null, visitorId: null }, t0);

    const drained = ctx.drain();
    // The receiver holds the request for up to a minute; meanwhile the acknowledgement runs and queues its mail…
    const pending = () => db.select({ topic: outbox.topic }).from(outbox).where(isNull(outbox.processedAt)).all().map((m) => m.topic).sort();
    await vi.waitFor(() => expect(pending()).toEqual(['mail.queued', 'webhook.deliver']), { timeout: 15_000, interval: 20 });
    await vi.waitFor(() => expect(hanging.received).toHaveLength(1), { timeout: 15_000, interval: 20 });
    // … and the server's next drain sends it, the webhook still waiting.
    void ctx.drain();
    await vi.waitFor(() => expect(pending()).toEqual(['webhook.deliver']), { timeout: 15_000, interval: 20 });
    expect(sent.map((m) => m.subject)).toEqual([expect.stringContaining(r.reference)]);
    expect(db.select().from(mails).all().map((m) => m.sentAt)).toEqual([t0]);
    expect(db.select().from(webhookDeliveries).all()).toMatchObject([{ status: 'pending', attempts: 0 }]);

    // The receiver goes away: the attempt fails, is logged and waits for its retry; the drain then ends.
    hanging.server.closeAllConnections();
    await drained;
    expect(db.select().from(webhookDeliveries).all()).toMatchObject([{ status: 'pending', attempts: 1, lastStatusCode: null }]);
  }, 60_000);
});

describe('the inbound webhook', () => {
  const secret = 'inbound-secret-0123456789';
  const options = { secret, siteUrl: 'https://help.example' };

  it('applies signed status changes and public replies once; refuses forged, expired, replayed and malformed calls', async () => {
    const asker = await createMember(db);
    const t0 = at('2026-02-16T09:00:00+01:00');
    const q = askAt(db, asker, t0);
    const kase = submitContactRequest(db, null, { locale: 'es', name: 'Ana', email: 'ana@example.com', subject: 'Factura duplicada en mayo', message: 'Me cobrasteis dos veces la factura.' }, { ip: null, visitorId: null }, t0);
    const now = t0 + 60_000;
    const send = (body: unknown, when = now, key = secret) => {
      const raw = JSON.stringify(body);
      return () => applyInboundWebhook(db, raw, signPayload(key, raw, Math.floor(when / 1000)), now, options);
    };
    const status = { type: 'case.status', case: kase.reference, status: 'on_hold' };
    const apply = send(status);
    expect(apply()).toEqual({ case: kase.reference, status: 'on_hold' });
    expectCode(apply, 'CONFLICT');
    expectCode(send(status, now, 'forged-secret-000000000'), 'UNAUTHORIZED');
    expectCode(send({ ...status, status: 'open' }, now - 10 * 60_000), 'UNAUTHORIZED');
    expectCode(() => applyInboundWebhook(db, JSON.stringify(status), null, now, options), 'UNAUTHORIZED');
    const raw = JSON.stringify({ ...status, status: 'open' });
    expectCode(() => applyInboundWebhook(db, raw.replace('open', 'solved'), signPayload(secret, raw, Math.floor(now / 1000)), now, options), 'UNAUTHORIZED');
    expectCode(send({ type: 'case.status', case: 'C-999999', status: 'open' }), 'NOT_FOUND');
    expectCode(send({ type: 'case.delete', case: kase.reference }), 'INVALID');
    expect(db.select().from(cases).where(eq(cases.id, kase.id)).get()!.status).toBe('on_hold');

    const threadCase = escalateQuestion(db, agent, q.id, {}, now);
    expectCode(send({ type: 'case.reply', case: threadCase.number, body: 'Respuesta desde el helpdesk', agentEmail: asker.email }), 'INVALID');
    const reply = send({ type: 'case.reply', case: threadCase.number, body: 'Respuesta desde el helpdesk externo.', agentEmail: 'agent@example.test' })();
    expect(reply).toMatchObject({ case: threadCase.number, status: 'pending_customer', answerId: expect.any(Number) });
  });
});
