import { describe, expect, it } from 'vitest';
import { canEnterModeration, canManageCategories, canManageTags, canModerateCategory, canMoveThread } from '../../../src/lib/auth/permissions';
import type { Actor } from '../../../src/lib/auth/sessions';

const actor = (role: Actor['role'], id = 2): Actor => ({ id, role, email: 'x@y.z', displayName: 'x', locale: 'es', suspendedUntil: null });

describe('category and tag permissions', () => {
  it('admins manage categories; moderators manage tags', () => {
    expect((['member', 'superuser', 'moderator', 'agent', 'admin'] as const).map((r) => canManageCategories(actor(r)))).toEqual([false, false, false, false, true]);
    expect((['member', 'superuser', 'moderator', 'agent', 'admin'] as const).map((r) => canManageTags(actor(r)))).toEqual([false, false, true, false, true]);
    expect(canManageCategories(null) || canManageTags(null)).toBe(false);
  });
  it('category moderators moderate and move only within the categories they moderate', () => {
    const member = actor('member', 7);
    expect(canModerateCategory(member, [7])).toBe(true);
    expect(canModerateCategory(member, [8])).toBe(false);
    expect(canMoveThread(member, [7], [7, 9])).toBe(true);
    expect(canMoveThread(member, [7], [9])).toBe(false);
    expect(canMoveThread(actor('moderator'), [], [])).toBe(true);
  });
  it('the moderation area: site moderators, or members moderating at least one category', () => {
    expect(canEnterModeration(actor('member'), 0)).toBe(false);
    expect(canEnterModeration(actor('member'), 2)).toBe(true);
    expect(canEnterModeration(actor('moderator'), 0)).toBe(true);
    expect(canEnterModeration(null, 3)).toBe(false);
  });
});
