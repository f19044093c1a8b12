import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/lib/server/config';
import { createContext } from '../../../src/lib/server/context';
import { createTestDb } from '../../helpers/db';

const DAY = 24 * 3600 * 1000;

describe('the drain and the deflection events queued in memory', () => {
  it('writes them before the rollups read the events, so they never count as late', async () => {
    const db = createTestDb();
    let now = Date.UTC(2026, 2, 25, 12);
    const ctx = createContext(loadConfig({ DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent', SEARCH_WORKERS: '0' }), { db, now: () => now, mail: null });
    // A day with events, long final, so the days not final yet are counted by the rollups.
    ctx.deflection.recorder.record({ occurredAt: now - 30 * DAY, type: 'suggestion_shown', surface: 'ask_form', visitorId: 'v-old', memberId: null, locale: 'en' });
    await ctx.drain();
    const countedAt = () => db.get<{ at: number }>(sql`select updated_at as at from kpi_progress where source = 'deflection_partial_until'`)?.at;
    const firstCount = countedAt();
    expect(firstCount).toBe(now);

    for (let i = 0; i < 3; i++) {
      // Each event is queued before the drain that follows it and after the last one had read the events.
      now += 400;
      ctx.deflection.recorder.record({ occurredAt: now - 100, type: 'suggestion_shown', surface: 'ask_form', visitorId: `v-${i}`, memberId: null, locale: 'en' });
      await ctx.drain();
    }

    expect(ctx.deflection.recorder.pending).toBe(0);
    expect(db.get<{ n: number }>(sql`select count(*) as n from deflection_events`)!.n).toBe(4);
    // Not counted again: no event arrived after the counts it happened before.
    expect(countedAt()).toBe(firstCount);
  });
});
