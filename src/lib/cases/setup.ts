import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { preparedPerConnection } from '../../../db/prepared';
import {
  agentProfiles,
  businessCalendars,
  caseQueues,
  cases,
  categoryQueues,
  OPEN_CASE_STATUSES,
  slaPolicies,
  users,
  type CasePriority,
} from '../../../db/schema/index';
import { DEFAULT_CALENDAR, type BusinessCalendar } from '../business-hours/business-hours';

export { CASE_CHANNELS, CASE_PRIORITIES, CASE_STATUSES } from '../../../db/schema/index';
import type { AgentCandidate, QueueFacts } from './routing';
import type { SlaTargets } from './sla';

/** The configuration cases are routed and timed by: calendars, queues, the category map, SLA targets per priority. */
export interface CaseSetup {
  calendars: Map<number, BusinessCalendar & { id: number; name: string }>;
  queues: Map<number, QueueFacts & { id: number; calendarId: number; nameEs: string; nameEn: string; escalationQueueId: number | null; isDefault: boolean }>;
  defaultQueueId: number;
  categoryQueues: Map<number, number>;
  policies: Map<CasePriority, SlaTargets>;
}

const FALLBACK_TARGETS: SlaTargets = { firstResponseMinutes: 480, nextResponseMinutes: 960, resolutionMinutes: 2880, warnShare: 0.8 };

/** The setup and staff queries every agent page runs, built once per connection (db/prepared.ts). */
const setupQueries = preparedPerConnection((db: Db) => ({
  calendars: db.select().from(businessCalendars).prepare(),
  queues: db.select().from(caseQueues).prepare(),
  categoryQueues: db.select().from(categoryQueues).prepare(),
  policies: db.select().from(slaPolicies).prepare(),
  staff: staffSelect(db, false).prepare(),
  assignable: db
    .select({ id: users.id, name: users.displayName, role: users.role })
    .from(users)
    .where(and(STAFF, sql`(${users.suspendedUntil} is null or ${users.suspendedUntil} <= ${sql.placeholder('now')})`))
    .orderBy(users.role, users.id)
    .prepare(),
}));

export function loadCaseSetup(db: Db): CaseSetup {
  const queries = setupQueries(db);
  const calendars = new Map(queries.calendars.all().map((c) => [c.id, { id: c.id, name: c.name, timeZone: c.timeZone, weekly: c.weekly, holidays: c.holidays }]));
  const queueRows = queries.queues.all();
  const queues = new Map(
    queueRows.map((q) => [
      q.id,
      { id: q.id, slug: q.slug, nameEs: q.nameEs, nameEn: q.nameEn, calendarId: q.calendarId, assignment: q.assignment, lastAssigneeId: q.lastAssigneeId, tier: q.tier, escalationQueueId: q.escalationQueueId, isDefault: q.isDefault },
    ]),
  );
  const defaultQueueId = queueRows.find((q) => q.isDefault)?.id ?? queueRows[0]?.id;
  if (defaultQueueId === undefined) throw new Error('No case queue exists: the cases migration creates one.');
  const categoryMap = new Map(queries.categoryQueues.all().map((r) => [r.categoryId, r.queueId]));
  const policies = new Map(
    queries.policies
      .all()
      .map((p) => [p.priority, { firstResponseMinutes: p.firstResponseMinutes, nextResponseMinutes: p.nextResponseMinutes, resolutionMinutes: p.resolutionMinutes, warnShare: p.warnShare }]),
  );
  return { calendars, queues, defaultQueueId, categoryQueues: categoryMap, policies };
}

export function calendarOfQueue(setup: CaseSetup, queueId: number): BusinessCalendar {
  const queue = setup.queues.get(queueId);
  return (queue && setup.calendars.get(queue.calendarId)) ?? DEFAULT_CALENDAR;
}

export function targetsOf(setup: CaseSetup, priority: CasePriority): SlaTargets {
  return setup.policies.get(priority) ?? FALLBACK_TARGETS;
}

const STAFF = inArray(users.role, ['agent', 'admin']);

function staffSelect(db: Db, withLoad: boolean) {
  return db
    .select({
      id: users.id,
      role: users.role,
      displayName: users.displayName,
      locale: users.locale,
      suspendedUntil: users.suspendedUntil,
      skills: agentProfiles.skills,
      languages: agentProfiles.languages,
      tier: agentProfiles.tier,
      supervisor: agentProfiles.supervisor,
      available: agentProfiles.available,
      // Counting every agent's open cases costs more than the rest of the query: only least-loaded routing reads it.
      openCases: withLoad ? sql<number>`(select count(*) from ${cases} c where c.assignee_id = ${users.id} and c.status in ('new','open','pending_customer','on_hold'))` : sql<number>`0`,
    })
    .from(users)
    .leftJoin(agentProfiles, eq(agentProfiles.userId, users.id))
    .where(STAFF)
    .$dynamic();
}

export interface StaffMember extends AgentCandidate {
  role: 'agent' | 'admin';
  supervisor: boolean;
  suspended: boolean;
  displayName: string;
  locale: 'es' | 'en';
}

/**
 * Agents and admins with what routing needs. Without a profile, an agent works every tier-1 queue in their own
 * language, and an admin supervises without taking cases; suspended accounts are unavailable. `openCases` is counted only
 * `withLoad` (least-loaded routing), 0 otherwise.
 */
export function loadStaff(db: Db, setup: CaseSetup, now: number, options: { onlyIds?: number[]; withLoad?: boolean } = {}): StaffMember[] {
  const { onlyIds, withLoad = false } = options;
  const rows = onlyIds || withLoad ? staffSelect(db, withLoad).where(and(STAFF, onlyIds ? inArray(users.id, onlyIds) : undefined)).all() : setupQueries(db).staff.all();
  const tierOneQueues = [...setup.queues.values()].filter((q) => q.tier <= 1).map((q) => q.slug);
  return rows.map((r) => {
    const suspended = r.suspendedUntil !== null && r.suspendedUntil > now;
    const admin = r.role === 'admin';
    return {
      id: r.id,
      role: r.role as 'agent' | 'admin',
      displayName: r.displayName,
      locale: r.locale,
      skills: r.skills ?? (admin ? [] : tierOneQueues),
      languages: r.languages ?? [r.locale],
      tier: r.tier ?? 1,
      supervisor: r.supervisor ?? admin,
      suspended,
      available: !suspended && (r.available ?? !admin),
      openCases: r.openCases,
    };
  });
}

/** Agents and admins not suspended, as the assignee pickers list them (no routing facts: a lookup by the role index). */
export function assignableStaff(db: Db, now: number): { id: number; name: string; role: 'agent' | 'admin' }[] {
  return setupQueries(db).assignable.all({ now }) as { id: number; name: string; role: 'agent' | 'admin' }[];
}

/** Supervisors (and admins without a profile) hear about breaches and escalations of every queue. */
export function supervisorIds(staff: readonly StaffMember[]): number[] {
  return staff.filter((s) => s.supervisor).map((s) => s.id);
}

/** Cases still being worked on, as a SQL condition. */
export const isOpenCase = inArray(cases.status, [...OPEN_CASE_STATUSES]);
