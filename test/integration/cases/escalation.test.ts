import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { escalations, flags, notifications, customerTiers, webhooks, webhookDeliveries } from '../../../db/schema/index';
import type { Actor } from '../../../src/lib/auth/sessions';
import { acceptAnswer } from '../../../src/lib/community/accept-answer';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { updateCase } from '../../../src/lib/cases/commands';
import { askForHumanOffer, escalateQuestion } from '../../../src/lib/escalation/escalate';
import { runEscalationRules } from '../../../src/lib/escalation/evaluate';
import { createRule } from '../../../src/lib/escalation/rules';
import { addRule, askAt, at, casesOf, eventTypes } from '../../helpers/cases';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { expectCode } from '../../helpers/errors';

let db: SqliteDb;
let asker: Actor;
let agent: Actor;
let admin: Actor;

beforeEach(async () => {
  db = createTestDb();
  createCategory(db, 'internet');
  asker = await createMember(db);
  agent = await createMember(db, 'agent');
  admin = await createMember(db, 'admin');
});

describe('no answer after N business hours (Europe/Madrid, Mon–Fri 9–18)', () => {
  it('timeline: asked Friday 16:00; 4 business hours pass on Monday 11:00, not during the weekend; one case, however often the pass runs', async () => {
    addRule(db, { trigger: 'no_answer', params: { hours: 4 }, priority: 'high' });
    const q = askAt(db, asker, at('2026-02-13T16:00:00+01:00'));
    for (const now of ['2026-02-13T18:00:00+01:00', '2026-02-14T12:00:00+01:00', '2026-02-16T10:59:00+01:00']) {
      expect((await runEscalationRules(db, at(now))).escalated).toBe(0);
    }
    const r = await runEscalationRules(db, at('2026-02-16T11:00:00+01:00'));
    expect(r).toMatchObject({ rules: 1, escalated: 1 });
    expect((await runEscalationRules(db, at('2026-02-16T11:05:00+01:00'))).escalated).toBe(0);
    const [kase] = casesOf(db, q.id);
    expect(kase).toMatchObject({ channel: 'thread', status: 'new', priority: 'high', userId: asker.id, email: asker.email, subject: expect.stringContaining('Pregunta de prueba') });
    // Routed to the only agent (no profile: every tier-1 queue in their language) and announced.
    expect(kase!.assigneeId).toBe(agent.id);
    expect(eventTypes(db, kase!.id)).toEqual(['created', 'assigned']);
    expect(db.select().from(escalations).all()).toMatchObject([{ questionId: q.id, caseId: kase!.id, trigger: 'no_answer', automatic: true, openedCase: true }]);
    expect(db.select().from(notifications).where(eq(notifications.type, 'case.escalated')).all().map((n) => n.userId).sort()).toEqual([agent.id, admin.id].sort());
  });

  it('timeline: asked the Monday before Epiphany at 17:00; 2 business hours pass on Wednesday 10:00', async () => {
    addRule(db, { trigger: 'no_answer', params: { hours: 2 } });
    const q = askAt(db, asker, at('2026-01-05T17:00:00+01:00'));
    expect((await runEscalationRules(db, at('2026-01-06T17:00:00+01:00'))).escalated).toBe(0);
    expect((await runEscalationRules(db, at('2026-01-07T09:59:00+01:00'))).escalated).toBe(0);
    expect((await runEscalationRules(db, at('2026-01-07T10:00:00+01:00'))).escalated).toBe(1);
    expect(casesOf(db, q.id)).toHaveLength(1);
  });

  it('timeline across the March DST change: asked Friday 27 March 17:00 CET; 2 business hours pass Monday 10:00 CEST', async () => {
    addRule(db, { trigger: 'no_answer', params: { hours: 2 } });
    askAt(db, asker, at('2026-03-27T17:00:00+01:00'));
    expect((await runEscalationRules(db, at('2026-03-30T09:59:00+02:00'))).escalated).toBe(0);
    expect((await runEscalationRules(db, at('2026-03-30T10:00:00+02:00'))).escalated).toBe(1);
  });

  it('an answer before the deadline stops it; a rule fires once per thread even after its case is solved', async () => {
    addRule(db, { trigger: 'no_answer', params: { hours: 1 } });
    const answered = askAt(db, asker, at('2026-02-16T09:00:00+01:00'));
    answerQuestion(db, agent, answered.id, { body: 'Reinicia el router manteniendo pulsado el botón.' }, at('2026-02-16T09:30:00+01:00'));
    const waiting = askAt(db, await createMember(db), at('2026-02-16T09:00:00+01:00'));
    expect((await runEscalationRules(db, at('2026-02-16T11:00:00+01:00'))).escalated).toBe(1);
    expect(casesOf(db, answered.id)).toHaveLength(0);
    const [kase] = casesOf(db, waiting.id);
    updateCase(db, agent, kase!.id, { status: 'solved' }, at('2026-02-16T12:00:00+01:00'));
    expect((await runEscalationRules(db, at('2026-02-17T12:00:00+01:00'))).escalated).toBe(0);
    expect(casesOf(db, waiting.id)).toHaveLength(1);
  });

  it('questions asked before the rule applies are left alone (no flood of old threads)', async () => {
    addRule(db, { trigger: 'no_answer', params: { hours: 1 }, appliesFrom: at('2026-02-16T00:00:00Z') });
    askAt(db, asker, at('2026-02-13T09:00:00+01:00'));
    const fresh = askAt(db, await createMember(db), at('2026-02-16T09:00:00+01:00'));
    expect((await runEscalationRules(db, at('2026-02-18T12:00:00+01:00'))).escalated).toBe(1);
    expect(casesOf(db, fresh.id)).toHaveLength(1);
  });
});

describe('other triggers', () => {
  it('no accepted answer after M business hours', async () => {
    addRule(db, { trigger: 'no_accepted_answer', params: { hours: 9 } });
    const q = askAt(db, asker, at('2026-02-16T09:00:00+01:00'));
    const a = answerQuestion(db, agent, q.id, { body: 'Prueba a cambiar el canal del wifi.' }, at('2026-02-16T10:00:00+01:00'));
    expect((await runEscalationRules(db, at('2026-02-16T17:59:00+01:00'))).escalated).toBe(0);
    const other = await createMember(db);
    const accepted = askAt(db, other, at('2026-02-16T09:00:00+01:00'));
    const b = answerQuestion(db, agent, accepted.id, { body: 'Actualiza el firmware del router.' }, at('2026-02-16T10:00:00+01:00'));
    acceptAnswer(db, other, b.id, at('2026-02-16T11:00:00+01:00'));
    expect((await runEscalationRules(db, at('2026-02-16T18:00:00+01:00'))).escalated).toBe(1);
    expect(casesOf(db, q.id)).toHaveLength(1);
    expect(casesOf(db, accepted.id)).toHaveLength(0);
    expect(a.questionId).toBe(q.id);
  });

  it('K open flags with the urgent reason', async () => {
    addRule(db, { trigger: 'urgent_flags', params: { count: 2 }, priority: 'urgent' });
    const q = askAt(db, asker, at('2026-02-16T09:00:00+01:00'));
    const flag = (reporterId: number) => db.insert(flags).values({ targetType: 'question', targetId: q.id, questionId: q.id, reporterId, reason: 'urgent', createdAt: at('2026-02-16T09:10:00+01:00') }).run();
    flag(agent.id);
    expect((await runEscalationRules(db, at('2026-02-16T09:20:00+01:00'))).escalated).toBe(0);
    flag(admin.id);
    expect((await runEscalationRules(db, at('2026-02-16T09:21:00+01:00'))).escalated).toBe(1);
    expect(casesOf(db, q.id)[0]!.priority).toBe('urgent');
  });

  it('keywords, es and en, accent-folded, in questions asked since the last pass', async () => {
    addRule(db, { trigger: 'keywords', params: { keywords: { es: ['facturacion', 'cobro duplicado'], en: ['refund'] } } });
    const es = askAt(db, asker, at('2026-02-16T09:00:00+01:00'), { title: 'Problema con la FACTURACIÓN de mayo' });
    const en = askAt(db, await createMember(db), at('2026-02-16T09:00:00+01:00'), { title: 'I need a refund for May', body: 'The router was charged twice in May, please help.', locale: 'en' });
    const other = askAt(db, await createMember(db), at('2026-02-16T09:00:00+01:00'), { title: 'Quiero un refund del router' });
    const state: Record<string, unknown> = {};
    const progress = { heartbeat: () => true, state };
    expect((await runEscalationRules(db, at('2026-02-16T09:05:00+01:00'), progress)).escalated).toBe(2);
    expect(casesOf(db, es.id)).toHaveLength(1);
    expect(casesOf(db, en.id)).toHaveLength(1);
    expect(casesOf(db, other.id)).toHaveLength(0);
    const later = askAt(db, await createMember(db), at('2026-02-16T10:00:00+01:00'), { body: 'Tengo un cobro\nduplicado en la factura.' });
    const r = await runEscalationRules(db, at('2026-02-16T10:05:00+01:00'), progress);
    expect(r).toMatchObject({ escalated: 1, scanned: 1 });
    expect(casesOf(db, later.id)).toHaveLength(1);
  });

  it('customer tier (a member attribute set by admins)', async () => {
    addRule(db, { trigger: 'customer_tier', params: { tiers: ['gold'] }, priority: 'high' });
    const gold = await createMember(db);
    db.insert(customerTiers).values({ userId: gold.id, tier: 'gold', setAt: 0 }).run();
    const q = askAt(db, gold, at('2026-02-16T09:00:00+01:00'));
    askAt(db, asker, at('2026-02-16T09:00:00+01:00'));
    expect((await runEscalationRules(db, at('2026-02-16T09:01:00+01:00'))).escalated).toBe(1);
    expect(casesOf(db, q.id)[0]!.priority).toBe('high');
  });

  it('a second rule on a thread with an open case joins it and raises the priority', async () => {
    addRule(db, { trigger: 'no_answer', params: { hours: 1 }, priority: 'normal' });
    addRule(db, { trigger: 'no_answer', params: { hours: 3 }, priority: 'urgent' });
    const q = askAt(db, asker, at('2026-02-16T09:00:00+01:00'));
    expect((await runEscalationRules(db, at('2026-02-16T10:00:00+01:00'))).escalated).toBe(1);
    expect(await runEscalationRules(db, at('2026-02-16T12:00:00+01:00'))).toMatchObject({ escalated: 0, joined: 1 });
    const all = casesOf(db, q.id);
    expect(all).toHaveLength(1);
    expect(all[0]!.priority).toBe('urgent');
    expect(eventTypes(db, all[0]!.id)).toEqual(expect.arrayContaining(['escalated', 'priority']));
  });
});

describe('ask for a human, and staff escalation', () => {
  it('the asker is offered it after N business hours (default rule: 4) and gets one case however often they ask', async () => {
    const q = askAt(db, asker, at('2026-02-16T09:00:00+01:00'));
    const facts = { id: q.id, createdAt: at('2026-02-16T09:00:00+01:00'), accepted: false, open: true };
    expect(askForHumanOffer(db, facts, at('2026-02-16T12:00:00+01:00'))).toEqual({ state: 'later', at: at('2026-02-16T13:00:00+01:00'), timeZone: 'Europe/Madrid' });
    const early = expectCode(() => escalateQuestion(db, asker, q.id, {}, at('2026-02-16T12:00:00+01:00')), 'CONFLICT');
    expect(early.fields._).toBe('escalation.notYet');
    expect(askForHumanOffer(db, facts, at('2026-02-16T13:00:00+01:00'))).toEqual({ state: 'now' });
    const first = escalateQuestion(db, asker, q.id, { note: 'Nadie responde' }, at('2026-02-16T13:00:00+01:00'));
    expect(first).toMatchObject({ created: true, status: 'new', number: expect.stringMatching(/^C-\d{6}$/) });
    const again = escalateQuestion(db, asker, q.id, {}, at('2026-02-16T13:05:00+01:00'));
    expect(again).toMatchObject({ created: false, caseId: first.caseId });
    expect(casesOf(db, q.id)).toHaveLength(1);
    expect(askForHumanOffer(db, facts, at('2026-02-16T14:00:00+01:00'))).toEqual({ state: 'none' });
    expect(db.select().from(escalations).all().map((e) => e.trigger)).toEqual(['asker_request', 'asker_request']);
  });

  it('moderators, agents and superusers escalate at once with a priority; other members and suspended staff cannot', async () => {
    const q = askAt(db, asker, at('2026-02-16T09:00:00+01:00'));
    const member = await createMember(db);
    expectCode(() => escalateQuestion(db, member, q.id, {}, at('2026-02-16T09:01:00+01:00')), 'FORBIDDEN');
    expectCode(() => escalateQuestion(db, null, q.id, {}, at('2026-02-16T09:01:00+01:00')), 'UNAUTHORIZED');
    expectCode(() => escalateQuestion(db, { ...agent, suspendedUntil: at('2026-03-01T00:00:00Z') }, q.id, {}, at('2026-02-16T09:01:00+01:00')), 'FORBIDDEN');
    expectCode(() => escalateQuestion(db, agent, 999_999, {}, at('2026-02-16T09:01:00+01:00')), 'NOT_FOUND');
    expectCode(() => escalateQuestion(db, agent, q.id, { priority: 'critical' }, at('2026-02-16T09:01:00+01:00')), 'INVALID');
    const superuser = await createMember(db, 'superuser');
    const r = escalateQuestion(db, superuser, q.id, { priority: 'urgent' }, at('2026-02-16T09:01:00+01:00'));
    expect(r).toMatchObject({ created: true, priority: 'urgent' });
    expect(casesOf(db, q.id)[0]!.channel).toBe('moderator');
  });

  it('the question.escalated webhook hears every escalation', async () => {
    db.insert(webhooks).values({ url: 'http://127.0.0.1:1/hook', secret: 's', events: ['question.escalated', 'case.created'], createdAt: 0, updatedAt: 0 }).run();
    const q = askAt(db, asker, at('2026-02-16T09:00:00+01:00'));
    escalateQuestion(db, agent, q.id, {}, at('2026-02-16T09:01:00+01:00'));
    expect(db.select({ event: webhookDeliveries.event }).from(webhookDeliveries).all().map((d) => d.event).sort()).toEqual(['case.created', 'question.escalated']);
  });
});

describe('rules as data (admins)', () => {
  it('validates each trigger and warns about rules that fire on everything or never', () => {
    const now = at('2026-02-16T09:00:00+01:00');
    expectCode(() => createRule(db, agent, { name: 'x', trigger: 'no_answer', params: { hours: 1 }, queueId: 1 }, now), 'FORBIDDEN');
    const bad = expectCode(() => createRule(db, admin, { name: 'Palabras', trigger: 'keywords', params: { keywords: { es: [], en: [] } }, queueId: 1 }, now), 'INVALID');
    expect(bad.fields).toEqual({ 'params.keywords': 'rule.keywordsEmpty' });
    expectCode(() => createRule(db, admin, { name: 'Cola', trigger: 'no_answer', params: { hours: 1 }, queueId: 99 }, now), 'INVALID');
    const everything = createRule(db, admin, { name: 'Todo', trigger: 'no_answer', params: { hours: 0 }, queueId: 1 }, now);
    expect(everything.warnings).toEqual(['firesOnEverything']);
    expect(everything.rule.appliesFrom).toBe(now);
    const never = createRule(db, admin, { name: 'Oro', trigger: 'customer_tier', params: { tiers: ['gold'] }, queueId: 1 }, now);
    expect(never.warnings).toEqual(['neverFires']);
  });
});
