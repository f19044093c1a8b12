import { z } from 'zod';
import { deliveryJson } from '../../../../../lib/cases/api-shapes';
import { listDeliveries } from '../../../../../lib/cases/webhooks';
import { idSchema } from '../../../../../lib/community/schemas';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json } from '../../../../../web/api';

export const GET = apiRoute(({ locals, params, url }) => {
  const cursor = parseInput(z.coerce.number({ error: 'field.invalid' }).int().positive({ error: 'field.invalid' }).optional(), url.searchParams.get('cursor') ?? undefined);
  const page = listDeliveries(locals.ctx.db, locals.actor, parseInput(idSchema, params.id), cursor ?? null, locals.ctx.now());
  return json({ items: page.items.map(deliveryJson), nextCursor: page.nextCursor === null ? null : String(page.nextCursor) });
});
