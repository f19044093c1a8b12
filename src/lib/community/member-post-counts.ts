import type { SqliteDb } from '../../../db/client';

export interface MemberPostRecount {
  /** Members with a public question or answer. */
  members: number;
  /** Members whose live counts differed from the recount (then repaired), with a few examples. */
  differences: number;
  examples: { userId: number; live: [questions: number, answers: number, accepted: number]; recount: [questions: number, answers: number, accepted: number] }[];
  /** Answers whose `accepted` copy differed from accepted_answers (then repaired). */
  acceptedFlags: number;
}

/** Every member's public questions, public answers and accepted public answers, counted from the posts (visibility.ts). */
const RECOUNT = `
  select user_id, sum(questions) as questions, sum(answers) as answers, sum(accepted) as accepted from (
    select q.author_id as user_id, 1 as questions, 0 as answers, 0 as accepted
    from questions q where q.deleted_at is null and q.status = 'published'
    union all
    select a.author_id, 0, 1, aa.answer_id is not null
    from answers a join questions q on q.id = a.question_id left join accepted_answers aa on aa.answer_id = a.id
    where a.deleted_at is null and a.status = 'published' and q.deleted_at is null and q.status = 'published'
  ) group by user_id`;

/**
 * Counts every member's public posts again and compares them with member_post_counts, and answers.accepted with
 * accepted_answers (both kept by triggers, migration 0015); where they differ, the recount is written. One transaction.
 */
export function recountMemberPosts(db: SqliteDb): MemberPostRecount {
  const client = db.$client;
  return db.transaction(() => {
    // The flags first: the counts below do not read them, the member page's list of accepted answers does.
    const acceptedFlags = client
      .prepare('update answers set accepted = not accepted where accepted <> exists (select 1 from accepted_answers aa where aa.answer_id = answers.id)')
      .run().changes;
    type Counts = [questions: number, answers: number, accepted: number];
    const recount = new Map<number, Counts>();
    for (const [userId, ...counts] of client.prepare(RECOUNT).raw().iterate() as Iterable<[number, ...Counts]>) recount.set(userId, counts);
    const live = new Map<number, Counts>();
    for (const [userId, ...counts] of client.prepare('select user_id, questions, answers, accepted from member_post_counts').raw().iterate() as Iterable<[number, ...Counts]>) live.set(userId, counts);
    const zero: Counts = [0, 0, 0];
    const differing: MemberPostRecount['examples'] = [];
    for (const userId of new Set([...recount.keys(), ...live.keys()])) {
      const want = recount.get(userId) ?? zero;
      const have = live.get(userId) ?? zero;
      if (want.some((n, i) => n !== have[i])) differing.push({ userId, live: have, recount: want });
    }
    const write = client.prepare(
      'insert into member_post_counts (user_id, questions, answers, accepted) values (?, ?, ?, ?) on conflict (user_id) do update set questions = excluded.questions, answers = excluded.answers, accepted = excluded.accepted',
    );
    for (const d of differing) write.run(d.userId, ...d.recount);
    return { members: recount.size, differences: differing.length, examples: differing.slice(0, 5), acceptedFlags };
  });
}
