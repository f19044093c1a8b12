import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { pointsLedger, reputationSettings, tags } from '../../../db/schema/index';
import { acceptAnswer, unacceptAnswer } from '../../../src/lib/community/accept-answer';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { deletePost, undeletePost } from '../../../src/lib/community/delete-post';
import { votePost } from '../../../src/lib/community/vote-post';
import { moderateContent } from '../../../src/lib/moderation/moderate';
import { memberPoints, writeEntry } from '../../../src/lib/reputation/ledger';
import { recalcScores } from '../../../src/lib/reputation/recalc';
import { recordSighting } from '../../../src/lib/reputation/sightings';
import type { Actor } from '../../../src/lib/auth/sessions';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { DAY } from '../../helpers/time';

let db: SqliteDb;
let asker: Actor;
let helper: Actor;
let voters: Actor[];
let moderator: Actor;
const NOW = Date.UTC(2026, 10, 2, 12);
const Q = { title: 'Router pierde la conexión cada noche', body: 'Desde hace una semana se desconecta a las 3 de la mañana.', category: 'internet', tags: 'router', locale: 'es' };
const A = { body: 'Desactiva el reinicio programado en Ajustes > Sistema.' };

const rep = (a: Actor) => memberPoints(db, a.id).reputation;
const reasons = (a: Actor) =>
  db
    .select({ amount: pointsLedger.amount, reason: pointsLedger.reason })
    .from(pointsLedger)
    .where(eq(pointsLedger.userId, a.id))
    .orderBy(pointsLedger.id)
    .all()
    .map((r) => `${r.reason} ${r.amount}`);

function thread() {
  const q = askQuestion(db, asker, Q, NOW);
  const a = answerQuestion(db, helper, q.id, A, NOW + 1000);
  return { q, a };
}

/** Live counters must always equal a rebuild from the ledger. */
function expectConsistent() {
  expect(recalcScores(db).differences).toBe(0);
}

beforeEach(async () => {
  db = createTestDb();
  createCategory(db, 'internet');
  db.insert(tags).values([{ name: 'router' }]).run();
  asker = await createMember(db);
  helper = await createMember(db);
  moderator = await createMember(db, 'moderator');
  voters = [];
  for (let i = 0; i < 5; i++) voters.push(await createMember(db));
  // Downvoting takes reputation: give the voters enough.
  for (const v of voters) writeEntry(db, { userId: v.id, amount: 1000, reason: 'moderator.adjustment', source: 'adjustment', actorId: moderator.id }, NOW - DAY);
});

describe('votes', () => {
  it('pays the author per vote and reverses on retraction and change, in the same transaction', () => {
    const { q, a } = thread();
    votePost(db, voters[0]!, a.id, { value: 1 }, NOW);
    votePost(db, voters[1]!, q.id, { value: 1 }, NOW);
    expect(rep(helper)).toBe(10);
    expect(rep(asker)).toBe(5);
    votePost(db, voters[0]!, a.id, { value: -1 }, NOW + 1);
    expect(rep(helper)).toBe(-2);
    votePost(db, voters[0]!, a.id, { value: 0 }, NOW + 2);
    expect(rep(helper)).toBe(0);
    expect(reasons(helper)).toEqual(['answer.upvoted 10', 'vote.retracted -10', 'answer.downvoted -2', 'vote.retracted 2']);
    expectConsistent();
  });

  it('applies configured weights', () => {
    db.insert(reputationSettings).values({ id: 1, data: { weights: { answerUpvoted: 7 } }, updatedAt: NOW }).run();
    const { a } = thread();
    votePost(db, voters[0]!, a.id, { value: 1 }, NOW);
    expect(rep(helper)).toBe(7);
  });

  it('scenario "daily cap": vote points stop at the daily cap and start again the next day', () => {
    db.insert(reputationSettings).values({ id: 1, data: { dailyVoteCap: 25, pairWeeklyCap: 1000 }, updatedAt: NOW }).run();
    const { a } = thread();
    for (const v of voters.slice(0, 3)) votePost(db, v, a.id, { value: 1 }, NOW);
    expect(rep(helper)).toBe(25);
    expect(reasons(helper)).toEqual(['answer.upvoted 10', 'answer.upvoted 10', 'answer.upvoted 5']);
    const b = answerQuestion(db, helper, askQuestion(db, asker, { ...Q, title: 'Otra pregunta sobre el router nocturno' }, NOW).id, { body: 'Otra respuesta distinta y útil.' }, NOW);
    votePost(db, voters[3]!, b.id, { value: 1 }, NOW + DAY);
    expect(rep(helper)).toBe(35);
    expectConsistent();
  });

  it('scenario "vote ring": one voter gives one member at most the pair cap a week', () => {
    const answersByHelper = [0, 1, 2, 3].map((i) => answerQuestion(db, helper, askQuestion(db, asker, { ...Q, title: `Pregunta número ${i} sobre el router` }, NOW).id, { body: `Respuesta ${i} con detalle.` }, NOW));
    for (const a of answersByHelper) votePost(db, voters[0]!, a.id, { value: 1 }, NOW + 1);
    expect(rep(helper)).toBe(30);
    const notes = db.select({ note: pointsLedger.note }).from(pointsLedger).where(eq(pointsLedger.userId, helper.id)).all().map((r) => r.note);
    expect(notes).toEqual(['', '', '', 'capped:pair']);
  });

  it('scenario "sock puppet": a voter seen with the author\'s visitor id within a day earns them nothing', () => {
    const { a } = thread();
    recordSighting(db, helper.id, { visitorId: 'v-123', ip: '203.0.113.9' }, NOW - 3600_000);
    recordSighting(db, voters[0]!.id, { visitorId: 'v-123', ip: '198.51.100.1' }, NOW);
    recordSighting(db, voters[1]!.id, { visitorId: 'v-999', ip: '198.51.100.2' }, NOW);
    votePost(db, voters[0]!, a.id, { value: 1 }, NOW);
    votePost(db, voters[1]!, a.id, { value: 1 }, NOW);
    expect(rep(helper)).toBe(10);
  });
});

describe('acceptance', () => {
  it('pays the answerer and the asker, moves with the acceptance and goes with un-accepting', async () => {
    const { q, a } = thread();
    const other = await createMember(db);
    const b = answerQuestion(db, other, q.id, { body: 'Cambia el canal del wifi a uno libre.' }, NOW + 2000);
    acceptAnswer(db, asker, a.id, NOW + 3000);
    acceptAnswer(db, asker, a.id, NOW + 3001);
    expect([rep(helper), rep(asker), rep(other)]).toEqual([15, 2, 0]);
    acceptAnswer(db, asker, b.id, NOW + 4000);
    expect([rep(helper), rep(asker), rep(other)]).toEqual([0, 2, 15]);
    unacceptAnswer(db, asker, b.id, NOW + 5000);
    expect([rep(helper), rep(asker), rep(other)]).toEqual([0, 0, 0]);
    expect(reasons(helper)).toEqual(['answer.accepted 15', 'accept.moved -15']);
    expectConsistent();
  });

  it('pays nothing for accepting your own answer', () => {
    const q = askQuestion(db, asker, Q, NOW);
    const own = answerQuestion(db, asker, q.id, A, NOW + 1);
    acceptAnswer(db, asker, own.id, NOW + 2);
    expect(rep(asker)).toBe(0);
  });
});

describe('deletion and hiding', () => {
  it('deleting an answer withdraws its votes and acceptance; undeleting gives the votes back', () => {
    const { a } = thread();
    votePost(db, voters[0]!, a.id, { value: 1 }, NOW);
    acceptAnswer(db, asker, a.id, NOW + 1);
    expect([rep(helper), rep(asker)]).toEqual([25, 2]);
    deletePost(db, helper, a.id, NOW + 2);
    expect([rep(helper), rep(asker)]).toEqual([0, 0]);
    undeletePost(db, helper, a.id, NOW + 3);
    // The acceptance went with the deletion, so only the vote comes back.
    expect([rep(helper), rep(asker)]).toEqual([10, 0]);
    votePost(db, voters[0]!, a.id, { value: 0 }, NOW + 4);
    expect(rep(helper)).toBe(0);
    expectConsistent();
  });

  it('deleting a question withdraws the whole thread\'s points', () => {
    const { q, a } = thread();
    votePost(db, voters[0]!, a.id, { value: 1 }, NOW);
    votePost(db, voters[0]!, q.id, { value: 1 }, NOW);
    deletePost(db, moderator, q.id, NOW + 1, 'spam');
    expect([rep(helper), rep(asker)]).toEqual([0, 0]);
    expectConsistent();
  });

  it('hiding withdraws and restoring reinstates, acceptance included', () => {
    const { a } = thread();
    votePost(db, voters[0]!, a.id, { value: 1 }, NOW);
    acceptAnswer(db, asker, a.id, NOW + 1);
    moderateContent(db, moderator, { type: 'answer', id: a.id }, 'hide', { reason: 'off topic' }, NOW + 2);
    expect(rep(helper)).toBe(0);
    moderateContent(db, moderator, { type: 'answer', id: a.id }, 'restore', {}, NOW + 3);
    expect(rep(helper)).toBe(25);
    expect(reasons(helper)).toEqual(['answer.upvoted 10', 'answer.accepted 15', 'post.hidden -10', 'post.hidden -15', 'post.restored 10', 'post.restored 15']);
    expectConsistent();
  });
});

describe('recalc', () => {
  it('finds and repairs a counter that drifted from the ledger', () => {
    const { a } = thread();
    votePost(db, voters[0]!, a.id, { value: 1 }, NOW);
    db.run(sql`update reputation_scores set points = 999 where scope = 'all' and user_id = ${helper.id}`);
    const report = recalcScores(db);
    expect(report.differences).toBe(1);
    expect(report.examples).toEqual([{ scope: 'all', userId: helper.id, live: 999, ledger: 10 }]);
    expect(rep(helper)).toBe(10);
    expect(recalcScores(db).differences).toBe(0);
  });
});

describe('sightings', () => {
  it('ignore loopback and unknown addresses (a local proxy is not a shared household)', async () => {
    const { a } = thread();
    recordSighting(db, helper.id, { ip: '127.0.0.1' }, NOW);
    recordSighting(db, voters[0]!.id, { ip: '127.0.0.1' }, NOW);
    recordSighting(db, voters[1]!.id, { ip: 'unknown' }, NOW);
    votePost(db, voters[0]!, a.id, { value: 1 }, NOW);
    expect(rep(helper)).toBe(10);
  });
});
