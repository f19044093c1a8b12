import type { APIRoute } from 'astro';
import { listFlows } from '../../lib/kb/content';
import { kbSitemap } from '../../lib/kb/feeds';

/** Knowledge-base sitemap (articles with lastmod, guided flows, hreflang between translations); listed by the sitemap index. */
export const GET: APIRoute = ({ locals }) => {
  const { ctx } = locals;
  const body = kbSitemap(ctx.db, ctx.config.SITE_URL, listFlows(process.cwd()));
  return new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=600' } });
};
