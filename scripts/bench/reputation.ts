import { existsSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { createDb, type SqliteDb } from '../../db/client';
import { votePost } from '../../src/lib/community/vote-post';
import { loadPost } from '../../src/lib/community/load-post';
import type { Actor } from '../../src/lib/auth/sessions';
import { awardBadges } from '../../src/lib/reputation/award-badges';
import { recordVotePoints } from '../../src/lib/reputation/ledger';
import { recalcScores } from '../../src/lib/reputation/recalc';
import { generateDataset } from './generate';

/** The member whose profile the page benchmark requests: it holds PROFILE_BADGES badges. */
export const PROFILE_MEMBER = 2;
export const PROFILE_BADGES = 50;

/**
 * Gives a generated dataset its reputation facts, once: one ledger row per unit of every post's score (as if each
 * vote had been recorded), the acceptances, PROFILE_BADGES badges for PROFILE_MEMBER, and the counters (recalc).
 */
export function prepareReputation(db: SqliteDb, log: (s: string) => void = console.log): { ledgerRows: number } {
  const existing = db.get<{ n: number }>(sql`select count(*) as n from points_ledger`)!.n;
  if (existing > 0) return { ledgerRows: existing };
  const users = db.get<{ n: number }>(sql`select count(*) as n from users`)!.n;
  const started = performance.now();
  db.transaction((tx) => {
    const units = sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 20)`;
    tx.run(sql`${units} insert into points_ledger (user_id, amount, reason, source, post_id, question_id, actor_id, locale, category_id, note, created_at)
      select a.author_id, case when a.score > 0 then 10 else -2 end, case when a.score > 0 then 'answer.upvoted' else 'answer.downvoted' end, 'vote',
             a.id, a.question_id, 1 + ((a.id * 7919 + n.i * 104729) % ${users}), q.locale, q.category_id, '', a.created_at + n.i * 3600000
      from answers a join questions q on q.id = a.question_id join n on n.i <= abs(a.score) where a.score <> 0`);
    tx.run(sql`${units} insert into points_ledger (user_id, amount, reason, source, post_id, question_id, actor_id, locale, category_id, note, created_at)
      select q.author_id, case when q.score > 0 then 5 else -2 end, case when q.score > 0 then 'question.upvoted' else 'question.downvoted' end, 'vote',
             q.id, q.id, 1 + ((q.id * 7919 + n.i * 104729) % ${users}), q.locale, q.category_id, '', q.created_at + n.i * 3600000
      from questions q join n on n.i <= abs(q.score) where q.score <> 0`);
    tx.run(sql`insert into points_ledger (user_id, amount, reason, source, post_id, question_id, actor_id, locale, category_id, note, created_at)
      select a.author_id, 15, 'answer.accepted', 'acceptance', a.id, q.id, aa.accepted_by, q.locale, q.category_id, '', aa.accepted_at
      from accepted_answers aa join answers a on a.id = aa.answer_id join questions q on q.id = aa.question_id where a.author_id <> q.author_id`);
    tx.run(sql`insert into points_ledger (user_id, amount, reason, source, post_id, question_id, actor_id, locale, category_id, note, created_at)
      select q.author_id, 2, 'accepted.answer', 'acceptance', a.id, q.id, aa.accepted_by, q.locale, q.category_id, '', aa.accepted_at
      from accepted_answers aa join answers a on a.id = aa.answer_id join questions q on q.id = aa.question_id where a.author_id <> q.author_id`);
    tx.run(sql`insert or ignore into member_badges (rule_id, user_id, subject_id, awarded_at)
      select (select id from badge_rules where slug = 'great-answer'), ${PROFILE_MEMBER}, id, created_at from answers where author_id = ${PROFILE_MEMBER} order by id limit ${PROFILE_BADGES}`);
  });
  const report = recalcScores(db);
  log(`Reputation facts: ${report.ledgerRows.toLocaleString('en')} ledger rows, ${report.scores.toLocaleString('en')} scores, in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return { ledgerRows: report.ledgerRows };
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length * 0.95)]! * 1000) / 1000;
}

/**
 * On the generated dataset: the cost a vote's ledger rows and badge check add (p95, ms), the whole vote with them
 * (p95) and a vote's own writes without them (p95, same run, same load), then `recalc` over the whole ledger — its time and whether the live counters (moved by these votes) equal it.
 */
export async function benchReputation(opts: { size: number; votes: number; fresh: boolean; log: (s: string) => void }) {
  const dbPath = `bench-results/bench-${opts.size}.db`;
  if (opts.fresh || !existsSync(dbPath)) generateDataset(dbPath, opts.size).$client.close();
  const db = createDb(dbPath, { synchronous: 'NORMAL' });
  prepareReputation(db, opts.log);
  const users = db.get<{ n: number }>(sql`select count(*) as n from users`)!.n;
  const maxAnswer = db.get<{ n: number }>(sql`select max(id) as n from answers`)!.n;
  const now = Date.now();
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = () => {
    for (;;) {
      const post = loadPost(db, 1 + Math.floor(rand() * maxAnswer));
      if (post && post.kind === 'answer' && post.deletedAt === null && post.status === 'published') return post;
    }
  };
  const voter = (authorId: number): Actor => {
    let id = 1 + Math.floor(rand() * users);
    if (id === authorId) id = (id % users) + 1;
    return { id, email: '', displayName: '', role: 'member', locale: 'es', suspendedUntil: null };
  };
  const added: number[] = [];
  const whole: number[] = [];
  const baseline: number[] = [];
  // The vote's own writes without reputation (vote row, score, outbox message), to compare under the same load.
  const castVote = db.$client.prepare('insert into votes (post_id, user_id, value, created_at) values (?, ?, 1, ?) on conflict do nothing');
  const moveScore = db.$client.prepare('update answers set score = score + 1 where id = ?');
  const enqueueChange = db.$client.prepare("insert into outbox (topic, payload, created_at, available_at) values ('question.changed', ?, ?, ?)");
  for (let i = 0; i < opts.votes; i++) {
    const plain = pick();
    const u = voter(plain.authorId);
    const t2 = performance.now();
    db.$client.transaction(() => {
      castVote.run(plain.id, u.id, now + i);
      moveScore.run(plain.id);
      enqueueChange.run(JSON.stringify({ questionId: plain.questionId }), now + i, now + i);
    })();
    baseline.push(performance.now() - t2);
    // What reputation adds to a vote: its ledger rows and counters (in the vote's transaction) and the badge check.
    const post = pick();
    const v = voter(post.authorId);
    const t0 = performance.now();
    db.transaction((tx) => recordVotePoints(tx, post, v.id, 1, now + i));
    awardBadges(db, post.authorId, 'vote', now + i, post.id);
    added.push(performance.now() - t0);
    // A whole vote through the use case (which records its points the same way); the badge check runs after commit.
    const other = pick();
    const w = voter(other.authorId);
    const t1 = performance.now();
    votePost(db, w, other.id, { value: 1 }, now + i);
    awardBadges(db, other.authorId, 'vote', now + i, other.id);
    whole.push(performance.now() - t1);
  }
  const recalc = recalcScores(db);
  db.$client.close();
  return {
    size: opts.size,
    votes: opts.votes,
    addedP95Ms: p95(added),
    voteWithReputationP95Ms: p95(whole),
    voteWithoutReputationP95Ms: p95(baseline),
    recalcSeconds: Math.round(recalc.ms / 100) / 10,
    ledgerRows: recalc.ledgerRows,
    scores: recalc.scores,
    differences: recalc.differences,
  };
}
