import type { APIRoute } from 'astro';
import { translate } from '../../../lib/i18n/index';
import { articlesAtomFeed } from '../../../lib/kb/feeds';

export const GET: APIRoute = ({ locals }) => {
  const { ctx, locale } = locals;
  const site = ctx.config.SITE_URL.replace(/\/$/, '');
  const body = articlesAtomFeed(ctx.db, locale, site, `${translate(locale, 'kb.title')} · ${translate(locale, 'site.name')}`);
  return new Response(body, { headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300' } });
};
