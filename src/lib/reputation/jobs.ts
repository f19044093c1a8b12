import { and, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { boundLimit, equalsBound, preparedPerConnection } from '../../../db/prepared';
import { LOCALES } from '../../../db/schema/accounts';
import { membersOfTheMonth, pointsLedger, users } from '../../../db/schema/index';
import { recordModeration } from '../moderation/audit';
import { loadSettings, reverseEntries } from './ledger';
import { DAY_MS, dayStart, findSerialVoting } from './rules';
import { pickMemberOfTheMonth, previousMonth, type MonthFigures } from './scoring';
import { applyRankingScores } from './recalc';
import { runSuperuserProbation } from './superusers';

/**
 * Serial voting: a member who cast `serialVotes` or more votes on another member's posts within a UTC day (today or
 * yesterday) loses those votes' points for the receiver. Each reversal is in the audit log. Idempotent.
 */
export function runAntiGaming(db: Db, now: number): { pairs: number; reversedRows: number } {
  const { serialVotes } = loadSettings(db);
  const since = dayStart(now) - DAY_MS;
  const facts = db.all<{ voterId: number; receiverId: number; createdAt: number }>(
    sql`select v.user_id as voterId, coalesce(a.author_id, q.author_id) as receiverId, v.created_at as createdAt
        from votes v left join answers a on a.id = v.post_id left join questions q on q.id = v.post_id
        where v.created_at >= ${since}`,
  );
  let reversedRows = 0;
  const pairs = findSerialVoting(facts, serialVotes);
  for (const p of pairs) {
    db.transaction((tx) => {
      const rows = tx
        .select()
        .from(pointsLedger)
        .where(
          and(
            eq(pointsLedger.userId, p.receiverId),
            eq(pointsLedger.actorId, p.voterId),
            eq(pointsLedger.source, 'vote'),
            isNull(pointsLedger.reversedBy),
            isNull(pointsLedger.reversesId),
            gte(pointsLedger.createdAt, p.day),
            lt(pointsLedger.createdAt, p.day + DAY_MS),
          ),
        )
        .all();
      if (rows.length === 0) return;
      reverseEntries(tx, rows, 'serial.voting', now);
      reversedRows += rows.length;
      const points = rows.reduce((s, r) => s + r.amount, 0);
      recordModeration(tx, { actorId: null, action: 'reputation.serialVoting', targetType: 'user', targetId: p.receiverId, reason: 'serial voting', data: { voterId: p.voterId, day: p.day, votes: p.votes, points } }, now);
    });
  }
  return { pairs: pairs.length, reversedRows };
}

/** First answers given this long after the question count as rescuing a question heading for escalation. */
export const RESCUE_AFTER_MS = 12 * 3600_000;

/** The month's figures per member in one locale (staff excluded), from the facts. */
export function monthFigures(db: Db, locale: 'es' | 'en', start: number, end: number, rescueAfterMs = RESCUE_AFTER_MS): MonthFigures[] {
  const rows = db.all<{ userId: number; accepted: number; helpfulVotes: number; rescued: number }>(
    sql`with
      acc as (select a.author_id as u, count(*) as n from accepted_answers aa join answers a on a.id = aa.answer_id join questions q on q.id = aa.question_id
              where aa.accepted_at >= ${start} and aa.accepted_at < ${end} and q.locale = ${locale} and q.author_id <> a.author_id and a.deleted_at is null and q.deleted_at is null group by 1),
      vot as (select a.author_id as u, count(*) as n from votes v join answers a on a.id = v.post_id join questions q on q.id = a.question_id
              where v.value = 1 and v.created_at >= ${start} and v.created_at < ${end} and q.locale = ${locale} and a.deleted_at is null group by 1),
      res as (select a.author_id as u, count(*) as n from answers a join questions q on q.id = a.question_id
              where a.created_at >= ${start} and a.created_at < ${end} and q.locale = ${locale} and a.deleted_at is null and q.author_id <> a.author_id
                and a.created_at - q.created_at >= ${rescueAfterMs}
                and not exists (select 1 from answers a2 where a2.question_id = a.question_id and (a2.created_at < a.created_at or (a2.created_at = a.created_at and a2.id < a.id))) group by 1),
      ids as (select u from acc union select u from vot union select u from res)
      select ids.u as userId, coalesce(acc.n, 0) as accepted, coalesce(vot.n, 0) as helpfulVotes, coalesce(res.n, 0) as rescued
      from ids left join acc on acc.u = ids.u left join vot on vot.u = ids.u left join res on res.u = ids.u
      join users usr on usr.id = ids.u where usr.role not in ('agent', 'admin')`,
  );
  return rows;
}

/** On (or after) the first day of a month: names last month's member per locale, once (history is kept). */
export function runMemberOfTheMonth(db: Db, now: number): { named: number } {
  const month = previousMonth(now);
  let named = 0;
  for (const locale of LOCALES) {
    const exists = db.get<{ n: number }>(sql`select count(*) as n from members_of_the_month where month = ${month.key} and locale = ${locale}`)!.n;
    if (exists) continue;
    const pick = pickMemberOfTheMonth(monthFigures(db, locale, month.start, month.end));
    if (!pick) continue;
    db.insert(membersOfTheMonth)
      .values({ month: month.key, locale, userId: pick.userId, score: pick.score, figures: { accepted: pick.accepted, helpfulVotes: pick.helpfulVotes, rescued: pick.rescued }, computedAt: now })
      .onConflictDoNothing()
      .run();
    named++;
  }
  return { named };
}

export interface MemberOfTheMonth {
  month: string;
  locale: 'es' | 'en';
  userId: number;
  displayName: string;
  score: number;
  figures: { accepted: number; helpfulVotes: number; rescued: number };
}

const historyQueries = preparedPerConnection((db: Db) => {
  const history = (where: SQL | undefined) =>
    db
      .select({ m: membersOfTheMonth, displayName: users.displayName })
      .from(membersOfTheMonth)
      .innerJoin(users, eq(users.id, membersOfTheMonth.userId))
      .where(where)
      .orderBy(sql`${membersOfTheMonth.month} desc`, membersOfTheMonth.locale)
      .limit(boundLimit('limit'))
      .prepare();
  return {
    all: history(undefined),
    ofLocale: history(equalsBound(membersOfTheMonth.locale, sql.placeholder('locale'))),
    ofMember: history(equalsBound(membersOfTheMonth.userId, sql.placeholder('userId'))),
  };
});

/** History, newest first; optionally of one locale or of one member. */
export function membersOfTheMonthHistory(db: Db, options: { limit?: number } & ({ locale?: 'es' | 'en'; userId?: undefined } | { userId: number; locale?: undefined }) = {}): MemberOfTheMonth[] {
  const q = historyQueries(db);
  const limit = options.limit ?? 24;
  const rows = options.userId ? q.ofMember.all({ userId: options.userId, limit }) : options.locale ? q.ofLocale.all({ locale: options.locale, limit }) : q.all.all({ limit });
  return rows.map(({ m, displayName }) => ({ ...m, displayName, figures: m.figures as MemberOfTheMonth['figures'] }));
}

/** The periodic reputation work, for the scheduler (src/lib/server/jobs.ts). */
export function runReputationJobs(db: Db, now: number) {
  return { rankings: applyRankingScores(db), antiGaming: runAntiGaming(db, now), probation: runSuperuserProbation(db, now), memberOfTheMonth: runMemberOfTheMonth(db, now) };
}
