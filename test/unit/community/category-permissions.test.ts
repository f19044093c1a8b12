import { describe, expect, it } from 'vitest';
import { canEnterModeration, canManageCategories, canManageTags, canModerateCategory, canMoveThread } from '../../../src/lib/auth/permissions';
import type { Actor } from '../../../src/lib/auth/sessions';

const NOW = Date.UTC(2026, 10, 1);
const actor = (role: Actor['role'], id = 2): Actor => ({ id, role, email: 'x@y.z', displayName: 'x', locale: 'es', suspendedUntil: null });

describe('category and tag permissions', () => {
  it('admins manage categories; moderators manage tags', () => {
    expect((['member', 'superuser', 'moderator', 'agent', 'admin'] as const).map((r) => canManageCategories(actor(r), NOW))).toEqual([false, false, false, false, true]);
    expect((['member', 'superuser', 'moderator', 'agent', 'admin'] as const).map((r) => canManageTags(actor(r), NOW))).toEqual([false, false, true, false, true]);
    expect(canManageCategories(null, NOW) || canManageTags(null, NOW)).toBe(false);
  });
  it('category moderators moderate and move only within the categories they moderate', () => {
    const member = actor('member', 7);
    expect(canModerateCategory(member, [7], NOW)).toBe(true);
    expect(canModerateCategory(member, [8], NOW)).toBe(false);
    expect(canMoveThread(member, [7], [7, 9], NOW)).toBe(true);
    expect(canMoveThread(member, [7], [9], NOW)).toBe(false);
    expect(canMoveThread(actor('moderator'), [], [], NOW)).toBe(true);
  });
  it('the moderation area: site moderators, or members moderating at least one category', () => {
    expect(canEnterModeration(actor('member'), 0, NOW)).toBe(false);
    expect(canEnterModeration(actor('member'), 2, NOW)).toBe(true);
    expect(canEnterModeration(actor('moderator'), 0, NOW)).toBe(true);
    expect(canEnterModeration(null, 3, NOW)).toBe(false);
  });
});
