import { and, eq, inArray, isNull, notInArray, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { preparedPerConnection } from '../../../db/prepared';
import { acceptedAnswers, pointsLedger, questions, reputationProgress, reputationScores, reputationSettings } from '../../../db/schema/index';
import { privilegeRefusal, type ReputationStanding } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { refusalError } from '../errors';
import { enqueue } from '../jobs/outbox';
import type { BadgeEvent } from './badges';
import { capVotePoints, dayStart, monthKey, sharesFingerprint, votePoints, WEEK_MS, weekKey, WITHDRAWAL_REASONS, type LedgerReason, type LedgerSource, type Sighting } from './rules';
import { settingsFrom, type Privilege, type ReputationSettings } from './settings';

export type LedgerRow = typeof pointsLedger.$inferSelect;

export interface LedgerEntry {
  userId: number;
  amount: number;
  reason: LedgerReason;
  source: LedgerSource;
  postId?: number | null;
  questionId?: number | null;
  actorId?: number | null;
  redemptionId?: number | null;
  note?: string;
  reversesId?: number | null;
}

/** The stored settings text last read and what it parsed to: every vote reads the settings, zod checks them once. */
let settingsRead: { text: string | null; settings: ReputationSettings } | null = null;

/** What every page a member reads asks of the ledger, prepared once per connection. */
const standingQueries = preparedPerConnection((db: Db) => ({
  settings: db.select({ data: sql<string>`${reputationSettings.data}` }).from(reputationSettings).where(eq(reputationSettings.id, 1)).prepare(),
  points: db
    .select({ scope: reputationScores.scope, points: reputationScores.points })
    .from(reputationScores)
    .where(and(eq(reputationScores.userId, sql.placeholder('userId')), inArray(reputationScores.scope, ['all', 'balance'])))
    .prepare(),
}));

export function loadSettings(db: Db): ReputationSettings {
  const text = standingQueries(db).settings.get()?.data ?? null;
  if (settingsRead?.text !== text) settingsRead = { text, settings: settingsFrom(text === null ? undefined : JSON.parse(text)) };
  return settingsRead.settings;
}

interface PostPlace {
  locale: 'es' | 'en' | null;
  categoryId: number | null;
}

function placeOf(db: Db, questionId: number | null | undefined): PostPlace {
  if (!questionId) return { locale: null, categoryId: null };
  const q = db.select({ locale: questions.locale, categoryId: questions.categoryId }).from(questions).where(eq(questions.id, questionId)).get();
  return { locale: q?.locale ?? null, categoryId: q?.categoryId ?? null };
}

const PERIODS = new Map<number, [string, string]>();
/** `m:…` and `w:…` of a time, memoized per UTC day (recalc asks for them a million times). */
function periodKeys(time: number): [string, string] {
  const day = dayStart(time);
  let keys = PERIODS.get(day);
  if (!keys) {
    keys = [`m:${monthKey(day)}`, `w:${weekKey(day)}`];
    if (PERIODS.size > 5000) PERIODS.clear();
    PERIODS.set(day, keys);
  }
  return keys;
}

/**
 * The score scopes a ledger row counts in (see db/schema/reputation.ts). Rewards move only the balance. The same keys
 * serve recalc.ts too.
 */
export function scopesOf(row: { source: LedgerSource; createdAt: number; locale: string | null; categoryId: number | null }, tagIds: readonly number[]): string[] {
  if (row.source === 'reward') return ['balance'];
  const base = ['all', ...periodKeys(row.createdAt)];
  const scopes = ['balance', ...base];
  if (row.locale) for (const b of base) scopes.push(`${b}|${row.locale}`);
  if (row.categoryId !== null) scopes.push(`c:${row.categoryId}`);
  for (const t of tagIds) scopes.push(`t:${t}`);
  return scopes;
}

function bumpScores(db: Db, userId: number, amount: number, scopes: readonly string[]): void {
  if (amount === 0 || scopes.length === 0) return;
  const rows = sql.join(
    scopes.map((scope) => sql`(${scope}, ${userId}, ${amount})`),
    sql`, `,
  );
  db.run(sql`insert into reputation_scores (scope, user_id, points) values ${rows} on conflict (scope, user_id) do update set points = points + excluded.points`);
}

/**
 * A question's tags changed: the points its ledger rows already brought into tag scopes move from the removed tags to
 * the added ones, so tag leaderboards follow the question's current tags, as a recalculation does. Rows not applied
 * yet take the current tags when the ranking scopes are applied.
 */
export function moveTagScores(db: Db, questionId: number, removedTagIds: readonly number[], addedTagIds: readonly number[]): void {
  if (removedTagIds.length === 0 && addedTagIds.length === 0) return;
  const applied = db.select({ id: reputationProgress.appliedLedgerId }).from(reputationProgress).where(eq(reputationProgress.id, 1)).get()?.id ?? 0;
  const posts = sql.join(threadPostIds(db, { id: questionId, kind: 'question' }).map((id) => sql`${id}`), sql`, `);
  const earned = db.all<{ userId: number; points: number }>(
    sql`select user_id as userId, sum(amount) as points from points_ledger
        where post_id in (${posts}) and question_id = ${questionId} and source <> 'reward' and id <= ${applied} group by user_id`,
  );
  for (const { userId, points } of earned) {
    bumpScores(db, userId, -points, removedTagIds.map((t) => `t:${t}`));
    bumpScores(db, userId, points, addedTagIds.map((t) => `t:${t}`));
  }
}

/** Scopes moved in the ledger row's own transaction; the others are ranking scopes (rankings.ts applies them). */
export const PRIMARY_SCOPES = ['all', 'balance'] as const;

/**
 * Appends a row and moves the member's reputation and balance in the caller's transaction (the ranking scopes follow
 * after commit: applyRankingScores).
 */
export function writeEntry(db: Db, entry: LedgerEntry, now: number, place: PostPlace = placeOf(db, entry.questionId)): LedgerRow {
  const row: LedgerRow = {
    id: 0,
    userId: entry.userId,
    amount: entry.amount,
    reason: entry.reason,
    source: entry.source,
    postId: entry.postId ?? null,
    questionId: entry.questionId ?? null,
    actorId: entry.actorId ?? null,
    redemptionId: entry.redemptionId ?? null,
    locale: place.locale,
    categoryId: place.categoryId,
    note: entry.note ?? '',
    reversesId: entry.reversesId ?? null,
    reversedBy: null,
    createdAt: now,
  };
  // Plain SQL rather than the query builder: every vote writes here, and building the statement cost more than running it.
  row.id = db.get<{ id: number }>(
    sql`insert into points_ledger (user_id, amount, reason, source, post_id, question_id, actor_id, redemption_id, locale, category_id, note, reverses_id, created_at)
        values (${row.userId}, ${row.amount}, ${row.reason}, ${row.source}, ${row.postId}, ${row.questionId}, ${row.actorId}, ${row.redemptionId}, ${row.locale}, ${row.categoryId}, ${row.note}, ${row.reversesId}, ${now})
        returning id`,
  )!.id;
  bumpScores(db, row.userId, row.amount, row.source === 'reward' ? ['balance'] : PRIMARY_SCOPES);
  return row;
}

/** Writes the reversing row of each given (open) row and marks it reversed. */
export function reverseEntries(db: Db, rows: readonly LedgerRow[], reason: LedgerReason, now: number): void {
  for (const r of rows) {
    const reversal = writeEntry(
      db,
      { userId: r.userId, amount: -r.amount, reason, source: r.source, postId: r.postId, questionId: r.questionId, actorId: r.actorId, redemptionId: r.redemptionId, reversesId: r.id },
      now,
      { locale: r.locale, categoryId: r.categoryId },
    );
    db.update(pointsLedger).set({ reversedBy: reversal.id }).where(eq(pointsLedger.id, r.id)).run();
  }
}

/** Rows that still count and may be undone: not reversed, and not themselves a reversal (a restoration counts again). */
function openRows(db: Db, ...conditions: Parameters<typeof and>) {
  return db
    .select()
    .from(pointsLedger)
    .where(
      and(
        isNull(pointsLedger.reversedBy),
        notInArray(pointsLedger.reason, [...WITHDRAWAL_REASONS]),
        or(isNull(pointsLedger.reversesId), eq(pointsLedger.reason, 'post.restored')),
        ...conditions,
      ),
    )
    .all();
}

/** Asks the outbox to evaluate the member's badges for an event (after commit, never during the request). */
export function checkBadgesAfter(db: Db, userId: number, event: BadgeEvent, now: number, postId?: number): void {
  enqueue(db, 'reputation.badges', postId ? { userId, event, postId } : { userId, event }, now);
}

export interface VotedPost {
  id: number;
  kind: 'question' | 'answer';
  authorId: number;
  questionId: number;
}

/**
 * What the vote caps need, in one read of the author's vote rows of the last week (through the user index): points
 * earned today, points this voter gave this week, and both members' sightings of the last two weeks.
 */
function voteCapFacts(db: Db, authorId: number, voterId: number, now: number) {
  const day = dayStart(now);
  const week = now - WEEK_MS;
  const earned = db.get<{ today: number; pair: number }>(
    sql`select coalesce(sum(case when created_at >= ${day} then amount end), 0) as today,
               coalesce(sum(case when actor_id = ${voterId} and created_at >= ${week} then amount end), 0) as pair
        from points_ledger where user_id = ${authorId} and created_at >= ${Math.min(day, week)} and source = 'vote'`,
  )!;
  const sightings = db.all<Sighting & { userId: number }>(
    sql`select user_id as userId, kind, value_hash as value, seen_at as seenAt from member_sightings
        where user_id in (${voterId}, ${authorId}) and seen_at >= ${now - 2 * WEEK_MS}`,
  );
  return {
    earnedToday: Math.max(0, earned.today),
    pairEarnedThisWeek: Math.max(0, earned.pair),
    sharedFingerprint: sharesFingerprint(
      sightings.filter((s) => s.userId === voterId),
      sightings.filter((s) => s.userId === authorId),
    ),
  };
}

/**
 * A member's vote changed (value 0 = retracted): the previous vote's points are reversed and the new vote pays the
 * author under the daily, pair and fingerprint rules. A vote that pays nothing still gets its row (amount 0, with the
 * rule in `note`), so the ledger explains it. `previousVote` 0 (the caller knows there was none) spares looking for
 * rows to reverse. The post's place (locale, category), when the caller loaded it, spares reading the question.
 */
export function recordVotePoints(db: Db, post: VotedPost & Partial<PostPlace>, voterId: number, value: -1 | 0 | 1, now: number, previousVote?: number): void {
  if (previousVote !== 0) {
    const previous = openRows(db, eq(pointsLedger.source, 'vote'), eq(pointsLedger.postId, post.id), eq(pointsLedger.actorId, voterId));
    if (previous.length) reverseEntries(db, previous, 'vote.retracted', now);
  }
  if (value === 0) return;
  const settings = loadSettings(db);
  const { amount, reason } = votePoints(post.kind, value, settings.weights);
  const capped =
    amount > 0
      ? capVotePoints(amount, { ...voteCapFacts(db, post.authorId, voterId, now), dailyCap: settings.dailyVoteCap, pairWeeklyCap: settings.pairWeeklyCap })
      : { amount, cappedBy: null };
  const place = post.locale !== undefined && post.categoryId !== undefined ? { locale: post.locale, categoryId: post.categoryId } : placeOf(db, post.questionId);
  writeEntry(db, { userId: post.authorId, amount: capped.amount, reason, source: 'vote', postId: post.id, questionId: post.questionId, actorId: voterId, note: capped.cappedBy ? `capped:${capped.cappedBy}` : '' }, now, place);
  checkBadgesAfter(db, post.authorId, 'vote', now, post.id);
}

export interface Acceptance {
  questionId: number;
  askerId: number;
  accepterId: number;
  /** The newly accepted answer, or null when the acceptance was removed. */
  answer: { id: number; authorId: number } | null;
}

/**
 * The accepted answer of a question changed: the previous acceptance's points are reversed; the new answer's author
 * earns `answerAccepted` and the asker, when they accepted someone else's answer themselves, `acceptedAnAnswer`.
 * Both rows point at the accepted answer, so deleting or hiding it withdraws both.
 */
export function recordAcceptPoints(db: Db, a: Acceptance, now: number): void {
  const answerIds = threadPostIds(db, { id: a.questionId, kind: 'question' }).slice(1);
  const previous = answerIds.length ? openRows(db, eq(pointsLedger.source, 'acceptance'), inArray(pointsLedger.postId, answerIds), eq(pointsLedger.questionId, a.questionId)) : [];
  // Accepting the same answer again (a repeated request) changes nothing.
  if (a.answer && previous.length && previous.every((r) => r.postId === a.answer!.id)) return;
  if (previous.length) reverseEntries(db, previous, 'accept.moved', now);
  if (!a.answer || a.answer.authorId === a.askerId) return;
  const { weights } = loadSettings(db);
  const place = placeOf(db, a.questionId);
  const common = { source: 'acceptance' as const, postId: a.answer.id, questionId: a.questionId, actorId: a.accepterId };
  writeEntry(db, { ...common, userId: a.answer.authorId, amount: weights.answerAccepted, reason: 'answer.accepted' }, now, place);
  if (a.accepterId === a.askerId) writeEntry(db, { ...common, userId: a.askerId, amount: weights.acceptedAnAnswer, reason: 'accepted.answer' }, now, place);
  checkBadgesAfter(db, a.answer.authorId, 'accept', now);
}

const POST_SOURCES: LedgerSource[] = ['post', 'vote', 'acceptance', 'article'];

/** Posts deleted or hidden: every open row they earned is reversed (a question takes its answers' rows with it). */
export function withdrawPostPoints(db: Db, postIds: readonly number[], reason: 'post.deleted' | 'post.hidden', now: number): void {
  if (postIds.length === 0) return;
  const rows = openRows(db, inArray(pointsLedger.postId, [...postIds]), inArray(pointsLedger.source, POST_SOURCES));
  if (rows.length) reverseEntries(db, rows, reason, now);
}

/**
 * Posts undeleted or restored: the withdrawals are reversed in turn, except acceptances that no longer hold (deleting
 * an answer removes its acceptance).
 */
export function reinstatePostPoints(db: Db, postIds: readonly number[], now: number): void {
  if (postIds.length === 0) return;
  const withdrawn = db
    .select()
    .from(pointsLedger)
    .where(and(isNull(pointsLedger.reversedBy), inArray(pointsLedger.reason, [...WITHDRAWAL_REASONS]), inArray(pointsLedger.postId, [...postIds])))
    .all();
  const accepted = new Set(
    db
      .select({ answerId: acceptedAnswers.answerId })
      .from(acceptedAnswers)
      .where(inArray(acceptedAnswers.answerId, [...postIds]))
      .all()
      .map((r) => r.answerId),
  );
  const rows = withdrawn.filter((r) => r.source !== 'acceptance' || accepted.has(r.postId!));
  if (rows.length) reverseEntries(db, rows, 'post.restored', now);
}

/** A post's visibility changed: published → hidden withdraws its thread's points, hidden → published gives them back. */
export function recordVisibilityPoints(db: Db, post: { id: number; kind: 'question' | 'answer' }, from: string, to: string, now: number): void {
  if (from === 'published' && to === 'hidden') withdrawPostPoints(db, threadPostIds(db, post), 'post.hidden', now);
  if (from === 'hidden' && to === 'published') reinstatePostPoints(db, threadPostIds(db, post), now);
}

/** The ids of a question's answers, so withdrawing a question reaches its whole thread. */
export function threadPostIds(db: Db, post: { id: number; kind: 'question' | 'answer' }): number[] {
  if (post.kind === 'answer') return [post.id];
  const rows = db.all<{ id: number }>(sql`select id from answers where question_id = ${post.id}`);
  return [post.id, ...rows.map((r) => r.id)];
}

/** An accepted answer was promoted to the knowledge base: its author earns `answerPromoted` (once per answer). */
export function recordPromotionPoints(db: Db, p: { questionId: number; answerId: number; answerAuthorId: number; actorId: number }, now: number): void {
  const already = openRows(db, eq(pointsLedger.source, 'article'), eq(pointsLedger.postId, p.answerId));
  if (already.length) return;
  const { weights } = loadSettings(db);
  writeEntry(db, { userId: p.answerAuthorId, amount: weights.answerPromoted, reason: 'answer.promoted', source: 'article', postId: p.answerId, questionId: p.questionId, actorId: p.actorId }, now);
  checkBadgesAfter(db, p.answerAuthorId, 'promote', now);
}

export function memberPoints(db: Db, userId: number): { reputation: number; balance: number } {
  const rows = standingQueries(db).points.all({ userId });
  const get = (s: string) => rows.find((r) => r.scope === s)?.points ?? 0;
  return { reputation: get('all'), balance: get('balance') };
}

/** The member's reputation as a SQL expression (for queries that load a member's standing in one go). */
export function reputationOf(userId: number | SQL | Column) {
  return sql<number>`coalesce((select points from reputation_scores where scope = 'all' and user_id = ${userId}), 0)`;
}

/** The member's reputation and the thresholds in force, for the privilege rules of permissions.ts. */
export function reputationStanding(db: Db, userId: number): ReputationStanding {
  return { reputation: memberPoints(db, userId).reputation, thresholds: loadSettings(db).thresholds };
}

/** Throws the refusal (FORBIDDEN with the privilege's threshold) unless the actor holds the privilege. */
export function requirePrivilege(db: Db, actor: Actor, privilege: Privilege, now: number): void {
  const refusal = privilegeRefusal(actor, privilege, reputationStanding(db, actor.id), now);
  if (refusal) throw refusalError(refusal);
}
