import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { deflectionEvents, searchEvents } from '../../../db/schema/index';
import { createIncident } from '../../../src/lib/incidents/incidents';
import { askFormDuplicates, contextualSuggestions, isNearDuplicate, pathQuery } from '../../../src/lib/deflection/contextual';
import { openSuggestion, type DeflectionRuntime } from '../../../src/lib/deflection/record-events';
import { DeflectionRecorder } from '../../../src/lib/deflection/recorder';
import { DEFAULT_DEFLECTION_SETTINGS } from '../../../src/lib/deflection/settings';
import { widgetSuggestContext } from '../../../src/lib/deflection/widget';
import { MemoryRateLimiter } from '../../../src/lib/rate-limits/memory';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { createSearchIndex, type SearchIndex } from '../../../search/index';
import { expectCode } from '../../helpers/errors';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { DAY, NOW } from '../../helpers/time';

let db: SqliteDb;
let index: SearchIndex;
let solvedId: number;

beforeEach(async () => {
  db = createTestDb();
  createCategory(db, 'billing');
  const member = await createMember(db);
  solvedId = askQuestion(db, member, { title: 'Charged twice for the same month', body: 'Two identical charges on my card this month.', category: 'billing', locale: 'en' }, NOW - DAY).id;
  index = createSearchIndex({ engine: 'sqlite', sqlite: db.$client, now: () => NOW });
  const doc = { locale: 'en' as const, tags: [], category: 'billing', votes: 0, helpfulness: null, updatedAt: NOW };
  await index.index([
    { ...doc, type: 'question', id: solvedId, title: 'Charged twice for the same month', body: 'Two identical charges on my card.', url: `/en/questions/${solvedId}/charged-twice`, solved: true },
    { ...doc, type: 'question', id: 9001, title: 'Charged twice after changing bank', body: 'Unsolved.', url: '/en/questions/9001/x', solved: false },
    { ...doc, type: 'article', id: 7, title: 'Understand your bill', body: 'Every charge on the bill explained.', url: '/en/kb/understand-your-bill', solved: true },
  ]);
});

describe('pathQuery', () => {
  it.each([
    ['/en/kb/charged-twice-for-my-bill', 'charged twice bill'],
    ['/es/kb/facturas_duplicadas.html', 'facturas duplicadas'],
    ['/es/questions/123/el-router-no-enciende', 'router enciende'],
    ['/%E0%A4%A', ''],
    ['/', ''],
  ])('%s → "%s"', (path, words) => expect(pathQuery(path)).toBe(words));
});

describe('isNearDuplicate', () => {
  it.each([
    ['Charged twice for the same month again', 'Charged twice for the same month', true],
    ['charged TWICE this month', 'Charged twice for the same month', true],
    ['Charged twice after changing bank', 'Charged twice for the same month', false],
    ['Router', 'Router', false],
    ['El router no enciende', 'El router no enciende nunca', true],
  ])('"%s" ~ "%s": %s', (a, b, expected) => expect(isNearDuplicate(a, b, a.startsWith('El') ? 'es' : 'en')).toBe(expected));
});

describe('contextual suggestions', () => {
  it('ranks like /api/v1/suggest, leaves out the page itself, and records no search', async () => {
    const items = await contextualSuggestions(db, index, { q: 'charged twice', locale: 'en', exclude: { type: 'question', id: 9001 } }, 5, NOW);
    expect(items.map((i) => i.id)).toContain(solvedId);
    expect(items.map((i) => i.id)).not.toContain(9001);
    expect(db.select().from(searchEvents).all()).toHaveLength(0);
    expect(await contextualSuggestions(db, index, { q: 'ab', locale: 'en' }, 5, NOW)).toEqual([]);
  });

  it('warns about a solved near-duplicate of a valid draft, only when the ask form surface is on', async () => {
    const draft = { title: 'Charged twice for the same month again', body: 'Same charge twice on my card this month.', category: 'billing', locale: 'en' };
    expect((await askFormDuplicates(db, index, DEFAULT_DEFLECTION_SETTINGS, draft, NOW)).map((d) => d.id)).toEqual([solvedId]);
    expect(await askFormDuplicates(db, index, { ...DEFAULT_DEFLECTION_SETTINGS, enabledSurfaces: ['widget'] }, draft, NOW)).toEqual([]);
    expect(await askFormDuplicates(db, index, DEFAULT_DEFLECTION_SETTINGS, { ...draft, body: 'short' }, NOW)).toEqual([]);
    expect(await askFormDuplicates(db, index, DEFAULT_DEFLECTION_SETTINGS, { ...draft, title: 'Charged twice after changing my bank' }, NOW)).toEqual([]);
  });
});

describe('openSuggestion', () => {
  it('records the opening and returns where the thread lives; never a URL from the request', () => {
    const runtime: DeflectionRuntime = { recorder: new DeflectionRecorder(), limiter: new MemoryRateLimiter() };
    const client = { visitorId: 'visitor-open-000001', memberId: null, userAgent: 'Mozilla/5.0 Chrome/140', ip: '10.0.0.1', locale: 'en' as const };
    const subject = openSuggestion(db, runtime, { surface: 'not_found', type: 'question', id: String(solvedId), rank: '2', query: 'Charged Twice', to: 'https://evil.example' }, client, NOW);
    expect(subject.url).toBe(`/en/questions/${solvedId}/charged-twice-for-the-same-month`);
    runtime.recorder.flush(db, NOW);
    expect(db.select().from(deflectionEvents).all()).toMatchObject([{ type: 'suggestion_opened', surface: 'not_found', subjectId: solvedId, rank: 2, query: 'charged twice' }]);
    expectCode(() => openSuggestion(db, runtime, { surface: 'not_found', type: 'question', id: 424242 }, client, NOW), 'NOT_FOUND');
    expectCode(() => openSuggestion(db, runtime, { surface: 'elsewhere', type: 'question', id: solvedId }, client, NOW), 'INVALID');
  });
});

describe('widgetSuggestContext', () => {
  it('tells the widget whether it is on and which incidents to show for its category', async () => {
    const admin = await createMember(db, 'admin');
    createIncident(db, admin, { titleEs: 'Cobros duplicados', titleEn: 'Duplicate charges', severity: 'major', categories: ['billing'] }, NOW - 1000);
    expect(widgetSuggestContext(db, DEFAULT_DEFLECTION_SETTINGS, { locale: 'en', context: 'billing' }, NOW)).toEqual({ enabled: true, incidents: [{ id: 1, title: 'Duplicate charges', severity: 'major' }] });
    expect(widgetSuggestContext(db, DEFAULT_DEFLECTION_SETTINGS, { locale: 'en', context: 'shipping' }, NOW).incidents).toEqual([]);
    expect(widgetSuggestContext(db, { ...DEFAULT_DEFLECTION_SETTINGS, enabledSurfaces: [] }, { locale: 'en' }, NOW)).toEqual({ enabled: false, incidents: [] });
  });
});
