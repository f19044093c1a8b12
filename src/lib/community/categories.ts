import { asc } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { categories } from '../../../db/schema/index';

export function listCategories(db: Db) {
  return db.select().from(categories).orderBy(asc(categories.position), asc(categories.id)).all();
}

export function categoryName(category: { nameEs: string; nameEn: string }, locale: 'es' | 'en'): string {
  return locale === 'es' ? category.nameEs : category.nameEn;
}
