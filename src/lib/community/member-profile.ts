import { and, count, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { acceptedAnswers, answers, questions, users } from '../../../db/schema/index';
import { listQuestions, type QuestionSummary } from './list-questions';
import { PUBLIC_ANSWER, PUBLIC_QUESTION } from './visibility';

export interface MemberAnswer {
  id: number;
  questionId: number;
  title: string;
  slug: string;
  locale: 'es' | 'en';
  score: number;
  accepted: boolean;
  createdAt: number;
}

export interface MemberProfile {
  id: number;
  displayName: string;
  role: string;
  createdAt: number;
  suspendedUntil: number | null;
  counts: { questions: number; answers: number; accepted: number };
  questions: QuestionSummary[];
  answers: MemberAnswer[];
  accepted: MemberAnswer[];
}

function memberAnswers(db: Db, userId: number, onlyAccepted: boolean, limit: number): MemberAnswer[] {
  return db
    .select({
      id: answers.id,
      questionId: questions.id,
      title: questions.title,
      slug: questions.slug,
      locale: questions.locale,
      score: answers.score,
      acceptedId: acceptedAnswers.answerId,
      createdAt: answers.createdAt,
    })
    .from(answers)
    .innerJoin(questions, eq(questions.id, answers.questionId))
    .leftJoin(acceptedAnswers, eq(acceptedAnswers.answerId, answers.id))
    .where(
      and(
        eq(answers.authorId, userId),
        PUBLIC_ANSWER,
        onlyAccepted ? sql`${acceptedAnswers.answerId} is not null` : undefined,
      ),
    )
    .orderBy(desc(answers.createdAt), desc(answers.id))
    .limit(limit)
    .all()
    .map((r) => ({ id: r.id, questionId: r.questionId, title: r.title, slug: r.slug, locale: r.locale, score: r.score, accepted: r.acceptedId !== null, createdAt: r.createdAt }));
}

/** A member's public profile: counts and their latest questions, answers and accepted answers (a few queries). */
export function getMemberProfile(db: Db, userId: number, limit = 10): MemberProfile | null {
  const user = db
    .select({ id: users.id, displayName: users.displayName, role: users.role, createdAt: users.createdAt, suspendedUntil: users.suspendedUntil })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user) return null;
  const answersOf = (accepted: boolean) =>
    db
      .select({ n: count() })
      .from(answers)
      .innerJoin(questions, eq(questions.id, answers.questionId))
      .leftJoin(acceptedAnswers, eq(acceptedAnswers.answerId, answers.id))
      .where(and(eq(answers.authorId, userId), PUBLIC_ANSWER, accepted ? isNotNull(acceptedAnswers.answerId) : undefined))
      .get()!.n;
  const counts = {
    questions: db.select({ n: count() }).from(questions).where(and(eq(questions.authorId, userId), PUBLIC_QUESTION)).get()!.n,
    answers: answersOf(false),
    accepted: answersOf(true),
  };
  return {
    ...user,
    counts,
    questions: listQuestions(db, { author: userId, limit }).items,
    answers: memberAnswers(db, userId, false, limit),
    accepted: memberAnswers(db, userId, true, limit),
  };
}

/** schema.org ProfilePage for a member page. */
export function profilePageJsonLd(profile: MemberProfile, url: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'ProfilePage',
    url,
    dateCreated: new Date(profile.createdAt).toISOString(),
    mainEntity: {
      '@type': 'Person',
      name: profile.displayName,
      identifier: String(profile.id),
      interactionStatistic: [
        { '@type': 'InteractionCounter', interactionType: 'https://schema.org/WriteAction', userInteractionCount: profile.counts.questions + profile.counts.answers },
      ],
    },
  };
}
