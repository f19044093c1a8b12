import { MAX_BATCH_BYTES } from '../../../lib/deflection/events';
import { recordClientEvents } from '../../../lib/deflection/record-events';
import { apiRoute, json, readJson } from '../../../web/api';
import { deflectionClient } from '../../../web/deflection';

/** Deflection events from our pages' scripts (visitor cookie) and from the widget on allowed sites (its own visitor id). */
export const POST = apiRoute(async (context) => {
  const { ctx, corsOrigin } = context.locals;
  const body = await readJson(context.request, MAX_BATCH_BYTES);
  const client = deflectionClient(context, !corsOrigin);
  const who = corsOrigin ? { ...client, visitorId: null, memberId: null } : client;
  return json(recordClientEvents(ctx.db, ctx.deflection, body, who, ctx.now()), 202);
});
