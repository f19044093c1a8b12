import type { APIRoute } from 'astro';
import { threadSitemapPages, threadsSitemap } from '../../../lib/community/sitemap';

/** Threads sitemap number `page` (50,000 URLs each, with lastmod); listed by /sitemap.xml. */
export const GET: APIRoute = ({ locals, params }) => {
  const { ctx } = locals;
  const page = Number(params.page);
  const starts = threadSitemapPages(ctx.db, ctx.now());
  if (!Number.isInteger(page) || page < 1 || page > starts.length) return new Response('Not found', { status: 404 });
  const body = threadsSitemap(ctx.db, ctx.config.SITE_URL, ctx.now(), starts[page - 1]);
  return new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=600' } });
};
