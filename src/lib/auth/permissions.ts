import type { Role } from '../../../db/schema/accounts';
import type { Actor } from './sessions';

/** Every authorization rule of the product lives here, as pure predicates over the actor and the thing. */

const STAFF: readonly Role[] = ['agent', 'admin'];
const MODERATORS: readonly Role[] = ['moderator', 'admin'];

export function isSuspended(actor: Actor, now: number): boolean {
  return actor.suspendedUntil !== null && actor.suspendedUntil > now;
}

export function isStaff(actor: Actor | null): boolean {
  return actor !== null && STAFF.includes(actor.role);
}

export function canAsk(actor: Actor | null, now: number): actor is Actor {
  return actor !== null && !isSuspended(actor, now);
}

export function canAnswer(actor: Actor | null, question: { deletedAt: number | null }, now: number): actor is Actor {
  return actor !== null && !isSuspended(actor, now) && question.deletedAt === null;
}

/** Delay after which moderators, agents and superusers may accept on the asker's behalf. */
export const ACCEPT_ON_BEHALF_DELAY_MS = 7 * 24 * 3600 * 1000;

export function canAccept(
  actor: Actor | null,
  question: { authorId: number; createdAt: number; deletedAt: number | null },
  now: number,
): actor is Actor {
  if (actor === null || isSuspended(actor, now) || question.deletedAt !== null) return false;
  if (actor.id === question.authorId) return true;
  const onBehalf: readonly Role[] = ['superuser', 'moderator', 'agent', 'admin'];
  return onBehalf.includes(actor.role) && now - question.createdAt >= ACCEPT_ON_BEHALF_DELAY_MS;
}

export function canViewMailOutbox(actor: Actor | null): boolean {
  return actor !== null && actor.role === 'admin';
}

export function canManageUsers(actor: Actor | null): boolean {
  return actor !== null && actor.role === 'admin';
}

export function canModerate(actor: Actor | null): boolean {
  return actor !== null && MODERATORS.includes(actor.role);
}

/** Area gates used by the middleware: whole sections of the site. */
export function canEnterArea(actor: Actor | null, area: 'admin' | 'agent'): boolean {
  if (actor === null) return false;
  return area === 'admin' ? actor.role === 'admin' : STAFF.includes(actor.role);
}
