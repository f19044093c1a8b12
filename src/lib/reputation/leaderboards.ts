import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { inOneRead, preparedPerConnection } from '../../../db/prepared';
import { LOCALES } from '../../../db/schema/accounts';
import { reputationScores } from '../../../db/schema/index';
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

function readLeaderboard(db: Db, q: LeaderboardQuery, now: number): { scope: string; query: LeaderboardQuery; items: LeaderboardEntry[]; nextCursor: string | null } {
  const scope = leaderboardScope(db, q, now);
  const staffFilter = q.staff ? sql`` : sql`and u.role not in ('agent', 'admin')`;
  const [cp, cu] = q.cursor ? q.cursor.split(':').map(Number) : [null, null];
  const after = cp === null ? sql`` : sql`and (s.points < ${cp} or (s.points = ${cp} and s.user_id > ${cu}))`;
  const rows = db.all<{ userId: number; displayName: string; role: string; points: number }>(
    sql`select s.user_id as userId, u.display_name as displayName, u.role as role, s.points as points
        from reputation_scores s join users u on u.id = s.user_id
        where s.scope in (${scope}) and s.points > 0 ${staffFilter} ${after}
        order by s.points desc, s.user_id asc limit ${sql.raw(String(q.limit + 1))}`,
  );
  const more = rows.length > q.limit;
  if (more) rows.pop();
  let rank = 0;
  if (rows.length) {
    const first = rows[0]!;
    rank = db.get<{ n: number }>(
      sql`select count(*) as n from reputation_scores s join users u on u.id = s.user_id
          where s.scope in (${scope}) and s.points > 0 ${staffFilter} and (s.points > ${first.points} or (s.points = ${first.points} and s.user_id < ${first.userId}))`,
    )!.n;
  }
  const items = rows.map((r, i) => ({ ...r, rank: rank + i + 1 }));
  const last = items.at(-1);
  return { scope, query: q, items, nextCursor: more && last ? `${last.points}:${last.userId}` : null };
}

const rankQueries = preparedPerConnection((db: Db) => {
  const points = sql.placeholder('points');
  const userId = sql.placeholder('userId');
  return {
    points: db.select({ points: reputationScores.points }).from(reputationScores).where(and(eq(reputationScores.scope, 'all'), eq(reputationScores.userId, userId))).prepare(),
    // Everyone ahead, read as two ranges of the rank index, less the staff ahead (CROSS JOIN keeps users first: the
    // few staff through users_role_idx). An OR of the two ranges, or users joined to every member ahead, makes SQLite
    // walk the whole scope.
    ahead: db
      .select({
        n: sql<number>`(select count(*) from reputation_scores where scope = 'all' and points > ${points})
          + (select count(*) from reputation_scores where scope = 'all' and points = ${points} and user_id < ${userId})
          - (select count(*) from users u cross join reputation_scores s on s.scope = 'all' and s.user_id = u.id
             where u.role in ('agent', 'admin') and (s.points > ${points} or (s.points = ${points} and s.user_id < ${userId})))`,
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
