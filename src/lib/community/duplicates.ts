import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { questions } from '../../../db/schema/index';

/** Threads closed as duplicates of this one: their pages show its title and link. */
export function duplicatesOf(db: Db, questionId: number): number[] {
  return db.select({ id: questions.id }).from(questions).where(eq(questions.duplicateOfId, questionId)).all().map((r) => r.id);
}
