import { asc } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { categories } from '../../../db/schema/index';

/** KB sections are the child categories (`parent_id`) of a top-level category. */
export interface CategoryRow {
  id: number;
  slug: string;
  nameEs: string;
  nameEn: string;
  descriptionEs: string;
  descriptionEn: string;
  parentId: number | null;
}

export type CategoryNode<T extends CategoryRow = CategoryRow> = T & { sections: T[] };

/** Pure: nests sections under their top-level category, keeping the order of `rows`; orphans are dropped. */
export function buildCategoryTree<T extends CategoryRow>(rows: T[]): CategoryNode<T>[] {
  const top = rows.filter((r) => r.parentId === null).map((r) => ({ ...r, sections: [] as T[] }));
  const byId = new Map(top.map((c) => [c.id, c]));
  for (const r of rows) if (r.parentId !== null) byId.get(r.parentId)?.sections.push(r);
  return top;
}

export function listCategoryTree(db: Db): CategoryNode[] {
  const rows = db
    .select({
      id: categories.id,
      slug: categories.slug,
      nameEs: categories.nameEs,
      nameEn: categories.nameEn,
      descriptionEs: categories.descriptionEs,
      descriptionEn: categories.descriptionEn,
      parentId: categories.parentId,
    })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.id))
    .all();
  return buildCategoryTree(rows);
}

/** Pure: `<select>` options for a category or one of its sections ("Billing › Refunds"). */
export function categoryOptions(tree: CategoryNode[], locale: 'es' | 'en'): { value: string; label: string }[] {
  const name = (c: { nameEs: string; nameEn: string }) => (locale === 'es' ? c.nameEs : c.nameEn);
  return tree.flatMap((c) => [{ value: c.slug, label: name(c) }, ...c.sections.map((s) => ({ value: s.slug, label: `${name(c)} › ${name(s)}` }))]);
}
