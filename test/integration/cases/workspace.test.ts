import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { agentProfiles, caseAnswers, caseSlaClocks, cases, csatResponses, mails, notifications } from '../../../db/schema/index';
import type { Actor } from '../../../src/lib/auth/sessions';
import { sendSurvey } from '../../../src/lib/cases/acknowledge';
import { closeStaleCases, runSlaAlerts } from '../../../src/lib/cases/case-jobs';
import { addCaseNote, bulkUpdateCases, escalateCaseTier, replyToCase, takeCase, updateCase } from '../../../src/lib/cases/commands';
import { answerSurvey, surveyToken } from '../../../src/lib/cases/csat';
import { BREACHING_CAP, caseCounts, caseView, customerCaseView, listCases } from '../../../src/lib/cases/queries';
import { threadCaseBadge } from '../../../src/lib/cases/thread-hooks';
import { acceptAnswer } from '../../../src/lib/community/accept-answer';
import { commentOnPost } from '../../../src/lib/community/comment-post';
import { escalateQuestion } from '../../../src/lib/escalation/escalate';
import { submitContactRequest } from '../../../src/lib/support/contact-requests';
import { askAt, at, eventTypes } from '../../helpers/cases';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { expectCode } from '../../helpers/errors';

const SITE = { siteUrl: 'https://help.example' };
let db: SqliteDb;
let asker: Actor;
let agent: Actor;
let agent2: Actor;
let admin: Actor;

beforeEach(async () => {
  db = createTestDb();
  createCategory(db, 'internet');
  asker = await createMember(db);
  agent = await createMember(db, 'agent');
  agent2 = await createMember(db, 'agent');
  admin = await createMember(db, 'admin');
});

const clocksOf = (caseId: number) => db.select().from(caseSlaClocks).where(eq(caseSlaClocks.caseId, caseId)).orderBy(caseSlaClocks.id).all();
const clock = (caseId: number, kind: string) => clocksOf(caseId).filter((k) => k.kind === kind).at(-1)!;
const contact = (now: number, over: Record<string, unknown> = {}) =>
  submitContactRequest(db, null, { locale: 'es', name: 'Ana Cliente', email: 'ana@example.com', subject: 'Factura duplicada en mayo', message: 'Me habéis cobrado dos veces la factura de mayo.', ...over }, { ip: null, visitorId: null }, now);

describe('SLA timeline of a contact-form case (normal priority: first response 8 h, warning at 80 %)', () => {
  it('opened Friday 16:00: warns Monday 13:24, breaches Monday 15:00, once each, to the assignee and supervisors', () => {
    const r = contact(at('2026-02-13T16:00:00+01:00'));
    const kase = db.select().from(cases).where(eq(cases.id, r.id)).get()!;
    expect(kase.assigneeId).toBe(agent.id);
    expect(clock(r.id, 'first_response')).toMatchObject({ dueAt: at('2026-02-16T15:00:00+01:00'), warnAt: at('2026-02-16T13:24:00+01:00') });
    // Resolution: 48 business hours → Friday 2 h + 5 × 9 h = 47 h by the next Friday 18:00, then 1 h on Monday 23rd.
    expect(clock(r.id, 'resolution').dueAt).toBe(at('2026-02-23T10:00:00+01:00'));
    expect(runSlaAlerts(db, at('2026-02-16T13:23:00+01:00'))).toEqual({ warnings: 0, breaches: 0 });
    expect(runSlaAlerts(db, at('2026-02-16T13:24:00+01:00'))).toEqual({ warnings: 1, breaches: 0 });
    expect(runSlaAlerts(db, at('2026-02-16T14:00:00+01:00'))).toEqual({ warnings: 0, breaches: 0 });
    expect(runSlaAlerts(db, at('2026-02-16T15:00:00+01:00'))).toEqual({ warnings: 0, breaches: 1 });
    expect(runSlaAlerts(db, at('2026-02-16T16:00:00+01:00'))).toEqual({ warnings: 0, breaches: 0 });
    const alerts = db.select({ type: notifications.type, userId: notifications.userId }).from(notifications).all().filter((n) => n.type.startsWith('case.sla'));
    expect(alerts).toEqual(
      expect.arrayContaining([
        { type: 'case.sla_warning', userId: agent.id },
        { type: 'case.sla_warning', userId: admin.id },
        { type: 'case.sla_breach', userId: agent.id },
        { type: 'case.sla_breach', userId: admin.id },
      ]),
    );
    expect(eventTypes(db, r.id)).toEqual(['created', 'assigned', 'sla_warning', 'sla_breach']);
    // A late private reply stops the clock as missed; pending on the customer pauses resolution.
    const reply = replyToCase(db, agent, r.id, { body: 'Hola Ana, ya hemos anulado el segundo cobro.', visibility: 'private' }, at('2026-02-16T16:00:00+01:00'), SITE);
    expect(reply.case).toMatchObject({ status: 'pending_customer', agentReplies: 1, firstResponseAt: at('2026-02-16T16:00:00+01:00') });
    expect(clock(r.id, 'first_response')).toMatchObject({ stoppedAt: at('2026-02-16T16:00:00+01:00'), breachedAt: at('2026-02-16T15:00:00+01:00') });
    expect(clock(r.id, 'resolution')).toMatchObject({ pausedAt: at('2026-02-16T16:00:00+01:00'), dueAt: null });
    const mail = db.select().from(mails).where(eq(mails.id, reply.mailId!)).get()!;
    expect(mail).toMatchObject({ to: 'ana@example.com' });
    expect(mail.subject).toContain(r.reference);
    expect(mail.text).toContain('ya hemos anulado el segundo cobro');
    // Pending for 7 days: closed by abandonment (no survey for that).
    expect(closeStaleCases(db, at('2026-02-23T15:59:00+01:00'))).toEqual({ abandoned: 0, closed: 0 });
    expect(closeStaleCases(db, at('2026-02-23T16:00:00+01:00'))).toEqual({ abandoned: 1, closed: 0 });
    expect(db.select().from(cases).where(eq(cases.id, r.id)).get()).toMatchObject({ status: 'closed', closeReason: 'abandoned' });
    expectCode(() => replyToCase(db, agent, r.id, { body: 'Otra cosa', visibility: 'private' }, at('2026-02-24T10:00:00+01:00'), SITE), 'CONFLICT');
    expectCode(() => answerSurvey(db, r.id, { token: surveyToken(db, r.id, 0), viewer: null }, { score: 5 }, at('2026-02-24T10:00:00+01:00')), 'CONFLICT');
  });
});

describe('a thread case from escalation to CSAT (staff escalation: high priority, first response 4 h)', () => {
  it('public reply in the thread, pause and resume, next response, the asker accepts, solved by support, survey once', async () => {
    const q = askAt(db, asker, at('2026-02-16T08:00:00+01:00'));
    const esc = escalateQuestion(db, agent2, q.id, {}, at('2026-02-16T09:00:00+01:00'));
    const id = esc.caseId;
    expect(clock(id, 'first_response').dueAt).toBe(at('2026-02-16T13:00:00+01:00'));
    expect(threadCaseBadge(db, q.id)).toMatchObject({ number: esc.number, status: 'new', solvedBySupport: false });

    const reply = replyToCase(db, agent, id, { body: 'Reinicia el router manteniendo el botón 10 segundos.', visibility: 'public' }, at('2026-02-16T10:00:00+01:00'), SITE);
    expect(reply.answerId).not.toBeNull();
    expect(db.select().from(caseAnswers).where(eq(caseAnswers.answerId, reply.answerId!)).get()).toEqual({ answerId: reply.answerId, caseId: id });
    expect(clock(id, 'first_response')).toMatchObject({ stoppedAt: at('2026-02-16T10:00:00+01:00'), breachedAt: null });
    expect(reply.case.status).toBe('pending_customer');

    // The asker comments the next morning: open again, resolution resumes (9 business hours paused), next response starts.
    commentOnPost(db, asker, reply.answerId!, { body: 'Lo he probado y sigue igual, ¿alguna otra idea?' }, at('2026-02-17T10:00:00+01:00'));
    const afterComment = db.select().from(cases).where(eq(cases.id, id)).get()!;
    expect(afterComment.status).toBe('open');
    expect(clock(id, 'resolution')).toMatchObject({ pausedAt: null, pausedMs: 9 * 3_600_000, dueAt: at('2026-02-19T15:00:00+01:00') });
    expect(clock(id, 'next_response')).toMatchObject({ startedAt: at('2026-02-17T10:00:00+01:00'), dueAt: at('2026-02-17T18:00:00+01:00') });

    const second = replyToCase(db, agent, id, { body: 'Entonces cambia el canal del wifi al 6.', visibility: 'public', status: 'pending_customer' }, at('2026-02-17T11:00:00+01:00'), SITE);
    expect(clock(id, 'next_response')).toMatchObject({ stoppedAt: at('2026-02-17T11:00:00+01:00'), breachedAt: null });
    acceptAnswer(db, asker, second.answerId!, at('2026-02-17T12:00:00+01:00'));
    const solved = db.select().from(cases).where(eq(cases.id, id)).get()!;
    expect(solved).toMatchObject({ status: 'solved', solvedAt: at('2026-02-17T12:00:00+01:00'), agentReplies: 2 });
    expect(clock(id, 'resolution')).toMatchObject({ stoppedAt: at('2026-02-17T12:00:00+01:00'), breachedAt: null });
    expect(threadCaseBadge(db, q.id)).toMatchObject({ status: 'solved', solvedBySupport: true });
    expect(eventTypes(db, id)).toEqual(expect.arrayContaining(['reply_public', 'customer_post', 'answer_accepted', 'status']));

    sendSurvey(db, id, at('2026-02-17T12:01:00+01:00'), SITE);
    sendSurvey(db, id, at('2026-02-17T12:02:00+01:00'), SITE);
    const surveys = db.select().from(mails).all().filter((m) => m.subject.includes(esc.number) && m.text.includes('/survey?token='));
    expect(surveys).toHaveLength(1);
    const token = surveys[0]!.text.match(/token=([\w-]+)/)![1]!;
    expectCode(() => answerSurvey(db, id, { token: 'x'.repeat(32), viewer: null }, { score: 5 }, at('2026-02-17T13:00:00+01:00')), 'NOT_FOUND');
    expectCode(() => answerSurvey(db, id, { token, viewer: null }, { score: 7 }, at('2026-02-17T13:00:00+01:00')), 'INVALID');
    expect(answerSurvey(db, id, { token, viewer: null }, { score: 5, nps: '9', comment: 'Rápido y claro' }, at('2026-02-17T13:00:00+01:00'))).toMatchObject({ score: 5, nps: 9 });
    expectCode(() => answerSurvey(db, id, { token: null, viewer: asker }, { score: 1 }, at('2026-02-17T13:01:00+01:00')), 'CONFLICT');
    expect(db.select().from(csatResponses).all()).toHaveLength(1);
    const view = caseView(db, agent, id, at('2026-02-17T14:00:00+01:00'));
    expect(view.csat).toMatchObject({ score: 5, nps: 9, comment: 'Rápido y claro' });
    expect(view.thread!.answers.filter((a) => a.fromThisCase)).toHaveLength(2);
    expect(customerCaseView(db, { viewer: asker, visitorId: null }, esc.number, at('2026-02-17T14:00:00+01:00'))?.csat).toMatchObject({ score: 5 });

    // A customer message within the reopen window reopens the solved case.
    commentOnPost(db, asker, q.id, { body: 'Vuelve a fallar desde esta mañana, lo siento.' }, at('2026-02-18T10:00:00+01:00'));
    expect(db.select().from(cases).where(eq(cases.id, id)).get()!.status).toBe('open');
    expect(eventTypes(db, id)).toContain('reopened');
  });
});

describe('routing and assignment', () => {
  it('round-robin among agents with the queue skill and the customer language', () => {
    const first = contact(at('2026-02-16T09:00:00+01:00'));
    const second = contact(at('2026-02-16T09:01:00+01:00'), { email: 'b@example.com' });
    const third = contact(at('2026-02-16T09:02:00+01:00'), { email: 'c@example.com' });
    const assignees = [first, second, third].map((r) => db.select().from(cases).where(eq(cases.id, r.id)).get()!.assigneeId);
    expect(assignees).toEqual([agent.id, agent2.id, agent.id]);
    db.insert(agentProfiles).values({ userId: agent2.id, skills: ['general'], languages: ['es', 'en'], updatedAt: 0 }).run();
    const english = contact(at('2026-02-16T09:03:00+01:00'), { locale: 'en', email: 'd@example.com' });
    expect(db.select().from(cases).where(eq(cases.id, english.id)).get()!.assigneeId).toBe(agent2.id);
  });

  it('concurrent "take it": one agent wins, the other gets 409; stale versions and unknown assignees are refused', () => {
    db.update(agentProfiles).set({ available: false }).run();
    db.insert(agentProfiles).values([agent, agent2].map((a) => ({ userId: a.id, skills: ['general'], languages: ['es'], available: false, updatedAt: 0 }))).run();
    const r = contact(at('2026-02-16T09:00:00+01:00'));
    const now = at('2026-02-16T09:05:00+01:00');
    expect(takeCase(db, agent, r.id, now).assigneeId).toBe(agent.id);
    expect(expectCode(() => takeCase(db, agent2, r.id, now), 'CONFLICT').fields._).toBe('case.taken');
    const v = db.select().from(cases).where(eq(cases.id, r.id)).get()!.version;
    updateCase(db, agent, r.id, { priority: 'high', version: v }, now);
    expect(expectCode(() => updateCase(db, agent2, r.id, { assigneeId: agent2.id, version: v }, now), 'CONFLICT').fields._).toBe('case.stale');
    expect(expectCode(() => updateCase(db, agent, r.id, { assigneeId: asker.id }, now), 'INVALID').fields).toEqual({ assigneeId: 'case.unknownAssignee' });
    expect(expectCode(() => updateCase(db, agent, r.id, { assigneeId: 987654 }, now), 'INVALID').fields).toEqual({ assigneeId: 'case.unknownAssignee' });
    expectCode(() => updateCase(db, agent, r.id, { status: 'new' }, now), 'INVALID');
    expectCode(() => updateCase(db, agent, 424242, { status: 'open' }, now), 'NOT_FOUND');
    expectCode(() => updateCase(db, asker, r.id, { status: 'open' }, now), 'FORBIDDEN');
    expectCode(() => replyToCase(db, agent, r.id, { body: 'Hola', visibility: 'public' }, now, SITE), 'INVALID');
  });

  it('a new priority retargets running clocks; tier 2 moves the case to the supervisors queue at high priority', () => {
    const r = contact(at('2026-02-16T09:00:00+01:00'));
    updateCase(db, agent, r.id, { priority: 'urgent' }, at('2026-02-16T09:10:00+01:00'));
    expect(clock(r.id, 'first_response').dueAt).toBe(at('2026-02-16T10:00:00+01:00'));
    const moved = escalateCaseTier(db, agent, r.id, { note: 'Necesita facturación' }, at('2026-02-16T09:20:00+01:00'));
    expect(moved).toMatchObject({ queueId: 2, priority: 'urgent', assigneeId: null });
    expect(eventTypes(db, r.id)).toEqual(expect.arrayContaining(['queue', 'tier2']));
    expect(db.select().from(notifications).where(and(eq(notifications.type, 'case.escalated'), eq(notifications.userId, admin.id))).all()).toHaveLength(1);
    expectCode(() => escalateCaseTier(db, agent, r.id, {}, at('2026-02-16T09:30:00+01:00')), 'CONFLICT');
  });
});

describe('the queue list', () => {
  it('views with counts, filters, bulk changes and notes', () => {
    const ids = [0, 1, 2, 3].map((i) => contact(at('2026-02-16T09:00:00+01:00') + i * 60_000, { email: `c${i}@example.com` }).id);
    const now = at('2026-02-16T15:30:00+01:00');
    updateCase(db, agent, ids[0]!, { assigneeId: null }, now);
    const counts = caseCounts(db, agent, now);
    expect(counts).toMatchObject({ open: 4, unassigned: 1, all: 4, byStatus: { new: 4 }, byPriority: { normal: 4 } });
    expect(counts.mine).toBe(listCases(db, agent, { view: 'mine' }, now).items.length);
    // First response due 17:00–17:03, within two hours of 15:30: breaching soon.
    expect(counts.breaching).toBe(4);
    expect(listCases(db, agent, { view: 'breaching' }, at('2026-02-16T14:00:00+01:00')).items).toHaveLength(0);
    expect(listCases(db, agent, { view: 'unassigned' }, now).items.map((c) => c.id)).toEqual([ids[0]]);
    const bulk = bulkUpdateCases(db, agent, { ids: [ids[1], ids[2], 999], status: 'on_hold', priority: 'low' }, now);
    expect(bulk).toEqual({ updated: 2, skipped: 1 });
    expect(listCases(db, agent, { status: 'on_hold' }, now).items.map((c) => c.id).sort()).toEqual([ids[1], ids[2]].sort());
    expect(expectCode(() => bulkUpdateCases(db, agent, { ids: [ids[1]] }, now), 'INVALID').fields._).toBe('case.bulkNothing');
    expectCode(() => bulkUpdateCases(db, agent, { ids: [], status: 'open' }, now), 'INVALID');
    addCaseNote(db, agent, ids[3]!, { body: 'Cliente VIP, llamar si hace falta.' }, now);
    const view = caseView(db, agent, ids[3]!, now);
    expect(view.timeline.at(-1)).toMatchObject({ type: 'note', actorName: agent.displayName, data: { body: 'Cliente VIP, llamar si hace falta.' } });
    expect(view.customer.cases.map((c) => c.id)).toEqual([]);
    expect(customerCaseView(db, { viewer: null, visitorId: null }, view.case.number, now)).toBeNull();
  });

  it('counts are exact (breaching stops past BREACHING_CAP), and the breaching count and the SLA job read partial indexes, not every case', () => {
    const now = at('2026-02-16T15:30:00+01:00');
    const sqlite = db.$client;
    const COUNT_CAP = 1000;
    const insertCase = sqlite.prepare(
      `insert into cases (channel, status, priority, subject, body, locale, email, name, queue_id, tags, created_at, updated_at, status_changed_at) values ('contact_form', ?, 'normal', 'Bulk', '', 'es', 'bulk@example.com', 'Bulk', 1, '[]', ?, ?, ?)`,
    );
    const insertClock = sqlite.prepare("insert into case_sla_clocks (case_id, kind, started_at, target_ms, due_at, warn_at) values (?, 'first_response', ?, 3600000, ?, ?)");
    sqlite.transaction(() => {
      for (let i = 0; i < COUNT_CAP + 50; i++) {
        const id = Number(insertCase.run(i % 2 ? 'open' : 'solved', now, now, now).lastInsertRowid);
        if (i % 2) insertClock.run(id, now - 3_600_000, now - 60_000, now - 600_000);
      }
    })();
    const newest = listCases(db, agent, { view: 'open', limit: 2 }, now).items;
    expect(newest.map((c) => ({ nextDueAt: c.nextDueAt, breached: c.breached }))).toEqual([
      { nextDueAt: now - 60_000, breached: false },
      { nextDueAt: now - 60_000, breached: false },
    ]);
    const counts = caseCounts(db, agent, now);
    expect(counts).toMatchObject({ all: COUNT_CAP + 50, open: 525, breaching: BREACHING_CAP + 1, byStatus: { open: 525, solved: 525 }, byPriority: { normal: 525, urgent: 0 } });
    expect(counts.queues[0]!.open).toBe(525);
    for (let i = 0; i < COUNT_CAP; i++) insertCase.run('open', now, now, now);
    expect(caseCounts(db, agent, now)).toMatchObject({ all: 2 * COUNT_CAP + 50, open: COUNT_CAP + 525, byStatus: { open: COUNT_CAP + 525 }, byPriority: { normal: COUNT_CAP + 525 } });

    const plan = (query: string) => (sqlite.prepare(`explain query plan ${query}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    const open = "status in ('new','open','pending_customer','on_hold')";
    expect(plan(`select count(*) from (select 1 from cases where priority = 'urgent' and ${open} limit 1001)`)).toContain('cases_open_priority_idx');
    expect(plan('select * from case_sla_clocks where stopped_at is null and paused_at is null and breached_at is null and due_at <= 1 limit 1000')).toContain('case_sla_clocks_due_idx');
    // caseCounts' breaching count, as it is written there.
    const breaching = plan(
      `select count(*) from (select distinct k.case_id from case_sla_clocks k indexed by case_sla_clocks_running_idx cross join cases on cases.id = k.case_id where k.stopped_at is null and k.paused_at is null and k.due_at <= 1 and cases.${open} limit 101)`,
    );
    expect(breaching).toContain('SEARCH k USING INDEX case_sla_clocks_running_idx');
  });

  it('keeps the counters equal to a direct count through creating, updating, bulk changes, deleting and raw SQL', () => {
    const start = at('2026-02-16T09:00:00+01:00');
    const ids = [0, 1, 2, 3, 4].map((i) => contact(start + i * 60_000, { email: `k${i}@example.com` }).id);
    const now = at('2026-02-16T10:30:00+01:00');
    const direct = () => {
      const one = (where: string, ...args: unknown[]) => (db.$client.prepare(`select count(*) as n from cases where ${where}`).get(...args) as { n: number }).n;
      const open = "status in ('new','open','pending_customer','on_hold')";
      return {
        mine: one(`assignee_id = ? and ${open}`, agent.id),
        unassigned: one(`assignee_id is null and ${open}`),
        open: one(open),
        all: one('1'),
        byStatus: Object.fromEntries(['new', 'open', 'pending_customer', 'on_hold', 'solved', 'closed'].map((s) => [s, one('status = ?', s)])),
        byPriority: Object.fromEntries(['low', 'normal', 'high', 'urgent'].map((p) => [p, one(`priority = ? and ${open}`, p)])),
        queues: (db.$client.prepare('select id from case_queues order by id').all() as { id: number }[]).map((q) => ({ id: q.id, open: one(`queue_id = ? and ${open}`, q.id) })),
      };
    };
    const check = () => {
      const counts = caseCounts(db, agent, now);
      const expected = direct();
      expect({ ...counts, breaching: undefined, queues: counts.queues.map((q) => ({ id: q.id, open: q.open })) }).toEqual({ ...expected, breaching: undefined });
      return counts;
    };
    expect(check()).toMatchObject({ all: 5, open: 5 });
    updateCase(db, agent, ids[0]!, { assigneeId: agent.id }, now);
    updateCase(db, agent, ids[1]!, { assigneeId: null, priority: 'urgent' }, now);
    expect(check().byPriority.urgent).toBe(1);
    bulkUpdateCases(db, agent, { ids: [ids[2], ids[3]], status: 'solved' }, now);
    expect(check()).toMatchObject({ open: 3, byStatus: { solved: 2 } });
    db.$client.prepare("update cases set status = 'closed', assignee_id = ? where id = ?").run(agent2.id, ids[2]);
    db.$client.prepare('update cases set subject = ? where id = ?').run('Only the subject', ids[4]);
    check();
    db.$client.prepare('delete from case_sla_clocks where case_id = ?').run(ids[4]);
    db.$client.prepare('delete from case_events where case_id = ?').run(ids[4]);
    db.$client.prepare('delete from case_answers where case_id = ?').run(ids[4]);
    db.$client.prepare('delete from cases where id = ?').run(ids[4]);
    expect(check()).toMatchObject({ all: 4, open: 2 });
  });
});
