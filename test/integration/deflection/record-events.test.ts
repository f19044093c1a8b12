import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { articles, deflectionEvents, questions } from '../../../db/schema/index';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { MAX_EVENT_AGE_MS } from '../../../src/lib/deflection/events';
import {
  confirmDeflection,
  EVENT_BATCHES_PER_VISITOR,
  EVENTS_PER_IP,
  recordClientEvents,
  recordServerEvent,
  type DeflectionClient,
  type DeflectionRuntime,
} from '../../../src/lib/deflection/record-events';
import { DeflectionRecorder } from '../../../src/lib/deflection/recorder';
import { deflectionFigures } from '../../../src/lib/deflection/figures';
import { sessionize, type DeflectionFact } from '../../../src/lib/deflection/sessions';
import { MemoryRateLimiter } from '../../../src/lib/rate-limits/memory';
import { deflectionBy, loadDeflection } from '../../../src/lib/reports/deflection-kpis';
import { reportScope } from '../../../src/lib/reports/load';
import { expectCode } from '../../helpers/errors';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { DAY } from '../../helpers/time';

const NOW = Date.UTC(2026, 2, 10, 9);
const MIN = 60_000;
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
let db: SqliteDb;
let runtime: DeflectionRuntime;
let articleId: number;
let otherArticleId: number;
let questionId: number;
let billingId: number;
let internetId: number;
let seq = 0;

const visitor = (overrides: Partial<DeflectionClient> = {}): DeflectionClient => ({
  visitorId: `visitor${String(++seq).padStart(12, '0')}`,
  memberId: null,
  userAgent: BROWSER,
  ip: `10.1.0.${seq}`,
  locale: 'es',
  ...overrides,
});
const uid = () => `ev${String(++seq).padStart(10, '0')}`;
const rows = () => db.select().from(deflectionEvents).orderBy(deflectionEvents.occurredAt, deflectionEvents.id).all();
const flush = (now = NOW) => runtime.recorder.flush(db, now);

beforeEach(async () => {
  db = createTestDb();
  runtime = { recorder: new DeflectionRecorder(), limiter: new MemoryRateLimiter() };
  const billing = createCategory(db, 'billing');
  billingId = billing.id;
  internetId = createCategory(db, 'internet').id;
  const article = { locale: 'es' as const, translationKey: 'k', bodyMd: 'x', bodyHtml: 'x', bodyText: 'x', categoryId: billing.id, status: 'published' as const, createdAt: NOW, updatedAt: NOW };
  articleId = db.insert(articles).values({ ...article, slug: 'factura', title: 'Descargar la factura' }).returning().get().id;
  otherArticleId = db.insert(articles).values({ ...article, slug: 'borrador', translationKey: 'k2', title: 'Borrador', status: 'draft' }).returning().get().id;
  const asker = await createMember(db);
  questionId = askQuestion(db, asker, { title: 'El router no enciende nunca', body: 'Ninguna luz en el router desde ayer.', category: 'internet', locale: 'es' }, NOW - 9 * DAY).id;
});

describe('recordClientEvents', () => {
  it('queues a batch without writing, then writes one row per suggestion shown with its rank, in one session', () => {
    const client = visitor();
    const shownId = uid();
    const r = recordClientEvents(
      db,
      runtime,
      {
        events: [
          { id: shownId, type: 'suggestion_shown', surface: 'contact_form', query: 'Factura  DUPLICADA', items: [{ type: 'article', id: articleId, rank: 1 }, { type: 'question', id: questionId, rank: 2 }] },
          { id: uid(), type: 'suggestion_opened', surface: 'contact_form', subject: { type: 'article', id: articleId }, rank: 1 },
          { id: uid(), type: 'confirmed', surface: 'contact_form', subject: { type: 'article', id: articleId }, rank: 1 },
        ],
      },
      client,
      NOW,
    );
    expect(r).toEqual({ accepted: 3, ignored: 0 });
    expect(rows()).toHaveLength(0);
    expect(runtime.recorder.pending).toBe(4);
    expect(flush()).toEqual({ written: 4, duplicates: 0, failed: 0 });
    const written = rows();
    expect(written.map((e) => [e.type, e.subjectType, e.rank])).toEqual([
      ['suggestion_shown', 'article', 1],
      ['suggestion_shown', 'question', 2],
      ['suggestion_opened', 'article', 1],
      ['confirmed', 'article', 1],
    ]);
    expect(new Set(written.map((e) => e.sessionId)).size).toBe(1);
    expect(written[0]).toMatchObject({ visitorId: client.visitorId, query: 'factura duplicada', surface: 'contact_form', locale: 'es', clientEventId: `${shownId}.1` });
    // Credited categories: the article's (billing) and the thread's (internet).
    expect(written[0]!.categoryId).not.toBe(written[1]!.categoryId);
  });

  it('credits a widget event to the category of its article or thread, unless the host names one (data-category)', () => {
    // The widget on a host page about billing: its list shows the billing article and the internet thread; the
    // visitor confirms the thread. Another host names its category for every event.
    const items = [
      { type: 'article', id: articleId, rank: 1 },
      { type: 'question', id: questionId, rank: 2 },
    ];
    const shownThenConfirmed = (category?: string) => [
      { id: uid(), type: 'suggestion_shown', surface: 'widget', ...(category ? { category } : {}), items },
      { id: uid(), type: 'confirmed', surface: 'widget', ...(category ? { category } : {}), subject: { type: 'question', id: questionId }, rank: 2 },
    ];
    const credited = visitor();
    const named = visitor();
    recordClientEvents(db, runtime, { events: shownThenConfirmed() }, credited, NOW);
    recordClientEvents(db, runtime, { events: shownThenConfirmed('billing') }, named, NOW);
    flush();
    const categoryOf = (v: DeflectionClient) => rows().filter((e) => e.visitorId === v.visitorId).map((e) => [e.type, e.subjectType, e.categoryId]);
    expect(categoryOf(credited)).toEqual([
      ['suggestion_shown', 'article', billingId],
      ['suggestion_shown', 'question', internetId],
      ['confirmed', 'question', internetId],
    ]);
    expect(categoryOf(named)).toEqual([
      ['suggestion_shown', 'article', billingId],
      ['suggestion_shown', 'question', billingId],
      ['confirmed', 'question', billingId],
    ]);
    // The reports count each confirmation once, in the category of what solved it or the one the host named.
    const period = { from: NOW - DAY, to: NOW + DAY };
    const filters = { period, previous: { from: NOW - 3 * DAY, to: NOW - DAY }, locale: null, category: null, channel: null };
    const byCategory = deflectionBy(loadDeflection(db, reportScope(db, filters), period, NOW + 9 * DAY), 'categoryId').map((g) => [g.key, g.counts.confirmations]);
    expect(byCategory.sort()).toEqual([[billingId, 1], [internetId, 1]].sort());
    const internet = loadDeflection(db, reportScope(db, { ...filters, category: 'internet' }), period, NOW + 9 * DAY);
    expect(internet.total.confirmations).toBe(1);
  });

  it('records a batch sent twice once (replay)', () => {
    const client = visitor();
    const batch = { events: [{ id: uid(), type: 'confirmed', surface: 'widget', subject: { type: 'question', id: questionId } }] };
    recordClientEvents(db, runtime, batch, client, NOW);
    flush();
    recordClientEvents(db, runtime, batch, client, NOW + 1000);
    expect(flush(NOW + 1000)).toEqual({ written: 0, duplicates: 1, failed: 0 });
    expect(rows()).toHaveLength(1);
  });

  it('never writes a row for a bot', () => {
    for (const ua of ['Googlebot/2.1', 'curl/8.5', '', 'Mozilla/5.0 HeadlessChrome/140.0']) {
      const r = recordClientEvents(db, runtime, { events: [{ id: uid(), type: 'confirmed', surface: 'widget', subject: { type: 'article', id: articleId } }] }, visitor({ userAgent: ua }), NOW);
      expect(r.accepted).toBe(0);
      expect(recordServerEvent(runtime, visitor({ userAgent: ua }), { occurredAt: NOW, type: 'form_reached', surface: 'contact_form' })).toBe(false);
    }
    flush();
    expect(rows()).toHaveLength(0);
  });

  it.each([
    ['an unknown type', { events: [{ id: 'abcdefgh1', type: 'purchase', surface: 'widget' }] }],
    ['a type only the server records', { events: [{ id: 'abcdefgh2', type: 'form_submitted', surface: 'contact_form' }] }],
    ['an unknown surface', { events: [{ id: 'abcdefgh3', type: 'form_abandoned', surface: 'checkout' }] }],
    ['an unknown field', { events: [{ id: 'abcdefgh4', type: 'form_abandoned', surface: 'ask_form', email: 'x@y.z' }] }],
    ['no events', { events: [] }],
    ['51 events', { events: Array.from({ length: 51 }, (_, i) => ({ id: `abcdefgh-${i}`, type: 'form_abandoned', surface: 'ask_form' })) }],
    ['a shown event without items', { events: [{ id: 'abcdefgh5', type: 'suggestion_shown', surface: 'widget', items: [] }] }],
    ['a bad event id', { events: [{ id: "x'; drop", type: 'form_abandoned', surface: 'ask_form' }] }],
    ['a huge query', { events: [{ id: 'abcdefgh6', type: 'form_abandoned', surface: 'ask_form', query: 'x'.repeat(501) }] }],
    ['a __proto__ key', JSON.parse('{"events":[{"id":"abcdefgh7","type":"form_abandoned","surface":"ask_form"}],"__proto__":{"admin":true}}')],
    ['a subject id as text', { events: [{ id: 'abcdefgh8', type: 'confirmed', surface: 'widget', subject: { type: 'article', id: '1 or 1=1' } }] }],
    ['a fractional subject id', { events: [{ id: 'abcdefgh9', type: 'confirmed', surface: 'widget', subject: { type: 'article', id: 1.5 } }] }],
    ['a subject of another kind', { events: [{ id: 'abcdefgh10', type: 'confirmed', surface: 'widget', subject: { type: 'user', id: 1 } }] }],
    ['a rank of 0', { events: [{ id: 'abcdefgh11', type: 'suggestion_shown', surface: 'widget', items: [{ type: 'article', id: 1, rank: 0 }] }] }],
    ['a category that is not a slug', { events: [{ id: 'abcdefgh12', type: 'form_abandoned', surface: 'ask_form', category: '<script>' }] }],
    ['a time that is not a number', { sentAt: 'now', events: [{ id: 'abcdefgh13', type: 'form_abandoned', surface: 'ask_form' }] }],
    ['not an object', 'events'],
    ['null', null],
  ])('refuses %s as INVALID', (_, batch) => {
    expectCode(() => recordClientEvents(db, runtime, batch, visitor(), NOW), 'INVALID');
    expect(runtime.recorder.pending).toBe(0);
  });

  it('drops events about missing or unpublished subjects, and events the client held too long', () => {
    const sentAt = 5_000_000;
    const r = recordClientEvents(
      db,
      runtime,
      {
        sentAt,
        events: [
          { id: uid(), type: 'confirmed', surface: 'widget', subject: { type: 'article', id: otherArticleId } },
          { id: uid(), type: 'confirmed', surface: 'widget', subject: { type: 'question', id: 999_999 } },
          { id: uid(), type: 'suggestion_shown', surface: 'widget', items: [{ type: 'article', id: otherArticleId, rank: 1 }] },
          { id: uid(), type: 'suggestion_opened', surface: 'widget', at: sentAt - MAX_EVENT_AGE_MS - 1, subject: { type: 'article', id: articleId } },
          { id: uid(), type: 'suggestion_opened', surface: 'widget', at: sentAt - 30_000, subject: { type: 'article', id: articleId } },
        ],
      },
      visitor(),
      NOW,
    );
    expect(r).toEqual({ accepted: 1, ignored: 4 });
    flush();
    // The client says how long ago, never when: 30 s before the server's now.
    expect(rows().map((e) => e.occurredAt)).toEqual([NOW - 30_000]);
  });

  it('limits floods from one visitor', () => {
    const client = visitor();
    const batch = () => ({ events: [{ id: uid(), type: 'form_abandoned', surface: 'ask_form' }] });
    for (let i = 0; i < EVENT_BATCHES_PER_VISITOR.max; i++) recordClientEvents(db, runtime, batch(), client, NOW);
    expectCode(() => recordClientEvents(db, runtime, batch(), client, NOW), 'RATE_LIMITED');
    // A minute later the window is new.
    expect(recordClientEvents(db, runtime, batch(), client, NOW + 60_000).accepted).toBe(1);
  });

  it('caps the events of one address even when every batch comes as a new visitor', () => {
    const full = () => ({ events: Array.from({ length: 50 }, () => ({ id: uid(), type: 'form_abandoned', surface: 'ask_form' })) });
    const fromOffice = () => visitor({ ip: '203.0.113.7' });
    for (let i = 0; i < EVENTS_PER_IP.max / 50; i++) expect(recordClientEvents(db, runtime, full(), fromOffice(), NOW).accepted).toBe(50);
    expectCode(() => recordClientEvents(db, runtime, full(), fromOffice(), NOW), 'RATE_LIMITED');
    // Another address is not held back.
    expect(recordClientEvents(db, runtime, full(), visitor(), NOW).accepted).toBe(50);
    expect(runtime.recorder.pending).toBe(EVENTS_PER_IP.max + 50);
  });

  it('uses the widget’s visitor id when the cookie is not sent, and no id at all for an opted-out visitor', () => {
    recordClientEvents(db, runtime, { visitorId: 'widgetvisitor0000001', events: [{ id: uid(), type: 'form_abandoned', surface: 'ask_form' }] }, visitor({ visitorId: null }), NOW);
    recordClientEvents(db, runtime, { events: [{ id: uid(), type: 'form_abandoned', surface: 'ask_form' }] }, visitor({ visitorId: null }), NOW);
    flush();
    const [widget, optedOut] = rows();
    expect(widget).toMatchObject({ visitorId: 'widgetvisitor0000001' });
    expect(widget!.sessionId).not.toBeNull();
    expect(optedOut).toMatchObject({ visitorId: null, memberId: null, sessionId: null });
  });
});

describe('recordServerEvent', () => {
  it('keeps the data and resolves the category slug the page gave', () => {
    recordServerEvent(runtime, visitor({ memberId: null }), { occurredAt: NOW, type: 'form_reached', surface: 'contact_form', categorySlug: 'internet', data: { from: 'kb:factura' } });
    recordServerEvent(runtime, visitor(), { occurredAt: NOW, type: 'form_reached', surface: 'contact_form', categorySlug: 'no-such-category' });
    flush();
    const [a, b] = rows();
    expect(a!.data).toEqual({ from: 'kb:factura' });
    expect(a!.categoryId).not.toBeNull();
    expect(b!.categoryId).toBeNull();
  });
});

describe('sessions as events are written', () => {
  it('starts a new session after 30 minutes of inactivity, also across a restart of the process', () => {
    const client = visitor();
    const at = (minutes: number) => ({ occurredAt: NOW + minutes * MIN, type: 'form_reached' as const, surface: 'contact_form' as const });
    recordServerEvent(runtime, client, at(0));
    recordServerEvent(runtime, client, at(20));
    flush(NOW + 20 * MIN);
    // A new process: the session is found in the database.
    runtime.recorder = new DeflectionRecorder();
    recordServerEvent(runtime, client, at(45));
    recordServerEvent(runtime, client, at(80));
    flush(NOW + 80 * MIN);
    const ids = rows().map((e) => e.sessionId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[1]);
    expect(ids[3]).not.toBe(ids[2]);
  });

  it('agrees with the session model on a random timeline of several visitors', () => {
    const clients = [visitor(), visitor(), visitor({ visitorId: null, memberId: null })];
    let t = NOW;
    let random = 42;
    const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 300; i++) {
      t += Math.floor(next() * 25 * MIN);
      const client = clients[Math.floor(next() * clients.length)]!;
      recordServerEvent(runtime, client, { occurredAt: t, type: 'form_reached', surface: 'contact_form' });
      if (next() < 0.2) flush(t);
    }
    flush(t);
    const written = rows();
    const facts: (DeflectionFact & { sessionId: string | null })[] = written.map((r) => ({ ...r, at: r.occurredAt }));
    const model = sessionize(facts).map((s) => new Set(s.events.map((e) => e.sessionId)));
    expect(model.length).toBeGreaterThan(10);
    for (const ids of model) expect(ids.size).toBe(1);
    expect(new Set(written.filter((r) => r.sessionId).map((r) => r.sessionId)).size).toBe(model.length);
  });
});

describe('confirmDeflection (the form without JavaScript)', () => {
  it('records a confirmation credited to the thread and returns it with the way back', () => {
    const client = visitor();
    const r = confirmDeflection(db, runtime, { type: 'question', id: String(questionId), surface: 'contact_form', rank: '2', back: '/es/contact' }, client, NOW);
    expect(r.subject).toMatchObject({ type: 'question', id: questionId, title: 'El router no enciende nunca' });
    expect(r.subject.url).toMatch(new RegExp(`^/es/questions/${questionId}/`));
    expect(r.back).toBe('/es/contact');
    flush();
    expect(rows()).toMatchObject([{ type: 'confirmed', subjectType: 'question', subjectId: questionId, rank: 2, surface: 'contact_form', visitorId: client.visitorId }]);
  });

  it('refuses a subject that is missing or not published, and drops a way back off this site', () => {
    expectCode(() => confirmDeflection(db, runtime, { type: 'article', id: otherArticleId, surface: 'search' }, visitor(), NOW), 'NOT_FOUND');
    db.update(questions).set({ deletedAt: NOW }).where(eq(questions.id, questionId)).run();
    expectCode(() => confirmDeflection(db, runtime, { type: 'question', id: questionId, surface: 'search' }, visitor(), NOW), 'NOT_FOUND');
    expectCode(() => confirmDeflection(db, runtime, { type: 'page', id: 1, surface: 'search' }, visitor(), NOW), 'INVALID');
    for (const back of ['//evil.example/x', 'https://evil.example', '/es/\r\nSet-Cookie: x', 'javascript:alert(1)']) {
      expect(confirmDeflection(db, runtime, { type: 'article', id: articleId, surface: 'search', back }, visitor(), NOW).back).toBeNull();
    }
  });
});

describe('writing in batches', () => {
  // What this costs per request is measured by `npm run bench -- deflection`, not asserted here.
  it('queues 20,000 events without touching the database and writes them all in one flush', () => {
    const client = visitor();
    for (let i = 0; i < 20_000; i++) {
      recordServerEvent(runtime, client, { occurredAt: NOW + i, type: 'suggestion_shown', surface: 'contact_form', subjectType: 'article', subjectId: articleId, rank: 1, query: 'factura' });
    }
    expect(rows()).toHaveLength(0);
    expect(runtime.recorder.pending).toBe(20_000);
    expect(flush(NOW + 20_000)).toEqual({ written: 20_000, duplicates: 0, failed: 0 });
    expect(runtime.recorder.pending).toBe(0);
    expect(new Set(rows().map((r) => r.sessionId)).size).toBe(1);
  });
});

describe('deflectionFigures', () => {
  it('computes the KPIs of a day from what was written', () => {
    const a = visitor();
    const b = visitor();
    const at = (minutes: number) => NOW + minutes * MIN;
    for (const [client, minutes, event] of [
      [a, 0, { type: 'form_reached', surface: 'contact_form' }],
      [a, 1, { type: 'suggestion_shown', surface: 'contact_form', subjectType: 'article', subjectId: articleId, rank: 1 }],
      [a, 2, { type: 'confirmed', surface: 'contact_form', subjectType: 'article', subjectId: articleId, rank: 1 }],
      [b, 0, { type: 'form_reached', surface: 'ask_form' }],
      [b, 1, { type: 'suggestion_shown', surface: 'ask_form', subjectType: 'question', subjectId: questionId, rank: 1 }],
      [b, 5, { type: 'form_submitted', surface: 'ask_form' }],
      [a, 3 * 24 * 60, { type: 'form_submitted', surface: 'contact_form' }],
    ] as const) {
      recordServerEvent(runtime, client, { occurredAt: at(minutes), ...event });
    }
    flush(at(3 * 24 * 60));
    const day = { from: Date.UTC(2026, 2, 10), to: Date.UTC(2026, 2, 11) };
    expect(deflectionFigures(db, day, NOW + 30 * DAY)).toMatchObject({
      formSessions: 2,
      confirmations: 1,
      confirmedRate: 0.5,
      implicitDeflections: 1,
      implicitRate: 0.5,
      failedConfirmations: 1,
      failedRate: 1,
    });
  });
});
