import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { boundLimit, equalsBound, inOneRead, preparedPerConnection } from '../../../db/prepared';
import { acceptedAnswers, answers, questions, users, type Role } from '../../../db/schema/index';
import type { Locale } from '../i18n/index';
import { summarySelect, toSummaries, type QuestionSummary } from './list-questions';
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
  role: Role;
  /** The member's own language. */
  locale: Locale;
  createdAt: number;
  suspendedUntil: number | null;
  counts: { questions: number; answers: number; accepted: number };
  questions: QuestionSummary[];
  answers: MemberAnswer[];
  accepted: MemberAnswer[];
}

const profileQueries = preparedPerConnection((db: Db) => {
  const member = sql.placeholder('member');
  return {
    user: db
      .select({ id: users.id, displayName: users.displayName, role: users.role, locale: users.locale, createdAt: users.createdAt, suspendedUntil: users.suspendedUntil })
      .from(users)
      .where(equalsBound(users.id, member))
      .prepare(),
    questionCount: db.select({ n: count() }).from(questions).where(and(equalsBound(questions.authorId, member), PUBLIC_QUESTION)).prepare(),
    // Every public answer of the member, newest first, in narrow rows: the counts and both lists come from one walk of
    // answers_author_idx (three queries walked it three times, the accepted list to its end).
    answers: db
      .select({ id: answers.id, questionId: answers.questionId, score: answers.score, createdAt: answers.createdAt, acceptedId: acceptedAnswers.answerId })
      .from(answers)
      .innerJoin(questions, eq(questions.id, answers.questionId))
      .leftJoin(acceptedAnswers, eq(acceptedAnswers.answerId, answers.id))
      .where(and(equalsBound(answers.authorId, member), PUBLIC_ANSWER))
      .orderBy(desc(answers.createdAt), desc(answers.id))
      .prepare(),
    titles: db
      .select({ id: questions.id, title: questions.title, slug: questions.slug, locale: questions.locale })
      .from(questions)
      .where(inArray(questions.id, sql`(select value from json_each(${sql.placeholder('ids')}))`))
      .prepare(),
    // The author's list of listQuestions (newest first), without its filters and cursor.
    questions: summarySelect(db)
      .where(and(equalsBound(questions.authorId, member), PUBLIC_QUESTION))
      .orderBy(desc(questions.createdAt), desc(questions.id))
      .limit(boundLimit('limit'))
      .prepare(),
  };
});

/**
 * A member's public profile: counts and their latest questions, answers and accepted answers (queries built once per
 * connection, read in one read transaction).
 */
export function getMemberProfile(db: Db, userId: number, limit = 10): MemberProfile | null {
  return inOneRead(db, () => readMemberProfile(db, userId, limit));
}

function readMemberProfile(db: Db, userId: number, limit: number): MemberProfile | null {
  const q = profileQueries(db);
  const user = q.user.get({ member: userId });
  if (!user) return null;
  // Plain arrays (the select's columns in order): a member may have thousands of answers, and only 20 become objects.
  const all = q.answers.values({ member: userId }) as [id: number, questionId: number, score: number, createdAt: number, acceptedId: number | null][];
  const accepted = all.filter((a) => a[4] !== null);
  const latest = all.slice(0, limit);
  const latestAccepted = accepted.slice(0, limit);
  const titles = new Map(q.titles.all({ ids: JSON.stringify([...new Set([...latest, ...latestAccepted].map((a) => a[1]))]) }).map((t) => [t.id, t]));
  const withTitles = (rows: typeof all): MemberAnswer[] =>
    rows.map(([id, questionId, score, createdAt, acceptedId]) => {
      const t = titles.get(questionId)!;
      return { id, questionId, title: t.title, slug: t.slug, locale: t.locale, score, accepted: acceptedId !== null, createdAt };
    });
  const questionCount = q.questionCount.get({ member: userId })!.n;
  return {
    ...user,
    counts: { questions: questionCount, answers: all.length, accepted: accepted.length },
    questions: questionCount > 0 ? toSummaries(db, q.questions.all({ member: userId, limit })) : [],
    answers: withTitles(latest),
    accepted: withTitles(latestAccepted),
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
