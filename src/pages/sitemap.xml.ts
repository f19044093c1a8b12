import type { APIRoute } from 'astro';
import { threadSitemapPages } from '../lib/community/sitemap';
import { escapeXml } from '../lib/xml';

/** Sitemap index: the knowledge base, then the threads split by 50,000. */
export const GET: APIRoute = ({ locals }) => {
  const { ctx } = locals;
  const site = ctx.config.SITE_URL;
  const pages = threadSitemapPages(ctx.db, ctx.now()).length;
  const locs = [`${site}/sitemaps/kb.xml`, ...Array.from({ length: pages }, (_, i) => `${site}/sitemaps/threads/${i + 1}.xml`)];
  const body = `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<sitemap><loc>${escapeXml(l)}</loc></sitemap>`).join('')}</sitemapindex>`;
  return new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=600' } });
};
