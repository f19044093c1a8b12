import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, runMigrations, type SqliteDb } from '../../../db/client';
import { pointsLedger, rewards, users } from '../../../db/schema/index';
import { memberPoints } from '../../../src/lib/reputation/ledger';
import { createReward, fulfilRedemption, grantReward, listRedemptions, listRewards, redeemReward } from '../../../src/lib/reputation/rewards';
import type { Actor } from '../../../src/lib/auth/sessions';
import { createMember, createTestDb } from '../../helpers/db';
import { DAY } from '../../helpers/time';
import { expectCode } from '../../helpers/errors';
import { grantReputation } from '../../helpers/reputation';

const NOW = Date.UTC(2026, 10, 2, 12);
let db: SqliteDb;
let admin: Actor;
let member: Actor;
const MUG = { nameEs: 'Taza', nameEn: 'Mug', descriptionEs: 'Una taza', descriptionEn: 'A mug', cost: '100', stock: '2' };

beforeEach(async () => {
  db = createTestDb();
  admin = await createMember(db, 'admin');
  member = await createMember(db);
  grantReputation(db, member.id, 250, NOW - DAY);
});

describe('catalog', () => {
  it('admins create rewards; bad input is a field error and nothing is written', () => {
    expect(expectCode(() => createReward(db, admin, { ...MUG, cost: '-5' }, NOW), 'INVALID').fields).toEqual({ cost: 'reputation.tooSmall' });
    expect(expectCode(() => createReward(db, admin, { ...MUG, cost: '0' }, NOW), 'INVALID').fields).toEqual({ cost: 'reputation.tooSmall' });
    expect(expectCode(() => createReward(db, admin, { ...MUG, stock: '1e12' }, NOW), 'INVALID').fields).toEqual({ stock: 'reputation.tooBig' });
    expect(expectCode(() => createReward(db, admin, { ...MUG, nameEs: '', activeFrom: '2026-12-01', activeUntil: '2026-11-01' }, NOW), 'INVALID').fields).toEqual({
      nameEs: 'field.required',
      activeUntil: 'reward.untilBeforeFrom',
    });
    expectCode(() => createReward(db, member, MUG, NOW), 'FORBIDDEN');
    expect(db.select().from(rewards).all()).toHaveLength(0);
    const r = createReward(db, admin, { ...MUG, cost: '' }, NOW);
    expect([r.cost, r.stock, r.active]).toEqual([null, 2, true]);
  });

  it('members see only active rewards', () => {
    createReward(db, admin, MUG, NOW);
    createReward(db, admin, { ...MUG, nameEn: 'Later', activeFrom: '2027-01-01' }, NOW);
    expect(listRewards(db, 'en', NOW).map((r) => r.name)).toEqual(['Mug']);
    expect(listRewards(db, 'en', NOW, { all: true })).toHaveLength(2);
  });
});

describe('redemption', () => {
  it('spends points (shown in the ledger), keeps reputation, and refuses beyond balance, stock, activity or twice', () => {
    const mug = createReward(db, admin, MUG, NOW);
    const r = redeemReward(db, member, { rewardId: mug.id }, NOW);
    expect(r.balance).toBe(150);
    expect(memberPoints(db, member.id)).toEqual({ reputation: 250, balance: 150 });
    expect(db.select().from(pointsLedger).where(eq(pointsLedger.reason, 'reward.redeemed')).get()).toMatchObject({ amount: -100, source: 'reward', redemptionId: r.redemptionId });
    expect(expectCode(() => redeemReward(db, member, { rewardId: mug.id }, NOW), 'CONFLICT').fields).toEqual({ rewardId: 'reward.alreadyRequested' });
    const big = createReward(db, admin, { ...MUG, cost: '1000' }, NOW);
    expect(expectCode(() => redeemReward(db, member, { rewardId: big.id }, NOW), 'CONFLICT').fields).toEqual({ rewardId: 'reward.notEnoughPoints' });
    const old = createReward(db, admin, { ...MUG, activeFrom: '2026-01-01', activeUntil: '2026-02-01' }, NOW);
    expect(expectCode(() => redeemReward(db, member, { rewardId: old.id }, NOW), 'CONFLICT').fields).toEqual({ rewardId: 'reward.inactive' });
    const grantOnly = createReward(db, admin, { ...MUG, cost: '' }, NOW);
    expect(expectCode(() => redeemReward(db, member, { rewardId: grantOnly.id }, NOW), 'CONFLICT').fields).toEqual({ rewardId: 'reward.grantOnly' });
    const none = createReward(db, admin, { ...MUG, stock: '0' }, NOW);
    expect(expectCode(() => redeemReward(db, member, { rewardId: none.id }, NOW), 'CONFLICT').fields).toEqual({ rewardId: 'reward.outOfStock' });
    expectCode(() => redeemReward(db, member, { rewardId: 'abc' }, NOW), 'INVALID');
    expectCode(() => redeemReward(db, member, { rewardId: 999 }, NOW), 'NOT_FOUND');
    expectCode(() => redeemReward(db, null, { rewardId: mug.id }, NOW), 'UNAUTHORIZED');
    expectCode(() => redeemReward(db, { ...member, suspendedUntil: NOW + DAY }, { rewardId: mug.id }, NOW), 'FORBIDDEN');
    expect(memberPoints(db, member.id).balance).toBe(150);
  });

  it('admins fulfil with a note the member sees; cancelling refunds the points and the stock', () => {
    const mug = createReward(db, admin, MUG, NOW);
    const first = redeemReward(db, member, { rewardId: mug.id }, NOW);
    fulfilRedemption(db, admin, first.redemptionId, { status: 'fulfilled', note: 'Sent by post' }, NOW + 1);
    expect(expectCode(() => fulfilRedemption(db, admin, first.redemptionId, { status: 'cancelled' }, NOW + 2), 'CONFLICT').fields).toEqual({ _: 'reward.alreadyHandled' });
    const second = redeemReward(db, member, { rewardId: mug.id }, NOW + 3);
    expect(db.select().from(rewards).where(eq(rewards.id, mug.id)).get()!.stock).toBe(0);
    fulfilRedemption(db, admin, second.redemptionId, { status: 'cancelled', note: 'Out of mugs' }, NOW + 4);
    expect(db.select().from(rewards).where(eq(rewards.id, mug.id)).get()!.stock).toBe(1);
    expect(memberPoints(db, member.id).balance).toBe(150);
    expect(listRedemptions(db, 'en', {}, { userId: member.id }).items.map((r) => [r.rewardName, r.status, r.note])).toEqual([
      ['Mug', 'cancelled', 'Out of mugs'],
      ['Mug', 'fulfilled', 'Sent by post'],
    ]);
    expectCode(() => fulfilRedemption(db, member, second.redemptionId, { status: 'fulfilled' }, NOW), 'FORBIDDEN');
    expect(expectCode(() => fulfilRedemption(db, admin, second.redemptionId, { status: 'lost' }, NOW), 'INVALID').fields).toEqual({ status: 'field.invalid' });
  });

  it('admins grant rewards without points, never to a suspended member', async () => {
    const badge = createReward(db, admin, { ...MUG, cost: '', stock: '' }, NOW);
    grantReward(db, admin, { rewardId: badge.id, userId: member.id, note: 'Thanks!' }, NOW);
    expect(memberPoints(db, member.id).balance).toBe(250);
    const suspended = await createMember(db);
    db.update(users).set({ suspendedUntil: NOW + DAY }).where(eq(users.id, suspended.id)).run();
    expect(expectCode(() => grantReward(db, admin, { rewardId: badge.id, userId: suspended.id }, NOW), 'CONFLICT').fields).toEqual({ userId: 'reward.memberSuspended' });
    expect(expectCode(() => grantReward(db, admin, { rewardId: badge.id, userId: 9999 }, NOW), 'INVALID').fields).toEqual({ userId: 'field.unknownMember' });
  });
});

describe('the last item, redeemed by two processes at once', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('one wins, the other gets a clear error, stock never goes negative', async () => {
    dir = mkdtempSync(join(tmpdir(), 'resuelve-rewards-'));
    const path = join(dir, 'db.sqlite');
    const file = createDb(path);
    runMigrations(file);
    const a = await createMember(file);
    const b = await createMember(file);
    const boss = await createMember(file, 'admin');
    grantReputation(file, a.id, 500);
    grantReputation(file, b.id, 500);
    const last = createReward(file, boss, { ...MUG, stock: '1' }, NOW);
    file.$client.close();
    const worker = resolve('test/helpers/redeem-worker.ts');
    const startAt = Date.now() + 2500;
    const run = promisify(execFile);
    const outputs = await Promise.all(
      [a, b].map((m) => run(process.execPath, ['--import', 'tsx', worker, path, String(m.id), String(last.id), String(startAt)], { timeout: 30_000 }).then((r) => JSON.parse(r.stdout))),
    );
    const wins = outputs.filter((o) => o.ok);
    const losses = outputs.filter((o) => !o.ok);
    expect(wins).toHaveLength(1);
    expect(losses).toEqual([{ ok: false, code: 'CONFLICT', fields: { rewardId: 'reward.outOfStock' } }]);
    const check = createDb(path);
    expect(check.select().from(rewards).get()!.stock).toBe(0);
    expect(check.select().from(pointsLedger).where(eq(pointsLedger.reason, 'reward.redeemed')).all()).toHaveLength(1);
    check.$client.close();
  }, 60_000);
});
