import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { tags } from '../../../db/schema/index';
import { acceptAnswer, unacceptAnswer } from '../../../src/lib/community/accept-answer';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { deletePost, undeletePost } from '../../../src/lib/community/delete-post';
import { recountMemberPosts } from '../../../src/lib/community/member-post-counts';
import { getMemberProfile } from '../../../src/lib/community/member-profile';
import { DomainError } from '../../../src/lib/errors';
import { closeAsDuplicate, moderateContent } from '../../../src/lib/moderation/moderate';
import type { Actor } from '../../../src/lib/auth/sessions';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { HOUR } from '../../helpers/time';
import { seededRandom } from '../../../src/lib/demo/seeded-random';

let db: SqliteDb;
const NOW = Date.UTC(2026, 10, 20, 12);
let n = 0;
const ask = (who: Actor, at: number) =>
  askQuestion(db, who, { title: `Pregunta número ${++n} sobre el router`, body: 'Desde hace una semana se desconecta a las 3 de la mañana.', category: 'internet', tags: 'router', locale: 'es' }, at);
const answer = (who: Actor, questionId: number, at: number) => answerQuestion(db, who, questionId, { body: `Reinicia el router y espera ${++n} minutos.` }, at);

type Counts = { questions: number; answers: number; accepted: number };
const live = (userId: number): Counts =>
  (db.$client.prepare('select questions, answers, accepted from member_post_counts where user_id = ?').get(userId) as Counts | undefined) ?? { questions: 0, answers: 0, accepted: 0 };
/** The accepted flags that differ from accepted_answers. */
const wrongFlags = () => (db.$client.prepare('select count(*) as n from answers a where a.accepted <> exists (select 1 from accepted_answers aa where aa.answer_id = a.id)').get() as { n: number }).n;

beforeEach(() => {
  db = createTestDb();
  createCategory(db, 'internet');
  db.insert(tags).values([{ name: 'router' }]).run();
});

describe('member post counts', () => {
  it('follow each change of visibility and acceptance, with the numbers the profile shows', async () => {
    const member = await createMember(db);
    const asker = await createMember(db);
    const moderator = await createMember(db, 'moderator');
    const q1 = ask(asker, NOW);
    const q2 = ask(asker, NOW + HOUR);
    const mine = ask(member, NOW + 2 * HOUR);
    expect(live(asker.id)).toEqual({ questions: 2, answers: 0, accepted: 0 });
    const a1 = answer(member, q1.id, NOW + 3 * HOUR);
    const a2 = answer(member, q2.id, NOW + 3 * HOUR);
    expect(live(member.id)).toEqual({ questions: 1, answers: 2, accepted: 0 });

    acceptAnswer(db, asker, a1.id, NOW + 4 * HOUR);
    expect(live(member.id)).toEqual({ questions: 1, answers: 2, accepted: 1 });
    // Hiding the thread takes its answers (and their acceptance) out; restoring it brings them back.
    moderateContent(db, moderator, { type: 'question', id: q1.id }, 'hide', { reason: 'spam' }, NOW + 5 * HOUR);
    expect(live(member.id)).toEqual({ questions: 1, answers: 1, accepted: 0 });
    expect(live(asker.id)).toEqual({ questions: 1, answers: 0, accepted: 0 });
    moderateContent(db, moderator, { type: 'question', id: q1.id }, 'restore', { reason: 'ok' }, NOW + 6 * HOUR);
    expect(live(member.id)).toEqual({ questions: 1, answers: 2, accepted: 1 });
    // Unaccepting, accepting another answer of the same thread (the acceptance moves), deleting and undeleting.
    const other = await createMember(db);
    const a3 = answer(other, q1.id, NOW + 7 * HOUR);
    acceptAnswer(db, asker, a3.id, NOW + 8 * HOUR);
    expect([live(member.id).accepted, live(other.id).accepted]).toEqual([0, 1]);
    unacceptAnswer(db, asker, a3.id, NOW + 9 * HOUR);
    expect(live(other.id)).toEqual({ questions: 0, answers: 1, accepted: 0 });
    acceptAnswer(db, asker, a2.id, NOW + 10 * HOUR);
    deletePost(db, member, a2.id, NOW + 11 * HOUR);
    expect(live(member.id)).toEqual({ questions: 1, answers: 1, accepted: 0 });
    deletePost(db, member, mine.id, NOW + 12 * HOUR);
    expect(live(member.id)).toEqual({ questions: 0, answers: 1, accepted: 0 });
    undeletePost(db, moderator, mine.id, NOW + 13 * HOUR);
    expect(live(member.id)).toEqual({ questions: 1, answers: 1, accepted: 0 });

    const profile = getMemberProfile(db, member.id)!;
    expect(profile.counts).toEqual(live(member.id));
    expect(profile.answers.map((a) => a.id)).toEqual([a1.id]);
    expect(wrongFlags()).toBe(0);
    expect(recountMemberPosts(db)).toMatchObject({ differences: 0, acceptedFlags: 0 });
  });

  it('equal a recount after a random sequence of answers, edits of visibility, acceptances, merges and raw writes', async () => {
    const next = seededRandom(13);
    const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)]!;
    const members = [await createMember(db), await createMember(db), await createMember(db), await createMember(db)];
    const moderator = await createMember(db, 'moderator');
    const questionIds: number[] = [];
    const answerIds: number[] = [];
    let at = NOW;
    const kinds = new Map<string, number>();
    for (let step = 0; step < 400; step++) {
      at += 60_000;
      const roll = next();
      const kind =
        questionIds.length < 3 || roll < 0.12
          ? 'ask'
          : roll < 0.35
            ? 'answer'
            : roll < 0.48
              ? 'accept'
              : roll < 0.53
                ? 'unaccept'
                : roll < 0.6
                  ? 'hide'
                  : roll < 0.67
                    ? 'restore'
                    : roll < 0.72
                      ? 'delete'
                      : roll < 0.77
                        ? 'undelete'
                        : roll < 0.8
                          ? 'merge'
                          : roll < 0.85
                            ? 'pending'
                            : roll < 0.9
                              ? 'author'
                              : roll < 0.94
                                ? 'move-answer'
                                : 'hard-delete-answer';
      try {
        if (kind === 'ask') {
          const who = pick(members);
          const q = ask(who, at);
          questionIds.push(q.id);
        } else if (kind === 'answer') {
          answerIds.push(answer(pick(members), pick(questionIds), at).id);
        } else if (kind === 'accept' || kind === 'unaccept') {
          const a = pick(answerIds);
          // The thread's asker (its author now: raw writes hand questions to others).
          const authorId = (db.$client.prepare('select q.author_id as id from answers a join questions q on q.id = a.question_id where a.id = ?').get(a) as { id: number } | undefined)?.id;
          const asker = members.find((m) => m.id === authorId);
          if (!asker) continue;
          if (kind === 'accept') acceptAnswer(db, asker, a, at);
          else unacceptAnswer(db, asker, a, at);
        } else if (kind === 'hide' || kind === 'restore') {
          const question = next() < 0.5;
          moderateContent(db, moderator, question ? { type: 'question', id: pick(questionIds) } : { type: 'answer', id: pick(answerIds) }, kind, { reason: 'r' }, at);
        } else if (kind === 'delete' || kind === 'undelete') {
          const id = next() < 0.4 ? pick(questionIds) : pick(answerIds);
          if (kind === 'delete') deletePost(db, moderator, id, at);
          else undeletePost(db, moderator, id, at);
        } else if (kind === 'merge') {
          const [from, into] = [pick(questionIds), pick(questionIds)];
          closeAsDuplicate(db, moderator, from, into, at, { merge: true });
        } else if (kind === 'pending') {
          // Pre-moderation and approval, as raw writes of the status.
          const table = next() < 0.5 ? 'questions' : 'answers';
          const id = table === 'questions' ? pick(questionIds) : pick(answerIds);
          db.$client.prepare(`update ${table} set status = case status when 'pending' then 'published' else 'pending' end where id = ?`).run(id);
        } else if (kind === 'author') {
          // Anonymizing hands posts to another member.
          const table = next() < 0.5 ? 'questions' : 'answers';
          db.$client.prepare(`update ${table} set author_id = ? where id = ?`).run(pick(members).id, table === 'questions' ? pick(questionIds) : pick(answerIds));
        } else if (kind === 'move-answer') {
          db.$client.prepare('update answers set question_id = ? where id = ?').run(pick(questionIds), pick(answerIds));
        } else {
          const id = pick(answerIds);
          db.$client.prepare('delete from accepted_answers where answer_id = ?').run(id);
          for (const table of ['comments', 'post_revisions', 'votes', 'flags']) {
            try {
              db.$client.prepare(`delete from ${table} where post_id = ?`).run(id);
            } catch {
              // a table without post_id
            }
          }
          try {
            db.$client.prepare('delete from answers where id = ?').run(id);
          } catch {
            continue; // still referenced elsewhere
          }
        }
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
      if (step % 25 === 24) {
        expect(wrongFlags(), `flags after step ${step}`).toBe(0);
        expect(recountMemberPosts(db), `counts after step ${step}`).toMatchObject({ differences: 0, acceptedFlags: 0 });
      }
    }
    // Every kind of event happened, and the members have a bit of everything.
    expect([...kinds.keys()].sort()).toEqual(['accept', 'answer', 'ask', 'author', 'delete', 'hard-delete-answer', 'hide', 'merge', 'move-answer', 'pending', 'restore', 'unaccept', 'undelete']);
    expect(members.some((m) => live(m.id).accepted > 0)).toBe(true);
    for (const m of members) expect(getMemberProfile(db, m.id)!.counts).toEqual(live(m.id));
  });

  it('are repaired by a recount, which reports the members that differed', async () => {
    const member = await createMember(db);
    const asker = await createMember(db);
    const q = ask(asker, NOW);
    const a = answer(member, q.id, NOW + HOUR);
    acceptAnswer(db, asker, a.id, NOW + 2 * HOUR);
    db.$client.prepare('update member_post_counts set answers = 7, accepted = 0 where user_id = ?').run(member.id);
    db.$client.prepare('update answers set accepted = 0 where id = ?').run(a.id);
    const report = recountMemberPosts(db);
    expect(report).toMatchObject({ members: 2, differences: 1, acceptedFlags: 1, examples: [{ userId: member.id, live: [0, 7, 0], recount: [0, 1, 1] }] });
    expect(live(member.id)).toEqual({ questions: 0, answers: 1, accepted: 1 });
    expect(wrongFlags()).toBe(0);
    expect(recountMemberPosts(db)).toMatchObject({ differences: 0, acceptedFlags: 0 });
  });
});
