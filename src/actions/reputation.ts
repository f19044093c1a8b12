import { defineAction } from 'astro:actions';
import { idSchema } from '../lib/community/schemas';
import { createBadgeRule, revokeBadge, setBadgeRuleActive } from '../lib/reputation/award-badges';
import { saveReputationSettings } from '../lib/reputation/profile';
import { createReward, fulfilRedemption, grantReward, redeemReward } from '../lib/reputation/rewards';
import { nominateSuperuser, respondToNomination, revokeSuperuser } from '../lib/reputation/superusers';
import { parseInput } from '../lib/validation';
import { formFields, formResult } from '../web/form-result';

/** One form door per reputation use case: parse the form, call the use case, map its errors. */
const form = <T>(run: (fields: Record<string, string>, locals: App.Locals) => T) =>
  defineAction({
    accept: 'form',
    handler: (data, context) => formResult(data, () => run(formFields(data), context.locals)),
  });

export const reputation = {
  redeem: form((f, { ctx, actor }) => redeemReward(ctx.db, actor, f, ctx.now())),
  createReward: form((f, { ctx, actor }) => createReward(ctx.db, actor, f, ctx.now())),
  grant: form((f, { ctx, actor }) => grantReward(ctx.db, actor, f, ctx.now())),
  fulfil: form((f, { ctx, actor }) => fulfilRedemption(ctx.db, actor, parseInput(idSchema, f.redemptionId), f, ctx.now())),
  settings: form((f, { ctx, actor }) => saveReputationSettings(ctx.db, actor, f, ctx.now())),
  createBadge: form((f, { ctx, actor }) => createBadgeRule(ctx.db, actor, f, ctx.now())),
  toggleBadge: form((f, { ctx, actor }) => setBadgeRuleActive(ctx.db, actor, parseInput(idSchema, f.ruleId), f.active === 'true', ctx.now())),
  revokeBadge: form((f, { ctx, actor }) => revokeBadge(ctx.db, actor, parseInput(idSchema, f.badgeId), f, ctx.now())),
  nominate: form((f, { ctx, actor }) => nominateSuperuser(ctx.db, actor, f, ctx.now())),
  respond: form((f, { ctx, actor }) => respondToNomination(ctx.db, actor, parseInput(idSchema, f.nominationId), f.answer === 'accept', ctx.now())),
  revokeSuperuser: form((f, { ctx, actor }) => revokeSuperuser(ctx.db, actor, parseInput(idSchema, f.userId), f, ctx.now())),
};
