import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { passwordResets, personalAccessTokens, signInLinks, users, type Locale } from '../../../db/schema/index';
import { DomainError, unlessStorageFull } from '../errors';
import { translate } from '../i18n/index';
import { queueMail } from '../notifications/mail';
import {
  addressKey,
  backoffRetryAfterSeconds,
  clearHits,
  consume,
  forgiveHit,
  recordFailure,
  recordHit,
  retryAfterSeconds,
  type Backoff,
  type Limit,
} from '../rate-limits/rate-limits';
import { parseInput } from '../validation';
import { hashPassword, verifyPassword } from './passwords';
import {
  accessTokenSchema,
  createUserSchema,
  passwordResetRequestSchema,
  passwordResetSchema,
  signInLinkRequestSchema,
  signInLinkSchema,
  signInSchema,
  signUpSchema,
} from './schemas';
import { createSession, invalidateUserSessions, type Actor } from './sessions';
import { generateToken, hashToken } from './tokens';

/** Failed sign-ins per address (successful ones do not count: an office shares one address). */
export const SIGN_IN_FAILURES_PER_IP: Limit = { max: 20, windowMs: 15 * 60 * 1000 };
/**
 * Failed sign-ins of one account from one address: three free, then 30 s doubling up to an hour between attempts,
 * forgotten a day after the last. Per pair, so failures from other addresses never hold the owner back.
 */
export const SIGN_IN_BACKOFF: Backoff = { free: 3, baseMs: 30_000, maxMs: 3600_000, forgetAfterMs: 24 * 3600_000 };
export const SIGN_UP_LIMIT_PER_IP: Limit = { max: 10, windowMs: 60 * 60 * 1000 };
export const RESET_LIMIT_PER_IP: Limit = { max: 5, windowMs: 60 * 60 * 1000 };
const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
// Verifying against this keeps the time of a sign-in with an unknown email close to that of a wrong password.
let dummyHash: Promise<string> | null = null;

/** Creates an account with any role (command line, seed, tests). */
export async function createUser(db: Db, input: unknown, now: number): Promise<{ id: number }> {
  const data = parseInput(createUserSchema, input);
  const passwordHash = await hashPassword(data.password);
  return db.transaction((tx) => {
    const existing = tx.select({ id: users.id }).from(users).where(eq(users.email, data.email)).get();
    if (existing) throw new DomainError('CONFLICT', 'An account with this email already exists.', { email: 'field.emailTaken' });
    return tx
      .insert(users)
      .values({
        email: data.email,
        displayName: data.displayName,
        passwordHash,
        role: data.role,
        locale: data.locale,
        createdAt: now,
      })
      .returning({ id: users.id })
      .get();
  });
}

/** Self-service sign-up: always a member; signs the new member in. */
/**
 * Makes the account with this e-mail a support lead (reads the KPI reports, gets the weekly digest) or no longer one.
 * An operator's command (`npm run user -- lead`), like createUser. Returns the account's id.
 */
export function setLead(db: Db, email: string, lead: boolean): { id: number } {
  return db.transaction((tx) => {
    const row = tx.update(users).set({ lead }).where(eq(users.email, email.trim().toLowerCase())).returning({ id: users.id }).get();
    if (!row) throw new DomainError('NOT_FOUND', 'No account with this email.', { email: 'field.invalid' });
    return row;
  });
}

export async function signUp(
  db: Db,
  input: unknown,
  ctx: { ip: string; now: number },
): Promise<{ userId: number; token: string; expiresAt: number }> {
  const data = parseInput(signUpSchema, input);
  consume(db, `signup:ip:${ctx.ip}`, SIGN_UP_LIMIT_PER_IP, ctx.now);
  const { id } = await createUser(db, { ...data, role: 'member' }, ctx.now);
  const { token, session } = createSession(db, id, ctx.now);
  return { userId: id, token, expiresAt: session.expiresAt };
}

function signInKeys(email: string, ip: string) {
  const address = addressKey(ip);
  return { ip: `signin:ip:${address}`, pair: `signin:pair:${address}:${email}` };
}

/**
 * Checks credentials and opens a new session (never reuses one). Throttled on failures: per address, and per account
 * and address with growing delays; nothing anyone else does stops the owner from signing in from their own address,
 * and a sign-in link by mail works even while their address is held back.
 */
export async function signIn(
  db: Db,
  input: unknown,
  ctx: { ip: string; now: number; perIpLimit?: Limit },
): Promise<{ userId: number; token: string; expiresAt: number }> {
  const data = parseInput(signInSchema, input);
  const perIp = ctx.perIpLimit ?? SIGN_IN_FAILURES_PER_IP;
  const keys = signInKeys(data.email, ctx.ip);
  // The attempt counts as a failure until the password checks out, so parallel guesses cannot all pass this check.
  db.transaction((tx) => {
    const wait = Math.max(retryAfterSeconds(tx, keys.ip, perIp, ctx.now), backoffRetryAfterSeconds(tx, keys.pair, SIGN_IN_BACKOFF, ctx.now));
    if (wait > 0) throw new DomainError('RATE_LIMITED', 'Too many failed sign-ins; try later or ask for a sign-in link by mail.', {}, wait);
    recordHit(tx, keys.ip, perIp, ctx.now);
    recordFailure(tx, keys.pair, SIGN_IN_BACKOFF, ctx.now);
  });

  const user = db.select().from(users).where(eq(users.email, data.email)).get();
  dummyHash ??= hashPassword(generateToken());
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), data.password);
  if (!user || !ok) throw new DomainError('UNAUTHORIZED', 'Email or password is incorrect.', { _: 'error.badCredentials' });
  return db.transaction((tx) => {
    forgiveHit(tx, keys.ip);
    clearHits(tx, keys.pair);
    const { token, session } = createSession(tx, user.id, ctx.now);
    return { userId: user.id, token, expiresAt: session.expiresAt };
  });
}

export const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;
/** While the newest link of an account is younger than this, no other is mailed: that one still has 10 minutes. */
const SIGN_IN_LINK_RESEND_AFTER_MS = 5 * 60 * 1000;
export const SIGN_IN_LINK_LIMIT_PER_IP: Limit = { max: 10, windowMs: 60 * 60 * 1000 };

/**
 * Mails the owner a one-time link that signs them in without the password (valid 15 minutes); answers the same whether
 * the account exists or not. Limited per address; per account a new link is mailed at most every 5 minutes, so the
 * mailbox cannot be flooded and the owner always holds a link that still works.
 */
export function requestSignInLink(db: Db, input: unknown, ctx: { ip: string; now: number; siteUrl: string }): void {
  const data = parseInput(signInLinkRequestSchema, input);
  consume(db, `signin-link:ip:${addressKey(ctx.ip)}`, SIGN_IN_LINK_LIMIT_PER_IP, ctx.now);
  db.transaction((tx) => {
    const user = tx.select().from(users).where(eq(users.email, data.email)).get();
    if (!user) return;
    const newest = tx.select({ createdAt: signInLinks.createdAt }).from(signInLinks).where(eq(signInLinks.userId, user.id)).orderBy(desc(signInLinks.createdAt)).limit(1).get();
    if (newest && ctx.now - newest.createdAt < SIGN_IN_LINK_RESEND_AFTER_MS) return;
    const token = generateToken();
    tx.insert(signInLinks).values({ tokenHash: hashToken(token), userId: user.id, createdAt: ctx.now, expiresAt: ctx.now + SIGN_IN_LINK_TTL_MS }).run();
    const url = `${ctx.siteUrl}/${user.locale}/signin/link?token=${token}`;
    queueMail(tx, { to: user.email, subject: translate(user.locale, 'auth.link.mail.subject'), text: translate(user.locale, 'auth.link.mail.body', { url }) }, ctx.now);
  });
}

function usableSignInLink(db: Db, token: string, now: number) {
  const row = db.select().from(signInLinks).where(eq(signInLinks.tokenHash, hashToken(token))).get();
  return row && row.usedAt === null && row.expiresAt > now ? row : null;
}

export function isSignInLinkValid(db: Db, token: string, now: number): boolean {
  return usableSignInLink(db, token, now) !== null;
}

/**
 * Signs in with a mailed link: once, within 15 minutes, whatever the sign-in throttling of the address (it also lifts
 * the account's delays there). Using a link spends every other link of the account. Bad links count as failed sign-ins
 * of the address.
 */
export function signInWithLink(db: Db, input: unknown, ctx: { ip: string; now: number; perIpLimit?: Limit }): { userId: number; token: string; expiresAt: number } {
  const data = parseInput(signInLinkSchema, input);
  const perIp = ctx.perIpLimit ?? SIGN_IN_FAILURES_PER_IP;
  const result = db.transaction((tx) => {
    const link = usableSignInLink(tx, data.token, ctx.now);
    if (!link) {
      const ipKey = signInKeys('', ctx.ip).ip;
      const wait = retryAfterSeconds(tx, ipKey, perIp, ctx.now);
      if (wait > 0) throw new DomainError('RATE_LIMITED', 'Too many failed sign-ins.', {}, wait);
      recordHit(tx, ipKey, perIp, ctx.now);
      return { invalid: true as const };
    }
    const user = tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, link.userId)).get()!;
    tx.update(signInLinks).set({ usedAt: ctx.now }).where(and(eq(signInLinks.userId, user.id), isNull(signInLinks.usedAt))).run();
    clearHits(tx, signInKeys(user.email, ctx.ip).pair);
    const { token, session } = createSession(tx, user.id, ctx.now);
    return { invalid: false as const, userId: user.id, token, expiresAt: session.expiresAt };
  });
  if (result.invalid) throw new DomainError('INVALID', 'The sign-in link is invalid, used or expired.', { token: 'auth.link.invalid' });
  return result;
}

/** Mails a reset link when the account exists; answers the same either way so emails cannot be probed. */
export function requestPasswordReset(
  db: Db,
  input: unknown,
  ctx: { ip: string; now: number; siteUrl: string; locale: Locale },
): void {
  const data = parseInput(passwordResetRequestSchema, input);
  consume(db, `reset:ip:${ctx.ip}`, RESET_LIMIT_PER_IP, ctx.now);
  db.transaction((tx) => {
    const user = tx.select().from(users).where(eq(users.email, data.email)).get();
    if (!user) return;
    const token = generateToken();
    tx.insert(passwordResets)
      .values({ tokenHash: hashToken(token), userId: user.id, createdAt: ctx.now, expiresAt: ctx.now + RESET_TOKEN_TTL_MS })
      .run();
    const url = `${ctx.siteUrl}/${user.locale}/password/reset?token=${token}`;
    queueMail(
      tx,
      {
        to: user.email,
        subject: translate(user.locale, 'auth.mail.subject'),
        text: translate(user.locale, 'auth.mail.body', { url }),
      },
      ctx.now,
    );
  });
}

export function isPasswordResetTokenValid(db: Db, token: string, now: number): boolean {
  const row = db.select().from(passwordResets).where(eq(passwordResets.tokenHash, hashToken(token))).get();
  return !!row && row.usedAt === null && row.expiresAt > now;
}

/** Sets a new password from a mailed token; the token is single-use and every session of the account ends. */
export async function resetPassword(db: Db, input: unknown, now: number): Promise<void> {
  const data = parseInput(passwordResetSchema, input);
  const passwordHash = await hashPassword(data.password);
  db.transaction((tx) => {
    const row = tx.select().from(passwordResets).where(eq(passwordResets.tokenHash, hashToken(data.token))).get();
    if (!row || row.usedAt !== null || row.expiresAt <= now) {
      throw new DomainError('INVALID', 'The reset link is invalid or expired.', { token: 'auth.reset.invalid' });
    }
    tx.update(passwordResets).set({ usedAt: now }).where(eq(passwordResets.tokenHash, row.tokenHash)).run();
    tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId)).run();
    invalidateUserSessions(tx, row.userId);
  });
}

const TOKEN_PREFIX = 'rsv_';

/** Creates a personal access token; the plain value is returned once and never stored. */
export function createAccessToken(db: Db, actor: Actor, input: unknown, now: number): { id: number; token: string } {
  const data = parseInput(accessTokenSchema, input);
  const token = `${TOKEN_PREFIX}${generateToken()}`;
  const row = db
    .insert(personalAccessTokens)
    .values({ userId: actor.id, name: data.name, tokenHash: hashToken(token), createdAt: now })
    .returning({ id: personalAccessTokens.id })
    .get();
  return { id: row.id, token };
}

export function listAccessTokens(db: Db, actor: Actor) {
  return db
    .select({
      id: personalAccessTokens.id,
      name: personalAccessTokens.name,
      createdAt: personalAccessTokens.createdAt,
      lastUsedAt: personalAccessTokens.lastUsedAt,
    })
    .from(personalAccessTokens)
    .where(and(eq(personalAccessTokens.userId, actor.id), isNull(personalAccessTokens.revokedAt)))
    .orderBy(desc(personalAccessTokens.id))
    .all();
}

export function revokeAccessToken(db: Db, actor: Actor, id: number, now: number): void {
  const changed = db
    .update(personalAccessTokens)
    .set({ revokedAt: now })
    .where(
      and(eq(personalAccessTokens.id, id), eq(personalAccessTokens.userId, actor.id), isNull(personalAccessTokens.revokedAt)),
    )
    .run().changes;
  if (changed === 0) throw new DomainError('NOT_FOUND', 'No such token.');
}

/** Resolves `Authorization: Bearer rsv_…` to its member, or null. */
export function authenticateAccessToken(db: Db, token: string, now: number): Actor | null {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const row = db
    .select({
      tokenId: personalAccessTokens.id,
      expiresAt: personalAccessTokens.expiresAt,
      lastUsedAt: personalAccessTokens.lastUsedAt,
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      locale: users.locale,
      suspendedUntil: users.suspendedUntil,
      lead: users.lead,
    })
    .from(personalAccessTokens)
    .innerJoin(users, eq(users.id, personalAccessTokens.userId))
    .where(and(eq(personalAccessTokens.tokenHash, hashToken(token)), isNull(personalAccessTokens.revokedAt)))
    .get();
  if (!row || (row.expiresAt !== null && row.expiresAt <= now)) return null;
  // Last-used is informative; writing it at most once a minute keeps reads cheap.
  if (row.lastUsedAt === null || now - row.lastUsedAt > 60_000) {
    unlessStorageFull(() => db.update(personalAccessTokens).set({ lastUsedAt: now }).where(eq(personalAccessTokens.id, row.tokenId)).run(), null);
  }
  const { tokenId: _t, expiresAt: _e, lastUsedAt: _l, ...actor } = row;
  return actor;
}
