import { describe, expect, it } from 'vitest';
import { ACCEPT_ON_BEHALF_DELAY_MS, canAccept, canViewOwnContactRequest, canAnswer, canAsk, canEnterArea, canViewMailOutbox } from '../../../src/lib/auth/permissions';
import type { Actor } from '../../../src/lib/auth/sessions';
import { ROLES, type Role } from '../../../db/schema/accounts';

const actor = (role: Role, id = 2, suspendedUntil: number | null = null): Actor => ({ id, role, email: 'x@y.z', displayName: 'x', locale: 'es', suspendedUntil });
const NOW = 1_000_000_000_000;
const question = { authorId: 1, createdAt: NOW - 1000, deletedAt: null };
const oldQuestion = { ...question, createdAt: NOW - ACCEPT_ON_BEHALF_DELAY_MS };
const openQuestion = { authorId: 1, deletedAt: null, lockedAt: null, status: 'published' as const };

describe('canAccept', () => {
  it('lets the asker accept at once', () => {
    expect(canAccept(actor('member', 1), question, NOW)).toBe(true);
  });
  it('lets superusers, moderators, agents and admins accept on behalf only after the delay', () => {
    for (const role of ['superuser', 'moderator', 'agent', 'admin'] as const) {
      expect(canAccept(actor(role), question, NOW), role).toBe(false);
      expect(canAccept(actor(role), oldQuestion, NOW), role).toBe(true);
    }
  });
  it('never lets another member, an anonymous visitor or a suspended asker accept', () => {
    expect(canAccept(actor('member'), oldQuestion, NOW)).toBe(false);
    expect(canAccept(null, question, NOW)).toBe(false);
    expect(canAccept(actor('member', 1, NOW + 1), question, NOW)).toBe(false);
    expect(canAccept(actor('member', 1), { ...question, deletedAt: NOW }, NOW)).toBe(false);
  });
});

describe('role matrix', () => {
  it('gates areas and the mail outbox by role', () => {
    const table = ROLES.map((role) => [role, canEnterArea(actor(role), 'agent'), canEnterArea(actor(role), 'admin'), canViewMailOutbox(actor(role))]);
    expect(table).toEqual([
      ['member', false, false, false],
      ['superuser', false, false, false],
      ['moderator', false, false, false],
      ['agent', true, false, false],
      ['admin', true, true, true],
    ]);
    expect(canEnterArea(null, 'agent')).toBe(false);
  });
  it('lets any signed-in, unsuspended member ask and answer', () => {
    for (const role of ROLES) {
      expect(canAsk(actor(role), NOW)).toBe(true);
      expect(canAnswer(actor(role), openQuestion, NOW)).toBe(true);
    }
    expect(canAsk(null, NOW)).toBe(false);
    expect(canAsk(actor('member', 2, NOW + 1), NOW)).toBe(false);
    expect(canAnswer(actor('member'), { ...openQuestion, deletedAt: NOW }, NOW)).toBe(false);
  });
});

describe('canViewOwnContactRequest', () => {
  it('lets the same member or the same visitor cookie see a request, and never matches two missing ids', () => {
    expect(canViewOwnContactRequest({ userId: 4, visitorId: null }, { userId: 4, visitorId: null })).toBe(true);
    expect(canViewOwnContactRequest({ userId: null, visitorId: 'abcdefabcdefabcd' }, { userId: null, visitorId: 'abcdefabcdefabcd' })).toBe(true);
    expect(canViewOwnContactRequest({ userId: 5, visitorId: 'other-visitor-id' }, { userId: 4, visitorId: 'abcdefabcdefabcd' })).toBe(false);
    expect(canViewOwnContactRequest({ userId: null, visitorId: null }, { userId: null, visitorId: null })).toBe(false);
  });
});
