import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, HOUR_MS, type BusinessCalendar } from '../../../src/lib/business-hours/business-hours';
import { pickAgent, queueForCategory, type AgentCandidate } from '../../../src/lib/cases/routing';
import {
  creationCutoff,
  foldText,
  isAskForHumanOffered,
  isEscalationDue,
  matchesKeywords,
  ruleParamsSchemas,
  ruleWarnings,
  type EscalationRule,
  type QuestionFacts,
} from '../../../src/lib/escalation/triggers';

const MADRID: BusinessCalendar = { ...DEFAULT_CALENDAR, holidays: ['2026-01-06'] };
const at = (iso: string) => Date.parse(iso);

const rule = (over: Partial<EscalationRule>): EscalationRule => ({
  id: 1,
  name: 'r',
  trigger: 'no_answer',
  params: { hours: 8 },
  priority: 'normal',
  queueId: 1,
  notify: true,
  enabled: true,
  categoryIds: [],
  ...over,
});

/** Asked Friday 13 February 2026 at 14:00 in Madrid. */
const question = (over: Partial<QuestionFacts> = {}): QuestionFacts => ({
  id: 1,
  locale: 'es',
  categoryId: 10,
  parentCategoryId: null,
  createdAt: at('2026-02-13T14:00:00+01:00'),
  answerCount: 0,
  accepted: false,
  urgentFlags: 0,
  title: 'No puedo pagar',
  bodyText: 'La pasarela falla',
  askerTier: null,
  open: true,
  ...over,
});

describe('isEscalationDue, timeline: asked Friday 14:00, rule "no answer after 8 business hours"', () => {
  const r = rule({ trigger: 'no_answer', params: { hours: 8 } });
  it.each([
    ['Friday 18:00 (4 h)', '2026-02-13T18:00:00+01:00', false],
    ['Sunday 12:00 (weekend: still 4 h)', '2026-02-15T12:00:00+01:00', false],
    ['Monday 12:59 (7 h 59)', '2026-02-16T12:59:00+01:00', false],
    ['Monday 13:00 (8 h)', '2026-02-16T13:00:00+01:00', true],
  ])('%s → %s', (_name, now, due) => {
    expect(isEscalationDue(question(), r, at(now), MADRID)).toBe(due);
  });
  it('an answer, a closed thread, a disabled rule or another category stop it', () => {
    const monday = at('2026-02-17T12:00:00+01:00');
    expect(isEscalationDue(question({ answerCount: 1 }), r, monday, MADRID)).toBe(false);
    expect(isEscalationDue(question({ open: false }), r, monday, MADRID)).toBe(false);
    expect(isEscalationDue(question(), { ...r, enabled: false }, monday, MADRID)).toBe(false);
    expect(isEscalationDue(question(), { ...r, categoryIds: [11] }, monday, MADRID)).toBe(false);
    expect(isEscalationDue(question({ parentCategoryId: 11 }), { ...r, categoryIds: [11] }, monday, MADRID)).toBe(true);
  });
  it('the SQL cutoff selects exactly the questions the predicate calls due', () => {
    const now = at('2026-02-16T13:00:00+01:00');
    const cutoff = creationCutoff(r, now, MADRID);
    expect(cutoff).toBe(at('2026-02-13T14:00:00+01:00'));
    for (let minutes = -600; minutes <= 600; minutes += 7) {
      const createdAt = cutoff + minutes * 60_000;
      expect(createdAt <= cutoff).toBe(isEscalationDue(question({ createdAt }), r, now, MADRID));
    }
  });
});

describe('other triggers', () => {
  it('no accepted answer after 16 business hours, across the Epiphany holiday', () => {
    const r = rule({ trigger: 'no_accepted_answer', params: { hours: 16 } });
    const q = question({ createdAt: at('2026-01-05T09:00:00+01:00'), answerCount: 3 });
    expect(isEscalationDue(q, r, at('2026-01-06T18:00:00+01:00'), MADRID)).toBe(false);
    expect(isEscalationDue(q, r, at('2026-01-07T15:59:00+01:00'), MADRID)).toBe(false);
    expect(isEscalationDue(q, r, at('2026-01-07T16:00:00+01:00'), MADRID)).toBe(true);
    expect(isEscalationDue({ ...q, accepted: true }, r, at('2026-01-08T16:00:00+01:00'), MADRID)).toBe(false);
  });

  it('K urgent flags', () => {
    const r = rule({ trigger: 'urgent_flags', params: { count: 2 } });
    expect(isEscalationDue(question({ urgentFlags: 1 }), r, 0, MADRID)).toBe(false);
    expect(isEscalationDue(question({ urgentFlags: 2 }), r, 0, MADRID)).toBe(true);
  });

  it('keywords in the question language, accents and case folded, whole words only', () => {
    const r = rule({ trigger: 'keywords', params: { keywords: { es: ['facturación', 'cobro duplicado'], en: ['refund'] } } });
    expect(isEscalationDue(question({ title: 'Problema con la FACTURACION' }), r, 0, MADRID)).toBe(true);
    expect(isEscalationDue(question({ bodyText: 'Tengo un cobro\nduplicado en mayo' }), r, 0, MADRID)).toBe(true);
    expect(isEscalationDue(question({ title: 'facturaciones' }), r, 0, MADRID)).toBe(false);
    expect(isEscalationDue(question({ title: 'I want a refund' }), r, 0, MADRID)).toBe(false);
    expect(isEscalationDue(question({ locale: 'en', title: 'Refund, please!' }), r, 0, MADRID)).toBe(true);
    expect(matchesKeywords('abc', ['a.c'])).toBe(false);
    expect(matchesKeywords('x c y', ['(c)'])).toBe(false);
    expect(matchesKeywords('x a.b y', ['a.b'])).toBe(true);
    expect(foldText('  Ñandú ÁRBOL ')).toBe('nandu arbol');
  });

  it('customer tier', () => {
    const r = rule({ trigger: 'customer_tier', params: { tiers: ['gold'] } });
    expect(isEscalationDue(question({ askerTier: 'gold' }), r, 0, MADRID)).toBe(true);
    expect(isEscalationDue(question({ askerTier: 'silver' }), r, 0, MADRID)).toBe(false);
    expect(isEscalationDue(question(), r, 0, MADRID)).toBe(false);
  });

  it('manual triggers never fire by themselves; "ask for a human" is offered after N business hours', () => {
    const r = rule({ trigger: 'asker_request', params: { hours: 2 } });
    expect(isEscalationDue(question(), r, at('2026-03-01T00:00:00Z'), MADRID)).toBe(false);
    expect(isAskForHumanOffered(question(), r, at('2026-02-13T15:59:00+01:00'), MADRID)).toBe(false);
    expect(isAskForHumanOffered(question(), r, at('2026-02-13T16:00:00+01:00'), MADRID)).toBe(true);
    expect(isAskForHumanOffered(question({ accepted: true }), r, at('2026-02-13T16:00:00+01:00'), MADRID)).toBe(false);
  });
});

describe('rule parameters and warnings', () => {
  it('keeps only the parameters of the trigger and folds keywords', () => {
    expect(ruleParamsSchemas.keywords.parse({ keywords: { es: ['Facturación', 'facturacion'], en: [] }, hours: 3 })).toEqual({ keywords: { es: ['facturacion'], en: [] } });
    expect(ruleParamsSchemas.keywords.safeParse({ keywords: { es: [], en: [] } }).success).toBe(false);
    expect(ruleParamsSchemas.urgent_flags.safeParse({ count: 0 }).success).toBe(false);
    expect(ruleParamsSchemas.customer_tier.safeParse({ tiers: [] }).success).toBe(false);
  });
  it('warns about rules that fire on everything or never', () => {
    expect(ruleWarnings({ trigger: 'no_answer', params: { hours: 0 }, enabled: true })).toEqual(['firesOnEverything']);
    expect(ruleWarnings({ trigger: 'keywords', params: { keywords: { es: ['el'], en: [] } }, enabled: true })).toEqual(['commonKeyword']);
    expect(ruleWarnings({ trigger: 'customer_tier', params: { tiers: ['gold'] }, enabled: true }, { tiersInUse: ['silver'] })).toEqual(['neverFires']);
    expect(ruleWarnings({ trigger: 'no_answer', params: { hours: 8 }, enabled: true })).toEqual([]);
  });
});

describe('routing', () => {
  const agents: AgentCandidate[] = [
    { id: 3, skills: ['billing'], languages: ['es', 'en'], available: true, openCases: 2, tier: 1 },
    { id: 5, skills: ['billing'], languages: ['es'], available: true, openCases: 0, tier: 1 },
    { id: 7, skills: ['billing', 'tech'], languages: ['en'], available: true, openCases: 1, tier: 2 },
    { id: 9, skills: ['billing'], languages: ['es'], available: false, openCases: 0, tier: 1 },
  ];
  it('queue from the category, its parent, or the default', () => {
    const map = new Map([[10, 2], [20, 3]]);
    expect(queueForCategory({ id: 10, parentId: null }, map, 1)).toBe(2);
    expect(queueForCategory({ id: 21, parentId: 20 }, map, 1)).toBe(3);
    expect(queueForCategory({ id: 30, parentId: null }, map, 1)).toBe(1);
    expect(queueForCategory(null, map, 1)).toBe(1);
  });
  it('round-robin among agents with the skill and the language', () => {
    const queue = { slug: 'billing', assignment: 'round_robin' as const, lastAssigneeId: null, tier: 1 };
    expect(pickAgent(agents, queue, 'es')).toBe(3);
    expect(pickAgent(agents, { ...queue, lastAssigneeId: 3 }, 'es')).toBe(5);
    expect(pickAgent(agents, { ...queue, lastAssigneeId: 5 }, 'es')).toBe(3);
    expect(pickAgent(agents, { ...queue, lastAssigneeId: 3 }, 'en')).toBe(7);
    expect(pickAgent(agents, { ...queue, slug: 'tech' }, 'es')).toBeNull();
    expect(pickAgent(agents, { ...queue, assignment: 'manual' }, 'es')).toBeNull();
    expect(pickAgent(agents, { ...queue, tier: 2 }, 'en')).toBe(7);
  });
  it('least-loaded picks the fewest open cases, ties in round-robin order', () => {
    const queue = { slug: 'billing', assignment: 'least_loaded' as const, lastAssigneeId: null, tier: 1 };
    expect(pickAgent(agents, queue, 'es')).toBe(5);
    const even = agents.map((a) => ({ ...a, openCases: 1 }));
    expect(pickAgent(even, { ...queue, lastAssigneeId: 3 }, 'en')).toBe(7);
    expect(pickAgent(even, { ...queue, lastAssigneeId: 7 }, 'en')).toBe(3);
  });
  it('keeps hours exact', () => {
    expect(HOUR_MS).toBe(3_600_000);
  });
});
