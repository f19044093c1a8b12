import { and, desc, eq, gt, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { preparedPerConnection } from '../../../db/prepared';
import { follows, notificationPreferences, notifications, questions, users, type EmailFrequency } from '../../../db/schema/index';
import { translate } from '../i18n/index';
import { questionPath } from '../community/slug';
import { queueMail } from './mail';

export { EMAIL_FREQUENCIES } from '../../../db/schema/notifications';

export const NOTIFICATION_TYPES = [
  'answer.created',
  'answer.accepted',
  'comment.created',
  'mention',
  'moderation.outcome',
  'accept.nudge',
  'incident.resolved',
  // cases: to agents and supervisors (assigned, SLA warning and breach, escalation), to the customer (status)
  'case.assigned',
  'case.sla_warning',
  'case.sla_breach',
  'case.escalated',
  'case.updated',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface NotifyInput {
  userIds: Iterable<number>;
  type: NotificationType;
  questionId: number | null;
  actorId: number | null;
  data?: Record<string, unknown>;
}

/**
 * Writes in-app notifications (the bell) for the given members, except the actor and members who muted the type.
 * Mail goes out later through sendNotificationMails, one per notification or as a digest, by preference.
 * Call inside the transaction of the change.
 */
export function notify(db: Db, input: NotifyInput, now: number): number {
  const ids = [...new Set(input.userIds)].filter((id) => id !== input.actorId);
  if (ids.length === 0) return 0;
  const muted = new Set(
    db
      .select({ userId: notificationPreferences.userId, mutedTypes: notificationPreferences.mutedTypes })
      .from(notificationPreferences)
      // The ids as one JSON array and one row per insert: the same statements for any number of members.
      .where(sql`${notificationPreferences.userId} in (select value from json_each(${JSON.stringify(ids)}))`)
      .all()
      .filter((p) => p.mutedTypes.includes(input.type))
      .map((p) => p.userId),
  );
  const rows = ids
    .filter((id) => !muted.has(id))
    .map((userId) => ({ userId, type: input.type, questionId: input.questionId, actorId: input.actorId, data: input.data ?? null, createdAt: now }));
  for (const row of rows) db.insert(notifications).values(row).run();
  return rows.length;
}

/** Followers of a thread (the asker and answerers follow automatically). */
export function followersOf(db: Db, questionId: number): number[] {
  return db.select({ userId: follows.userId }).from(follows).where(eq(follows.questionId, questionId)).all().map((r) => r.userId);
}

/** Display names mentioned as @Name or @First_Last in a text, resolved to member ids in one query. */
export function mentionedMembers(db: Db, text: string): number[] {
  const handles = [...text.matchAll(/(?:^|[^\w@])@([\p{L}\p{N}][\p{L}\p{N}_.-]{1,40})/gu)].map((m) => m[1]!.replace(/[.-]+$/, '').toLowerCase());
  // @Ana_Lopez names "Ana López" written without spaces, or a member literally called Ana_Lopez.
  const names = [...new Set(handles.flatMap((h) => [h, h.replace(/_/g, ' ')]))];
  if (names.length === 0) return [];
  return db
    .select({ id: users.id })
    .from(users)
    .where(inArray(sql`lower(${users.displayName})`, names.slice(0, 10)))
    .all()
    .map((r) => r.id);
}

const unreadQueries = preparedPerConnection((db) => ({
  count: db.select({ n: sql<number>`count(*)` }).from(notifications).where(and(eq(notifications.userId, sql.placeholder('userId')), isNull(notifications.readAt))).prepare(),
}));

export function unreadCount(db: Db, userId: number): number {
  return unreadQueries(db).count.get({ userId })?.n ?? 0;
}

export interface NotificationItem {
  id: number;
  type: string;
  createdAt: number;
  readAt: number | null;
  actorName: string | null;
  question: { id: number; title: string; slug: string; locale: 'es' | 'en' } | null;
  data: Record<string, unknown> | null;
}

/** A member's notifications, newest first, keyset-paged on id. */
export function listNotifications(db: Db, userId: number, cursor: number | null, limit = 30): { items: NotificationItem[]; nextCursor: number | null } {
  const rows = db
    .select({
      id: notifications.id,
      type: notifications.type,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      data: notifications.data,
      actorName: users.displayName,
      qid: questions.id,
      title: questions.title,
      slug: questions.slug,
      locale: questions.locale,
    })
    .from(notifications)
    .leftJoin(users, eq(users.id, notifications.actorId))
    .leftJoin(questions, eq(questions.id, notifications.questionId))
    .where(and(eq(notifications.userId, userId), cursor ? lt(notifications.id, cursor) : undefined))
    .orderBy(desc(notifications.id))
    .limit(limit + 1)
    .all();
  const more = rows.length > limit;
  if (more) rows.pop();
  return {
    items: rows.map((r) => ({
      id: r.id,
      type: r.type,
      createdAt: r.createdAt,
      readAt: r.readAt,
      actorName: r.actorName,
      data: (r.data as Record<string, unknown> | null) ?? null,
      question: r.qid !== null ? { id: r.qid, title: r.title!, slug: r.slug!, locale: r.locale! } : null,
    })),
    nextCursor: more ? (rows.at(-1)?.id ?? null) : null,
  };
}

/** Marks one notification (or all, without an id) as read; returns how many changed. */
export function markNotificationsRead(db: Db, userId: number, now: number, id?: number): number {
  return db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), id ? eq(notifications.id, id) : undefined))
    .run().changes;
}

export interface Preferences {
  emailFrequency: EmailFrequency;
  mutedTypes: string[];
}

export function getPreferences(db: Db, userId: number): Preferences {
  const row = db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).get();
  return { emailFrequency: row?.emailFrequency ?? 'instant', mutedTypes: row?.mutedTypes ?? [] };
}

export function savePreferences(db: Db, userId: number, prefs: Preferences): void {
  const mutedTypes = prefs.mutedTypes.filter((t) => (NOTIFICATION_TYPES as readonly string[]).includes(t));
  db.insert(notificationPreferences)
    .values({ userId, emailFrequency: prefs.emailFrequency, mutedTypes })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: { emailFrequency: prefs.emailFrequency, mutedTypes } })
    .run();
}

const DAY = 24 * 3600 * 1000;
const DIGEST_PERIOD: Record<EmailFrequency, number> = { instant: 0, daily: DAY, weekly: 7 * DAY, never: Infinity };

/** A notification's data values that may fill its message (case numbers, subjects). */
export function textVars(data: Record<string, unknown> | null): Record<string, string | number> {
  return Object.fromEntries(Object.entries(data ?? {}).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'));
}

/** Where a notification leads: the case (the agent's page, or the customer's) for case notifications, else the thread. */
export function notificationPath(n: Pick<NotificationItem, 'type' | 'data' | 'question'>, locale: 'es' | 'en'): string | null {
  const data = n.data ?? {};
  if (n.type === 'case.updated' && typeof data.caseNumber === 'string') return `/${locale}/cases/${data.caseNumber}`;
  if (n.type.startsWith('case.') && typeof data.caseId === 'number') return `/${locale}/agent/cases/${data.caseId}`;
  return n.question ? questionPath(n.question.locale, n.question) : null;
}

function line(locale: 'es' | 'en', n: NotificationItem | (NotificationItem & { userId: number }), siteUrl: string): string {
  const title = n.question?.title ?? '';
  const text = translate(locale, `notifications.type.${n.type}`, { ...textVars(n.data), name: n.actorName ?? '—', title });
  const path = notificationPath(n, locale);
  return path ? `${text}\n${siteUrl}${path}` : text;
}

/**
 * Mails unread notifications not mailed yet: one mail each for members on "instant", one digest per period for
 * "daily" and "weekly"; "never" only marks them. Run periodically (after the outbox drains). Returns mails queued.
 */
export function sendNotificationMails(db: Db, options: { siteUrl: string; now: number; batch?: number }): number {
  const { siteUrl, now } = options;
  return db.transaction((tx) => {
    const pending = tx
      .select({
        id: notifications.id,
        userId: notifications.userId,
        type: notifications.type,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
        data: notifications.data,
        actorName: sql<string | null>`(select display_name from users a where a.id = ${notifications.actorId})`,
        qid: questions.id,
        title: questions.title,
        slug: questions.slug,
        qlocale: questions.locale,
        email: users.email,
        locale: users.locale,
        frequency: sql<EmailFrequency>`coalesce(${notificationPreferences.emailFrequency}, 'instant')`,
        lastDigestAt: notificationPreferences.lastDigestAt,
      })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .leftJoin(notificationPreferences, eq(notificationPreferences.userId, notifications.userId))
      .leftJoin(questions, eq(questions.id, notifications.questionId))
      .where(and(isNull(notifications.emailedAt), isNull(notifications.readAt), lte(notifications.createdAt, now), gt(notifications.createdAt, now - 8 * DAY)))
      .orderBy(notifications.id)
      .limit(options.batch ?? 1000)
      .all();
    const byUser = new Map<number, typeof pending>();
    for (const p of pending) byUser.set(p.userId, [...(byUser.get(p.userId) ?? []), p]);
    let mails = 0;
    const mailed: number[] = [];
    for (const [userId, items] of byUser) {
      const first = items[0]!;
      if (first.email.endsWith('.invalid')) {
        mailed.push(...items.map((i) => i.id));
        continue;
      }
      const asItem = (p: (typeof pending)[number]): NotificationItem => ({
        ...p,
        question: p.qid !== null ? { id: p.qid, title: p.title!, slug: p.slug!, locale: p.qlocale! } : null,
        data: p.data as Record<string, unknown> | null,
      });
      if (first.frequency === 'never') {
        mailed.push(...items.map((i) => i.id));
      } else if (first.frequency === 'instant') {
        for (const p of items) {
          queueMail(tx, { to: p.email, subject: translate(p.locale, `notifications.type.${p.type}`, { ...textVars(p.data as Record<string, unknown> | null), name: p.actorName ?? '—', title: p.title ?? '' }).slice(0, 150), text: `${line(p.locale, asItem(p), siteUrl)}\n\n${siteUrl}/${p.locale}/notifications` }, now);
          mailed.push(p.id);
          mails++;
        }
      } else if (now - (first.lastDigestAt ?? 0) >= DIGEST_PERIOD[first.frequency]) {
        const body = items.map((p) => `• ${line(first.locale, asItem(p), siteUrl)}`).join('\n\n');
        queueMail(tx, { to: first.email, subject: translate(first.locale, `notifications.digest.${first.frequency}`, { n: items.length }), text: `${body}\n\n${siteUrl}/${first.locale}/notifications` }, now);
        tx.insert(notificationPreferences)
          .values({ userId, emailFrequency: first.frequency, lastDigestAt: now })
          .onConflictDoUpdate({ target: notificationPreferences.userId, set: { lastDigestAt: now } })
          .run();
        mailed.push(...items.map((i) => i.id));
        mails++;
      }
    }
    if (mailed.length) tx.update(notifications).set({ emailedAt: now }).where(inArray(notifications.id, mailed)).run();
    return mails;
  });
}
