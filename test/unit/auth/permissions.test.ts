import { describe, expect, it } from 'vitest';
import {
  ACCEPT_ON_BEHALF_DELAY_MS,
  answerRefusal,
  type AnswerFacts,
  canAccept,
  canAnswer,
  canAsk,
  canEnterArea,
  canReadReports,
  receivesKpiDigest,
  canModerateThread,
  canSeeAnswer,
  canSkipPremoderation,
  canViewMailOutbox,
  canViewOwnContactRequest,
} from '../../../src/lib/auth/permissions';
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
    const table = ROLES.map((role) => [role, canModerateThread(actor(role), [], 1), canModerateThread(actor(role), [1], 1), canModerateThread(actor(role), [2], 1)]);
    expect(table).toEqual([
      ['member', false, true, false],
      ['superuser', false, true, false],
      ['moderator', true, true, true],
      ['agent', false, true, false],
      ['admin', true, true, true],
    ]);
    expect(canModerateThread(actor('moderator'), null, 1)).toBe(true);
    expect(canModerateThread(null, null, 1)).toBe(false);
  });
  it('canSkipPremoderation: every role but plain members', () => {
    expect(ROLES.filter((role) => canSkipPremoderation(actor(role)))).toEqual(['superuser', 'moderator', 'agent', 'admin']);
  });
});

describe('reports permission matrix', () => {
  it('admins and leads (any role) read the reports and get the digest; nobody else', () => {
    const table = ROLES.flatMap((role) => [false, true].map((lead) => [role, lead, canReadReports({ ...actor(role), lead }), canEnterArea({ ...actor(role), lead }, 'reports'), receivesKpiDigest({ ...actor(role), lead }, NOW)]));
    expect(table).toEqual([
      ['member', false, false, false, false],
      ['member', true, true, true, true],
      ['superuser', false, false, false, false],
      ['superuser', true, true, true, true],
      ['moderator', false, false, false, false],
      ['moderator', true, true, true, true],
      ['agent', false, false, false, false],
      ['agent', true, true, true, true],
      ['admin', false, true, true, true],
      ['admin', true, true, true, true],
    ]);
    expect(canReadReports(null)).toBe(false);
    expect(canEnterArea(null, 'reports')).toBe(false);
    expect(receivesKpiDigest({ ...actor('agent', 2, NOW + 1), lead: true }, NOW)).toBe(false);
  });
});
