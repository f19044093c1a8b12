import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { questions } from '../../../db/schema/index';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { sourceIdsOf } from '../../../src/lib/search/search-site';
import { createCategory, createMember, createTestDb } from '../../helpers/db';

describe('sourceIdsOf', () => {
  it('gives imported questions their old id and nothing to articles or native questions', async () => {
    const db = createTestDb();
    createCategory(db, 'billing');
    const member = await createMember(db, 'agent');
    const ask = (title: string) => askQuestion(db, member, { title, body: 'The body of this question is long enough.', category: 'billing', locale: 'en' }, 1000).id;
    const imported = ask('An imported question about invoices');
    const native = ask('A native question about invoices');
    db.update(questions).set({ sourceId: 'old-forum-42' }).where(eq(questions.id, imported)).run();
    const map = sourceIdsOf(db, [
      { type: 'question', id: imported },
      { type: 'question', id: native },
      { type: 'article', id: imported },
    ]);
    expect([...map]).toEqual([[imported, 'old-forum-42']]);
    expect(sourceIdsOf(db, []).size).toBe(0);
  });
});
