import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { events } from '../../../db/schema/index';
import { DAY_MS } from '../../../src/lib/reports/filters';
import { rebuildKpiRollups, runKpiRollups } from '../../../src/lib/reports/rollups';
import { countVisitors, packIds, sealedUntil, unpackIds, type VisitorScope } from '../../../src/lib/reports/visitor-sets';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { createCategory, createMember, createTestDb } from '../../helpers/db';

const H = 3600 * 1000;
const START = Date.UTC(2026, 2, 2);
/** Noon of the 10th day: days 0–8 are closed, day 9 is today. */
const NOW = START + 9 * DAY_MS + 12 * H;

let db: SqliteDb;
let billing: number;
let internet: number;
const members: number[] = [];

/** A view by `who` (a visitor id, or `m1`…`m3` for members) on `day` at `hour`; the rollup takes the category from the question. */
function view(who: string, day: number, hour: number, locale: 'es' | 'en', subjectId: number) {
  db.insert(events)
    .values({ type: 'question.viewed', occurredAt: START + day * DAY_MS + hour * H, visitorId: who.startsWith('m') ? null : who, userId: who.startsWith('m') ? members[Number(who.slice(1)) - 1]! : null, locale, surface: 'site', subjectType: 'question', subjectId })
    .run();
}

/** The from-scratch count: distinct visitor keys over the visitor-day rows of the range and scope. */
function distinctFromDays(from: number, to: number, scope: VisitorScope): number {
  const rows = db.all<{ visitor_key: string; locale: string; category_id: number; day: number }>(sql`select * from kpi_visitor_days`);
  return new Set(rows.filter((r) => r.day >= from && r.day < to && (!scope.locale || r.locale === scope.locale) && (!scope.categoryIds || scope.categoryIds.includes(r.category_id))).map((r) => r.visitor_key)).size;
}

describe('unique visitors from sealed daily sets', () => {
  let q1: number;
  let q2: number;
  beforeAll(async () => {
    db = createTestDb();
    billing = createCategory(db, 'billing').id;
    internet = createCategory(db, 'internet').id;
    const asker = await createMember(db, 'member', { createdAt: 0 });
    for (let i = 0; i < 3; i++) members.push((await createMember(db, 'member', { createdAt: 0 })).id);
    q1 = askQuestion(db, asker, { title: 'A question about the bill', body: 'Its body is long enough to be asked.', category: 'billing', locale: 'es' }, START).id;
    q2 = askQuestion(db, asker, { title: 'A question about the router', body: 'Its body is long enough to be asked.', category: 'internet', locale: 'es' }, START).id;
    // 40 visitors over 10 days, seen again on other days, in both locales and categories, members among them.
    for (let i = 0; i < 120; i++) view(i % 7 === 0 ? `m${(i % 3) + 1}` : `visitor-${String(i % 40).padStart(4, '0')}-abcdef`, i % 10, (i * 5) % 24, i % 2 ? 'en' : 'es', i % 3 ? q1 : q2);
    runKpiRollups(db, NOW);
  });

  it('seals every day before today, and only those', () => {
    expect(sealedUntil(db)).toBe(START + 9 * DAY_MS);
    const days = db.all<{ day: number }>(sql`select distinct day from kpi_visitor_sets order by day`).map((r) => r.day);
    expect(days).toEqual(Array.from({ length: 9 }, (_, d) => START + d * DAY_MS));
  });

  const scopes: VisitorScope[] = [
    { locale: null, categoryIds: null },
    { locale: 'es', categoryIds: null },
    { locale: 'en', categoryIds: [0] },
    { locale: null, categoryIds: [0] },
  ];
  const ranges: [number, number][] = [
    [0, 10], // sealed days and today
    [0, 9], // sealed days only
    [9, 10], // today only
    [3, 4], // one sealed day
    [-5, 2], // starting before any data
    [4, 12], // ending after today
  ];

  it.each(scopes)('equals the distinct count over the visitor-days for every range (scope %o)', (scope) => {
    const categoryIds = scope.categoryIds?.[0] === 0 ? [billing] : scope.categoryIds;
    for (const [a, b] of ranges) {
      const from = START + a * DAY_MS;
      const to = START + b * DAY_MS;
      expect([a, b, countVisitors(db, { from, to }, { ...scope, categoryIds })]).toEqual([a, b, distinctFromDays(from, to, { ...scope, categoryIds })]);
    }
  });

  it('a visitor seen on a sealed day and again today counts once; a new visitor today counts', () => {
    const range = { from: START, to: START + 10 * DAY_MS };
    const before = countVisitors(db, range, { locale: null, categoryIds: null });
    view('visitor-0001-abcdef', 9, 13, 'es', q1);
    view('visitor-new1-abcdef', 9, 13, 'es', q1);
    runKpiRollups(db, NOW + H);
    expect(countVisitors(db, range, { locale: null, categoryIds: null })).toBe(before + 1);
    expect(countVisitors(db, range, { locale: null, categoryIds: null })).toBe(distinctFromDays(range.from, range.to, { locale: null, categoryIds: null }));
  });

  it('a late event for a sealed day rebuilds that day; the next day seals today at midnight', () => {
    view('visitor-late-abcdef', 2, 23, 'en', q2);
    runKpiRollups(db, NOW + 2 * H);
    const day2 = { from: START + 2 * DAY_MS, to: START + 3 * DAY_MS };
    expect(countVisitors(db, day2, { locale: null, categoryIds: null })).toBe(distinctFromDays(day2.from, day2.to, { locale: null, categoryIds: null }));
    runKpiRollups(db, START + 10 * DAY_MS + H);
    expect(sealedUntil(db)).toBe(START + 10 * DAY_MS);
    const all = { from: START, to: START + 11 * DAY_MS };
    for (const scope of scopes) {
      const s = { ...scope, categoryIds: scope.categoryIds ? [internet] : null };
      expect(countVisitors(db, all, s)).toBe(distinctFromDays(all.from, all.to, s));
    }
  });

  it('a rebuild seals the same sets again', () => {
    const snapshot = () => db.all<{ day: number; locale: string; category_id: number; size: number }>(sql`select day, locale, category_id, size from kpi_visitor_sets order by day, locale, category_id`);
    const all = { from: START, to: START + 11 * DAY_MS };
    const before = [snapshot(), countVisitors(db, all, { locale: null, categoryIds: null })];
    rebuildKpiRollups(db, START + 10 * DAY_MS + H);
    expect([snapshot(), countVisitors(db, all, { locale: null, categoryIds: null })]).toEqual(before);
  });
});

describe('packed id sets', () => {
  it('unpack what was packed, from an aligned or an unaligned buffer', () => {
    const ids = [1, 2, 31, 32, 70_000, 2 ** 32 - 1];
    const packed = packIds(ids);
    expect([...unpackIds(packed)]).toEqual(ids);
    const shifted = Buffer.concat([Buffer.from([0]), packed]).subarray(1);
    expect(shifted.byteOffset % 4).not.toBe(0);
    expect([...unpackIds(shifted)]).toEqual(ids);
  });
});
