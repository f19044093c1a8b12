import { applyInboundWebhook } from '../../../../lib/cases/inbound';
import { SIGNATURE_HEADER } from '../../../../lib/cases/webhooks';
import { apiRoute, json, MAX_BODY_BYTES } from '../../../../web/api';
import { problem } from '../../../../web/problem';

/** An external helpdesk posts status changes and replies, signed with WEBHOOK_INBOUND_SECRET (see the README). */
export const POST = apiRoute(async ({ locals, request }) => {
  const { ctx } = locals;
  if (!ctx.config.WEBHOOK_INBOUND_SECRET) return problem(404, 'The inbound webhook is not configured on this site.');
  const raw = await request.text();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return problem(413, 'The body is larger than 1 MB.');
  const result = applyInboundWebhook(ctx.db, raw, request.headers.get(SIGNATURE_HEADER), ctx.now(), { secret: ctx.config.WEBHOOK_INBOUND_SECRET, siteUrl: ctx.config.SITE_URL });
  return json(result);
});
