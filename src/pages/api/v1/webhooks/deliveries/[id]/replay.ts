import { deliveryJson } from '../../../../../../lib/cases/api-shapes';
import { replayDelivery } from '../../../../../../lib/cases/webhooks';
import { idSchema } from '../../../../../../lib/community/schemas';
import { parseInput } from '../../../../../../lib/validation';
import { apiRoute, json } from '../../../../../../web/api';

export const POST = apiRoute(({ locals, params }) => json(deliveryJson(replayDelivery(locals.ctx.db, locals.actor, parseInput(idSchema, params.id), locals.ctx.now())), 201));
