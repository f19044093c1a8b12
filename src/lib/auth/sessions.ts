import { eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { equalsBound, preparedPerConnection } from '../../../db/prepared';
import { sessions, users, type Role } from '../../../db/schema/index';
import { unlessStorageFull } from '../errors';
import { generateToken, hashToken } from './tokens';

export const SESSION_IDLE_MS = 30 * 24 * 3600 * 1000;
export const SESSION_ABSOLUTE_MS = 90 * 24 * 3600 * 1000;
/** A session used within this much of its idle expiry gets its expiry pushed back (sliding expiry). */
const RENEW_WITHIN_MS = 15 * 24 * 3600 * 1000;

export interface Actor {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  locale: 'es' | 'en';
  suspendedUntil: number | null;
  /** A support lead (reads the reports); absent means no. */
  lead?: boolean;
}

export interface SessionInfo {
  id: string;
  userId: number;
  expiresAt: number;
  absoluteExpiresAt: number;
}

export function createSession(db: Db, userId: number, now: number): { token: string; session: SessionInfo } {
  const token = generateToken();
  const session: SessionInfo = {
    id: hashToken(token),
    userId,
    expiresAt: now + SESSION_IDLE_MS,
    absoluteExpiresAt: now + SESSION_ABSOLUTE_MS,
  };
  db.insert(sessions).values({ ...session, createdAt: now }).run();
  return { token, session };
}

const sessionQueries = preparedPerConnection((db) => ({
  byId: db
    .select({
      id: sessions.id,
      userId: sessions.userId,
      expiresAt: sessions.expiresAt,
      absoluteExpiresAt: sessions.absoluteExpiresAt,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      locale: users.locale,
      suspendedUntil: users.suspendedUntil,
      lead: users.lead,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(equalsBound(sessions.id, sql.placeholder('id')))
    .prepare(),
}));

type SessionRow = NonNullable<ReturnType<ReturnType<typeof sessionQueries>['byId']['get']>>;

function actorOf(row: SessionRow): Actor {
  return { id: row.userId, email: row.email, displayName: row.displayName, role: row.role, locale: row.locale, suspendedUntil: row.suspendedUntil, lead: row.lead };
}

function sessionRowOf(db: Db, token: string): SessionRow | null {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  return sessionQueries(db).byId.get({ id: hashToken(token) }) ?? null;
}

/** Looks a session token up; expired sessions are deleted. Returns whether the expiry moved, so the cookie can follow. */
export function validateSessionToken(
  db: Db,
  token: string,
  now: number,
): { session: SessionInfo; actor: Actor; renewed: boolean } | null {
  const row = sessionRowOf(db, token);
  if (!row) return null;
  const id = row.id;
  if (now >= row.expiresAt || now >= row.absoluteExpiresAt) {
    unlessStorageFull(() => db.delete(sessions).where(eq(sessions.id, id)).run(), null);
    return null;
  }
  let renewed = false;
  let expiresAt = row.expiresAt;
  if (row.expiresAt - now < RENEW_WITHIN_MS) {
    const later = Math.min(now + SESSION_IDLE_MS, row.absoluteExpiresAt);
    // With the disk full the session keeps its expiry (renewed at a later request) and the member keeps reading.
    renewed = unlessStorageFull(() => db.update(sessions).set({ expiresAt: later }).where(eq(sessions.id, id)).run().changes > 0, false);
    if (renewed) expiresAt = later;
  }
  return { session: { id, userId: row.userId, expiresAt, absoluteExpiresAt: row.absoluteExpiresAt }, actor: actorOf(row), renewed };
}

/**
 * The member of a session token that is valid and not due for renewal, read without writing anything; null for any
 * other token (unknown, expired, or due for renewal: `validateSessionToken` deletes or renews those, and the cookie
 * follows). A page rendered outside Astro's pipeline reads its member this way and leaves every other case to it.
 */
export function currentSessionActor(db: Db, token: string, now: number): Actor | null {
  const row = sessionRowOf(db, token);
  if (!row || now >= row.expiresAt || now >= row.absoluteExpiresAt || row.expiresAt - now < RENEW_WITHIN_MS) return null;
  return actorOf(row);
}

export function invalidateSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateUserSessions(db: Db, userId: number): void {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function deleteExpiredSessions(db: Db, now: number): number {
  return db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.absoluteExpiresAt, now)))
    .run().changes;
}
