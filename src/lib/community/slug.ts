/** URL slug from a title: ASCII, lowercase, accents folded, at most 80 characters, never empty. */
export function slugify(title: string, fallback = 'question'): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || fallback;
}

export function questionPath(locale: string, question: { id: number; slug: string }): string {
  return `/${locale}/questions/${question.id}/${question.slug}`;
}
