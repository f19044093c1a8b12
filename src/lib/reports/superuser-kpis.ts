import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { inPeriod, responderTypeOfRole, WALL_CLOCK, type AnswerFact, type Measure } from './community-kpis';
import type { Period } from './filters';
import { scopeWhere, type ReportScope } from './load';
import { quantile, rate } from './statistics';

/**
 * The superuser program's KPIs from the reputation domain's facts: who was a superuser when (the nominations a member
 * accepted, until revoked), the answers they wrote and got accepted, how soon after the question they answered, and
 * the points they earned (the points ledger).
 */

/** A time a member was a superuser: from accepting the nomination until revoked (to null: still one). */
export interface Tenure {
  userId: number;
  from: number;
  to: number | null;
}

/** Pure: whether `userId` was a superuser at `t`. */
export function superuserAt(tenures: ReadonlyMap<number, readonly Tenure[]>, userId: number, t: number): boolean {
  return (tenures.get(userId) ?? []).some((x) => x.from <= t && (x.to === null || t < x.to));
}

/** Pure: whether `userId` was a superuser at any time in `period`. */
export function superuserDuring(tenures: ReadonlyMap<number, readonly Tenure[]>, userId: number, period: Period): boolean {
  return (tenures.get(userId) ?? []).some((x) => x.from < period.to && (x.to === null || x.to > period.from));
}

/**
 * The tenures: each accepted nomination (on probation, active, or revoked later) from its answer to its revocation;
 * a member given the superuser role by hand, without an accepted nomination, counts as one since always.
 */
export function loadTenures(db: Db): Map<number, Tenure[]> {
  const rows = db.all<Tenure>(sql`
    select user_id as userId, responded_at as "from", revoked_at as "to" from superuser_nominations
    where status in ('probation', 'active', 'revoked') and responded_at is not null
    union all
    select u.id, 0, null from users u
    where u.role = 'superuser' and not exists (select 1 from superuser_nominations n where n.user_id = u.id and n.status in ('probation', 'active', 'revoked') and n.responded_at is not null)`);
  const out = new Map<number, Tenure[]>();
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r]);
  return out;
}

/** An answer as the superuser KPIs read it: when its question was asked too. */
export interface ProgramAnswer extends AnswerFact {
  questionId: number;
  questionCreatedAt: number;
}

/**
 * The answers written or accepted in `range` within the scope (the question's locale and category), each with its
 * responder type at the time it was written: a superuser by tenure, else by role (a former superuser is a member).
 */
export function loadProgramAnswers(db: Db, scope: ReportScope, range: Period, tenures: ReadonlyMap<number, readonly Tenure[]>): ProgramAnswer[] {
  const rows = db.all<{ authorId: number; authorName: string; role: string; createdAt: number; acceptedAt: number | null; questionId: number; questionCreatedAt: number }>(sql`
    select a.author_id as authorId, u.display_name as authorName, u.role, a.created_at as createdAt, aa.accepted_at as acceptedAt, q.id as questionId, q.created_at as questionCreatedAt
    from answers a join users u on u.id = a.author_id join questions q on q.id = a.question_id
    left join accepted_answers aa on aa.answer_id = a.id
    where a.status = 'published' and a.deleted_at is null and q.deleted_at is null
      and ((a.created_at >= ${range.from} and a.created_at < ${range.to}) or (aa.accepted_at >= ${range.from} and aa.accepted_at < ${range.to}))
      and ${scopeWhere(scope, 'q')}`);
  return rows.map((r) => {
    const byRole = responderTypeOfRole(r.role);
    const responder = superuserAt(tenures, r.authorId, r.createdAt) ? 'superuser' : byRole === 'superuser' ? 'member' : byRole;
    return { authorId: r.authorId, authorName: r.authorName, responder, createdAt: r.createdAt, acceptedAt: r.acceptedAt, questionId: r.questionId, questionCreatedAt: r.questionCreatedAt };
  });
}

/** Points earned per member in `range` within the scope (the ledger rows' locale and category), reversals included. */
export function loadPointsByMember(db: Db, scope: ReportScope, range: Period): Map<number, number> {
  const rows = db.all<{ userId: number; points: number }>(sql`
    select user_id as userId, sum(amount) as points from points_ledger p
    where p.created_at >= ${range.from} and p.created_at < ${range.to} and p.source <> 'reward' and ${scopeWhere(scope, 'p')}
    group by user_id`);
  return new Map(rows.map((r) => [r.userId, r.points]));
}

/** Points earned per member and the time each row was written (for points earned while a superuser). */
export interface PointsFact {
  userId: number;
  amount: number;
  at: number;
}

export function loadPointsFacts(db: Db, scope: ReportScope, range: Period, userIds: readonly number[]): PointsFact[] {
  if (userIds.length === 0) return [];
  return db.all<PointsFact>(sql`
    select user_id as userId, amount, created_at as at from points_ledger p
    where p.user_id in (${sql.join(
      userIds.map((id) => sql`${id}`),
      sql`, `,
    )}) and p.created_at >= ${range.from} and p.created_at < ${range.to} and p.source <> 'reward' and ${scopeWhere(scope, 'p')}`);
}

export interface ProgramFigures {
  /** Members who were superusers at some time in the period. */
  superusers: number;
  /** … of whom wrote at least one answer in it. */
  activeSuperusers: number;
  /** Median and p90 time from a question to a superuser's first answer on it (by `measure`), over the answers written in the period. */
  responseMedian: number | null;
  responseP90: number | null;
  /** Points superusers earned while superusers, and their share of all points earned in the period (rewards left out). */
  superuserPoints: number;
  superuserPointsShare: number | null;
}

/**
 * Pure: the program's figures for `period`. `answers` may hold answers outside the period (accepted in it); the
 * response times take each superuser's first answer per question written in the period, measured like the community's
 * waits (business hours in the reports).
 */
export function programFigures(answers: readonly ProgramAnswer[], points: readonly PointsFact[], allPoints: number, tenures: ReadonlyMap<number, readonly Tenure[]>, period: Period, measure: Measure = WALL_CLOCK): ProgramFigures {
  const members = [...tenures.keys()].filter((id) => superuserDuring(tenures, id, period));
  const active = new Set<number>();
  const first = new Map<string, number>();
  for (const a of answers) {
    if (a.responder !== 'superuser' || !inPeriod(a.createdAt, period)) continue;
    active.add(a.authorId);
    const key = `${a.authorId}:${a.questionId}`;
    const wait = Math.max(0, measure(a.questionCreatedAt, a.createdAt));
    const had = first.get(key);
    if (had === undefined || wait < had) first.set(key, wait);
  }
  const waits = [...first.values()];
  const superuserPoints = points.filter((p) => inPeriod(p.at, period) && superuserAt(tenures, p.userId, p.at)).reduce((s, p) => s + p.amount, 0);
  return {
    superusers: members.length,
    activeSuperusers: active.size,
    responseMedian: quantile(waits, 0.5),
    responseP90: quantile(waits, 0.9),
    superuserPoints,
    superuserPointsShare: allPoints > 0 ? rate(superuserPoints, allPoints) : null,
  };
}
