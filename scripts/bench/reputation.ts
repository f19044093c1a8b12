import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { createDb, type SqliteDb } from '../../db/client';
import { votePost } from '../../src/lib/community/vote-post';
import { loadPost } from '../../src/lib/community/load-post';
import type { Actor } from '../../src/lib/auth/sessions';
import { awardBadges } from '../../src/lib/reputation/award-badges';
import { recordVotePoints } from '../../src/lib/reputation/ledger';
import { applyRankingScores, recalcScores } from '../../src/lib/reputation/recalc';
import { createAccessToken } from '../../src/lib/auth/accounts';
import { buildIfNeeded } from '../support/build';
import { cpuUs, startServer, waitForReady } from './pages';
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
  return percentile(values, 0.95);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! * 1000) / 1000;
}

/** Wall and CPU time (user + system of this process) of one call, in ms. */
function timed(run: () => void): { wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  run();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

export interface ReputationBenchOptions {
  size: number;
  votes: number;
  fresh: boolean;
  /** The built server listens here for the votes through the HTTP API. */
  port: number;
  log: (s: string) => void;
}

/**
 * On the generated dataset, in one run:
 * - in process, per vote: reputation's part of the vote's transaction (ledger rows, reputation and balance counters,
 *   the badge check's outbox message), wall and CPU time; the whole vote use case; the vote's own writes without
 *   reputation; and the work that follows after commit, off the request (ranking scopes and the badge check);
 * - through the built server: votes sent one at a time to `POST /api/v1/posts/{id}/votes` with personal access
 *   tokens (p50, p95, the server's CPU per vote), beside `GET /healthz` under the same load;
 * - then `recalc` over the whole ledger: its time and whether the live counters (moved by all these votes) equal it.
 */
export async function benchReputation(opts: ReputationBenchOptions) {
  const dbPath = `bench-results/bench-${opts.size}.db`;
  if (opts.fresh || !existsSync(dbPath)) generateDataset(dbPath, opts.size).$client.close();
  const db = createDb(dbPath, { synchronous: 'NORMAL' });
  prepareReputation(db, opts.log);
  const loadAverage = loadavg().map((n) => Math.round(n * 100) / 100);
  const users = db.get<{ n: number }>(sql`select count(*) as n from users where role = 'member'`)!.n;
  const maxAnswer = db.get<{ n: number }>(sql`select max(id) as n from answers`)!.n;
  const now = Date.now();
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = () => {
    for (;;) {
      const post = loadPost(db, 1 + Math.floor(rand() * maxAnswer));
      if (post && post.kind === 'answer' && post.deletedAt === null && post.status === 'published' && post.questionDeletedAt === null && post.lockedAt === null) return post;
    }
  };
  const voter = (authorId: number): Actor => {
    let id = 1 + Math.floor(rand() * users);
    if (id === authorId) id = (id % users) + 1;
    return { id, email: '', displayName: '', role: 'member', locale: 'es', suspendedUntil: null };
  };
  const repWall: number[] = [];
  const repCpu: number[] = [];
  const repWithCommit: number[] = [];
  const whole: number[] = [];
  const baseline: number[] = [];
  const after: number[] = [];
  // The vote's own writes without reputation (vote row, score, outbox message), to compare under the same load.
  const castVote = db.$client.prepare('insert into votes (post_id, user_id, value, created_at) values (?, ?, 1, ?) on conflict do nothing');
  const moveScore = db.$client.prepare('update answers set score = score + 1 where id = ?');
  const enqueueChange = db.$client.prepare("insert into outbox (topic, payload, created_at, available_at) values ('question.changed', ?, ?, ?)");
  opts.log(`In process: ${opts.votes} votes of each kind…`);
  for (let i = 0; i < opts.votes; i++) {
    const plain = pick();
    const u = voter(plain.authorId);
    baseline.push(
      timed(() =>
        db.$client.transaction(() => {
          castVote.run(plain.id, u.id, now + i);
          moveScore.run(plain.id);
          enqueueChange.run(JSON.stringify({ questionId: plain.questionId }), now + i, now + i);
        })(),
      ).wall,
    );
    // Reputation's part of a vote, as the vote's transaction runs it (the post as the vote loaded it, a first vote).
    const post = pick();
    const v = voter(post.authorId);
    let inside = { wall: 0, cpu: 0 };
    const withCommit = timed(() => db.transaction((tx) => void (inside = timed(() => recordVotePoints(tx, post, v.id, 1, now + i, 0)))));
    repWall.push(inside.wall);
    repCpu.push(inside.cpu);
    repWithCommit.push(withCommit.wall);
    // A whole vote through the use case (which records its points the same way).
    const other = pick();
    const w = voter(other.authorId);
    whole.push(timed(() => votePost(db, w, other.id, { value: 1 }, now + i)).wall);
    // After commit, off the request: the ranking scopes and the badge checks of these votes.
    after.push(
      timed(() => {
        applyRankingScores(db);
        awardBadges(db, post.authorId, 'vote', now + i, post.id);
        awardBadges(db, other.authorId, 'vote', now + i, other.id);
      }).wall / 2,
    );
  }
  opts.log(`  reputation's part p95 ${p95(repWall)} ms (CPU ${p95(repCpu)} ms, with a commit of its own ${p95(repWithCommit)} ms); whole vote p95 ${p95(whole)} ms; without reputation p95 ${p95(baseline)} ms; after commit p95 ${p95(after)} ms`);
  // Votes for the HTTP run, and a token per voter.
  const httpVotes: { postId: number; token: string }[] = [];
  const tokens = new Map<number, string>();
  for (let i = 0; i < opts.votes; i++) {
    const post = pick();
    const v = voter(post.authorId);
    if (!tokens.has(v.id)) tokens.set(v.id, createAccessToken(db, v, { name: 'bench' }, now).token);
    httpVotes.push({ postId: post.id, token: tokens.get(v.id)! });
  }
  db.$client.close();

  buildIfNeeded((line) => opts.log(line));
  const base = `http://127.0.0.1:${opts.port}`;
  const serverLog = 'bench-results/reputation-server.log';
  // The drain ticks every second, so the outbox messages the votes in process left are run before the measured votes.
  const server = startServer(dbPath, opts.port, { OUTBOX_INTERVAL_MS: '1000' }, serverLog);
  const http: number[] = [];
  const floor: number[] = [];
  let serverCpuUsPerVote: number;
  try {
    await waitForReady(`${base}/readyz`, server);
    const vote = async (v: { postId: number; token: string }) => {
      if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode} (see ${serverLog})`);
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/posts/${v.postId}/votes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${v.token}`, 'content-type': 'application/json' },
        body: '{"value":1}',
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`a vote answered ${res.status}`);
      return performance.now() - t0;
    };
    const health = async () => {
      const t0 = performance.now();
      await (await fetch(`${base}/healthz`)).arrayBuffer();
      return performance.now() - t0;
    };
    // The measured votes should not wait behind the outbox messages the votes in process left (a long drain also
    // outlasts the server's keep-alive timeout, and the client's next request meets a closed connection).
    for (let pending = 1; pending > 0; ) {
      await new Promise((r) => setTimeout(r, 1000));
      pending = await fetch(`${base}/readyz`, { headers: { connection: 'close' } }).then(
        async (r) => ((await r.json()) as { outboxPending: number }).outboxPending,
        () => 1,
      );
    }
    // Warm-up: the first votes read cold pages and compile the paths.
    for (const v of httpVotes.slice(0, 50)) await vote(v);
    opts.log(`Through the server: ${httpVotes.length - 50} votes one at a time…`);
    const cpu0 = cpuUs(server.pid!);
    for (const v of httpVotes.slice(50)) {
      http.push(await vote(v));
      floor.push(await health());
    }
    serverCpuUsPerVote = Math.round((cpuUs(server.pid!) - cpu0) / http.length);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }

  const writable = createDb(dbPath, { synchronous: 'NORMAL' });
  const recalc = recalcScores(writable);
  writable.$client.close();
  return {
    size: opts.size,
    votes: opts.votes,
    loadAverage,
    reputationPartP50Ms: percentile(repWall, 0.5),
    reputationPartP95Ms: p95(repWall),
    reputationPartCpuP50Ms: percentile(repCpu, 0.5),
    reputationPartCpuP95Ms: p95(repCpu),
    reputationPartWithCommitP95Ms: p95(repWithCommit),
    voteWithReputationP95Ms: p95(whole),
    voteWithoutReputationP95Ms: p95(baseline),
    afterCommitPerVoteP95Ms: p95(after),
    http: {
      votes: http.length,
      voteP50Ms: percentile(http, 0.5),
      voteP95Ms: p95(http),
      healthzP50Ms: percentile(floor, 0.5),
      healthzP95Ms: p95(floor),
      serverCpuUsPerVote,
    },
    recalcSeconds: Math.round(recalc.ms / 100) / 10,
    ledgerRows: recalc.ledgerRows,
    scores: recalc.scores,
    differences: recalc.differences,
  };
}
