import { kaplanMeierQuantiles, rate, type CensoredQuantile, type Observation } from './statistics';
import type { Period } from './filters';

/**
 * Community KPIs of PRODUCT.md over question facts, pure. A question belongs to the period it was asked in (a cohort):
 * its answer and acceptance count whenever they came, up to `now`.
 */

/** Who answered, by the answerer's role: staff (agents, admins), moderators, superusers, other members. */
export const RESPONDER_TYPES = ['staff', 'moderator', 'superuser', 'member'] as const;
export type ResponderType = (typeof RESPONDER_TYPES)[number];

export function responderTypeOfRole(role: string): ResponderType {
  if (role === 'agent' || role === 'admin') return 'staff';
  if (role === 'moderator' || role === 'superuser') return role;
  return 'member';
}

/** One question as the community KPIs read it. */
export interface QuestionFact {
  id: number;
  createdAt: number;
  firstAnswerAt: number | null;
  firstAnswerBy: ResponderType | null;
  acceptedAt: number | null;
  /** Who wrote the accepted answer. */
  acceptedBy: ResponderType | null;
}

/** Elapsed time between two instants as a report counts it: wall-clock, or business hours of a calendar. */
export type Measure = (from: number, to: number) => number;
export const WALL_CLOCK: Measure = (from, to) => to - from;

export function inPeriod(t: number, period: Period): boolean {
  return t >= period.from && t < period.to;
}

export interface WaitFigures {
  /** Questions of the cohort. */
  questions: number;
  /** Of which the event (answer, acceptance) happened by `now`. */
  reached: number;
  /** Still waiting at `now` (censored at their current wait). */
  waiting: number;
  median: CensoredQuantile;
  p90: CensoredQuantile;
}

function waits(facts: readonly QuestionFact[], at: (f: QuestionFact) => number | null, now: number, measure: Measure, counts: (f: QuestionFact) => boolean = () => true): WaitFigures {
  const observations: Observation[] = [];
  let reached = 0;
  for (const f of facts) {
    if (f.createdAt > now) continue;
    const t = at(f);
    const happened = t !== null && t <= now && counts(f);
    if (happened) reached++;
    // An event of another kind (another responder type) ends the wait for this kind: censored at that time.
    const end = t !== null && t <= now ? t : now;
    observations.push({ ms: Math.max(0, measure(f.createdAt, end)), event: happened });
  }
  const [median, p90] = kaplanMeierQuantiles(observations, [0.5, 0.9]);
  return { questions: observations.length, reached, waiting: observations.length - reached, median: median!, p90: p90! };
}

/**
 * Time to first answer of a cohort of questions (pass those asked in the period), median and p90, counting unanswered questions as still waiting (Kaplan–Meier, censored at
 * `now`), measured by `measure` (business hours in the reports).
 */
export function timeToFirstAnswer(facts: readonly QuestionFact[], now: number, measure: Measure = WALL_CLOCK): WaitFigures {
  return waits(facts, (f) => f.firstAnswerAt, now, measure);
}

/** Time to accepted answer, same method: questions without an accepted answer are still waiting. */
export function timeToAcceptedAnswer(facts: readonly QuestionFact[], now: number, measure: Measure = WALL_CLOCK): WaitFigures {
  return waits(facts, (f) => f.acceptedAt, now, measure);
}

/**
 * Time to first answer by responder type: for each type, the wait until a first answer by that type (cause-specific
 * Kaplan–Meier: a first answer by another type ends the question's wait for this one, censored then).
 */
export function timeToFirstAnswerByResponder(facts: readonly QuestionFact[], now: number, measure: Measure = WALL_CLOCK): Record<ResponderType, WaitFigures> {
  return Object.fromEntries(RESPONDER_TYPES.map((type) => [type, waits(facts, (f) => f.firstAnswerAt, now, measure, (f) => f.firstAnswerBy === type)])) as Record<ResponderType, WaitFigures>;
}

export interface CommunityFigures {
  questions: number;
  answered: number;
  solved: number;
  /** questions with ≥1 answer ÷ questions */
  answerRate: number | null;
  /** questions with an accepted answer ÷ questions */
  solvedRate: number | null;
  /** questions whose first answer came from a non-staff member ÷ questions with an answer */
  communityShare: number | null;
  /** accepted answers written by non-staff members ÷ questions with an accepted answer */
  communityAcceptedShare: number | null;
  /** First answers per responder type (the responder-type split). */
  firstAnswersBy: Record<ResponderType, number>;
  acceptedBy: Record<ResponderType, number>;
}

const zeroByType = (): Record<ResponderType, number> => ({ staff: 0, moderator: 0, superuser: 0, member: 0 });

/** Answer rate, solved rate and community share of the questions asked in `period`, as of `now`. */
export function communityFigures(facts: readonly QuestionFact[], period: Period, now: number): CommunityFigures {
  const firstAnswersBy = zeroByType();
  const acceptedBy = zeroByType();
  let questions = 0;
  let answered = 0;
  let solved = 0;
  for (const f of facts) {
    if (!inPeriod(f.createdAt, period) || f.createdAt > now) continue;
    questions++;
    if (f.firstAnswerAt !== null && f.firstAnswerAt <= now) {
      answered++;
      if (f.firstAnswerBy) firstAnswersBy[f.firstAnswerBy]++;
    }
    if (f.acceptedAt !== null && f.acceptedAt <= now) {
      solved++;
      if (f.acceptedBy) acceptedBy[f.acceptedBy]++;
    }
  }
  return {
    questions,
    answered,
    solved,
    answerRate: rate(answered, questions),
    solvedRate: rate(solved, questions),
    communityShare: rate(answered - firstAnswersBy.staff, answered),
    communityAcceptedShare: rate(solved - acceptedBy.staff, solved),
    firstAnswersBy,
    acceptedBy,
  };
}

/** One escalation of a thread to a case (the cases branch's `escalations` table). */
export interface EscalationFact {
  questionId: number;
  trigger: string;
  createdAt: number;
}

export interface EscalationFigures {
  questions: number;
  escalated: number;
  /** questions escalated to a case ÷ questions */
  rate: number | null;
  /** Per trigger: questions escalated by it ÷ questions (a question escalated twice counts once per trigger). */
  byTrigger: { trigger: string; questions: number; rate: number | null }[];
}

/** Escalation rate of the questions asked in `period` (escalated by `now`), overall and by trigger. */
export function escalationFigures(facts: readonly QuestionFact[], escalations: readonly EscalationFact[], period: Period, now: number): EscalationFigures {
  const cohort = new Set(facts.filter((f) => inPeriod(f.createdAt, period) && f.createdAt <= now).map((f) => f.id));
  const escalated = new Set<number>();
  const byTrigger = new Map<string, Set<number>>();
  for (const e of escalations) {
    if (!cohort.has(e.questionId) || e.createdAt > now) continue;
    escalated.add(e.questionId);
    let set = byTrigger.get(e.trigger);
    if (!set) byTrigger.set(e.trigger, (set = new Set()));
    set.add(e.questionId);
  }
  return {
    questions: cohort.size,
    escalated: escalated.size,
    rate: rate(escalated.size, cohort.size),
    byTrigger: [...byTrigger]
      .map(([trigger, set]) => ({ trigger, questions: set.size, rate: rate(set.size, cohort.size) }))
      .sort((a, b) => b.questions - a.questions || a.trigger.localeCompare(b.trigger)),
  };
}

/** An answer as the superuser report reads it. */
export interface AnswerFact {
  authorId: number;
  authorName: string;
  responder: ResponderType;
  createdAt: number;
  /** When it was accepted (null: not accepted). */
  acceptedAt: number | null;
}

export interface SuperuserFigures {
  answers: number;
  superuserAnswers: number;
  /** superusers' answers ÷ answers */
  superuserAnswerShare: number | null;
  accepted: number;
  superuserAccepted: number;
  superuserAcceptedShare: number | null;
  /** Members and superusers by accepted answers then answers in the period (staff left out), best first. */
  top: { authorId: number; name: string; responder: ResponderType; answers: number; accepted: number }[];
}

/** Answers written and answers accepted in `period`, and the share of superusers in each. */
export function superuserFigures(answers: readonly AnswerFact[], period: Period, limit = 10): SuperuserFigures {
  let count = 0;
  let superuserAnswers = 0;
  let accepted = 0;
  let superuserAccepted = 0;
  const people = new Map<number, { authorId: number; name: string; responder: ResponderType; answers: number; accepted: number }>();
  const person = (a: AnswerFact) => {
    let p = people.get(a.authorId);
    if (!p) people.set(a.authorId, (p = { authorId: a.authorId, name: a.authorName, responder: a.responder, answers: 0, accepted: 0 }));
    return p;
  };
  for (const a of answers) {
    if (inPeriod(a.createdAt, period)) {
      count++;
      if (a.responder === 'superuser') superuserAnswers++;
      if (a.responder !== 'staff') person(a).answers++;
    }
    if (a.acceptedAt !== null && inPeriod(a.acceptedAt, period)) {
      accepted++;
      if (a.responder === 'superuser') superuserAccepted++;
      if (a.responder !== 'staff') person(a).accepted++;
    }
  }
  const top = [...people.values()].sort((a, b) => b.accepted - a.accepted || b.answers - a.answers || a.authorId - b.authorId).slice(0, limit);
  return {
    answers: count,
    superuserAnswers,
    superuserAnswerShare: rate(superuserAnswers, count),
    accepted,
    superuserAccepted,
    superuserAcceptedShare: rate(superuserAccepted, accepted),
    top,
  };
}
