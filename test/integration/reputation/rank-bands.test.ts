import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import type { Actor } from '../../../src/lib/auth/sessions';
import { rankOf } from '../../../src/lib/reputation/leaderboards';
import { recalcScores, recountRankBands } from '../../../src/lib/reputation/recalc';
import { createMember, createTestDb } from '../../helpers/db';
import { grantReputation } from '../../helpers/reputation';
import { seededRandom } from '../../../src/lib/demo/seeded-random';

let db: SqliteDb;

/** The rank by its definition: 1 + the members (staff left out) with more points, or as many and a lower id. */
function rankByCounting(userId: number): number | null {
  const points = (db.$client.prepare("select points from reputation_scores where scope = 'all' and user_id = ?").get(userId) as { points: number } | undefined)?.points;
  if (points === undefined || points <= 0) return null;
  const ahead = db.$client
    .prepare(
      "select count(*) as n from reputation_scores s join users u on u.id = s.user_id where s.scope = 'all' and u.role not in ('agent', 'admin') and (s.points > ? or (s.points = ? and s.user_id < ?))",
    )
    .get(points, points, userId) as { n: number };
  return ahead.n + 1;
}

const bands = () => Object.fromEntries((db.$client.prepare('select band, members from rank_bands where members <> 0 order by band').all() as { band: number; members: number }[]).map((r) => [r.band, r.members]));

beforeEach(() => {
  db = createTestDb();
});

describe('rank bands', () => {
  it('count the members per band of 16 points, staff left out, and give the rank by definition', async () => {
    const [a, b, c] = [await createMember(db), await createMember(db), await createMember(db)];
    const agent = await createMember(db, 'agent');
    grantReputation(db, a.id, 40); // band 2
    grantReputation(db, b.id, 47); // band 2
    grantReputation(db, c.id, 100); // band 6
    grantReputation(db, agent.id, 500); // staff: no band
    expect(bands()).toEqual({ 2: 2, 6: 1 });
    expect([rankOf(db, c.id), rankOf(db, b.id), rankOf(db, a.id)]).toEqual([1, 2, 3]);
    // Moving within a band, across bands, ties broken by id, a member becoming staff and back.
    grantReputation(db, a.id, 7); // 47, band 2, tied with b (lower id first)
    expect([rankOf(db, a.id), rankOf(db, b.id)]).toEqual([2, 3]);
    grantReputation(db, b.id, 60); // 107, band 6
    expect(bands()).toEqual({ 2: 1, 6: 2 });
    expect([rankOf(db, b.id), rankOf(db, c.id), rankOf(db, a.id)]).toEqual([1, 2, 3]);
    db.run(sql`update users set role = 'admin' where id = ${b.id}`);
    expect(bands()).toEqual({ 2: 1, 6: 1 });
    expect([rankOf(db, c.id), rankOf(db, a.id)]).toEqual([1, 2]);
    db.run(sql`update users set role = 'moderator' where id = ${b.id}`);
    expect(bands()).toEqual({ 2: 1, 6: 2 });
    expect(rankOf(db, agent.id)).toBe(1);
    expect(recountRankBands(db)).toEqual({ bands: 2, differences: 0 });
  });

  it('equal a recount, and every rank its definition, after random points, role changes and a recalc', async () => {
    const next = seededRandom(7);
    const members: Actor[] = [];
    for (let i = 0; i < 30; i++) members.push(await createMember(db, i % 10 === 9 ? 'agent' : 'member'));
    for (let step = 0; step < 600; step++) {
      const who = members[Math.floor(next() * members.length)]!;
      const roll = next();
      if (roll < 0.85) grantReputation(db, who.id, Math.round((next() - 0.3) * 80), step * 60_000);
      else if (roll < 0.95) db.run(sql`update users set role = ${next() < 0.5 ? 'agent' : 'member'} where id = ${who.id}`);
      else db.run(sql`delete from reputation_scores where scope = 'all' and user_id = ${who.id}`);
      if (step % 50 === 49) {
        expect(recountRankBands(db).differences, `bands after step ${step}`).toBe(0);
        for (const m of members) expect(rankOf(db, m.id), `rank of ${m.id} after step ${step}`).toBe(rankByCounting(m.id));
      }
    }
    // Recalc rewrites every score (the deleted ones come back from the ledger): the bands follow.
    expect(recalcScores(db).differences).toBeGreaterThan(0);
    expect(recountRankBands(db).differences).toBe(0);
    for (const m of members) expect(rankOf(db, m.id)).toBe(rankByCounting(m.id));
  });

  it('are repaired by a recount', async () => {
    const a = await createMember(db);
    grantReputation(db, a.id, 40);
    db.run(sql`update rank_bands set members = 5 where band = 2`);
    db.run(sql`insert into rank_bands (band, members) values (9, 1)`);
    expect(recountRankBands(db)).toEqual({ bands: 1, differences: 2 });
    expect(bands()).toEqual({ 2: 1 });
  });
});
