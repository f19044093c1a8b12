import { describe, expect, it } from 'vitest';
import {
  staffAreas,
  ACCEPT_ON_BEHALF_DELAY_MS,
  answerRefusal,
  type AnswerFacts,
  canAccept,
  canAnswer,
  canComment,
  canCreateTag,
  canEditPost,
  canFlag,
  canVoteToClose,
  privilegeRefusal,
  canAsk,
  canEnterArea,
  canReadReports,
  receivesKpiDigest,
  canManageReputation,
  canManageSuperusers,
  canModerateThread,
  canRedeemRewards,
  canSeeAnswer,
  canSkipPremoderation,
  canUsePrivilege,
  canViewMailOutbox,
  canViewOwnContactRequest,
} from '../../../src/lib/auth/permissions';
import * as permissions from '../../../src/lib/auth/permissions';
import type { Actor } from '../../../src/lib/auth/sessions';
import { ROLES, type Role } from '../../../db/schema/accounts';
import { NOW } from '../../helpers/time';
import { DEFAULT_SETTINGS, PRIVILEGES } from '../../../src/lib/reputation/settings';

const actor = (role: Role, id = 2, suspendedUntil: number | null = null): Actor => ({ id, role, email: 'x@y.z', displayName: 'x', locale: 'es', suspendedUntil });
const question = { authorId: 1, createdAt: NOW - 1000, deletedAt: null, answerAuthorId: 3 };
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
  it('never lets anyone accept their own answer on the asker’s behalf', () => {
    for (const role of ['superuser', 'moderator', 'agent', 'admin'] as const) {
      expect(canAccept(actor(role, 3), oldQuestion, NOW), role).toBe(false);
    }
    expect(canAccept(actor('member', 1), { ...question, answerAuthorId: 1 }, NOW)).toBe(true);
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

describe('reports permission matrix', () => {
  it('admins and leads (any role) read the reports and get the digest; nobody else', () => {
    const table = ROLES.flatMap((role) => [false, true].map((lead) => [role, lead, canReadReports({ ...actor(role), lead }, NOW), canEnterArea({ ...actor(role), lead }, 'reports', NOW), receivesKpiDigest({ ...actor(role), lead }, NOW)]));
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
    expect(canReadReports(null, NOW)).toBe(false);
    expect(canEnterArea(null, 'reports', NOW)).toBe(false);
    expect(receivesKpiDigest({ ...actor('agent', 2, NOW + 1), lead: true }, NOW)).toBe(false);
  });
});

describe('reputation privileges (canUsePrivilege)', () => {
  const thresholds = DEFAULT_SETTINGS.thresholds;
  it('members earn each privilege at its threshold; staff hold all; superusers all but the flag queue; suspended none', () => {
    for (const privilege of PRIVILEGES) {
      const t = thresholds[privilege];
      const row = [
        canUsePrivilege(actor('member'), privilege, { reputation: t - 1, thresholds: thresholds }, NOW),
        canUsePrivilege(actor('member'), privilege, { reputation: t, thresholds: thresholds }, NOW),
        canUsePrivilege(actor('superuser'), privilege, { reputation: 0, thresholds: thresholds }, NOW),
        canUsePrivilege(actor('moderator'), privilege, { reputation: 0, thresholds: thresholds }, NOW),
        canUsePrivilege(actor('agent'), privilege, { reputation: 0, thresholds: thresholds }, NOW),
        canUsePrivilege(actor('admin'), privilege, { reputation: 0, thresholds: thresholds }, NOW),
      ];
      expect(row, privilege).toEqual([false, true, privilege !== 'seeFlagQueue', true, true, true]);
      for (const role of ROLES) expect(canUsePrivilege(actor(role, 2, NOW + 1), privilege, { reputation: 1e9, thresholds: thresholds }, NOW), `${role} suspended`).toBe(false);
      expect(canUsePrivilege(null, privilege, { reputation: 1e9, thresholds: thresholds }, NOW)).toBe(false);
    }
  });
  it('follows configured thresholds', () => {
    expect(canUsePrivilege(actor('member'), 'voteDown', { reputation: 50, thresholds: { ...thresholds, voteDown: 50 } }, NOW)).toBe(true);
  });
  it('reputation management is for active admins; superuser management for active moderators', () => {
    expect(ROLES.map((r) => canManageReputation(actor(r), NOW))).toEqual([false, false, false, false, true]);
    expect(ROLES.map((r) => canManageSuperusers(actor(r), NOW))).toEqual([false, false, true, false, true]);
    expect(canManageReputation(actor('admin', 2, NOW + 1), NOW)).toBe(false);
    expect(canManageSuperusers(actor('moderator', 2, NOW + 1), NOW)).toBe(false);
    expect(canRedeemRewards(actor('member', 2, NOW + 1), NOW)).toBe(false);
  });
});

describe('each privilege in the predicate that needs it (a member below and at the threshold)', () => {
  const thresholds = DEFAULT_SETTINGS.thresholds;
  const below = (p: keyof typeof thresholds) => ({ reputation: thresholds[p] - 1, thresholds });
  const at = (p: keyof typeof thresholds) => ({ reputation: thresholds[p], thresholds });
  const othersPost = { authorId: 7, deletedAt: null, status: 'published' as const, lockedAt: null };
  const member = actor('member');
  it('flag: others\' posts only from the flag threshold', () => {
    expect([canFlag(member, othersPost, NOW, below('flag')), canFlag(member, othersPost, NOW, at('flag'))]).toEqual([false, true]);
    expect(canFlag(actor('moderator'), othersPost, NOW, { reputation: 0, thresholds })).toBe(true);
  });
  it('commentAnywhere: own posts and own threads always; others\' threads from the threshold', () => {
    const none = { reputation: 0, thresholds };
    expect(canComment(member, { ...othersPost, authorId: member.id }, NOW, none, 7)).toBe(true);
    expect(canComment(member, othersPost, NOW, none, member.id)).toBe(true);
    expect([canComment(member, othersPost, NOW, below('commentAnywhere'), 7), canComment(member, othersPost, NOW, at('commentAnywhere'), 7)]).toEqual([false, true]);
  });
  it('editOthers: members edit others\' posts from the threshold, never in a locked thread', () => {
    expect([canEditPost(member, othersPost, NOW, below('editOthers')), canEditPost(member, othersPost, NOW, at('editOthers'))]).toEqual([false, true]);
    expect(canEditPost(member, { ...othersPost, lockedAt: NOW }, NOW, at('editOthers'))).toBe(false);
  });
  it('acceptOnBehalf: members from the threshold, after the same delay as staff', () => {
    expect([canAccept(member, oldQuestion, NOW, undefined, below('acceptOnBehalf')), canAccept(member, oldQuestion, NOW, undefined, at('acceptOnBehalf'))]).toEqual([false, true]);
    expect(canAccept(member, question, NOW, undefined, at('acceptOnBehalf'))).toBe(false);
  });
  it('voteToClose and createTags: the trust level earned by age and activity, or the reputation privilege', () => {
    expect([canVoteToClose(member, 0, NOW, below('voteToClose')), canVoteToClose(member, 0, NOW, at('voteToClose')), canVoteToClose(member, 2, NOW, below('voteToClose'))]).toEqual([false, true, true]);
    expect([canCreateTag(member, 0, NOW, below('createTags')), canCreateTag(member, 0, NOW, at('createTags')), canCreateTag(member, 1, NOW, below('createTags'))]).toEqual([false, true, true]);
  });
  it('the refusal names its reason and what it takes', () => {
    expect(privilegeRefusal(member, 'voteDown', { reputation: 100, thresholds }, NOW)).toMatchObject({
      reason: 'reputation',
      code: 'FORBIDDEN',
      fields: { _: 'privilege.needs.voteDown' },
      fieldVars: { _: { threshold: thresholds.voteDown, missing: thresholds.voteDown - 100 } },
    });
    expect(privilegeRefusal(null, 'flag', { reputation: 0, thresholds }, NOW)?.reason).toBe('signedOut');
    expect(privilegeRefusal(actor('member', 2, NOW + 1), 'flag', { reputation: 1e6, thresholds }, NOW)?.reason).toBe('suspended');
  });
});

describe('staffAreas: the staff navigation follows the page gates', () => {
  it('lists each role its areas in menu order', () => {
    expect(staffAreas(null, 0, NOW)).toEqual([]);
    expect(Object.fromEntries(ROLES.map((role) => [role, staffAreas(actor(role), 0, NOW)]))).toEqual({
      member: [],
      superuser: [],
      moderator: ['editor', 'review', 'moderation', 'hidden', 'audit', 'tags'],
      agent: ['editor', 'review', 'moderation', 'agent'],
      admin: ['editor', 'review', 'moderation', 'hidden', 'audit', 'tags', 'agent', 'incidents', 'categories', 'caseSettings', 'deflection', 'reports', 'mail'],
    });
    expect(staffAreas({ ...actor('agent'), lead: true }, 0, NOW)).toEqual(['editor', 'review', 'moderation', 'agent', 'reports']);
    expect(staffAreas({ ...actor('member'), lead: true }, 0, NOW)).toEqual(['reports']);
  });

  it('gives a category moderator the moderation queue and hidden content, not the site-wide audit log', () => {
    expect(staffAreas(actor('member'), 2, NOW)).toEqual(['moderation', 'hidden']);
  });

  it('leaves the agent workspace and case settings out while the account is suspended', () => {
    expect(staffAreas(actor('agent', 2, NOW + 1000), 0, NOW)).toEqual([]);
    expect(staffAreas(actor('admin', 2, NOW + 1000), 0, NOW)).not.toContain('caseSettings');
  });
});

describe('a suspended account, whatever its role', () => {
  const hidden = { authorId: 2, deletedAt: null, status: 'hidden' as const, categoryId: 1 };
  const post = { authorId: 2, deletedAt: null, status: 'published' as const, lockedAt: null, deletedBy: null };
  const grants = (a: Actor) => ({
    areas: [permissions.canEnterArea(a, 'agent', NOW), permissions.canEnterArea(a, 'admin', NOW), permissions.canEnterModeration(a, 1, NOW)],
    staff: [permissions.isStaff(a, NOW), permissions.canViewMailOutbox(a, NOW), permissions.canManageUsers(a, NOW), permissions.canWorkCases(a, NOW)],
    moderation: [permissions.canModerate(a, NOW), permissions.canModerateThread(a, [1], 1, NOW), permissions.canModerateCategory(a, [a.id], NOW), permissions.canSuspend(a, { id: 99, role: 'member' }, NOW)],
    curation: [permissions.canManageTags(a, NOW), permissions.canManageCategories(a, NOW), permissions.canCreateTag(a, 4, NOW), permissions.canMoveThread(a, [a.id], [a.id], NOW)],
    kb: [permissions.canEditArticles(a, NOW), permissions.canPromoteToKb(a, { deletedAt: null, solved: true }, NOW), permissions.canManageIncidents(a, NOW), permissions.canLinkQuestionToIncident(a, NOW)],
    posts: [permissions.canAsk(a, NOW), permissions.canEditPost(a, post, NOW), permissions.canDeletePost(a, post, NOW), permissions.canComment(a, post, NOW, { reputation: 0, thresholds: DEFAULT_SETTINGS.thresholds }, 2), permissions.canCloseDirectly(a, NOW)],
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
