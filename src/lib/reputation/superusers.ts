import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { superuserNominations, users } from '../../../db/schema/index';
import { canBeNominated, canEnterSuperuserArea, canManageSuperusers } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { recordModeration } from '../moderation/audit';
import { parseInput } from '../validation';
import { DAY_MS } from './rules';
import { CANDIDATE_ACTIVE_DAYS, CANDIDATE_MIN_ACCEPTED, CANDIDATE_WINDOW_DAYS, median, rankCandidates, type CandidateFigures } from './scoring';

const HOUR = 3600_000;

/**
 * Hours between two times. Wall-clock by default; the `cases` domain's business-hours calendar plugs in here once it
 * is on main (the candidate formula asks for business hours).
 */
export type Elapsed = (from: number, to: number) => number;
const wallClockHours: Elapsed = (from, to) => (to - from) / HOUR;

/** Superuser candidates over the last 90 days with their figures, best first (members only, not suspended). */
export function superuserCandidates(db: Db, now: number, options: { limit?: number; elapsed?: Elapsed } = {}): (CandidateFigures & { score: number; displayName: string })[] {
  const since = now - CANDIDATE_WINDOW_DAYS * DAY_MS;
  const elapsed = options.elapsed ?? wallClockHours;
  const live = sql`a.deleted_at is null and a.status = 'published' and q.deleted_at is null`;
  const base = db.all<{ userId: number; displayName: string; accepted: number }>(
    sql`select a.author_id as userId, u.display_name as displayName, count(*) as accepted
        from accepted_answers aa join answers a on a.id = aa.answer_id join questions q on q.id = aa.question_id join users u on u.id = a.author_id
        where aa.accepted_at >= ${since} and q.author_id <> a.author_id and ${live}
          and u.role = 'member' and (u.suspended_until is null or u.suspended_until <= ${now})
          and not exists (select 1 from superuser_nominations n where n.user_id = u.id and n.status in ('nominated', 'probation', 'active'))
        group by a.author_id having count(*) >= ${CANDIDATE_MIN_ACCEPTED}`,
  );
  const figures = base.map((b) => {
    const answers = db.all<{ created: number; asked: number; score: number; accepted: number; first: number }>(
      sql`select a.created_at as created, q.created_at as asked, a.score as score,
            exists (select 1 from accepted_answers aa where aa.answer_id = a.id) as accepted,
            not exists (select 1 from answers a2 where a2.question_id = a.question_id and a2.deleted_at is null and (a2.created_at < a.created_at or (a2.created_at = a.created_at and a2.id < a.id))) as first
          from answers a join questions q on q.id = a.question_id
          where a.author_id = ${b.userId} and a.created_at >= ${since} and ${live}`,
    );
    const flagsAgainst = db.get<{ n: number }>(
      sql`select count(*) as n from flags f
          where f.created_at >= ${since} and ((f.target_type = 'answer' and f.target_id in (select id from answers where author_id = ${b.userId}))
             or (f.target_type = 'question' and f.target_id in (select id from questions where author_id = ${b.userId})))`,
    )!.n;
    const activeDays = db.get<{ n: number }>(
      sql`select count(distinct d) as n from (
            select created_at / 86400000 as d from answers where author_id = ${b.userId} and created_at >= ${now - CANDIDATE_ACTIVE_DAYS * DAY_MS}
            union select created_at / 86400000 from questions where author_id = ${b.userId} and created_at >= ${now - CANDIDATE_ACTIVE_DAYS * DAY_MS})`,
    )!.n;
    const firstTimes = answers.filter((a) => a.first).map((a) => elapsed(a.asked, a.created));
    const med = median(firstTimes);
    return {
      userId: b.userId,
      displayName: b.displayName,
      accepted: b.accepted,
      answers: answers.length,
      helpful: answers.filter((a) => a.accepted || a.score > 0).length,
      medianFirstAnswerHours: med === null ? null : Math.round(med * 10) / 10,
      flagsAgainst,
      activeDays,
    };
  });
  const names = new Map(figures.map((f) => [f.userId, f.displayName]));
  return rankCandidates(figures)
    .slice(0, options.limit ?? 50)
    .map((c) => ({ ...c, displayName: names.get(c.userId)! }));
}

export const PROBATION_DAYS = 30;

export const nominateSchema = z.object({ userId: z.coerce.number({ error: 'field.invalid' }).int().positive({ error: 'field.invalid' }) });

/** A moderator nominates a member (with the figures at the time); the member then accepts or declines. */
export function nominateSuperuser(db: Db, actor: Actor | null, input: unknown, now: number): { nominationId: number } {
  const { userId } = parseInput(nominateSchema, input);
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  if (!canManageSuperusers(actor, now)) throw new DomainError('FORBIDDEN', 'Only moderators nominate superusers.');
  return db.transaction((tx) => {
    const member = tx.select({ id: users.id, role: users.role, suspendedUntil: users.suspendedUntil }).from(users).where(eq(users.id, userId)).get();
    if (!member) throw new DomainError('INVALID', 'No such member.', { userId: 'field.unknownMember' });
    if (!canBeNominated(member, now)) {
      const suspended = member.suspendedUntil !== null && member.suspendedUntil > now;
      throw new DomainError('CONFLICT', suspended ? 'The member is suspended.' : 'Only members can be nominated.', { userId: suspended ? 'superuser.suspended' : 'superuser.notMember' });
    }
    const open = tx
      .select({ id: superuserNominations.id })
      .from(superuserNominations)
      .where(and(eq(superuserNominations.userId, userId), inArray(superuserNominations.status, ['nominated', 'probation', 'active'])))
      .get();
    if (open) throw new DomainError('CONFLICT', 'The member already has an open nomination.', { userId: 'superuser.alreadyNominated' });
    const candidate = superuserCandidates(tx, now, { limit: 1000 }).find((c) => c.userId === userId);
    const row = tx
      .insert(superuserNominations)
      .values({ userId, nominatedBy: actor.id, status: 'nominated', score: candidate?.score ?? null, figures: candidate ?? null, createdAt: now })
      .returning({ id: superuserNominations.id })
      .get();
    recordModeration(tx, { actorId: actor.id, action: 'superuser.nominate', targetType: 'user', targetId: userId }, now);
    return { nominationId: row.id };
  });
}

/** The nominee accepts (role superuser, on probation for PROBATION_DAYS) or declines. */
export function respondToNomination(db: Db, actor: Actor | null, nominationId: number, accept: boolean, now: number): { status: string } {
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  return db.transaction((tx) => {
    const n = tx.select().from(superuserNominations).where(eq(superuserNominations.id, nominationId)).get();
    if (!n || n.userId !== actor.id) throw new DomainError('NOT_FOUND', 'No such nomination.');
    if (n.status !== 'nominated') throw new DomainError('CONFLICT', 'You already answered this nomination.', { _: 'superuser.alreadyAnswered' });
    const me = tx.select({ role: users.role, suspendedUntil: users.suspendedUntil }).from(users).where(eq(users.id, actor.id)).get()!;
    if (accept && !canBeNominated(me, now)) throw new DomainError('FORBIDDEN', 'Your account cannot become a superuser now.');
    const status = accept ? 'probation' : 'declined';
    tx.update(superuserNominations)
      .set({ status, respondedAt: now, probationUntil: accept ? now + PROBATION_DAYS * DAY_MS : null })
      .where(eq(superuserNominations.id, n.id))
      .run();
    if (accept) tx.update(users).set({ role: 'superuser' }).where(eq(users.id, actor.id)).run();
    return { status };
  });
}

export const revokeSuperuserSchema = z.object({ reason: z.string().trim().min(3, { error: 'field.required' }).max(500, { error: 'field.tooLong' }) });

/** A moderator ends a superuser's tenure (or probation) with a reason: back to member, audit-logged. */
export function revokeSuperuser(db: Db, actor: Actor | null, userId: number, input: unknown, now: number): { userId: number } {
  const { reason } = parseInput(revokeSuperuserSchema, input);
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  if (!canManageSuperusers(actor, now)) throw new DomainError('FORBIDDEN', 'Only moderators revoke superusers.');
  return db.transaction((tx) => {
    const member = tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
    if (!member) throw new DomainError('NOT_FOUND', 'No such member.');
    if (member.role !== 'superuser') throw new DomainError('CONFLICT', 'The member is not a superuser.', { _: 'superuser.notSuperuser' });
    tx.update(users).set({ role: 'member' }).where(eq(users.id, userId)).run();
    tx.update(superuserNominations)
      .set({ status: 'revoked', revokedAt: now, revokedBy: actor.id, revokeReason: reason })
      .where(and(eq(superuserNominations.userId, userId), inArray(superuserNominations.status, ['probation', 'active'])))
      .run();
    recordModeration(tx, { actorId: actor.id, action: 'superuser.revoke', targetType: 'user', targetId: userId, reason }, now);
    return { userId };
  });
}

/** Probations that ran their course become active tenures (a periodic job). */
export function runSuperuserProbation(db: Db, now: number): { activated: number } {
  const activated = db
    .update(superuserNominations)
    .set({ status: 'active' })
    .where(and(eq(superuserNominations.status, 'probation'), lte(superuserNominations.probationUntil, now)))
    .run().changes;
  return { activated };
}

export function nominationsOf(db: Db, userId: number) {
  return db.select().from(superuserNominations).where(eq(superuserNominations.userId, userId)).orderBy(desc(superuserNominations.id)).all();
}

export function listNominations(db: Db, limit = 100) {
  return db
    .select({ n: superuserNominations, displayName: users.displayName })
    .from(superuserNominations)
    .innerJoin(users, eq(users.id, superuserNominations.userId))
    .orderBy(desc(superuserNominations.id))
    .limit(limit)
    .all()
    .map(({ n, displayName }) => ({ ...n, displayName }));
}

/** When an unanswered question is escalated (no answer), and an answered one without an accepted answer. */
export interface EscalationDeadlines {
  noAnswerMs: number;
  noAcceptMs: number;
}
/** Until the `cases` domain's escalation rules land, these defaults (configurable by the caller) order the queue. */
export const DEFAULT_DEADLINES: EscalationDeadlines = { noAnswerMs: 24 * HOUR, noAcceptMs: 72 * HOUR };

export interface QueueItem {
  id: number;
  title: string;
  slug: string;
  locale: 'es' | 'en';
  categoryId: number;
  answerCount: number;
  createdAt: number;
  dueAt: number;
}

/**
 * The superuser's private area: unanswered and unsolved questions in their categories (where they had answers
 * accepted in the last 90 days), soonest escalation first. `dueAt` is the seam for the `cases` escalation rules.
 */
export function superuserQueue(db: Db, actor: Actor | null, now: number, options: { deadlines?: EscalationDeadlines; limit?: number } = {}): { categories: number[]; items: QueueItem[] } {
  if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
  if (!canEnterSuperuserArea(actor, now)) throw new DomainError('FORBIDDEN', 'The superuser area is for superusers.');
  const d = options.deadlines ?? DEFAULT_DEADLINES;
  const categories = db
    .all<{ id: number }>(
      sql`select distinct q.category_id as id from accepted_answers aa join answers a on a.id = aa.answer_id join questions q on q.id = aa.question_id
          where a.author_id = ${actor.id} and aa.accepted_at >= ${now - CANDIDATE_WINDOW_DAYS * DAY_MS}`,
    )
    .map((r) => r.id);
  if (categories.length === 0) return { categories, items: [] };
  const due = sql`q.created_at + case when q.answer_count = 0 then ${d.noAnswerMs} else ${d.noAcceptMs} end`;
  const items = db.all<QueueItem>(
    sql`select q.id, q.title, q.slug, q.locale, q.category_id as categoryId, q.answer_count as answerCount, q.created_at as createdAt, ${due} as dueAt
        from questions q
        where q.category_id in (${sql.join(
          categories.map((c) => sql`${c}`),
          sql`, `,
        )}) and q.deleted_at is null and q.status = 'published' and q.closed_at is null and q.author_id <> ${actor.id}
          and not exists (select 1 from accepted_answers aa where aa.question_id = q.id)
        order by ${due} asc, q.id asc limit ${options.limit ?? 50}`,
  );
  return { categories, items };
}
