/**
 * The two formulas the product shows on its pages: superuser candidate scoring and the member of the month. Both are
 * pure over figures the use cases gather, so the pages print exactly what is computed here.
 */

export const CANDIDATE_WINDOW_DAYS = 90;
export const CANDIDATE_ACTIVE_DAYS = 30;
/** Members below this many accepted answers in the window are not candidates. */
export const CANDIDATE_MIN_ACCEPTED = 5;

export interface CandidateFigures {
  userId: number;
  /** Accepted answers in the last 90 days. */
  accepted: number;
  /** Answers in the last 90 days. */
  answers: number;
  /** Of those, answers accepted or with a positive score. */
  helpful: number;
  /** Median hours from question to this member's answer, for the answers that were the thread's first; null if none. */
  medianFirstAnswerHours: number | null;
  /** Flags raised against this member's posts in the window. */
  flagsAgainst: number;
  /** Distinct days with a post in the last 30 days. */
  activeDays: number;
}

/**
 * score = 3 × accepted + 40 × helpful share + 2 × active days (30 d) + max(0, 24 − median hours to first answer)
 * − 5 × flags against. A member with fewer than CANDIDATE_MIN_ACCEPTED accepted answers scores null (not a candidate).
 */
export function candidateScore(f: CandidateFigures): number | null {
  if (f.accepted < CANDIDATE_MIN_ACCEPTED) return null;
  const helpfulShare = f.answers > 0 ? f.helpful / f.answers : 0;
  const speed = f.medianFirstAnswerHours === null ? 0 : Math.max(0, 24 - f.medianFirstAnswerHours);
  const score = 3 * f.accepted + 40 * helpfulShare + 2 * f.activeDays + speed - 5 * f.flagsAgainst;
  return Math.round(score * 10) / 10;
}

/** Candidates ranked by score (ties: more accepted answers, then lower id); non-candidates are left out. */
export function rankCandidates(figures: readonly CandidateFigures[]): (CandidateFigures & { score: number })[] {
  return figures
    .flatMap((f) => {
      const score = candidateScore(f);
      return score === null ? [] : [{ ...f, score }];
    })
    .sort((a, b) => b.score - a.score || b.accepted - a.accepted || a.userId - b.userId);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface MonthFigures {
  userId: number;
  /** Answers accepted during the month. */
  accepted: number;
  /** Upvotes received on answers during the month. */
  helpfulVotes: number;
  /** First answers to questions that had waited past half the escalation deadline. */
  rescued: number;
}

/** Member of the month score = 10 × accepted answers + 1 × helpful votes + 5 × rescued questions. */
export function monthScore(f: MonthFigures): number {
  return 10 * f.accepted + f.helpfulVotes + 5 * f.rescued;
}

/** The month's member: highest score (ties: more accepted answers, then lower id); null when nobody scored. */
export function pickMemberOfTheMonth(figures: readonly MonthFigures[]): (MonthFigures & { score: number }) | null {
  let best: (MonthFigures & { score: number }) | null = null;
  for (const f of figures) {
    const score = monthScore(f);
    if (score <= 0) continue;
    if (!best || score > best.score || (score === best.score && (f.accepted > best.accepted || (f.accepted === best.accepted && f.userId < best.userId)))) best = { ...f, score };
  }
  return best;
}

/** The month before the one containing `now`, as [start, end) in UTC and its `YYYY-MM` key. */
export function previousMonth(now: number): { key: string; start: number; end: number } {
  const d = new Date(now);
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  return { key: new Date(start).toISOString().slice(0, 7), start, end };
}
