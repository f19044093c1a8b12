import type { APIRoute } from 'astro';
import { openApiDocument } from '../../../lib/api/openapi';

let cached: string | null = null;

export const GET: APIRoute = ({ locals }) => {
  cached ??= JSON.stringify(openApiDocument(locals.ctx.config.SITE_URL), null, 2);
  return new Response(cached, { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
