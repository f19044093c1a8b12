import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { mails, sessions } from '../../../db/schema/index';
import {
  authenticateAccessToken,
  createAccessToken,
  requestPasswordReset,
  resetPassword,
  revokeAccessToken,
  signIn,
  signUp,
} from '../../../src/lib/auth/accounts';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, validateSessionToken } from '../../../src/lib/auth/sessions';
import { hashToken } from '../../../src/lib/auth/tokens';
import { createMember, createTestDb, TEST_PASSWORD } from '../../helpers/db';
import { expectError } from '../../helpers/errors';
import { DAY, NOW } from '../../helpers/time';

let db: SqliteDb;
const ctx = (ip = '203.0.113.1', now = NOW) => ({ ip, now });

beforeEach(() => {
  db = createTestDb();
});

describe('signUp', () => {
  it('creates a member, stores an argon2id hash and opens a session', async () => {
    const r = await signUp(db, { email: ' Ana@Example.COM ', password: 'a long password', displayName: 'Ana' }, ctx());
    const user = db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, r.userId) }).sync();
    expect(user?.email).toBe('ana@example.com');
    expect(user?.role).toBe('member');
    expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(validateSessionToken(db, r.token, NOW)?.actor.id).toBe(r.userId);
    // the token itself is not stored, only its SHA-256
    expect(db.select().from(sessions).where(eq(sessions.id, r.token)).all()).toHaveLength(0);
    expect(db.select().from(sessions).where(eq(sessions.id, hashToken(r.token))).all()).toHaveLength(1);
  });
  it('refuses a taken email with a field error, and bad fields', async () => {
    await signUp(db, { email: 'a@b.co', password: 'a long password', displayName: 'Ana' }, ctx());
    const e = await expectError(signUp(db, { email: 'A@B.co', password: 'another password', displayName: 'Ana 2' }, ctx('203.0.113.2')), 'CONFLICT');
    expect(e.fields.email).toBe('field.emailTaken');
    const bad = await expectError(signUp(db, { email: 'nope', password: 'short', displayName: '' }, ctx()), 'INVALID');
    expect(bad.fields).toEqual({ email: 'field.email', password: 'field.passwordTooShort', displayName: 'field.tooShort' });
  });
});

describe('signIn', () => {
  it('opens a new session on every sign-in', async () => {
    const m = await createMember(db, 'member', { email: 'm@example.test' });
    const a = await signIn(db, { email: 'm@example.test', password: TEST_PASSWORD }, ctx());
    const b = await signIn(db, { email: 'M@example.test', password: TEST_PASSWORD }, ctx());
    expect(a.userId).toBe(m.id);
    expect(a.token).not.toBe(b.token);
  });
  it('answers the same error for an unknown email and a wrong password', async () => {
    await createMember(db, 'member', { email: 'm@example.test' });
    const wrong = await expectError(signIn(db, { email: 'm@example.test', password: 'wrong password' }, ctx()), 'UNAUTHORIZED');
    const unknown = await expectError(signIn(db, { email: 'x@example.test', password: 'wrong password' }, ctx()), 'UNAUTHORIZED');
    expect(wrong.fields).toEqual(unknown.fields);
  });
  it('throttles an account after 5 failures whatever the IP, with a retry delay', async () => {
    await createMember(db, 'member', { email: 'm@example.test' });
    for (let i = 0; i < 5; i++) {
      await expectError(signIn(db, { email: 'm@example.test', password: 'wrong password' }, ctx(`198.51.100.${i}`)), 'UNAUTHORIZED');
    }
    const limited = await expectError(signIn(db, { email: 'm@example.test', password: TEST_PASSWORD }, ctx('198.51.100.99', NOW + 1000)), 'RATE_LIMITED');
    expect(limited.retryAfterS).toBe(899);
    // after the window the right password works again
    const ok = await signIn(db, { email: 'm@example.test', password: TEST_PASSWORD }, ctx('198.51.100.99', NOW + 15 * 60 * 1000));
    expect(ok.token).toHaveLength(32);
  });
  it('throttles an IP after 20 attempts', async () => {
    for (let i = 0; i < 20; i++) await expectError(signIn(db, { email: `u${i}@example.test`, password: 'whatever pw' }, ctx()), 'UNAUTHORIZED');
    await expectError(signIn(db, { email: 'u99@example.test', password: 'whatever pw' }, ctx()), 'RATE_LIMITED');
  });
});

describe('sessions', () => {
  it('slides the idle expiry but never past the absolute lifetime', async () => {
    await createMember(db, 'member', { email: 'm@example.test' });
    const { token } = await signIn(db, { email: 'm@example.test', password: TEST_PASSWORD }, ctx());
    // used after 20 days: renewed
    const later = validateSessionToken(db, token, NOW + 20 * DAY)!;
    expect(later.renewed).toBe(true);
    expect(later.session.expiresAt).toBe(NOW + 20 * DAY + SESSION_IDLE_MS);
    // keep using it every 20 days: still capped by the absolute lifetime
    expect(validateSessionToken(db, token, NOW + 40 * DAY)).not.toBeNull();
    expect(validateSessionToken(db, token, NOW + 60 * DAY)).not.toBeNull();
    expect(validateSessionToken(db, token, NOW + 80 * DAY)).not.toBeNull();
    expect(validateSessionToken(db, token, NOW + SESSION_ABSOLUTE_MS)).toBeNull();
  });
  it('expires after the idle time without use', async () => {
    await createMember(db, 'member', { email: 'm@example.test' });
    const { token } = await signIn(db, { email: 'm@example.test', password: TEST_PASSWORD }, ctx());
    expect(validateSessionToken(db, token, NOW + SESSION_IDLE_MS)).toBeNull();
    expect(validateSessionToken(db, 'not-a-token', NOW)).toBeNull();
  });
});

describe('password reset', () => {
  it('mails a single-use link that sets the password and ends every session', async () => {
    await createMember(db, 'member', { email: 'm@example.test', locale: 'en' });
    const before = await signIn(db, { email: 'm@example.test', password: TEST_PASSWORD }, ctx());
    requestPasswordReset(db, { email: 'm@example.test' }, { ...ctx(), siteUrl: 'http://localhost:4321', locale: 'es' });
    const mail = db.select().from(mails).get()!;
    expect(mail.to).toBe('m@example.test');
    expect(mail.subject).toBe('Reset your Resuelve password');
    const token = /token=([a-z2-7]+)/.exec(mail.text)![1]!;
    expect(mail.text).toContain('http://localhost:4321/en/password/reset?token=');

    await resetPassword(db, { token, password: 'a brand new password' }, NOW + 1000);
    expect(validateSessionToken(db, before.token, NOW + 2000)).toBeNull();
    await expectError(resetPassword(db, { token, password: 'yet another password' }, NOW + 3000), 'INVALID');
    await expectError(signIn(db, { email: 'm@example.test', password: TEST_PASSWORD }, ctx('203.0.113.9')), 'UNAUTHORIZED');
    const ok = await signIn(db, { email: 'm@example.test', password: 'a brand new password' }, ctx('203.0.113.9'));
    expect(ok.token).toHaveLength(32);
  });
  it('says nothing about unknown emails and rejects expired links', async () => {
    requestPasswordReset(db, { email: 'ghost@example.test' }, { ...ctx(), siteUrl: 'http://x', locale: 'es' });
    expect(db.select().from(mails).all()).toHaveLength(0);
    await createMember(db, 'member', { email: 'm@example.test' });
    requestPasswordReset(db, { email: 'm@example.test' }, { ...ctx(), siteUrl: 'http://x', locale: 'es' });
    const token = /token=([a-z2-7]+)/.exec(db.select().from(mails).get()!.text)![1]!;
    await expectError(resetPassword(db, { token, password: 'a brand new password' }, NOW + 61 * 60 * 1000), 'INVALID');
  });
});

describe('personal access tokens', () => {
  it('authenticates until revoked; only the hash is stored', async () => {
    const m = await createMember(db);
    const { id, token } = createAccessToken(db, m, { name: 'ci' }, NOW);
    expect(token).toMatch(/^rsv_[a-z2-7]{32}$/);
    expect(authenticateAccessToken(db, token, NOW)?.id).toBe(m.id);
    expect(authenticateAccessToken(db, `${token}x`, NOW)).toBeNull();
    const other = await createMember(db);
    await expectError(() => revokeAccessToken(db, other, id, NOW), 'NOT_FOUND');
    revokeAccessToken(db, m, id, NOW);
    expect(authenticateAccessToken(db, token, NOW)).toBeNull();
  });
});
