import type { APIRoute } from 'astro';
import { kbSitemap } from '../../lib/kb/feeds';

/** Knowledge-base sitemap (articles with lastmod and hreflang); listed by the sitemap index. */
export const GET: APIRoute = ({ locals }) => {
  const { ctx } = locals;
  const body = kbSitemap(ctx.db, ctx.config.SITE_URL);
  return new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=600' } });
};
