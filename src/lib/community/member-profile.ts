import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { boundLimit, equalsBound, inOneRead, preparedPerConnection } from '../../../db/prepared';
import { answers, memberListVersions, memberPostCounts, questions, users, type Role } from '../../../db/schema/index';
import type { Locale } from '../i18n/index';
import { summarySelect, toSummaries, type QuestionSummary, type SummaryValues } from './list-questions';
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

/** A member page's header: who, since when, the counts, and the version of what the page lists. */
export interface MemberSummary {
  id: number;
  displayName: string;
  role: Role;
  /** The member's own language. */
  locale: Locale;
  createdAt: number;
  suspendedUntil: number | null;
  counts: { questions: number; answers: number; accepted: number };
  /** Bumped by triggers at every change to what the lists show (member_list_versions; 0: never changed). */
  listVersion: number;
}

/** The member's latest public questions, answers and accepted answers. */
export interface MemberLists {
  questions: QuestionSummary[];
  answers: MemberAnswer[];
  accepted: MemberAnswer[];
}

export interface MemberProfile extends MemberSummary, MemberLists {}

const profileQueries = preparedPerConnection((db: Db) => {
  const member = sql.placeholder('member');
  // The member's public answers, newest first, with their threads' titles (`accepted`: only the accepted ones, from
  // answers_author_accepted_idx; the literal `= 1` lets SQLite use that partial index).
  const answersOf = (accepted: boolean) =>
    db
      .select({ id: answers.id, questionId: answers.questionId, score: answers.score, createdAt: answers.createdAt, accepted: answers.accepted, title: questions.title, slug: questions.slug, locale: questions.locale })
      .from(answers)
      .innerJoin(questions, eq(questions.id, answers.questionId))
      .where(
        and(
          equalsBound(answers.authorId, member),
          accepted ? sql`${answers.accepted} = 1` : undefined,
          PUBLIC_ANSWER,
        ),
      )
      .orderBy(desc(answers.createdAt), desc(answers.id))
      .limit(boundLimit('limit'))
      .prepare();
  return {
    // The counts come from member_post_counts (kept by triggers): no walk of every post of the member.
    user: db
      .select({
        id: users.id,
        displayName: users.displayName,
        role: users.role,
        locale: users.locale,
        createdAt: users.createdAt,
        suspendedUntil: users.suspendedUntil,
        questions: sql<number>`coalesce(${memberPostCounts.questions}, 0)`,
        answers: sql<number>`coalesce(${memberPostCounts.answers}, 0)`,
        accepted: sql<number>`coalesce(${memberPostCounts.accepted}, 0)`,
        listVersion: sql<number>`coalesce((select ${memberListVersions.version} from ${memberListVersions} where ${memberListVersions.userId} = ${users.id}), 0)`,
      })
      .from(users)
      .leftJoin(memberPostCounts, eq(memberPostCounts.userId, users.id))
      .where(equalsBound(users.id, member))
      .prepare(),
    answers: answersOf(false),
    accepted: answersOf(true),
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
  return inOneRead(db, () => {
    const summary = readMemberSummary(db, userId);
    return summary && { ...summary, ...readMemberLists(db, summary, limit) };
  });
}

type AnswerRow = [id: number, questionId: number, score: number, createdAt: number, accepted: 0 | 1, title: string, slug: string, locale: 'es' | 'en'];

/** The member page's header, or null for no such member. */
export function readMemberSummary(db: Db, userId: number): MemberSummary | null {
  const row = profileQueries(db).user.get({ member: userId });
  if (!row) return null;
  const { questions: questionCount, answers: answerCount, accepted: acceptedCount, ...user } = row;
  return { ...user, counts: { questions: questionCount, answers: answerCount, accepted: acceptedCount } };
}

/** The member's latest `limit` public questions, answers and accepted answers (none read where the counts say none). */
export function readMemberLists(db: Db, summary: MemberSummary, limit = 10): MemberLists {
  const q = profileQueries(db);
  const member = summary.id;
  // Plain arrays (the select's columns in order) cost less than drizzle's row objects.
  const listed = (query: typeof q.answers, count: number): MemberAnswer[] =>
    count === 0
      ? []
      : (query.values({ member, limit }) as AnswerRow[]).map(([id, questionId, score, createdAt, accepted, title, slug, locale]) => ({ id, questionId, title, slug, locale, score, accepted: accepted === 1, createdAt }));
  return {
    questions: summary.counts.questions > 0 ? toSummaries(db, q.questions.values({ member, limit }) as SummaryValues[]) : [],
    answers: listed(q.answers, summary.counts.answers),
    accepted: listed(q.accepted, summary.counts.accepted),
  };
}

/** schema.org ProfilePage for a member page. */
export function profilePageJsonLd(profile: MemberSummary, url: string) {
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
