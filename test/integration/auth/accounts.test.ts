import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { mails, sessions, signInLinks } from '../../../db/schema/index';
import {
  authenticateAccessToken,
  createAccessToken,
  isSignInLinkValid,
  requestPasswordReset,
  requestSignInLink,
  resetPassword,
  revokeAccessToken,
  signIn,
  SIGN_IN_BACKOFF,
  SIGN_IN_LINK_LIMIT_PER_IP,
  SIGN_IN_LINK_TTL_MS,
  signInWithLink,
  signUp,
} from '../../../src/lib/auth/accounts';
import { backoffDelayMs } from '../../../src/lib/rate-limits/rate-limits';
import { currentSessionActor, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, validateSessionToken } from '../../../src/lib/auth/sessions';
import { hashToken } from '../../../src/lib/auth/tokens';
import { createMember, createTestDb, TEST_PASSWORD } from '../../helpers/db';
import type { DomainError } from '../../../src/lib/errors';
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
  it('lets the owner in from their own address whatever failures other addresses piled on the account', async () => {
    await createMember(db, 'member', { email: 'm@example.test' });
    for (let address = 0; address < 30; address++) {
      for (let i = 0; i < 5; i++) {
        const at = NOW + i * 1000;
        const result = signIn(db, { email: 'm@example.test', password: 'wrong password' }, ctx(`198.51.100.${address}`, at));
        await expectError(result, i < 4 ? 'UNAUTHORIZED' : 'RATE_LIMITED');
      }
    }
    const ok = await signIn(db, { email: 'm@example.test', password: TEST_PASSWORD }, ctx('203.0.113.200', NOW + 5000));
    expect(ok.token).toHaveLength(32);
  });
  it('holds one account-and-address pair back with growing delays after three failures, forgotten a day later', async () => {
    await createMember(db, 'member', { email: 'm@example.test' });
    const attempt = (at: number, password = 'wrong password') => signIn(db, { email: 'm@example.test', password }, ctx('198.51.100.7', at));
    let t = NOW;
    for (let i = 0; i < 3; i++) await expectError(attempt(t), 'UNAUTHORIZED');
    expect(backoffDelayMs(3, SIGN_IN_BACKOFF)).toBe(0);
    // 4th failure is answered, and from then on each failure doubles the wait: 30 s, 1 min, 2 min … up to an hour
    await expectError(attempt(t), 'UNAUTHORIZED');
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      const limited = await expectError(attempt(t + 1000), 'RATE_LIMITED');
      waits.push(limited.retryAfterS!);
      // the right password must wait as well (otherwise the delay tells a guesser nothing)
      await expectError(attempt(t + 1000, TEST_PASSWORD), 'RATE_LIMITED');
      t += 1000 + limited.retryAfterS! * 1000;
      await expectError(attempt(t), 'UNAUTHORIZED');
    }
    expect(waits).toEqual([29, 59, 119, 239, 479, 959, 1919, 3599, 3599]);
    // another address is not held back, the right password from this one works once the wait is over …
    expect((await signIn(db, { email: 'm@example.test', password: TEST_PASSWORD }, ctx('198.51.100.8', t))).token).toHaveLength(32);
    // … and a day after the last failure the count starts again
    expect((await attempt(t + 24 * 3600 * 1000, TEST_PASSWORD)).token).toHaveLength(32);
  });
  it('forgets a pair\'s failures when its owner signs in', async () => {
    await createMember(db, 'member', { email: 'm@example.test' });
    for (let i = 0; i < 3; i++) await expectError(signIn(db, { email: 'm@example.test', password: 'wrong password' }, ctx()), 'UNAUTHORIZED');
    await signIn(db, { email: 'm@example.test', password: TEST_PASSWORD }, ctx());
    for (let i = 0; i < 4; i++) await expectError(signIn(db, { email: 'm@example.test', password: 'wrong password' }, ctx()), 'UNAUTHORIZED');
    await expectError(signIn(db, { email: 'm@example.test', password: 'wrong password' }, ctx()), 'RATE_LIMITED');
  });
  it('throttles an address after 20 failures, and counts failures only', async () => {
    for (let i = 0; i < 30; i++) await createMember(db, 'member', { email: `office${i}@example.test` });
    // an office behind one address: 30 people sign in
    for (let i = 0; i < 30; i++) await signIn(db, { email: `office${i}@example.test`, password: TEST_PASSWORD }, ctx());
    for (let i = 0; i < 20; i++) await expectError(signIn(db, { email: `u${i}@example.test`, password: 'whatever pw' }, ctx()), 'UNAUTHORIZED');
    const limited = await expectError(signIn(db, { email: 'u99@example.test', password: 'whatever pw' }, ctx()), 'RATE_LIMITED');
    expect(limited.retryAfterS).toBe(900);
    // the IPv6 neighbours of a /64 are one address; another address is not concerned
    for (let i = 0; i < 20; i++) await expectError(signIn(db, { email: `u${i}@example.test`, password: 'whatever pw' }, ctx(`2001:db8:1:2::${i + 1}`)), 'UNAUTHORIZED');
    await expectError(signIn(db, { email: 'u0@example.test', password: 'whatever pw' }, ctx('2001:db8:1:2:ffff::1')), 'RATE_LIMITED');
    await signIn(db, { email: 'office1@example.test', password: TEST_PASSWORD }, ctx('203.0.113.2'));
  });
  it('cannot be outrun by parallel guesses', async () => {
    await createMember(db, 'member', { email: 'm@example.test' });
    const guesses = Array.from({ length: 12 }, (_, i) => signIn(db, { email: 'm@example.test', password: `wrong password ${i}` }, ctx()).catch((e: DomainError) => e.code));
    const codes = await Promise.all(guesses);
    expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(4);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(8);
  });
});

describe('sign-in link', () => {
  const linkCtx = (ip = '203.0.113.1', now = NOW) => ({ ip, now, siteUrl: 'http://localhost:4321' });
  const tokenOf = (text: string) => /signin\/link\?token=([a-z2-7]{32})/.exec(text)![1]!;

  it('mails a one-time, 15-minute link in the member\'s language that signs in while their address is held back', async () => {
    const m = await createMember(db, 'member', { email: 'm@example.test', locale: 'en' });
    for (let i = 0; i < 5; i++) await signIn(db, { email: 'm@example.test', password: 'wrong password' }, ctx()).catch(() => null);
    await expectError(signIn(db, { email: 'm@example.test', password: TEST_PASSWORD }, ctx()), 'RATE_LIMITED');

    requestSignInLink(db, { email: ' M@example.test ' }, linkCtx());
    const mail = db.select().from(mails).get()!;
    expect([mail.to, mail.subject]).toEqual(['m@example.test', 'Your Resuelve sign-in link']);
    expect(mail.text).toContain('http://localhost:4321/en/signin/link?token=');
    const token = tokenOf(mail.text);
    // only the token's hash is stored
    expect(db.select().from(signInLinks).get()).toMatchObject({ tokenHash: hashToken(token), userId: m.id, expiresAt: NOW + SIGN_IN_LINK_TTL_MS, usedAt: null });
    expect(isSignInLinkValid(db, token, NOW)).toBe(true);

    const session = signInWithLink(db, { token }, ctx('203.0.113.1', NOW + 60_000));
    expect(validateSessionToken(db, session.token, NOW + 60_000)?.actor.id).toBe(m.id);
    // single use, and the pair's delays are lifted
    expect((await expectError(() => signInWithLink(db, { token }, ctx('203.0.113.1', NOW + 61_000)), 'INVALID')).fields).toEqual({ token: 'auth.link.invalid' });
    expect((await signIn(db, { email: 'm@example.test', password: TEST_PASSWORD }, ctx('203.0.113.1', NOW + 62_000))).userId).toBe(m.id);
  });
  it('expires after 15 minutes, refuses made-up tokens and spends the account\'s other links when one is used', async () => {
    await createMember(db, 'member', { email: 'm@example.test' });
    requestSignInLink(db, { email: 'm@example.test' }, linkCtx());
    const first = tokenOf(db.select().from(mails).all()[0]!.text);
    await expectError(() => signInWithLink(db, { token: first }, ctx('203.0.113.1', NOW + SIGN_IN_LINK_TTL_MS)), 'INVALID');
    requestSignInLink(db, { email: 'm@example.test' }, linkCtx('203.0.113.1', NOW + 20 * 60_000));
    requestSignInLink(db, { email: 'm@example.test' }, linkCtx('203.0.113.1', NOW + 26 * 60_000));
    const [second, third] = db.select().from(mails).all().slice(1).map((m) => tokenOf(m.text));
    signInWithLink(db, { token: third! }, ctx('203.0.113.1', NOW + 27 * 60_000));
    await expectError(() => signInWithLink(db, { token: second! }, ctx('203.0.113.1', NOW + 27 * 60_000)), 'INVALID');
    await expectError(() => signInWithLink(db, { token: 'not a token' }, ctx()), 'INVALID');
  });
  it('answers the same for unknown emails, mails an account at most every 5 minutes, and limits asking per address', async () => {
    requestSignInLink(db, { email: 'ghost@example.test' }, linkCtx());
    expect(db.select().from(mails).all()).toHaveLength(0);
    await createMember(db, 'member', { email: 'm@example.test' });
    // someone asks for the owner's link over and over from many addresses: the mailbox gets one per 5 minutes
    for (let i = 0; i < 20; i++) requestSignInLink(db, { email: 'm@example.test' }, linkCtx(`198.51.100.${i}`, NOW + i * 30_000));
    expect(db.select().from(mails).all()).toHaveLength(2);
    for (let i = 0; i < SIGN_IN_LINK_LIMIT_PER_IP.max - 1; i++) requestSignInLink(db, { email: `x${i}@example.test` }, linkCtx('198.51.100.0'));
    await expectError(() => requestSignInLink(db, { email: 'm@example.test' }, linkCtx('198.51.100.0')), 'RATE_LIMITED');
  });
  it('counts bad links as failed sign-ins of the address, yet a good link still works there', async () => {
    await createMember(db, 'member', { email: 'm@example.test' });
    requestSignInLink(db, { email: 'm@example.test' }, linkCtx());
    const token = tokenOf(db.select().from(mails).get()!.text);
    for (let i = 0; i < 20; i++) await expectError(() => signInWithLink(db, { token: 'a'.repeat(32) }, ctx('198.51.100.1')), 'INVALID');
    await expectError(() => signInWithLink(db, { token: 'b'.repeat(32) }, ctx('198.51.100.1')), 'RATE_LIMITED');
    await expectError(signIn(db, { email: 'm@example.test', password: TEST_PASSWORD }, ctx('198.51.100.1')), 'RATE_LIMITED');
    expect(signInWithLink(db, { token }, ctx('198.51.100.1')).token).toHaveLength(32);
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
  it('reads the member of a session without writing, and only while the session needs no renewal', async () => {
    const m = await createMember(db, 'member', { email: 'm@example.test' });
    const { token } = await signIn(db, { email: 'm@example.test', password: TEST_PASSWORD }, ctx());
    const stored = () => db.select().from(sessions).all();
    const before = stored();
    expect(currentSessionActor(db, token, NOW + DAY)?.id).toBe(m.id);
    expect(currentSessionActor(db, token, NOW + 20 * DAY)).toBeNull();
    expect(currentSessionActor(db, token, NOW + SESSION_IDLE_MS)).toBeNull();
    expect(currentSessionActor(db, 'not-a-token', NOW)).toBeNull();
    expect(currentSessionActor(db, 'a'.repeat(32), NOW)).toBeNull();
    expect(stored()).toEqual(before);
    expect(currentSessionActor(db, token, NOW + DAY)).toEqual(validateSessionToken(db, token, NOW + DAY)!.actor);
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
