import { canManageSuperusers } from '../../../../lib/auth/permissions';
import { DomainError } from '../../../../lib/errors';
import { candidatesJson } from '../../../../lib/reputation/api-shapes';
import { superuserCandidates } from '../../../../lib/reputation/superusers';
import { apiRoute, json, requireActor } from '../../../../web/api';

export const GET = apiRoute((context) => {
  const { ctx } = context.locals;
  if (!canManageSuperusers(requireActor(context), ctx.now())) throw new DomainError('FORBIDDEN', 'Only moderators see candidates.');
  return json(candidatesJson(superuserCandidates(ctx.db, ctx.now())));
});
