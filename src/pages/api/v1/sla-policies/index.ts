import { canManageCaseSettings } from '../../../../lib/auth/permissions';
import { slaPolicyJson } from '../../../../lib/cases/api-shapes';
import { listSlaPolicies } from '../../../../lib/cases/settings';
import { DomainError } from '../../../../lib/errors';
import { apiRoute, json } from '../../../../web/api';

export const GET = apiRoute(({ locals }) => {
  if (!canManageCaseSettings(locals.actor, locals.ctx.now())) throw new DomainError(locals.actor ? 'FORBIDDEN' : 'UNAUTHORIZED', 'Only admins read SLA policies.');
  return json({ items: listSlaPolicies(locals.ctx.db).map(slaPolicyJson) });
});
