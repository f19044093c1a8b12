import { createDb, runMigrations, type SqliteDb } from '../../db/client';
import { categories, users } from '../../db/schema/index';
import type { Role } from '../../db/schema/accounts';
import { hashPassword } from '../../src/lib/auth/passwords';
import type { Actor } from '../../src/lib/auth/sessions';

/** An in-memory SQLite with the real migrations applied. */
export function createTestDb(): SqliteDb {
  const db = createDb(':memory:');
  runMigrations(db);
  return db;
}

export const TEST_PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | null = null;

let sequence = 0;

/** Inserts a member with the given role; all share TEST_PASSWORD (hashed once per test file). */
export async function createMember(db: SqliteDb, role: Role = 'member', overrides: Partial<{ email: string; locale: 'es' | 'en'; createdAt: number }> = {}): Promise<Actor> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  sequence++;
  const email = overrides.email ?? `${role}${sequence}@example.test`;
  const row = db
    .insert(users)
    .values({ email, displayName: `${role} ${sequence}`, passwordHash: await passwordHash, role, locale: overrides.locale ?? 'es', createdAt: overrides.createdAt ?? 0 })
    .returning()
    .get();
  return { id: row.id, email: row.email, displayName: row.displayName, role: row.role, locale: row.locale, suspendedUntil: null };
}

export function createCategory(db: SqliteDb, slug = 'billing') {
  return db.insert(categories).values({ slug, nameEs: `Cat ${slug}`, nameEn: `Cat ${slug}` }).returning().get();
}
