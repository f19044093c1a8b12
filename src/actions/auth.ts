import { defineAction } from 'astro:actions';
import {
  createAccessToken,
  requestPasswordReset,
  requestSignInLink,
  resetPassword,
  revokeAccessToken,
  signIn,
  signInWithLink,
  signUp,
  SIGN_IN_FAILURES_PER_IP,
} from '../lib/auth/accounts';
import { DomainError } from '../lib/errors';
import { idSchema } from '../lib/community/schemas';
import { parseInput } from '../lib/validation';
import { clientIp } from '../web/api';
import { setSessionCookie } from '../web/cookies';
import { formFields, formResult } from '../web/form-result';

const signInFailuresPerIp = (config: { SIGNIN_ATTEMPTS_PER_IP: number }) => ({ max: config.SIGNIN_ATTEMPTS_PER_IP, windowMs: SIGN_IN_FAILURES_PER_IP.windowMs });

export const auth = {
  signIn: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, async () => {
        const { ctx } = context.locals;
        const ip = clientIp(context, ctx.config.TRUST_PROXY);
        const result = await signIn(ctx.db, formFields(form), { ip, now: ctx.now(), perIpLimit: signInFailuresPerIp(ctx.config) });
        setSessionCookie(context.cookies, context.url, result.token, result.expiresAt);
        return { userId: result.userId };
      }),
  }),
  requestSignInLink: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx } = context.locals;
        const ip = clientIp(context, ctx.config.TRUST_PROXY);
        requestSignInLink(ctx.db, formFields(form), { ip, now: ctx.now(), siteUrl: ctx.config.SITE_URL.replace(/\/$/, '') });
        return { sent: true };
      }),
  }),
  signInWithLink: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx } = context.locals;
        const ip = clientIp(context, ctx.config.TRUST_PROXY);
        const result = signInWithLink(ctx.db, formFields(form), { ip, now: ctx.now(), perIpLimit: signInFailuresPerIp(ctx.config) });
        setSessionCookie(context.cookies, context.url, result.token, result.expiresAt);
        return { userId: result.userId };
      }),
  }),
  signUp: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, async () => {
        const { ctx, locale } = context.locals;
        const ip = clientIp(context, ctx.config.TRUST_PROXY);
        const result = await signUp(ctx.db, { ...formFields(form), locale }, { ip, now: ctx.now() });
        setSessionCookie(context.cookies, context.url, result.token, result.expiresAt);
        return { userId: result.userId };
      }),
  }),
  requestPasswordReset: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, locale } = context.locals;
        const ip = clientIp(context, ctx.config.TRUST_PROXY);
        requestPasswordReset(ctx.db, formFields(form), { ip, now: ctx.now(), siteUrl: ctx.config.SITE_URL, locale });
        return { sent: true };
      }),
  }),
  resetPassword: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, async () => {
        const { ctx } = context.locals;
        await resetPassword(ctx.db, formFields(form), ctx.now());
        return { reset: true };
      }),
  }),
  createToken: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
        return createAccessToken(ctx.db, actor, formFields(form), ctx.now());
      }),
  }),
  revokeToken: defineAction({
    accept: 'form',
    handler: (form, context) =>
      formResult(form, () => {
        const { ctx, actor } = context.locals;
        if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in first.');
        revokeAccessToken(ctx.db, actor, parseInput(idSchema, form.get('id')), ctx.now());
        return { revoked: true };
      }),
  }),
};
