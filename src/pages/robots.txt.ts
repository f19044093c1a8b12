import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ locals }) => {
  const site = locals.ctx.config.SITE_URL;
  const body = [
    'User-agent: *',
    'Disallow: /api/',
    ...['es', 'en'].flatMap((l) => [`Disallow: /${l}/admin/`, `Disallow: /${l}/editor`, `Disallow: /${l}/account`]),
    '',
    `Sitemap: ${site}/sitemap.xml`,
    '',
  ].join('\n');
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
};
