import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { membersOfTheMonth, users } from '../../../db/schema/index';
import type { Actor } from '../../../src/lib/auth/sessions';
import { acceptAnswer } from '../../../src/lib/community/accept-answer';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { translator } from '../../../src/lib/i18n/index';
import { parseReportFilters } from '../../../src/lib/reports/filters';
import { reportView } from '../../../src/lib/reports/report-views';
import { loadTenures, programFigures, superuserAt, superuserDuring, type ProgramAnswer, type Tenure } from '../../../src/lib/reports/superuser-kpis';
import { nominateSuperuser, respondToNomination, revokeSuperuser } from '../../../src/lib/reputation/superusers';
import { createCategory, createMember, createTestDb } from '../../helpers/db';

const H = 3600_000;
const MIN = 60_000;
const at = (day: number, hour: number, minutes = 0) => Date.UTC(2026, 2, day, hour, minutes);
const NOW = at(20, 12);

describe('superuser tenures and program figures (pure)', () => {
  const tenures = new Map<number, Tenure[]>([
    [1, [{ userId: 1, from: at(3, 0), to: at(10, 0) }]],
    [2, [{ userId: 2, from: 0, to: null }]],
    [3, [{ userId: 3, from: at(25, 0), to: null }]],
  ]);
  it('a member is a superuser from accepting the nomination until revoked, the revocation instant excluded', () => {
    const cases: [string, number, number, boolean][] = [
      ['before accepting', 1, at(2, 23), false],
      ['the instant of accepting', 1, at(3, 0), true],
      ['the instant of revocation', 1, at(10, 0), false],
      ['given the role by hand: always', 2, 0, true],
      ['never nominated', 9, at(5, 0), false],
    ];
    for (const [name, user, t, expected] of cases) expect([name, superuserAt(tenures, user, t)]).toEqual([name, expected]);
    expect(superuserDuring(tenures, 1, { from: at(9, 0), to: at(11, 0) })).toBe(true);
    expect(superuserDuring(tenures, 1, { from: at(10, 0), to: at(11, 0) })).toBe(false);
    expect(superuserDuring(tenures, 3, { from: at(1, 0), to: at(20, 0) })).toBe(false);
  });
  it('figures: active superusers, response time of each first answer per question, points earned while a superuser', () => {
    const answer = (authorId: number, questionId: number, asked: number, written: number, responder: ProgramAnswer['responder']): ProgramAnswer => ({ authorId, authorName: `m${authorId}`, responder, createdAt: written, acceptedAt: null, questionId, questionCreatedAt: asked });
    const period = { from: at(1, 0), to: at(15, 0) };
    const f = programFigures(
      [
        answer(1, 10, at(4, 9), at(4, 11), 'superuser'), // 2 h
        answer(1, 10, at(4, 9), at(4, 15), 'superuser'), // a second answer on the same question: not a response time
        answer(1, 11, at(5, 9), at(5, 9, 30), 'superuser'), // 30 min
        answer(4, 11, at(5, 9), at(5, 9, 5), 'member'),
        answer(2, 12, at(1, 0), at(16, 0), 'superuser'), // written after the period
      ],
      [
        { userId: 1, amount: 15, at: at(6, 0) }, // while a superuser
        { userId: 1, amount: 15, at: at(12, 0) }, // after revocation
        { userId: 2, amount: -2, at: at(7, 0) },
      ],
      40,
      tenures,
      period,
    );
    expect(f).toEqual({ superusers: 2, activeSuperusers: 1, responseMedian: 30 * MIN, responseP90: 2 * H, superuserPoints: 13, superuserPointsShare: 13 / 40 });
    expect(programFigures([], [], 0, new Map(), period)).toEqual({ superusers: 0, activeSuperusers: 0, responseMedian: null, responseP90: null, superuserPoints: 0, superuserPointsShare: null });
  });
});

describe('the superusers report from nominations, answers and the points ledger', () => {
  let db: SqliteDb;
  let su1: Actor;
  let su2: Actor;
  let helper: Actor;
  beforeAll(async () => {
    db = createTestDb();
    createCategory(db, 'billing');
    const moderator = await createMember(db, 'moderator', { createdAt: 0 });
    su1 = await createMember(db, 'member', { createdAt: 0 });
    db.update(users).set({ displayName: 'Sofía' }).where(eq(users.id, su1.id)).run();
    su2 = await createMember(db, 'member', { createdAt: 0 });
    helper = await createMember(db, 'member', { createdAt: 0 });
    const asker = await createMember(db, 'member', { createdAt: 0 });
    db.update(users).set({ role: 'superuser' }).where(eq(users.id, su2.id)).run();
    const ask = (day: number, hour: number) => askQuestion(db, asker, { title: `A question asked on day ${day} at ${hour}`, body: 'Its body is long enough to be asked.', category: 'billing', locale: 'es' }, at(day, hour)).id;
    let n = 0;
    const reply = (who: Actor, q: number, t: number) => answerQuestion(db, who, q, { body: `Answer number ${++n}, which explains what to do.` }, t).id;
    const q0 = ask(2, 8);
    const early = reply(su1, q0, at(2, 9)); // before su1 became a superuser
    const { nominationId } = nominateSuperuser(db, moderator, { userId: su1.id }, at(2, 12));
    respondToNomination(db, su1, nominationId, true, at(3, 0));
    const q1 = ask(4, 9);
    reply(helper, q1, at(4, 10));
    const a1 = reply(su1, q1, at(4, 11));
    const q2 = ask(5, 9);
    reply(su1, q2, at(5, 9, 30));
    acceptAnswer(db, asker, a1, at(6, 0));
    acceptAnswer(db, asker, early, at(6, 1));
    revokeSuperuser(db, moderator, su1.id, { reason: 'inactive for months' }, at(10, 0));
    reply(su1, ask(11, 8), at(11, 9)); // after revocation: a member's answer
    db.insert(membersOfTheMonth).values({ month: '2026-02', locale: 'es', userId: su1.id, score: 40, figures: {}, computedAt: at(1, 0) }).run();
    db.insert(membersOfTheMonth).values({ month: '2026-03', locale: 'es', userId: helper.id, score: 12, figures: {}, computedAt: at(1, 0) }).run();
  });

  it('counts answers by who was a superuser when writing them, with response times and points', () => {
    expect([...loadTenures(db).keys()].sort()).toEqual([su1.id, su2.id].sort());
    const filters = parseReportFilters({ from: '2026-03-01', to: '2026-03-14' }, NOW);
    const view = reportView(db, 'superusers', filters, NOW, 'en', translator('en'));
    const k = Object.fromEntries(view.kpis.map((x) => [x.key, x.value]));
    // 5 answers: su1 before (member), helper, su1 ×2 as superuser, su1 after revocation (member)
    expect(k).toMatchObject({ superuserAnswers: 2, superuserAnswerShare: 2 / 5, superuserAccepted: 1, superuserAcceptedShare: 1 / 2, superusers: 2, activeSuperusers: 1, superuserResponseTime: 30 * MIN, superuserResponseTimeP90: 2 * H });
    // from scratch: su1's ledger rows within the tenure, su2's all, over every row but rewards
    const rows = db.all<{ userId: number; amount: number; at: number }>(sql`select user_id as userId, amount, created_at as at from points_ledger where source <> 'reward'`);
    const inTenure = rows.filter((r) => (r.userId === su1.id && r.at >= at(3, 0) && r.at < at(10, 0)) || r.userId === su2.id);
    const sum = (list: typeof rows) => list.reduce((a, r) => a + r.amount, 0);
    expect(sum(inTenure)).toBeGreaterThan(0);
    expect(sum(inTenure)).toBeLessThan(sum(rows));
    expect(k.superuserPointsShare).toBe(sum(inTenure) / sum(rows));
    expect(view.pending).toEqual([]);
    const top = view.tables.find((t) => t.id === 'top-members')!;
    expect(top.rows[0]).toMatchObject({ member: 'Sofía', answers: 4, accepted: 2, points: sum(rows.filter((r) => r.userId === su1.id)) });
    const months = view.tables.find((t) => t.id === 'members-of-the-month')!;
    expect(months.rows).toEqual([{ month: '2026-03', language: 'Spanish', member: expect.any(String), monthScore: 12 }]);
  });

  it('the previous period had no superuser answers; a later period sees su1 as a member', () => {
    const later = parseReportFilters({ from: '2026-03-11', to: '2026-03-14' }, NOW);
    const k = Object.fromEntries(reportView(db, 'superusers', later, NOW, 'es', translator('es')).kpis.map((x) => [x.key, x.value]));
    expect(k).toMatchObject({ superuserAnswers: 0, superuserAnswerShare: 0, superusers: 1, activeSuperusers: 0, superuserResponseTime: null });
  });
});
