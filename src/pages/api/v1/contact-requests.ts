import { z } from 'zod';
import { CONTACT_RESPONSE_HOURS, listContactRequests, submitContactRequest } from '../../../lib/support/contact-requests';
import { parseInput } from '../../../lib/validation';
import { apiRoute, clientIp, json, readJson } from '../../../web/api';

const apiClientSchema = z.object({ visitorId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: 'field.invalid' }).optional() });

/** Anyone may write to support (the widget and integrations too); rate-limited per address and visitor id. */
export const POST = apiRoute(async (context) => {
  const { ctx, actor, locale } = context.locals;
  const body = await readJson(context.request);
  const input = body && typeof body === 'object' && !Array.isArray(body) ? { locale, ...body } : body;
  const { visitorId } = parseInput(apiClientSchema, input && typeof input === 'object' ? input : {});
  const siteUrl = ctx.config.SITE_URL.replace(/\/$/, '');
  const r = submitContactRequest(ctx.db, actor, input, { ip: clientIp(context, ctx.config.TRUST_PROXY), visitorId: visitorId ?? null }, ctx.now(), { siteUrl, responseHours: CONTACT_RESPONSE_HOURS });
  return json({ id: r.id, reference: r.reference, status: 'open', expectedResponseHours: CONTACT_RESPONSE_HOURS }, 201);
});

/** Agents, moderators and admins: newest first, `cursor` = the previous page's nextCursor. */
export const GET = apiRoute(({ locals, url }) => {
  const page = listContactRequests(locals.ctx.db, locals.actor, Object.fromEntries(url.searchParams));
  return json({
    items: page.items.map((r) => ({
      id: r.id,
      reference: r.reference,
      status: r.status,
      locale: r.locale,
      name: r.name,
      email: r.email,
      memberId: r.userId,
      subject: r.subject,
      message: r.body,
      category: r.categorySlug,
      article: r.articleSlug ? { slug: r.articleSlug, locale: r.articleLocale } : null,
      createdAt: new Date(r.createdAt).toISOString(),
    })),
    nextCursor: page.nextCursor === null ? null : String(page.nextCursor),
  });
});
