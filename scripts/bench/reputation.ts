import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { and, eq, sql } from 'drizzle-orm';
import { createDb, type SqliteDb } from '../../db/client';
import { votePost, voteSchema } from '../../src/lib/community/vote-post';
import { answers, questions, votes } from '../../db/schema/index';
import { canVote } from '../../src/lib/auth/permissions';
import { enqueue } from '../../src/lib/jobs/outbox';
import { parseInput } from '../../src/lib/validation';
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
/** The server's default durability (SQLITE_SYNCHRONOUS): every commit waits for the WAL to reach the disk. */
const SYNCHRONOUS = 'FULL';

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

/**
 * How long the calling thread has waited in the run queue, runnable but without a CPU, in ms (Linux schedstat; null
 * elsewhere). Its on-CPU figure only moves at scheduler events, so CPU time comes from process.cpuUsage().
 */
function runQueueMs(): number | null {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return null;
  }
}

interface Sample {
  wall: number;
  /** On a CPU: the process's user + system time (this thread, and GC helpers while it runs). */
  cpu: number;
  /** Runnable, waiting for a CPU: the machine's load, not the code. */
  queued: number;
  /** The rest of the wall time: blocked (disk, fsync, page faults, locks). */
  blocked: number;
}

/** One call's wall time split into time on a CPU, waiting for one, and blocked, in ms. */
function timed(run: () => void): Sample {
  const q0 = runQueueMs();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  run();
  const wall = performance.now() - t0;
  const usage = process.cpuUsage(cpu0);
  const q1 = runQueueMs();
  const cpu = (usage.user + usage.system) / 1000;
  const queued = q0 !== null && q1 !== null ? q1 - q0 : 0;
  return { wall, cpu, queued, blocked: Math.max(0, wall - cpu - queued) };
}

/** p50 and p95 of a run of samples: wall, on a CPU, wall less the run-queue wait, blocked; and how many waited for a CPU. */
function summary(samples: Sample[]) {
  const of = (pick: (s: Sample) => number) => samples.map(pick);
  return {
    wallP50Ms: percentile(of((s) => s.wall), 0.5),
    wallP95Ms: p95(of((s) => s.wall)),
    cpuP50Ms: percentile(of((s) => s.cpu), 0.5),
    cpuP95Ms: p95(of((s) => s.cpu)),
    notQueuedP95Ms: p95(of((s) => s.wall - s.queued)),
    blockedP95Ms: p95(of((s) => s.blocked)),
    queuedShare: Math.round((samples.filter((s) => s.queued > 0.01).length / samples.length) * 100) / 100,
  };
}

/**
 * The vote use case without reputation's part (votePost's steps, recordVotePoints left out): what reputation's
 * share of a vote is measured against, in the same run. Keep in step with src/lib/community/vote-post.ts.
 */
function voteWithoutReputation(db: SqliteDb, actor: Actor, postId: number, input: unknown, now: number): void {
  const { value } = parseInput(voteSchema, input);
  db.transaction((tx) => {
    const post = loadPost(tx, postId);
    if (!post || post.deletedAt !== null || post.questionDeletedAt !== null || actor.id === post.authorId || !canVote(actor, post, now)) throw new Error('not a votable post');
    const previous = tx.select({ value: votes.value }).from(votes).where(and(eq(votes.postId, postId), eq(votes.userId, actor.id))).get()?.value ?? 0;
    const delta = value - previous;
    if (delta === 0) return;
    tx.insert(votes).values({ postId, userId: actor.id, value, createdAt: now }).onConflictDoUpdate({ target: [votes.postId, votes.userId], set: { value, createdAt: now } }).run();
    const table = post.kind === 'question' ? questions : answers;
    tx.update(table).set({ score: sql`${table.score} + ${delta}` }).where(eq(table.id, postId)).returning({ score: table.score }).get();
    enqueue(tx, 'question.changed', { questionId: post.questionId }, now);
  });
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
 * - in process, interleaved, with the server's durability (synchronous=FULL): the vote use case and the same use case
 *   without reputation's part, commit included; reputation's part alone inside a transaction (ledger row, reputation
 *   and balance counters, the badge check's outbox message) and with a commit of its own; each call's wall time split
 *   into CPU, waiting in the run queue for a CPU, and blocked; and the work that follows after commit, off the request
 *   (ranking scopes and the badge check);
 * - through the built server: votes sent one at a time to `POST /api/v1/posts/{id}/votes` with personal access
 *   tokens (p50, p95, the server's CPU per vote), beside `GET /healthz` under the same load;
 * - then `recalc` over the whole ledger: its time and whether the live counters (moved by all these votes) equal it.
 */
export async function benchReputation(opts: ReputationBenchOptions) {
  const dbPath = `bench-results/bench-${opts.size}.db`;
  if (opts.fresh || !existsSync(dbPath)) generateDataset(dbPath, opts.size).$client.close();
  const db = createDb(dbPath, { synchronous: SYNCHRONOUS });
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
  // A member who has not voted on the post yet (in this run or an earlier one on the same database): a repeated vote
  // changes nothing and would measure a no-op.
  const voted = db.$client.prepare('select 1 from votes where post_id = ? and user_id = ?');
  const chosen = new Set<string>();
  const voter = (post: { id: number; authorId: number }): Actor => {
    for (;;) {
      const id = 1 + Math.floor(rand() * users);
      if (id === post.authorId || chosen.has(`${post.id}:${id}`) || voted.get(post.id, id)) continue;
      chosen.add(`${post.id}:${id}`);
      return { id, email: '', displayName: '', role: 'member', locale: 'es', suspendedUntil: null };
    }
  };
  const repPart: Sample[] = [];
  const repWithCommit: Sample[] = [];
  const whole: Sample[] = [];
  const without: Sample[] = [];
  const after: number[] = [];
  opts.log(`In process (synchronous=${SYNCHRONOUS}, as the server by default): ${opts.votes} votes of each kind…`);
  for (let i = 0; i < opts.votes; i++) {
    // The vote without reputation, then with it, on the same kind of post, one after the other.
    const plain = pick();
    without.push(timed(() => voteWithoutReputation(db, voter(plain), plain.id, { value: 1 }, now + i)));
    const other = pick();
    whole.push(timed(() => votePost(db, voter(other), other.id, { value: 1 }, now + i)));
    // Reputation's part alone, as the vote's transaction runs it (the post as the vote loaded it, a first vote), then
    // the same in a transaction of its own, commit included.
    const post = pick();
    const v = voter(post);
    let inside: Sample | null = null;
    repWithCommit.push(timed(() => db.transaction((tx) => void (inside = timed(() => recordVotePoints(tx, post, v.id, 1, now + i, 0))))));
    repPart.push(inside!);
    // After commit, off the request: the ranking scopes and the badge checks of these votes.
    after.push(
      timed(() => {
        applyRankingScores(db);
        awardBadges(db, post.authorId, 'vote', now + i, post.id);
        awardBadges(db, other.authorId, 'vote', now + i, other.id);
      }).wall / 2,
    );
  }
  const inProcess = { reputationPart: summary(repPart), reputationPartWithCommit: summary(repWithCommit), vote: summary(whole), voteWithoutReputation: summary(without) };
  opts.log(
    `  reputation's part p95 ${inProcess.reputationPart.wallP95Ms} ms (CPU ${inProcess.reputationPart.cpuP95Ms} ms, less the run-queue wait ${inProcess.reputationPart.notQueuedP95Ms} ms); ` +
      `vote p95 ${inProcess.vote.wallP95Ms} ms, without reputation ${inProcess.voteWithoutReputation.wallP95Ms} ms; after commit p95 ${p95(after)} ms`,
  );
  // Votes for the HTTP run, and a token per voter.
  const httpVotes: { postId: number; token: string }[] = [];
  const tokens = new Map<number, string>();
  for (let i = 0; i < opts.votes; i++) {
    const post = pick();
    const v = voter(post);
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
    inProcess,
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
