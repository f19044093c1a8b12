import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import type { Actor } from '../../../src/lib/auth/sessions';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { addCategoryModerator, createCategory } from '../../../src/lib/community/categories';
import { getThread } from '../../../src/lib/community/get-thread';
import { moderationScope, runContentCommand, runThreadCommand } from '../../../src/lib/moderation/commands';
import { createMember, createTestDb } from '../../helpers/db';
import { expectCode } from '../../helpers/errors';
import { NOW } from '../../helpers/time';

let db: SqliteDb;
let moderator: Actor;
let member: Actor;
let internetId: number;

beforeEach(async () => {
  db = createTestDb();
  const admin = await createMember(db, 'admin');
  moderator = await createMember(db, 'moderator');
  member = await createMember(db);
  internetId = createCategory(db, admin, { slug: 'internet', nameEs: 'Internet', nameEn: 'Internet' }, NOW).id;
  createCategory(db, admin, { slug: 'billing', nameEs: 'Facturas', nameEn: 'Billing' }, NOW);
  addCategoryModerator(db, admin, internetId, { userId: member.id }, NOW);
});

const ask = (category: string) => askQuestion(db, moderator, { title: `Una pregunta sobre ${category} y el router`, body: 'El router parpadea en rojo desde esta mañana.', category, locale: 'es' }, NOW).id;

describe('moderation commands (forms and API share them)', () => {
  it('retag takes a form string or an API array; unknown actions and missing fields are INVALID', () => {
    const id = ask('internet');
    runThreadCommand(db, moderator, id, { action: 'retag', tags: 'Router, fibra' }, NOW);
    expect(getThread(db, id)!.question.tags).toEqual(['fibra', 'router']);
    runThreadCommand(db, moderator, id, { action: 'retag', tags: ['wifi'] }, NOW);
    expect(getThread(db, id)!.question.tags).toEqual(['wifi']);
    // the tags of a retag are validated like the ask form's: malformed, too many, repeated
    expect(expectCode(() => runThreadCommand(db, moderator, id, { action: 'retag', tags: ['<script>'] }, NOW), 'INVALID').fields).toEqual({ tags: 'field.invalidTag' });
    expect(expectCode(() => runThreadCommand(db, moderator, id, { action: 'retag', tags: 'x'.repeat(100_000) }, NOW), 'INVALID').fields).toEqual({ tags: 'field.invalidTag' });
    expect(expectCode(() => runThreadCommand(db, moderator, id, { action: 'retag', tags: 'a1 b2 c3 d4 e5 f6' }, NOW), 'INVALID').fields).toEqual({ tags: 'field.tooManyTags' });
    runThreadCommand(db, moderator, id, { action: 'retag', tags: 'router, Router,router' }, NOW);
    expect(getThread(db, id)!.question.tags).toEqual(['router']);
    expect(expectCode(() => runThreadCommand(db, moderator, id, { action: 'explode' }, NOW), 'INVALID').fields).toEqual({ action: 'field.invalid' });
    expectCode(() => runThreadCommand(db, moderator, id, { action: 'close' }, NOW), 'INVALID');
    runThreadCommand(db, moderator, id, { action: 'pin' }, NOW);
    expect(getThread(db, id)!.question.pinnedAt).toBe(NOW);
  });

  it('content commands hide and restore, and category moderators act only in their category', () => {
    const inInternet = ask('internet');
    const inBilling = ask('billing');
    expect(expectCode(() => runContentCommand(db, member, { targetType: 'question', targetId: String(inInternet), action: 'hide' }, NOW), 'INVALID').fields).toEqual({ targetId: 'field.invalid' });
    expect(runContentCommand(db, member, { targetType: 'question', targetId: inInternet, action: 'hide', reason: 'spam' }, NOW)).toEqual({ status: 'hidden' });
    expectCode(() => runContentCommand(db, member, { targetType: 'question', targetId: inBilling, action: 'hide' }, NOW), 'FORBIDDEN');
    expectCode(() => runContentCommand(db, moderator, { targetType: 'question', targetId: inInternet, action: 'restore', reason: 'x'.repeat(501) }, NOW), 'INVALID');
    expect(runContentCommand(db, moderator, { targetType: 'question', targetId: inInternet, action: 'restore' }, NOW)).toEqual({ status: 'published' });
    expectCode(() => runContentCommand(db, moderator, { targetType: 'question', targetId: inInternet, action: 'restore' }, NOW), 'CONFLICT');
  });

  it('moderation lists: everything for site moderators, their categories for category moderators, nobody else', async () => {
    expect(moderationScope(db, moderator, NOW)).toBeNull();
    expect(moderationScope(db, member, NOW)).toEqual([internetId]);
    expectCode(() => moderationScope(db, null, NOW), 'UNAUTHORIZED');
    const other = await createMember(db);
    expectCode(() => moderationScope(db, other, NOW), 'FORBIDDEN');
  });
});
