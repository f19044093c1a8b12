import { isNotNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { categories } from '../../../db/schema/index';
import { SEED_CATEGORIES } from '../../../db/seed/data/index';
import { addMissingSeedSections } from '../../../src/lib/demo/load-demo';
import { createTestDb } from '../../helpers/db';

describe('a demo database from before KB sections', () => {
  it('gains the seed sections under its categories, once', () => {
    const db = createTestDb();
    for (const [position, { sections: _sections, ...category }] of SEED_CATEGORIES.entries()) db.insert(categories).values({ ...category, position }).run();
    const expected = SEED_CATEGORIES.reduce((n, c) => n + c.sections.length, 0);
    expect(expected).toBeGreaterThan(0);

    expect(addMissingSeedSections(db)).toBe(expected);
    expect(db.select().from(categories).where(isNotNull(categories.parentId)).all()).toHaveLength(expected);
    expect(addMissingSeedSections(db)).toBe(0);
  });

  it('adds nothing where the seed categories do not exist', () => {
    expect(addMissingSeedSections(createTestDb())).toBe(0);
  });
});
