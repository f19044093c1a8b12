import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { boundLimit, equalsBound, preparedPerConnection } from '../../../db/prepared';
import { badgeRules, categories, memberBadges, tags, users } from '../../../db/schema/index';
import { canManageReputation, canManageSuperusers } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { recordModeration } from '../moderation/audit';
import { parseInput } from '../validation';
import { awardsFor, badgeRuleSchema, CONDITIONS_BY_EVENT, factShape, type BadgeCondition, type BadgeEvent, type BadgeRule, type BadgeTier, type RuleFacts } from './badges';
import { memberPoints } from './ledger';
import { DAY_MS } from './rules';

type RuleRow = typeof badgeRules.$inferSelect;

function toRule(r: RuleRow): BadgeRule {
  return { id: r.id, slug: r.slug, tier: r.tier as BadgeTier, condition: r.condition as BadgeCondition, threshold: r.threshold, windowDays: r.windowDays, tag: r.tag, category: r.category, repeatable: r.repeatable };
}

/** SQL filters shared by the answer-counting conditions: window, category, tag. */
function answerFilters(rule: BadgeRule, now: number, timeColumn: string) {
  const parts = [sql`a.deleted_at is null and a.status = 'published' and q.deleted_at is null and q.status = 'published'`];
  if (rule.windowDays !== null) parts.push(sql`${sql.raw(timeColumn)} >= ${now - rule.windowDays * DAY_MS}`);
  if (rule.category) parts.push(sql`q.category_id = (select id from categories where slug = ${rule.category})`);
  if (rule.tag && rule.tag !== '*') parts.push(sql`exists (select 1 from question_tags qt join tags t on t.id = qt.tag_id where qt.question_id = q.id and t.name = ${rule.tag})`);
  return sql.join(parts, sql` and `);
}

/** What the member has towards one rule, in one query. */
export function ruleFacts(db: Db, userId: number, rule: BadgeRule, now: number, postId?: number): RuleFacts {
  // A vote moves one post's score: only that post can newly qualify.
  const onePost = postId ? sql` and id = ${postId}` : sql``;
  const count = (query: ReturnType<typeof sql>) => ({ count: db.get<{ n: number }>(query)?.n ?? 0 });
  switch (rule.condition) {
    case 'answers':
      return count(sql`select count(*) as n from answers a join questions q on q.id = a.question_id where a.author_id = ${userId} and ${answerFilters(rule, now, 'a.created_at')}`);
    case 'accepted_answers': {
      const base = sql`from accepted_answers aa join answers a on a.id = aa.answer_id join questions q on q.id = aa.question_id`;
      const where = sql`where a.author_id = ${userId} and q.author_id <> ${userId} and ${answerFilters(rule, now, 'aa.accepted_at')}`;
      if (factShape(rule) === 'subjects') {
        return { subjects: db.all<{ id: number; value: number }>(sql`select qt.tag_id as id, count(*) as value ${base} join question_tags qt on qt.question_id = q.id ${where} group by qt.tag_id`) };
      }
      return count(sql`select count(*) as n ${base} ${where}`);
    }
    case 'answer_score':
      return { subjects: db.all<{ id: number; value: number }>(sql`select id, score as value from answers where author_id = ${userId} and deleted_at is null and status = 'published' and score >= ${rule.threshold}${onePost}`) };
    case 'question_score':
      return { subjects: db.all<{ id: number; value: number }>(sql`select id, score as value from questions where author_id = ${userId} and deleted_at is null and status = 'published' and score >= ${rule.threshold}${onePost}`) };
    case 'accepted_days':
      return count(
        sql`select count(distinct aa.accepted_at / 86400000) as n from accepted_answers aa join answers a on a.id = aa.answer_id join questions q on q.id = aa.question_id where a.author_id = ${userId} and q.author_id <> ${userId} and ${answerFilters(rule, now, 'aa.accepted_at')}`,
      );
    case 'promoted_answers':
      return count(sql`select count(distinct post_id) as n from points_ledger where user_id = ${userId} and reason = 'answer.promoted' and reversed_by is null`);
    case 'welcomed_members':
      return count(sql`select count(distinct q.author_id) as n from answers a join questions q on q.id = a.question_id
        where a.author_id = ${userId} and q.author_id <> ${userId} and a.deleted_at is null and a.status = 'published'
          and not exists (select 1 from answers a2 where a2.question_id = q.id and a2.deleted_at is null and (a2.created_at < a.created_at or (a2.created_at = a.created_at and a2.id < a.id)))
          and not exists (select 1 from questions q2 where q2.author_id = q.author_id and (q2.created_at < q.created_at or (q2.created_at = q.created_at and q2.id < q.id)))`);
    case 'reputation':
      return { count: memberPoints(db, userId).reputation };
  }
}

/**
 * Evaluates the rules an event may have moved for one member and awards what they now earn (the outbox handler of
 * `reputation.badges`). `postId` narrows per-post conditions to the post the event touched. Returns the new awards'
 * rule slugs.
 */
export function awardBadges(db: Db, userId: number, event: BadgeEvent | 'all', now: number, postId?: number): string[] {
  return db.transaction((tx) => {
    const conditions = event === 'all' ? undefined : [...CONDITIONS_BY_EVENT[event]];
    const rules = tx
      .select()
      .from(badgeRules)
      .where(and(eq(badgeRules.active, true), conditions ? inArray(badgeRules.condition, conditions) : undefined))
      .all()
      .map(toRule);
    if (rules.length === 0) return [];
    const held = new Map<number, Set<number>>();
    for (const b of tx.select({ ruleId: memberBadges.ruleId, subjectId: memberBadges.subjectId }).from(memberBadges).where(eq(memberBadges.userId, userId)).all()) {
      if (!held.has(b.ruleId)) held.set(b.ruleId, new Set());
      held.get(b.ruleId)!.add(b.subjectId);
    }
    const awarded: string[] = [];
    for (const rule of rules) {
      const owed = awardsFor(rule, ruleFacts(tx, userId, rule, now, postId), held.get(rule.id) ?? new Set());
      if (owed.length === 0) continue;
      tx.insert(memberBadges)
        .values(owed.map((subjectId) => ({ ruleId: rule.id, userId, subjectId, awardedAt: now })))
        .onConflictDoNothing()
        .run();
      for (let i = 0; i < owed.length; i++) awarded.push(rule.slug);
    }
    return awarded;
  });
}

export interface BadgeView {
  id: number;
  slug: string;
  name: string;
  description: string;
  tier: BadgeTier;
  condition: string;
  threshold: number;
  windowDays: number | null;
  tag: string | null;
  category: string | null;
  repeatable: boolean;
  active: boolean;
  awarded: number;
}

function localized(r: RuleRow, locale: 'es' | 'en') {
  return { name: locale === 'es' ? r.nameEs : r.nameEn, description: locale === 'es' ? r.descriptionEs : r.descriptionEn };
}

/** Every badge with how many times it was awarded (revoked awards not counted). */
export function listBadges(db: Db, locale: 'es' | 'en', options: { includeInactive?: boolean } = {}): BadgeView[] {
  const awarded = sql<number>`(select count(*) from member_badges mb where mb.rule_id = ${badgeRules.id} and mb.revoked_at is null)`;
  return db
    .select({ rule: badgeRules, awarded })
    .from(badgeRules)
    .where(options.includeInactive ? undefined : eq(badgeRules.active, true))
    .orderBy(sql`case ${badgeRules.tier} when 'gold' then 0 when 'silver' then 1 else 2 end`, asc(badgeRules.id))
    .all()
    .map(({ rule, awarded }) => ({ ...toRule(rule), ...localized(rule, locale), active: rule.active, awarded }));
}

export interface MemberBadge {
  id: number;
  slug: string;
  name: string;
  tier: BadgeTier;
  subjectId: number;
  awardedAt: number;
  revokedAt: number | null;
  revokeReason: string | null;
}

interface RuleLabels {
  slug: string;
  nameEs: string;
  nameEn: string;
  tier: BadgeTier;
}

const badgeQueries = preparedPerConnection((db: Db) => {
  const of = (includeRevoked: boolean) =>
    db
      .select({
        id: memberBadges.id,
        ruleId: memberBadges.ruleId,
        subjectId: memberBadges.subjectId,
        awardedAt: memberBadges.awardedAt,
        revokedAt: memberBadges.revokedAt,
        revokeReason: memberBadges.revokeReason,
      })
      .from(memberBadges)
      .where(and(equalsBound(memberBadges.userId, sql.placeholder('userId')), includeRevoked ? undefined : isNull(memberBadges.revokedAt)))
      .orderBy(desc(memberBadges.awardedAt), desc(memberBadges.id))
      .limit(boundLimit('limit'))
      .prepare();
  return {
    held: of(false),
    all: of(true),
    rules: db.select({ id: badgeRules.id, slug: badgeRules.slug, nameEs: badgeRules.nameEs, nameEn: badgeRules.nameEn, tier: badgeRules.tier }).from(badgeRules).prepare(),
    /**
     * The rules' slugs, names and tiers, which never change once a rule exists (admins only add rules and switch them
     * on and off): read once per connection, and again when a badge names a rule added since.
     */
    labels: new Map<number, RuleLabels>(),
  };
});

/** A member's badges, newest first; revoked ones only when asked (moderators). */
export function badgesOf(db: Db, userId: number, locale: 'es' | 'en', options: { includeRevoked?: boolean; limit?: number } = {}): MemberBadge[] {
  const queries = badgeQueries(db);
  // Plain arrays (the select's columns in order) cost half of drizzle's row objects on a profile with many badges.
  const rows = queries[options.includeRevoked ? 'all' : 'held'].values({ userId, limit: options.limit ?? 200 }) as [
    id: number,
    ruleId: number,
    subjectId: number,
    awardedAt: number,
    revokedAt: number | null,
    revokeReason: string | null,
  ][];
  const { labels } = queries;
  if (rows.some((r) => !labels.has(r[1]))) for (const rule of queries.rules.all()) labels.set(rule.id, { slug: rule.slug, nameEs: rule.nameEs, nameEn: rule.nameEn, tier: rule.tier as BadgeTier });
  return rows.map(([id, ruleId, subjectId, awardedAt, revokedAt, revokeReason]) => {
    const rule = labels.get(ruleId)!;
    return { id, slug: rule.slug, name: locale === 'es' ? rule.nameEs : rule.nameEn, tier: rule.tier, subjectId, awardedAt, revokedAt, revokeReason };
  });
}

export const revokeSchema = z.object({ reason: z.string().trim().min(3, { error: 'field.required' }).max(500, { error: 'field.tooLong' }) });

/** A moderator takes a badge back, with a reason (audit-logged). The award stays so rules do not hand it back. */
export function revokeBadge(db: Db, actor: Actor | null, badgeId: number, input: unknown, now: number): { id: number } {
  const { reason } = parseInput(revokeSchema, input);
  return db.transaction((tx) => {
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
    if (!canManageSuperusers(actor, now)) throw new DomainError('FORBIDDEN', 'Only moderators revoke badges.');
    const badge = tx.select().from(memberBadges).where(eq(memberBadges.id, badgeId)).get();
    if (!badge) throw new DomainError('NOT_FOUND', 'No such badge.');
    if (badge.revokedAt !== null) throw new DomainError('CONFLICT', 'This badge was already revoked.', { _: 'badge.alreadyRevoked' });
    tx.update(memberBadges).set({ revokedAt: now, revokedBy: actor.id, revokeReason: reason }).where(eq(memberBadges.id, badgeId)).run();
    recordModeration(tx, { actorId: actor.id, action: 'badge.revoke', targetType: 'user', targetId: badge.userId, reason, data: { badgeId, ruleId: badge.ruleId } }, now);
    return { id: badgeId };
  });
}

/** An admin defines a badge from the existing conditions; names of tags and categories must exist (`*` = each tag). */
export function createBadgeRule(db: Db, actor: Actor | null, input: unknown, now: number): { id: number; slug: string } {
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  if (!canManageReputation(actor, now)) throw new DomainError('FORBIDDEN', 'Only admins define badges.');
  const data = parseInput(badgeRuleSchema, input);
  return db.transaction((tx) => {
    if (data.tag && data.tag !== '*' && !tx.select({ id: tags.id }).from(tags).where(eq(tags.name, data.tag.toLowerCase())).get()) {
      throw new DomainError('INVALID', 'Unknown tag.', { tag: 'field.unknownTag' });
    }
    if (data.category && !tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, data.category)).get()) {
      throw new DomainError('INVALID', 'Unknown category.', { category: 'field.unknownCategory' });
    }
    if (tx.select({ id: badgeRules.id }).from(badgeRules).where(eq(badgeRules.slug, data.slug)).get()) {
      throw new DomainError('CONFLICT', 'A badge with this slug exists.', { slug: 'badge.slugTaken' });
    }
    const row = tx
      .insert(badgeRules)
      .values({ ...data, tag: data.tag && data.tag !== '*' ? data.tag.toLowerCase() : data.tag, active: true, createdAt: now })
      .returning({ id: badgeRules.id, slug: badgeRules.slug })
      .get();
    return row;
  });
}

/** Switches a badge rule on or off (awards already made stay). */
export function setBadgeRuleActive(db: Db, actor: Actor | null, ruleId: number, active: boolean, now: number): { id: number; active: boolean } {
  if (!canManageReputation(actor, now)) throw new DomainError(actor ? 'FORBIDDEN' : 'UNAUTHORIZED', 'Only admins manage badges.');
  const changed = db.update(badgeRules).set({ active }).where(eq(badgeRules.id, ruleId)).run().changes;
  if (!changed) throw new DomainError('NOT_FOUND', 'No such badge.');
  return { id: ruleId, active };
}

/** Member names for a list of ids (badge holders, leaderboards). */
export function displayNames(db: Db, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(inArray(users.id, [...ids]))
      .all()
      .map((u) => [u.id, u.name]),
  );
}
