import { z } from 'zod';
import { CASE_PRIORITIES, ESCALATION_TRIGGERS, type CasePriority, type EscalationTrigger } from '../../../db/schema/cases';
import { businessMsBetween, HOUR_MS, subtractBusinessMs, type BusinessCalendar } from '../business-hours/business-hours';

/**
 * Escalation rules are data (admins edit them); this module says, for one question, whether a rule fires now. The
 * scheduler's batch queries (evaluate.ts) select the same questions in SQL; a test holds both to the same answers.
 */

export const TRIGGERS = ESCALATION_TRIGGERS;
export type Trigger = EscalationTrigger;

/** Triggers a person pulls (the asker, or a moderator, agent or superuser); the others are evaluated by the scheduler. */
export const MANUAL_TRIGGERS: readonly Trigger[] = ['asker_request', 'staff_escalation'];

export { CASE_PRIORITIES, type CasePriority };

export interface RuleParams {
  /** no_answer, no_accepted_answer: business hours after asking; asker_request: when the offer appears. */
  hours?: number;
  /** urgent_flags: open flags with the urgent reason. */
  count?: number;
  keywords?: { es: string[]; en: string[] };
  tiers?: string[];
}

export interface EscalationRule {
  id: number;
  name: string;
  trigger: Trigger;
  params: RuleParams;
  priority: CasePriority;
  queueId: number;
  notify: boolean;
  enabled: boolean;
  /** Limits the rule to these categories (and their subcategories); empty = every category. */
  categoryIds: number[];
}

/** What the rules look at in a question. */
export interface QuestionFacts {
  id: number;
  locale: 'es' | 'en';
  categoryId: number;
  /** The parent of the question's category, when it is a subcategory. */
  parentCategoryId: number | null;
  createdAt: number;
  answerCount: number;
  accepted: boolean;
  urgentFlags: number;
  title: string;
  bodyText: string;
  askerTier: string | null;
  /** published, not deleted, not closed as a duplicate. */
  open: boolean;
}

const keywordList = z
  .array(z.string().trim().min(2, { error: 'rule.keywordShort' }).max(60, { error: 'field.tooLong' }))
  .max(100, { error: 'field.tooLong' })
  .default([])
  .transform((words) => [...new Set(words.map((w) => foldText(w).replace(/\s+/g, ' ')).filter(Boolean))]);

const hours = z.coerce.number({ error: 'field.invalid' }).min(0, { error: 'field.invalid' }).max(10_000, { error: 'field.invalid' });

/** Parameters each trigger needs; the schema keeps only those. */
export const ruleParamsSchemas: Record<Trigger, z.ZodType<RuleParams>> = {
  asker_request: z.object({ hours }),
  staff_escalation: z.object({}),
  no_answer: z.object({ hours }),
  no_accepted_answer: z.object({ hours }),
  urgent_flags: z.object({ count: z.coerce.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).min(1, { error: 'field.invalid' }).max(1000, { error: 'field.invalid' }) }),
  keywords: z
    .object({ keywords: z.object({ es: keywordList, en: keywordList }) })
    .refine((p) => p.keywords.es.length + p.keywords.en.length > 0, { error: 'rule.keywordsEmpty', path: ['keywords'] }),
  customer_tier: z.object({
    tiers: z
      .array(z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, { error: 'rule.tier' }))
      .min(1, { error: 'rule.tiersEmpty' })
      .max(20, { error: 'field.tooLong' }),
  }),
};

/** Lower case without accents, so "facturación" matches "FACTURACION". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().trim();
}

const compiledKeywords = new Map<string, RegExp | null>();

/** A whole-word (or whole-phrase) match of any keyword, accents and case folded. */
export function matchesKeywords(text: string, keywords: readonly string[]): boolean {
  if (keywords.length === 0) return false;
  const key = keywords.join('\u0000');
  let re = compiledKeywords.get(key);
  if (re === undefined) {
    const alternatives = keywords.map((k) => foldText(k).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')).filter(Boolean);
    re = alternatives.length ? new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${alternatives.join('|')})(?=$|[^\\p{L}\\p{N}])`, 'u') : null;
    if (compiledKeywords.size > 500) compiledKeywords.clear();
    compiledKeywords.set(key, re);
  }
  return re !== null && re.test(foldText(text));
}

export function appliesToCategory(rule: Pick<EscalationRule, 'categoryIds'>, q: Pick<QuestionFacts, 'categoryId' | 'parentCategoryId'>): boolean {
  return rule.categoryIds.length === 0 || rule.categoryIds.includes(q.categoryId) || (q.parentCategoryId !== null && rule.categoryIds.includes(q.parentCategoryId));
}

/**
 * Whether a scheduler-evaluated rule fires for the question at `now`, with time measured in the calendar's business
 * hours. Manual triggers never fire on their own (see isAskForHumanOffered). Firing once per question and one open
 * case per thread are enforced where cases are written, not here.
 */
export function isEscalationDue(q: QuestionFacts, rule: EscalationRule, now: number, calendar: BusinessCalendar): boolean {
  if (!rule.enabled || !q.open || !appliesToCategory(rule, q)) return false;
  const p = rule.params;
  switch (rule.trigger) {
    case 'no_answer':
      return q.answerCount === 0 && businessMsBetween(calendar, q.createdAt, now) >= (p.hours ?? 0) * HOUR_MS;
    case 'no_accepted_answer':
      return !q.accepted && businessMsBetween(calendar, q.createdAt, now) >= (p.hours ?? 0) * HOUR_MS;
    case 'urgent_flags':
      return q.urgentFlags >= (p.count ?? Infinity);
    case 'keywords':
      return matchesKeywords(`${q.title}\n${q.bodyText}`, p.keywords?.[q.locale] ?? []);
    case 'customer_tier':
      return q.askerTier !== null && (p.tiers ?? []).includes(q.askerTier);
    case 'asker_request':
    case 'staff_escalation':
      return false;
  }
}

/**
 * The latest creation time a question may have for a "N business hours after asking" trigger to be due at `now`:
 * the scheduler selects `created_at <= cutoff` in SQL instead of computing business time per question.
 */
export function creationCutoff(rule: Pick<EscalationRule, 'params'>, now: number, calendar: BusinessCalendar): number {
  return subtractBusinessMs(calendar, now, (rule.params.hours ?? 0) * HOUR_MS);
}

/** The asker may ask for a human once the question is `hours` business hours old and still has no accepted answer. */
export function isAskForHumanOffered(q: Pick<QuestionFacts, 'createdAt' | 'accepted' | 'open'>, rule: Pick<EscalationRule, 'params' | 'enabled'>, now: number, calendar: BusinessCalendar): boolean {
  return rule.enabled && q.open && !q.accepted && businessMsBetween(calendar, q.createdAt, now) >= (rule.params.hours ?? 0) * HOUR_MS;
}

/** Words so common that a keyword rule holding one fires on nearly every question. */
const COMMON_WORDS = new Set(
  'el la los las de del en un una y o que no se es por para con mi me lo le al como mas pero si ya hola gracias problema ayuda the a an and or of to in on is it i my me for with not this that have has be can do how what why help please thanks problem issue'.split(' '),
);

export type RuleWarning = 'firesOnEverything' | 'neverFires' | 'commonKeyword' | 'longDelay';

/** Rules that save fine but will not do what their author expects; shown when the rule is saved. */
export function ruleWarnings(rule: Pick<EscalationRule, 'trigger' | 'params' | 'enabled'>, context: { tiersInUse?: readonly string[] } = {}): RuleWarning[] {
  const warnings: RuleWarning[] = [];
  const p = rule.params;
  if ((rule.trigger === 'no_answer' || rule.trigger === 'no_accepted_answer') && (p.hours ?? 0) === 0) warnings.push('firesOnEverything');
  if ((rule.trigger === 'no_answer' || rule.trigger === 'no_accepted_answer' || rule.trigger === 'asker_request') && (p.hours ?? 0) > 2000) warnings.push('longDelay');
  if (rule.trigger === 'keywords' && [...(p.keywords?.es ?? []), ...(p.keywords?.en ?? [])].some((k) => COMMON_WORDS.has(k))) warnings.push('commonKeyword');
  if (rule.trigger === 'customer_tier' && context.tiersInUse && !(p.tiers ?? []).some((t) => context.tiersInUse!.includes(t))) warnings.push('neverFires');
  if (rule.trigger === 'urgent_flags' && (p.count ?? 0) > 50) warnings.push('neverFires');
  return warnings;
}
