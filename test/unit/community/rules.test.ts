import { describe, expect, it } from 'vitest';
import { canCloseDirectly, canEditPost, canSuspend, canUndeletePost, canViewPost, canVote, effectiveTrustLevel } from '../../../src/lib/auth/permissions';
import type { Actor } from '../../../src/lib/auth/sessions';
import { legacyPath, normalizeImportTags } from '../../../src/lib/community/import-questions';
import { needsPremoderation, trustLevelOf } from '../../../src/lib/community/standing';
import { isThreadIndexable } from '../../../src/lib/community/structured-data';
import type { Thread } from '../../../src/lib/community/get-thread';
import { diffText } from '../../../src/lib/community/edit-post';
import { DAY, NOW } from '../../helpers/time';

const actor = (role: Actor['role'], id = 2): Actor => ({ id, role, email: 'x@y.z', displayName: 'x', locale: 'es', suspendedUntil: null });
const post = { authorId: 1, deletedAt: null, status: 'published' as const, lockedAt: null };

describe('trust levels', () => {
  it('grows with age and posts; a stored level is a floor; roles raise it', () => {
    const m = { role: 'member' as const };
    expect(trustLevelOf(m, { createdAt: NOW - 1000, postCount: 100, trustLevel: 0 }, NOW)).toBe(0);
    expect(trustLevelOf(m, { createdAt: NOW - DAY, postCount: 0, trustLevel: 0 }, NOW)).toBe(1);
    expect(trustLevelOf(m, { createdAt: NOW - 7 * DAY, postCount: 10, trustLevel: 0 }, NOW)).toBe(2);
    expect(trustLevelOf(m, { createdAt: NOW - 30 * DAY, postCount: 50, trustLevel: 0 }, NOW)).toBe(3);
    expect(trustLevelOf(m, { createdAt: NOW - 1000, postCount: 0, trustLevel: 2 }, NOW)).toBe(2);
    expect(trustLevelOf({ role: 'superuser' }, { createdAt: NOW, postCount: 0, trustLevel: 0 }, NOW)).toBe(3);
    expect(effectiveTrustLevel({ role: 'agent' }, 0)).toBe(4);
  });
  it('pre-moderates the first two posts of member accounts younger than a week', () => {
    expect(needsPremoderation({ role: 'member' }, { createdAt: NOW - DAY, postCount: 1, trustLevel: 0 }, NOW)).toBe(true);
    expect(needsPremoderation({ role: 'member' }, { createdAt: NOW - DAY, postCount: 2, trustLevel: 0 }, NOW)).toBe(false);
    expect(needsPremoderation({ role: 'member' }, { createdAt: NOW - 8 * DAY, postCount: 0, trustLevel: 0 }, NOW)).toBe(false);
    expect(needsPremoderation({ role: 'agent' }, { createdAt: NOW, postCount: 0, trustLevel: 0 }, NOW)).toBe(false);
  });
});

describe('community permissions', () => {
  it('votes: not your own, not locked, not hidden', () => {
    expect(canVote(actor('member'), post, NOW)).toBe(true);
    expect(canVote(actor('member', 1), post, NOW)).toBe(false);
    expect(canVote(actor('member'), { ...post, lockedAt: NOW }, NOW)).toBe(false);
    expect(canVote(actor('member'), { ...post, status: 'hidden' }, NOW)).toBe(false);
    expect(canVote(null, post, NOW)).toBe(false);
  });
  it('visibility of pending and hidden posts', () => {
    expect(canViewPost(null, { ...post, status: 'pending' }, NOW)).toBe(false);
    expect(canViewPost(actor('member', 1), { ...post, status: 'pending' }, NOW)).toBe(true);
    expect(canViewPost(actor('moderator'), { ...post, status: 'hidden' }, NOW)).toBe(true);
    expect(canViewPost(actor('agent'), { ...post, status: 'hidden' }, NOW)).toBe(false);
  });
  it('edits, undeletes, closes, suspends', () => {
    expect(canEditPost(actor('superuser'), post, NOW)).toBe(true);
    expect(canEditPost(actor('superuser'), { ...post, lockedAt: NOW }, NOW)).toBe(false);
    expect(canEditPost(actor('moderator'), { ...post, lockedAt: NOW }, NOW)).toBe(true);
    expect(canUndeletePost(actor('member', 1), { ...post, deletedAt: NOW, deletedBy: 1 }, NOW)).toBe(true);
    expect(canUndeletePost(actor('member', 1), { ...post, deletedAt: NOW, deletedBy: 9 }, NOW)).toBe(false);
    expect(canCloseDirectly(actor('superuser'), NOW)).toBe(true);
    expect(canCloseDirectly(actor('agent'), NOW)).toBe(false);
    expect(canSuspend(actor('moderator'), { id: 5, role: 'member' }, NOW)).toBe(true);
    expect(canSuspend(actor('moderator'), { id: 5, role: 'moderator' }, NOW)).toBe(false);
    expect(canSuspend(actor('admin'), { id: 5, role: 'moderator' }, NOW)).toBe(true);
    expect(canSuspend(actor('admin'), { id: 5, role: 'admin' }, NOW)).toBe(false);
    expect(canSuspend(actor('admin', 5), { id: 5, role: 'member' }, NOW)).toBe(false);
  });
});

describe('SEO and import rules', () => {
  const thread = (createdAt: number, answers: number, extra: Partial<Thread['question']> = {}) =>
    ({
      question: { createdAt, deletedAt: null, status: 'published', closedAt: null, duplicateOfId: null, ...extra },
      answers: Array.from({ length: answers }, () => ({ status: 'published' })),
    }) as unknown as Thread;
  it('noindex on unanswered threads older than 30 days, deleted, hidden and duplicates', () => {
    expect(isThreadIndexable(thread(NOW - 29 * DAY, 0), NOW)).toBe(true);
    expect(isThreadIndexable(thread(NOW - 31 * DAY, 0), NOW)).toBe(false);
    expect(isThreadIndexable(thread(NOW - 400 * DAY, 1), NOW)).toBe(true);
    expect(isThreadIndexable(thread(NOW, 1, { status: 'hidden' }), NOW)).toBe(false);
    expect(isThreadIndexable(thread(NOW, 1, { closedAt: NOW, duplicateOfId: 3 }), NOW)).toBe(false);
  });
  it('normalizes imported tags and old URLs', () => {
    expect(normalizeImportTags(['Wi Fi', 'router', 'ROUTER', 'bad!', 'a', 'b1', 'c2', 'd3', 'e4'])).toEqual({ tags: ['wi-fi', 'router', 'b1', 'c2', 'd3'], dropped: 3 });
    expect(legacyPath('https://forum.example/t/x/1#post-2')).toBe('/t/x/1');
  });
  it('diffs words', () => {
    expect(diffText('the red light', 'the green light').filter((p) => p.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'red' },
      { kind: 'added', text: 'green' },
    ]);
  });
});
