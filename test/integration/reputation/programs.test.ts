import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { moderationActions, reputationSettings, tags, users } from '../../../db/schema/index';
import { acceptAnswer } from '../../../src/lib/community/accept-answer';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { votePost } from '../../../src/lib/community/vote-post';
import { runAntiGaming, runMemberOfTheMonth, membersOfTheMonthHistory } from '../../../src/lib/reputation/jobs';
import { leaderboard, rankOf } from '../../../src/lib/reputation/leaderboards';
import { memberPoints } from '../../../src/lib/reputation/ledger';
import { applyRankingScores, recalcScores } from '../../../src/lib/reputation/recalc';
import { nominateSuperuser, respondToNomination, revokeSuperuser, runSuperuserProbation, superuserCandidates, superuserQueue } from '../../../src/lib/reputation/superusers';
import type { Actor } from '../../../src/lib/auth/sessions';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { DAY } from '../../helpers/time';
import { expectCode } from '../../helpers/errors';

let db: SqliteDb;
const NOW = Date.UTC(2026, 10, 20, 12);
let n = 0;
const Q = (locale = 'es') => ({ title: `Pregunta número ${++n} sobre el router`, body: 'Desde hace una semana se desconecta a las 3 de la mañana.', category: 'internet', tags: 'router', locale });

beforeEach(() => {
  db = createTestDb();
  createCategory(db, 'internet');
  createCategory(db, 'billing');
  db.insert(tags).values([{ name: 'router' }]).run();
});

async function members(count: number, role: 'member' | 'agent' = 'member') {
  const list: Actor[] = [];
  for (let i = 0; i < count; i++) list.push(await createMember(db, role));
  return list;
}

describe('leaderboards', () => {
  it('rank by period, locale, category and tag, leave staff out by default, and page by keyset', async () => {
    const [a, b, c] = await members(3);
    const [agent] = await members(1, 'agent');
    const asker = (await members(1))[0]!;
    const answerAndAccept = (who: Actor, at: number, locale = 'es') => {
      const q = askQuestion(db, asker, Q(locale), at);
      acceptAnswer(db, asker, answerQuestion(db, who, q.id, { body: `Una respuesta que sirve ${++n}.` }, at + 1).id, at + 2);
    };
    answerAndAccept(a!, NOW - 40 * DAY);
    answerAndAccept(a!, NOW - 40 * DAY + 10);
    answerAndAccept(b!, NOW - DAY, 'en');
    answerAndAccept(c!, NOW);
    answerAndAccept(agent!, NOW);
    answerAndAccept(agent!, NOW + 11 * 60_000);
    answerAndAccept(agent!, NOW + 22 * 60_000);
    // The ranking scopes follow the ledger after commit (the drain does this in the app).
    applyRankingScores(db);
    const ids = (input: Record<string, unknown>) => leaderboard(db, input, NOW + DAY / 2).items.map((i) => [i.userId, i.points, i.rank]);
    // The asker earns 2 per acceptance (7 of them).
    expect(ids({})).toEqual([[a!.id, 30, 1], [b!.id, 15, 2], [c!.id, 15, 3], [asker.id, 14, 4]]);
    expect(ids({ staff: '1' })[0]).toEqual([agent!.id, 45, 1]);
    expect(ids({ period: 'month' })).toEqual([[b!.id, 15, 1], [c!.id, 15, 2], [asker.id, 10, 3]]);
    expect(ids({ period: 'week', locale: 'en' })).toEqual([[b!.id, 15, 1], [asker.id, 2, 2]]);
    expect(ids({ category: 'internet' })).toHaveLength(4);
    expect(ids({ category: 'billing' })).toEqual([]);
    expect(ids({ tag: 'router' })).toHaveLength(4);
    const page1 = leaderboard(db, { limit: 2 }, NOW + DAY / 2);
    expect(page1.nextCursor).toBe(`15:${b!.id}`);
    const page2 = leaderboard(db, { limit: 2, cursor: page1.nextCursor }, NOW + DAY / 2);
    expect(page2.items.map((i) => [i.userId, i.rank])).toEqual([[c!.id, 3], [asker.id, 4]]);
    expect(page2.nextCursor).toBeNull();
    // A page after a cursor counts who is ahead of its first row, staff included when shown.
    const staffPage2 = leaderboard(db, { staff: '1', limit: 2, cursor: `45:${agent!.id}` }, NOW + DAY / 2);
    expect(staffPage2.items.map((i) => [i.userId, i.rank])).toEqual([[a!.id, 2], [b!.id, 3]]);
    expect(leaderboard(db, { limit: 1, cursor: `15:${b!.id}` }, NOW + DAY / 2).items.map((i) => [i.userId, i.rank])).toEqual([[c!.id, 3]]);
    // Ties go to the lower id; the agent ahead of everyone counts for no one's rank.
    expect([a!, b!, c!, asker].map((m) => rankOf(db, m.id))).toEqual([1, 2, 3, 4]);
    expect(rankOf(db, agent!.id)).toBe(1);
    expect(expectCode(() => leaderboard(db, { category: 'nope' }, NOW), 'INVALID').fields).toEqual({ category: 'field.unknownCategory' });
    expect(expectCode(() => leaderboard(db, { period: 'year', cursor: "1' or 1=1" }, NOW), 'INVALID').fields).toEqual({ period: 'field.invalid', cursor: 'field.invalid' });
  });
});

describe('superuser program', () => {
  it('ranks candidates with their figures; moderators nominate; the member accepts; probation; revocation', async () => {
    const [star, weak] = await members(2);
    const moderator = await createMember(db, 'moderator');
    const askers = await members(6);
    for (let i = 0; i < 6; i++) {
      const q = askQuestion(db, askers[i]!, Q(), NOW - 10 * DAY + i * DAY);
      const a = answerQuestion(db, star!, q.id, { body: 'Respuesta rápida y útil.' }, NOW - 10 * DAY + i * DAY + 2 * 3600_000);
      acceptAnswer(db, askers[i]!, a.id, NOW - 9 * DAY + i * DAY);
      if (i < 2) acceptAnswer(db, askers[i]!, answerQuestion(db, weak!, askQuestion(db, askers[i]!, Q(), NOW - 5 * DAY).id, { body: 'Otra respuesta útil.' }, NOW - 5 * DAY + 1).id, NOW - 4 * DAY);
    }
    const candidates = superuserCandidates(db, NOW);
    expect(candidates.map((c) => c.userId)).toEqual([star!.id]);
    // 3×6 accepted + 40×1 helpful share + 2×6 active days + (24 − 2 h median) − 0 flags
    expect(candidates[0]).toMatchObject({ accepted: 6, answers: 6, helpful: 6, medianFirstAnswerHours: 2, flagsAgainst: 0, activeDays: 6, score: 92 });
    expectCode(() => nominateSuperuser(db, star!, { userId: star!.id }, NOW), 'FORBIDDEN');
    const { nominationId } = nominateSuperuser(db, moderator, { userId: star!.id }, NOW);
    expect(expectCode(() => nominateSuperuser(db, moderator, { userId: star!.id }, NOW), 'CONFLICT').fields).toEqual({ userId: 'superuser.alreadyNominated' });
    expectCode(() => respondToNomination(db, weak!, nominationId, true, NOW), 'NOT_FOUND');
    expect(respondToNomination(db, star!, nominationId, true, NOW + 1)).toEqual({ status: 'probation' });
    expect(db.select().from(users).where(eq(users.id, star!.id)).get()!.role).toBe('superuser');
    expect(runSuperuserProbation(db, NOW + 29 * DAY).activated).toBe(0);
    expect(runSuperuserProbation(db, NOW + 31 * DAY).activated).toBe(1);
    // The private area: unsolved questions of their categories, soonest escalation first.
    const asSuperuser = { ...star!, role: 'superuser' as const };
    const old = askQuestion(db, askers[0]!, Q(), NOW - 2 * DAY);
    const fresh = askQuestion(db, askers[1]!, Q(), NOW - 3600_000);
    answerQuestion(db, weak!, old.id, { body: 'Una respuesta sin aceptar.' }, NOW - DAY);
    const queue = superuserQueue(db, asSuperuser, NOW);
    expect(queue.items.map((i) => i.id).slice(0, 2)).toEqual([fresh.id, old.id]);
    expectCode(() => superuserQueue(db, weak!, NOW), 'FORBIDDEN');
    expect(expectCode(() => revokeSuperuser(db, moderator, star!.id, { reason: '' }, NOW), 'INVALID').fields).toEqual({ reason: 'field.required' });
    revokeSuperuser(db, moderator, star!.id, { reason: 'inactive for months' }, NOW + 40 * DAY);
    expect(db.select().from(users).where(eq(users.id, star!.id)).get()!.role).toBe('member');
    expect(db.select().from(moderationActions).all().map((m) => m.action)).toEqual(['superuser.nominate', 'superuser.revoke']);
  });

  it('refuses to nominate a suspended member or staff', async () => {
    const [m] = await members(1);
    const moderator = await createMember(db, 'moderator');
    const agent = await createMember(db, 'agent');
    db.update(users).set({ suspendedUntil: NOW + DAY }).where(eq(users.id, m!.id)).run();
    expect(expectCode(() => nominateSuperuser(db, moderator, { userId: m!.id }, NOW), 'CONFLICT').fields).toEqual({ userId: 'superuser.suspended' });
    expect(expectCode(() => nominateSuperuser(db, moderator, { userId: agent.id }, NOW), 'CONFLICT').fields).toEqual({ userId: 'superuser.notMember' });
    expect(expectCode(() => nominateSuperuser(db, moderator, { userId: 'x' }, NOW), 'INVALID').fields).toEqual({ userId: 'field.invalid' });
    expectCode(() => nominateSuperuser(db, { ...moderator, suspendedUntil: NOW + DAY }, { userId: m!.id }, NOW), 'FORBIDDEN');
  });
});

describe('member of the month', () => {
  it('is named on the first day of the month for the previous month, per locale, once, and kept as history', async () => {
    const [es1, es2, en1] = await members(3);
    const askers = await members(3);
    const oct = Date.UTC(2026, 9, 10);
    for (const [who, count, locale] of [[es1, 2, 'es'], [es2, 1, 'es'], [en1, 1, 'en']] as const) {
      for (let i = 0; i < count; i++) {
        const q = askQuestion(db, askers[i]!, Q(locale), oct);
        acceptAnswer(db, askers[i]!, answerQuestion(db, who!, q.id, { body: `Respuesta útil del mes ${++n}.` }, oct + 1000).id, oct + 2000);
      }
    }
    expect(runMemberOfTheMonth(db, Date.UTC(2026, 10, 1, 0, 1))).toEqual({ named: 2 });
    expect(runMemberOfTheMonth(db, Date.UTC(2026, 10, 1, 0, 2))).toEqual({ named: 0 });
    const history = membersOfTheMonthHistory(db);
    expect(history.map((h) => [h.month, h.locale, h.userId, h.score])).toEqual([
      ['2026-10', 'en', en1!.id, 10],
      ['2026-10', 'es', es1!.id, 20],
    ]);
    expect(history[1]!.figures).toEqual({ accepted: 2, helpfulVotes: 0, rescued: 0 });
  });
});

describe('anti-gaming job', () => {
  it('scenario "serial voter": 10 votes on one member in a day are reversed and audit-logged; 9 stay', async () => {
    const [voter, victim, other, asker] = await members(4);
    let at = NOW - DAY;
    const posts = (who: Actor, count: number) =>
      Array.from({ length: count }, () => {
        at += 11 * 60_000;
        return answerQuestion(db, who, askQuestion(db, asker!, Q(), at).id, { body: `Respuesta ${++n} distinta.` }, at + 1).id;
      });
    // Without a higher pair cap the votes would stop paying at 30; the job is the second line of defence.
    db.insert(reputationSettings).values({ id: 1, data: { pairWeeklyCap: 1000 }, updatedAt: NOW }).run();
    for (const id of posts(victim!, 10)) votePost(db, voter!, id, { value: 1 }, NOW);
    for (const id of posts(other!, 9)) votePost(db, voter!, id, { value: 1 }, NOW);
    expect([memberPoints(db, victim!.id).reputation, memberPoints(db, other!.id).reputation]).toEqual([100, 90]);
    expect(runAntiGaming(db, NOW + 3600_000)).toEqual({ pairs: 1, reversedRows: 10 });
    expect(runAntiGaming(db, NOW + 7200_000)).toEqual({ pairs: 1, reversedRows: 0 });
    expect([memberPoints(db, victim!.id).reputation, memberPoints(db, other!.id).reputation]).toEqual([0, 90]);
    const log = db.select().from(moderationActions).all();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actorId: null, action: 'reputation.serialVoting', targetType: 'user', targetId: victim!.id, data: { voterId: voter!.id, votes: 10, points: 100 } });
    expect(recalcScores(db).differences).toBe(0);
  });
});
