import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { LOCALES } from '../../../db/schema/index';
import { HAS_LETTER, lineText, multilineText } from '../validation';
import type { ContentIssue } from './front-matter';
import type { ContentFile } from './import-articles';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Where an option leads: another step, an article, a search, or a person (ask the community / contact support). */
const optionSchema = z
  .strictObject({
    label: lineText().trim().min(1).max(120),
    next: z.string().regex(SLUG).optional(),
    article: z.string().regex(SLUG).optional(),
    search: lineText().trim().min(1).max(200).optional(),
    action: z.enum(['ask', 'contact']).optional(),
  })
  .refine((o) => [o.next, o.article, o.search, o.action].filter((x) => x !== undefined).length === 1, {
    message: 'needs exactly one of next, article, search or action',
  });

const stepSchema = z.strictObject({
  question: lineText().trim().min(1).max(300),
  help: multilineText().trim().max(1000).optional(),
  options: z.array(optionSchema).min(1, 'a step needs at least one option'),
});

export const flowSchema = z.strictObject({
  title: lineText().trim().min(3).max(150).regex(HAS_LETTER, 'must have letters'),
  description: lineText().trim().max(300).default(''),
  locale: z.enum(LOCALES),
  /** Shared by a flow and its translation in the other locale. */
  translationKey: z.string().regex(SLUG).optional(),
  category: z.string().regex(SLUG),
  start: z.string().regex(SLUG),
  steps: z.record(z.string().regex(SLUG, 'step ids are lowercase slugs'), stepSchema),
});

export type FlowOption = z.infer<typeof optionSchema>;
export type FlowStep = z.infer<typeof stepSchema>;
export type Flow = z.infer<typeof flowSchema> & { slug: string; file: string };

/** Parses content/flows/<locale>/<slug>.yaml. */
export function parseFlowFile(file: string, text: string): { flow: Flow | null; issues: ContentIssue[] } {
  const parts = file.split('/');
  const slug = (parts.at(-1) ?? '').replace(/\.ya?ml$/, '');
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    const message = error instanceof YAMLParseError ? error.message.split('\n')[0]! : String(error);
    return { flow: null, issues: [{ file, field: 'yaml', problem: message }] };
  }
  const parsed = flowSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    return {
      flow: null,
      issues: parsed.error.issues.map((i) => ({ file, field: i.path.map(String).join('.') || 'flow', problem: i.message })),
    };
  }
  const issues: ContentIssue[] = [];
  if (!SLUG.test(slug)) issues.push({ file, field: 'file', problem: 'the file name must be a lowercase slug ending in .yaml' });
  if (parts.at(-2) !== parsed.data.locale) issues.push({ file, field: 'locale', problem: `is "${parsed.data.locale}" but the file is in the "${parts.at(-2)}" folder` });
  return { flow: issues.length ? null : { ...parsed.data, slug, file }, issues };
}

/**
 * Checks a flow's graph: the start step and every `next` exist, articles exist in the flow's locale, every step is
 * reachable from the start, and no path loops back on itself (a loop would never end at an answer).
 */
export function validateFlow(flow: Flow, articleSlugs: ReadonlySet<string>, categorySlugs: ReadonlySet<string>): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const file = flow.file;
  if (!categorySlugs.has(flow.category)) issues.push({ file, field: 'category', problem: `no category "${flow.category}" exists` });
  if (!flow.steps[flow.start]) issues.push({ file, field: 'start', problem: `step "${flow.start}" does not exist` });
  for (const [id, step] of Object.entries(flow.steps)) {
    step.options.forEach((o, i) => {
      const field = `steps.${id}.options.${i}`;
      if (o.next !== undefined && !flow.steps[o.next]) issues.push({ file, field: `${field}.next`, problem: `step "${o.next}" does not exist (dead end)` });
      if (o.article !== undefined && !articleSlugs.has(`${flow.locale}/${o.article}`)) {
        issues.push({ file, field: `${field}.article`, problem: `no published article "${o.article}" in ${flow.locale}` });
      }
    });
  }
  if (issues.length || !flow.steps[flow.start]) return issues;
  // Depth-first search from the start: grey = on the current path (a loop when met again), black = done.
  const colour = new Map<string, 'grey' | 'black'>();
  const visit = (id: string, path: string[]) => {
    colour.set(id, 'grey');
    for (const o of flow.steps[id]!.options) {
      if (o.next === undefined) continue;
      const c = colour.get(o.next);
      if (c === 'grey') issues.push({ file, field: `steps.${id}`, problem: `loops back: ${[...path, id, o.next].join(' → ')}` });
      else if (c === undefined) visit(o.next, [...path, id]);
    }
    colour.set(id, 'black');
  };
  visit(flow.start, []);
  for (const id of Object.keys(flow.steps)) {
    if (!colour.has(id)) issues.push({ file, field: `steps.${id}`, problem: 'is not reachable from the start step' });
  }
  return issues;
}

/** Parses and validates every flow file; returns the flows and all problems found. */
export function loadFlowFiles(files: ContentFile[], articleSlugs: ReadonlySet<string>, categorySlugs: ReadonlySet<string>): { flows: Flow[]; issues: ContentIssue[] } {
  const flows: Flow[] = [];
  const issues: ContentIssue[] = [];
  for (const f of files) {
    const r = parseFlowFile(f.file, f.text);
    issues.push(...r.issues);
    if (!r.flow) continue;
    const problems = validateFlow(r.flow, articleSlugs, categorySlugs);
    issues.push(...problems);
    if (!problems.length) flows.push(r.flow);
  }
  const keys = new Set<string>();
  for (const flow of flows) {
    if (!flow.translationKey) continue;
    const key = `${flow.locale}/${flow.translationKey}`;
    if (keys.has(key)) issues.push({ file: flow.file, field: 'translationKey', problem: `"${flow.translationKey}" is used by another ${flow.locale} flow` });
    keys.add(key);
  }
  return { flows, issues };
}

/** A walked path through a flow, from the `via` query parameter: `step:option,step:option`. */
export function parsePath(flow: Flow, via: string | null): { step: string; option: number }[] {
  if (!via) return [];
  const out: { step: string; option: number }[] = [];
  let expected = flow.start;
  for (const part of via.split(',').slice(0, 50)) {
    const [step = '', n] = part.split(':');
    const option = Number(n);
    const s = step === expected ? flow.steps[step] : undefined;
    if (!s || !Number.isInteger(option) || !s.options[option]) break;
    out.push({ step, option });
    const next = s.options[option]!.next;
    if (!next) break;
    expected = next;
  }
  return out;
}

export function formatPath(path: { step: string; option: number }[]): string {
  return path.map((p) => `${p.step}:${p.option}`).join(',');
}
