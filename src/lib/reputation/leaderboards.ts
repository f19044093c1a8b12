import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { boundLimit, equalsBound, inOneRead, preparedPerConnection } from '../../../db/prepared';
import { LOCALES } from '../../../db/schema/accounts';
import { reputationScores, users } from '../../../db/schema/index';
import { DomainError } from '../errors';
import { parseInput } from '../validation';
import { monthKey, weekKey } from './rules';

export const LEADERBOARD_PERIODS = ['all', 'month', 'week'] as const;

export const leaderboardQuerySchema = z.object({
  period: z.enum(LEADERBOARD_PERIODS, { error: 'field.invalid' }).default('all'),
  locale: z.preprocess((v) => (v === '' ? undefined : v), z.enum(LOCALES, { error: 'field.invalid' }).optional()),
  category: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(64, { error: 'field.tooLong' }).optional()),
  tag: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(35, { error: 'field.tooLong' }).optional()),
  /** Staff (agents, admins) are left out unless asked for. */
  staff: z.preprocess((v) => v === true || v === '1' || v === 'true' || v === 'on', z.boolean()).default(false),
  cursor: z
    .string()
    .regex(/^-?\d{1,10}:\d{1,10}$/, { error: 'field.invalid' })
    .optional(),
  limit: z.coerce.number({ error: 'field.invalid' }).int().min(1, { error: 'field.invalid' }).max(100, { error: 'field.invalid' }).default(25),
});
export type LeaderboardQuery = z.infer<typeof leaderboardQuerySchema>;

export interface LeaderboardEntry {
  rank: number;
  userId: number;
  displayName: string;
  role: string;
  points: number;
}

/**
 * The scope a leaderboard reads: a category or a tag (all-time), else the period, in one locale or all. Periods are
 * UTC calendar months and Monday-started weeks.
 */
export function leaderboardScope(db: Db, q: Pick<LeaderboardQuery, 'period' | 'locale' | 'category' | 'tag'>, now: number): string {
  if (q.category) {
    const c = db.get<{ id: number }>(sql`select id from categories where slug = ${q.category}`);
    if (!c) throw new DomainError('INVALID', 'Unknown category.', { category: 'field.unknownCategory' });
    return `c:${c.id}`;
  }
  if (q.tag) {
    const t = db.get<{ id: number }>(sql`select id from tags where name = ${q.tag.toLowerCase()}`);
    if (!t) throw new DomainError('INVALID', 'Unknown tag.', { tag: 'field.unknownTag' });
    return `t:${t.id}`;
  }
  const base = q.period === 'month' ? `m:${monthKey(now)}` : q.period === 'week' ? `w:${weekKey(now)}` : 'all';
  return q.locale ? `${base}|${q.locale}` : base;
}

/** A leaderboard page, keyset-paged on (points desc, member id asc); ranks count only the members shown. */
export function leaderboard(db: Db, input: unknown, now: number): { scope: string; query: LeaderboardQuery; items: LeaderboardEntry[]; nextCursor: string | null } {
  const q = parseInput(leaderboardQuerySchema, input);
  return inOneRead(db, () => readLeaderboard(db, q, now));
}

/**
 * The leaderboard's rows and the count of members ahead of a page's first row, built once per connection for each
 * shape (staff left out or not, after a cursor or not); the scope and cursor are bound (`in (?)`, `+?`: planned once,
 * db/prepared.ts) and the page size with `limit +?`.
 */
const boardQueries = preparedPerConnection((db: Db) => {
  const s = reputationScores;
  const scope = equalsBound(s.scope, sql.placeholder('scope'));
  const notStaff = sql`${users.role} not in ('agent', 'admin')`;
  const afterCursor = sql`(${s.points} < +${sql.placeholder('points')} or (${s.points} in (${sql.placeholder('points')}) and ${s.userId} > ${sql.placeholder('userId')}))`;
  const rows = (staff: boolean, cursor: boolean) =>
    db
      .select({ userId: s.userId, displayName: users.displayName, role: users.role, points: s.points })
      .from(s)
      .innerJoin(users, eq(users.id, s.userId))
      .where(and(scope, sql`${s.points} > 0`, staff ? undefined : notStaff, cursor ? afterCursor : undefined))
      .orderBy(desc(s.points), asc(s.userId))
      .limit(boundLimit('limit'))
      .prepare();
  // Who is ahead of a page's first row (points > 0 follows from its own): two ranges of the rank index, less the
  // staff ahead when they are left out (as rankOf counts; joining users to every member ahead walked the scope).
  const points = sql.placeholder('points');
  const userId = sql.placeholder('userId');
  const everyoneAhead = sql<number>`(select count(*) from reputation_scores where scope in (${sql.placeholder('scope')}) and points > +${points})
    + (select count(*) from reputation_scores where scope in (${sql.placeholder('scope')}) and points in (${points}) and user_id < ${userId})`;
  const staffAhead = sql<number>`(select count(*) from users u cross join reputation_scores s on s.scope in (${sql.placeholder('scope')}) and s.user_id = u.id
    where u.role in ('agent', 'admin') and (s.points > +${points} or (s.points in (${points}) and s.user_id < ${userId})))`;
  const ahead = (staff: boolean) =>
    db
      .select({ n: staff ? everyoneAhead : sql<number>`${everyoneAhead} - ${staffAhead}` })
      .from(sql`(select 1)`)
      .prepare();
  return {
    rows: { staff: rows(true, false), staffAfter: rows(true, true), members: rows(false, false), membersAfter: rows(false, true) },
    ahead: { staff: ahead(true), members: ahead(false) },
  };
});

function readLeaderboard(db: Db, q: LeaderboardQuery, now: number): { scope: string; query: LeaderboardQuery; items: LeaderboardEntry[]; nextCursor: string | null } {
  const scope = leaderboardScope(db, q, now);
  const queries = boardQueries(db);
  const [cp, cu] = q.cursor ? q.cursor.split(':').map(Number) : [null, null];
  const rowsQuery = q.staff ? (cp === null ? queries.rows.staff : queries.rows.staffAfter) : cp === null ? queries.rows.members : queries.rows.membersAfter;
  const rows = rowsQuery.values({ scope, points: cp, userId: cu, limit: q.limit + 1 }) as [userId: number, displayName: string, role: string, points: number][];
  const more = rows.length > q.limit;
  if (more) rows.pop();
  // Without a cursor the first row is the scope's first: no one is ahead of it.
  const first = rows[0];
  const rank = first && cp !== null ? (q.staff ? queries.ahead.staff : queries.ahead.members).get({ scope, points: first[3], userId: first[0] })!.n : 0;
  const items = rows.map(([userId, displayName, role, points], i) => ({ userId, displayName, role, points, rank: rank + i + 1 }));
  const last = items.at(-1);
  return { scope, query: q, items, nextCursor: more && last ? `${last.points}:${last.userId}` : null };
}

const rankQueries = preparedPerConnection((db: Db) => {
  const points = sql.placeholder('points');
  const userId = sql.placeholder('userId');
  return {
    points: db
      .select({ points: reputationScores.points })
      .from(reputationScores)
      .where(and(sql`${reputationScores.scope} = 'all'`, equalsBound(reputationScores.userId, userId)))
      .prepare(),
    // Everyone ahead: the members of the bands above (rank_bands, staff left out), then the scores of the member's own
    // band above theirs or equal with a lower id, less the staff among those (each score's user looked up by id: no
    // list of every staff id built per query).
    ahead: db
      .select({
        n: sql<number>`(select coalesce(sum(members), 0) from rank_bands where band > ${points} >> 4)
          + (select count(*) from reputation_scores where scope = 'all' and points >= ${points} and points <= (${points} | 15)
             and (points > ${points} or user_id < ${userId}))
          - (select count(*) from reputation_scores s join users u on u.id = s.user_id where s.scope = 'all' and s.points >= ${points}
             and s.points <= (${points} | 15) and (s.points > ${points} or s.user_id < ${userId}) and u.role in ('agent', 'admin'))`,
      })
      .from(sql`(select 1)`)
      .prepare(),
  };
});

/** A member's rank on the all-time leaderboard (staff excluded), or null without points (`reputation` when the caller read it). */
export function rankOf(db: Db, userId: number, reputation?: number): number | null {
  const queries = rankQueries(db);
  const points = reputation ?? queries.points.get({ userId })?.points;
  if (points === undefined || points <= 0) return null;
  return queries.ahead.get({ points, userId })!.n + 1;
}
