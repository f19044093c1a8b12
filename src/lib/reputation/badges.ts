import { z } from 'zod';

/**
 * Badges are data: a rule names one of these conditions with a threshold (and, where the condition allows it, a
 * window in days and a tag or category). Adding a badge is adding a row; adding a condition is code.
 */
export const BADGE_CONDITIONS = [
  /** Published answers. */
  'answers',
  /** Accepted answers (filters: window, tag — `*` for each tag separately —, category). */
  'accepted_answers',
  /** One answer with a score ≥ threshold (one award per answer when repeatable). */
  'answer_score',
  /** One question with a score ≥ threshold (one award per question when repeatable). */
  'question_score',
  /** Distinct UTC days with an accepted answer, within the window. */
  'accepted_days',
  /** Answers promoted to the knowledge base. */
  'promoted_answers',
  /** New members whose first question this member answered first. */
  'welcomed_members',
  /** Reputation. */
  'reputation',
] as const;
export type BadgeCondition = (typeof BADGE_CONDITIONS)[number];

export const BADGE_TIERS = ['bronze', 'silver', 'gold'] as const;
export type BadgeTier = (typeof BADGE_TIERS)[number];

/** Conditions that may be narrowed to a tag or a category. */
const FILTERABLE: readonly BadgeCondition[] = ['answers', 'accepted_answers'];
/** Conditions whose count may be limited to a window. */
const WINDOWED: readonly BadgeCondition[] = ['answers', 'accepted_answers', 'accepted_days'];

const text = (max: number) => z.string().trim().min(1, { error: 'field.required' }).max(max, { error: 'field.tooLong' });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'field.tooLong' })
    .optional()
    .transform((v) => (v ? v : null));

export const badgeRuleSchema = z
  .object({
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, { error: 'badge.slugInvalid' }),
    nameEs: text(60),
    nameEn: text(60),
    descriptionEs: text(200),
    descriptionEn: text(200),
    tier: z.enum(BADGE_TIERS, { error: 'field.invalid' }),
    condition: z.enum(BADGE_CONDITIONS, { error: 'badge.unknownCondition' }),
    threshold: z.coerce.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).min(1, { error: 'reputation.tooSmall' }).max(1_000_000, { error: 'reputation.tooBig' }),
    windowDays: z.preprocess(
      (v) => (v === '' || v === undefined || v === null ? null : v),
      z.coerce.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).min(1, { error: 'reputation.tooSmall' }).max(3650, { error: 'reputation.tooBig' }).nullable(),
    ),
    tag: optionalText(35),
    category: optionalText(64),
    repeatable: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
  })
  .superRefine((r, ctx) => {
    if ((r.tag || r.category) && !FILTERABLE.includes(r.condition)) ctx.addIssue({ code: 'custom', path: [r.tag ? 'tag' : 'category'], message: 'badge.filterNotAllowed' });
    if (r.windowDays !== null && !WINDOWED.includes(r.condition)) ctx.addIssue({ code: 'custom', path: ['windowDays'], message: 'badge.filterNotAllowed' });
    if (r.condition === 'accepted_days' && r.windowDays === null) ctx.addIssue({ code: 'custom', path: ['windowDays'], message: 'field.required' });
    if (r.condition === 'accepted_days' && r.windowDays !== null && r.threshold > r.windowDays) ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'badge.thresholdOverWindow' });
  });
export type BadgeRuleInput = z.infer<typeof badgeRuleSchema>;

export interface BadgeRule {
  id: number;
  slug: string;
  tier: BadgeTier;
  condition: BadgeCondition;
  threshold: number;
  windowDays: number | null;
  /** A tag name, `*` for each tag separately, or null. */
  tag: string | null;
  /** A category slug or null. */
  category: string | null;
  repeatable: boolean;
}

/**
 * What a member has towards one rule: a single figure, or one figure per subject (per post for score conditions, per
 * tag for `tag = *`).
 */
export type RuleFacts = { count: number } | { subjects: { id: number; value: number }[] };

/** The facts a rule needs, by shape. */
export function factShape(rule: Pick<BadgeRule, 'condition' | 'tag'>): 'count' | 'subjects' {
  return rule.condition === 'answer_score' || rule.condition === 'question_score' || rule.tag === '*' ? 'subjects' : 'count';
}

/**
 * The awards a rule owes a member who already holds `held` (subject keys of this rule, revoked ones included so a
 * revoked badge is not handed back). Subject 0 is the single award of a once-only badge; repeatable count badges use
 * 1, 2, 3… (the nth time the threshold was reached); per-post and per-tag badges use the post or tag id.
 */
export function awardsFor(rule: BadgeRule, facts: RuleFacts, held: ReadonlySet<number>): number[] {
  const owed: number[] = [];
  if ('count' in facts) {
    const times = Math.floor(facts.count / rule.threshold);
    if (times < 1) return [];
    if (!rule.repeatable) return held.has(0) ? [] : [0];
    for (let n = 1; n <= times; n++) if (!held.has(n)) owed.push(n);
    return owed;
  }
  const qualifying = facts.subjects.filter((s) => s.value >= rule.threshold).map((s) => s.id);
  if (qualifying.length === 0) return [];
  if (!rule.repeatable) return held.has(0) ? [] : [0];
  for (const id of qualifying) if (!held.has(id)) owed.push(id);
  return owed;
}

/** The conditions an event can move, so a handler only evaluates rules the event may have changed. */
export const CONDITIONS_BY_EVENT: Record<'answer' | 'vote' | 'accept' | 'promote' | 'points', readonly BadgeCondition[]> = {
  answer: ['answers', 'welcomed_members'],
  vote: ['answer_score', 'question_score', 'reputation'],
  accept: ['accepted_answers', 'accepted_days', 'reputation'],
  promote: ['promoted_answers', 'reputation'],
  points: ['reputation'],
};
export type BadgeEvent = keyof typeof CONDITIONS_BY_EVENT;
