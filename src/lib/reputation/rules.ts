import type { Weights } from './settings';

/** Where points come from. Reversals keep the source of the row they reverse. */
export const LEDGER_SOURCES = ['post', 'vote', 'acceptance', 'article', 'reward', 'adjustment'] as const;
export type LedgerSource = (typeof LEDGER_SOURCES)[number];

/** Why a row was written: what earned the points, or what undid them (the reversing reasons). */
export const LEDGER_REASONS = [
  'question.upvoted',
  'answer.upvoted',
  'question.downvoted',
  'answer.downvoted',
  'answer.accepted',
  'accepted.answer',
  'answer.promoted',
  'import.score',
  'import.accepted',
  'reward.redeemed',
  'reward.granted',
  'reward.refunded',
  'moderator.adjustment',
  'vote.retracted',
  'accept.moved',
  'post.deleted',
  'post.hidden',
  'post.restored',
  'serial.voting',
] as const;
export type LedgerReason = (typeof LEDGER_REASONS)[number];

/** Reversals that take a post's points away while the post is gone; restoring the post reverses them in turn. */
export const WITHDRAWAL_REASONS: readonly LedgerReason[] = ['post.deleted', 'post.hidden'];

export const DAY_MS = 24 * 3600 * 1000;
export const WEEK_MS = 7 * DAY_MS;

export function dayStart(now: number): number {
  return now - (((now % DAY_MS) + DAY_MS) % DAY_MS);
}

/** `YYYY-MM` of a UTC time. */
export function monthKey(time: number): string {
  return new Date(time).toISOString().slice(0, 7);
}

/** The Monday (UTC) that starts the week of `time`, as `YYYY-MM-DD`. */
export function weekKey(time: number): string {
  const day = dayStart(time);
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - weekday * DAY_MS).toISOString().slice(0, 10);
}

/** Points a vote gives the post's author, and why. */
export function votePoints(kind: 'question' | 'answer', value: 1 | -1, weights: Weights): { amount: number; reason: LedgerReason } {
  if (value === 1) return kind === 'answer' ? { amount: weights.answerUpvoted, reason: 'answer.upvoted' } : { amount: weights.questionUpvoted, reason: 'question.upvoted' };
  return { amount: -weights.downvoteReceived, reason: kind === 'answer' ? 'answer.downvoted' : 'question.downvoted' };
}

export interface VoteContext {
  /** Points the receiver already earned from votes today (UTC). */
  earnedToday: number;
  dailyCap: number;
  /** Points this voter gave the receiver through votes in the last 7 days. */
  pairEarnedThisWeek: number;
  pairWeeklyCap: number;
  /** The voter and the receiver were seen with the same visitor id or IP address within a day. */
  sharedFingerprint: boolean;
}

export type CapReason = 'daily' | 'pair' | 'fingerprint';

/**
 * What a vote actually pays once the anti-gaming rules apply. Only gains are limited: a downvote always costs. A vote
 * from a fingerprint twin pays nothing; otherwise the gain is cut to what is left under the daily and the pair caps.
 */
export function capVotePoints(amount: number, c: VoteContext): { amount: number; cappedBy: CapReason | null } {
  if (amount <= 0) return { amount, cappedBy: null };
  if (c.sharedFingerprint) return { amount: 0, cappedBy: 'fingerprint' };
  const dailyLeft = Math.max(0, c.dailyCap - c.earnedToday);
  const pairLeft = Math.max(0, c.pairWeeklyCap - c.pairEarnedThisWeek);
  const paid = Math.min(amount, dailyLeft, pairLeft);
  if (paid === amount) return { amount, cappedBy: null };
  return { amount: paid, cappedBy: dailyLeft <= pairLeft ? 'daily' : 'pair' };
}

export interface VoteFact {
  voterId: number;
  receiverId: number;
  createdAt: number;
}

/** Pairs (voter → receiver) with at least `threshold` votes within one UTC day: serial voting. */
export function findSerialVoting(votes: readonly VoteFact[], threshold: number): { voterId: number; receiverId: number; day: number; votes: number }[] {
  const counts = new Map<string, { voterId: number; receiverId: number; day: number; votes: number }>();
  for (const v of votes) {
    if (v.voterId === v.receiverId) continue;
    const day = dayStart(v.createdAt);
    const key = `${v.voterId}:${v.receiverId}:${day}`;
    const entry = counts.get(key) ?? { voterId: v.voterId, receiverId: v.receiverId, day, votes: 0 };
    entry.votes++;
    counts.set(key, entry);
  }
  return [...counts.values()].filter((e) => e.votes >= threshold).sort((a, b) => a.day - b.day || a.voterId - b.voterId || a.receiverId - b.receiverId);
}

export interface Sighting {
  kind: 'visitor' | 'ip';
  value: string;
  seenAt: number;
}

/** True when both members were seen with the same visitor id or IP address less than a day apart. */
export function sharesFingerprint(voter: readonly Sighting[], receiver: readonly Sighting[]): boolean {
  return voter.some((a) => receiver.some((b) => a.kind === b.kind && a.value === b.value && Math.abs(a.seenAt - b.seenAt) < DAY_MS));
}

export interface Activity {
  /** Account age. */
  ageMs: number;
  /** Published questions and answers. */
  postCount: number;
  reputation: number;
}

/**
 * Trust level from age, activity and reputation: 0 on day one; 1 afterwards; 2 after a week with 10 posts or 200
 * reputation; 3 after a month with 50 posts or 1000 reputation. (Level 4 is only ever set by hand.)
 */
export function trustLevelFrom(a: Activity): number {
  if (a.ageMs < DAY_MS) return 0;
  if (a.ageMs < 7 * DAY_MS || (a.postCount < 10 && a.reputation < 200)) return 1;
  if (a.ageMs < 30 * DAY_MS || (a.postCount < 50 && a.reputation < 1000)) return 2;
  return 3;
}
