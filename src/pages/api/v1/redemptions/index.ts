import { canManageReputation } from '../../../../lib/auth/permissions';
import { DomainError } from '../../../../lib/errors';
import { redemptionJson } from '../../../../lib/reputation/api-shapes';
import { listRedemptions } from '../../../../lib/reputation/rewards';
import { apiRoute, json, requireActor } from '../../../../web/api';

export const GET = apiRoute((context) => {
  const { ctx } = context.locals;
  const actor = requireActor(context);
  const { all, ...query } = Object.fromEntries(context.url.searchParams);
  if (all === 'true' && !canManageReputation(actor, ctx.now())) throw new DomainError('FORBIDDEN', "Only admins list everyone's redemptions.");
  const page = listRedemptions(ctx.db, 'en', query, all === 'true' ? {} : { userId: actor.id });
  return json({ items: page.items.map(redemptionJson), nextCursor: page.nextCursor });
});
