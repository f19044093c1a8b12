import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { ARTICLE_STATUSES, LOCALES } from '../../../db/schema/index';
import { HAS_LETTER, lineText } from '../validation';

/** One problem found while reading content files: the file, the field (or `yaml`, `file`) and what is wrong. */
export interface ContentIssue {
  file: string;
  field: string;
  problem: string;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Front matter of content/kb/<locale>/<category>/<slug>.md. */
export const frontMatterSchema = z.strictObject({
  title: lineText().trim().min(3).max(150).regex(HAS_LETTER, 'must have letters'),
  summary: lineText().trim().max(300).default(''),
  category: z.string().regex(SLUG, 'must be a lowercase slug'),
  /** A section (child category) of `category`. */
  section: z.string().regex(SLUG, 'must be a lowercase slug').optional(),
  tags: z.array(z.string().trim().min(1).max(30)).max(10).default([]),
  locale: z.enum(LOCALES),
  /** Shared by the translations of one article; omit for an article without translations. */
  translationKey: z.string().regex(SLUG, 'must be a lowercase slug').max(100).optional(),
  status: z.enum(ARTICLE_STATUSES).default('published'),
  /** Review-by date (YAML date or YYYY-MM-DD), UTC midnight. */
  reviewBy: z
    .union([z.date(), z.string().regex(ISO_DATE, 'must be a date YYYY-MM-DD')])
    .transform((d) => (d instanceof Date ? d.getTime() : Date.parse(`${d}T00:00:00Z`)))
    .optional(),
  /** Email of the author's account. */
  author: z.email(),
});
export type FrontMatter = z.infer<typeof frontMatterSchema>;

export interface ArticleFile {
  /** Path relative to the repository, e.g. content/kb/es/account/restablecer-contrasena.md */
  file: string;
  slug: string;
  front: FrontMatter;
  body: string;
}

/** Splits `---\n<yaml>\n---\n<markdown>`; null when the file does not start with a front-matter block. */
export function splitFrontMatter(text: string): { yaml: string; body: string } | null {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(normalized);
  if (!match) return null;
  return { yaml: match[1]!, body: normalized.slice(match[0].length).trim() };
}

/**
 * Parses one article file. `file` must look like content/kb/<locale>/<category>/<slug>.md: the locale and category
 * folders must agree with the front matter.
 */
export function parseArticleFile(file: string, text: string): { article: ArticleFile | null; issues: ContentIssue[] } {
  const issues: ContentIssue[] = [];
  const parts = file.split('/');
  const name = parts.at(-1) ?? '';
  const slug = name.replace(/\.md$/, '');
  if (!SLUG.test(slug)) issues.push({ file, field: 'file', problem: 'the file name must be a lowercase slug ending in .md' });
  const split = splitFrontMatter(text);
  if (!split) return { article: null, issues: [...issues, { file, field: 'front matter', problem: 'the file must start with a --- block' }] };
  let raw: unknown;
  try {
    raw = parseYaml(split.yaml, { prettyErrors: true });
  } catch (error) {
    const message = error instanceof YAMLParseError ? error.message.split('\n')[0]! : String(error);
    return { article: null, issues: [...issues, { file, field: 'yaml', problem: message }] };
  }
  const parsed = frontMatterSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'front matter');
      issues.push({ file, field, problem: issue.message });
    }
    return { article: null, issues };
  }
  const front = parsed.data;
  const [localeDir, categoryDir] = [parts.at(-3), parts.at(-2)];
  if (localeDir !== front.locale) issues.push({ file, field: 'locale', problem: `is "${front.locale}" but the file is in the "${localeDir}" folder` });
  if (categoryDir !== front.category) issues.push({ file, field: 'category', problem: `is "${front.category}" but the file is in the "${categoryDir}" folder` });
  if (!split.body) issues.push({ file, field: 'body', problem: 'the article has no text after the front matter' });
  return { article: issues.length ? null : { file, slug, front, body: split.body }, issues };
}
