import { describe, expect, it } from 'vitest';
import {
  ACCEPT_ON_BEHALF_DELAY_MS,
  answerRefusal,
  type AnswerFacts,
  canAccept,
  canAnswer,
  canAsk,
  canEnterArea,
  canModerateThread,
  canSeeAnswer,
  canSkipPremoderation,
  canViewMailOutbox,
  canViewOwnContactRequest,
} from '../../../src/lib/auth/permissions';
import * as permissions from '../../../src/lib/auth/permissions';
import type { Actor } from '../../../src/lib/auth/sessions';
import { ROLES, type Role } from '../../../db/schema/accounts';
import { NOW } from '../../helpers/time';

const actor = (role: Role, id = 2, suspendedUntil: number | null = null): Actor => ({ id, role, email: 'x@y.z', displayName: 'x', locale: 'es', suspendedUntil });
const question = { authorId: 1, createdAt: NOW - 1000, deletedAt: null };
const oldQuestion = { ...question, createdAt: NOW - ACCEPT_ON_BEHALF_DELAY_MS };
const openQuestion: AnswerFacts = { authorId: 1, deletedAt: null, lockedAt: null, status: 'published' };

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
    const table = ROLES.map((role) => [role, canEnterArea(actor(role), 'agent', NOW), canEnterArea(actor(role), 'admin', NOW), canViewMailOutbox(actor(role), NOW)]);
    expect(table).toEqual([
      ['member', false, false, false],
      ['superuser', false, false, false],
      ['moderator', false, false, false],
      ['agent', true, false, false],
      ['admin', true, true, true],
    ]);
    expect(canEnterArea(null, 'agent', NOW)).toBe(false);
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

describe('answerRefusal: why a question takes no answer, in the order the reader hears it', () => {
  const refusal = (who: Actor | null, facts: Partial<AnswerFacts> = {}) => answerRefusal(who, { ...openQuestion, ...facts }, NOW);
  it('says nothing when the answer is allowed, and canAnswer agrees with it', () => {
    for (const role of ROLES) expect(refusal(actor(role))).toBeNull();
    expect(canAnswer(actor('member'), { ...openQuestion, lockedAt: NOW }, NOW)).toBe(false);
  });
  it('locked first (signing in would not help), then signed out, suspended or deleted, then unpublished', () => {
    expect(refusal(null, { lockedAt: NOW })).toMatchObject({ reason: 'locked', code: 'FORBIDDEN', fields: { _: 'thread.lockedNotice' } });
    expect(refusal(actor('admin'), { lockedAt: NOW })?.reason).toBe('locked');
    expect(refusal(null)).toMatchObject({ reason: 'signedOut', code: 'UNAUTHORIZED' });
    expect(refusal(null, { deletedAt: NOW })?.reason).toBe('signedOut');
    expect(refusal(actor('member', 2, NOW + 1))).toMatchObject({ reason: 'forbidden', code: 'FORBIDDEN' });
    expect(refusal(actor('member'), { deletedAt: NOW })?.reason).toBe('forbidden');
  });
  it('an unpublished question is not found for those who cannot see it, and refused to its author and moderators', () => {
    expect(refusal(actor('member'), { status: 'pending' })).toMatchObject({ reason: 'notFound', code: 'NOT_FOUND' });
    expect(refusal(actor('agent'), { status: 'hidden' })?.code).toBe('NOT_FOUND');
    expect(refusal(actor('member', 1), { status: 'pending' })).toMatchObject({ reason: 'unpublished', code: 'FORBIDDEN', fields: { _: 'thread.pendingNotice' } });
    expect(refusal(actor('moderator'), { status: 'hidden' })).toMatchObject({ reason: 'unpublished', fields: { _: 'thread.hiddenNotice' } });
  });
});

describe('thread readers and moderators', () => {
  const pending = { authorId: 5, status: 'pending' as const };
  const hidden = { authorId: 5, status: 'hidden' as const };
  it('canSeeAnswer: published to all; pending and hidden to the thread’s moderators; pending also to its author', () => {
    expect(canSeeAnswer(null, 1, { authorId: 5, status: 'published' })).toBe(true);
    expect(canSeeAnswer(null, 1, pending)).toBe(false);
    expect(canSeeAnswer({ id: 5, moderator: false }, 1, pending)).toBe(true);
    expect(canSeeAnswer({ id: 5, moderator: false }, 1, hidden)).toBe(false);
    expect(canSeeAnswer({ id: 6, moderator: false }, 1, pending)).toBe(false);
    expect(canSeeAnswer({ id: 6, moderator: true }, 1, hidden)).toBe(true);
    expect(canSeeAnswer({ id: 6, moderator: [1, 2] }, 1, hidden)).toBe(true);
    expect(canSeeAnswer({ id: 6, moderator: [2] }, 1, hidden)).toBe(false);
    expect(canSeeAnswer({ id: 6, moderator: [] }, 1, pending)).toBe(false);
  });
  it('canModerateThread: site moderators everywhere, category moderators in their scope only', () => {
    const table = ROLES.map((role) => [role, canModerateThread(actor(role), [], 1, NOW), canModerateThread(actor(role), [1], 1, NOW), canModerateThread(actor(role), [2], 1, NOW)]);
    expect(table).toEqual([
      ['member', false, true, false],
      ['superuser', false, true, false],
      ['moderator', true, true, true],
      ['agent', false, true, false],
      ['admin', true, true, true],
    ]);
    expect(canModerateThread(actor('moderator'), null, 1, NOW)).toBe(true);
    expect(canModerateThread(null, null, 1, NOW)).toBe(false);
  });
  it('canSkipPremoderation: every role but plain members', () => {
    expect(ROLES.filter((role) => canSkipPremoderation(actor(role)))).toEqual(['superuser', 'moderator', 'agent', 'admin']);
  });
});

describe('a suspended account, whatever its role', () => {
  const hidden = { authorId: 2, deletedAt: null, status: 'hidden' as const, categoryId: 1 };
  const post = { authorId: 2, deletedAt: null, status: 'published' as const, lockedAt: null, deletedBy: null };
  const grants = (a: Actor) => ({
    areas: [permissions.canEnterArea(a, 'agent', NOW), permissions.canEnterArea(a, 'admin', NOW), permissions.canEnterModeration(a, 1, NOW)],
    staff: [permissions.isStaff(a, NOW), permissions.canViewMailOutbox(a, NOW), permissions.canManageUsers(a, NOW), permissions.canHandleContactRequests(a, NOW)],
    moderation: [permissions.canModerate(a, NOW), permissions.canModerateThread(a, [1], 1, NOW), permissions.canModerateCategory(a, [a.id], NOW), permissions.canSuspend(a, { id: 99, role: 'member' }, NOW)],
    curation: [permissions.canManageTags(a, NOW), permissions.canManageCategories(a, NOW), permissions.canCreateTag(a, 4, NOW), permissions.canMoveThread(a, [a.id], [a.id], NOW)],
    kb: [permissions.canEditArticles(a, NOW), permissions.canPromoteToKb(a, { deletedAt: null, solved: true }, NOW), permissions.canManageIncidents(a, NOW), permissions.canLinkQuestionToIncident(a, NOW)],
    posts: [permissions.canAsk(a, NOW), permissions.canEditPost(a, post, NOW), permissions.canDeletePost(a, post, NOW), permissions.canComment(a, post, NOW), permissions.canCloseDirectly(a, NOW)],
    sees: [permissions.canViewPost(a, hidden, NOW, [1]), permissions.threadReader(a, [1], NOW) !== null],
  });
  it('is granted nothing an anonymous visitor is not (its sessions and tokens alike), and everything back when the suspension ends', () => {
    const none = { areas: [false, false, false], staff: [false, false, false, false], moderation: [false, false, false, false], curation: [false, false, false, false], kb: [false, false, false, false], posts: [false, false, false, false, false], sees: [false, false] };
    for (const role of ROLES) {
      expect(grants(actor(role, 2, NOW + 1)), role).toEqual(none);
      expect(permissions.canViewPost(null, hidden, NOW)).toBe(false);
      // the suspension ended a millisecond ago: the author sees their hidden post again, admins everything
      expect(grants(actor(role, 2, NOW)).sees[0], role).toBe(true);
    }
    expect(grants(actor('admin', 2, NOW)).areas).toEqual([true, true, true]);
  });
});
