import type { APIRoute } from 'astro';
import { articlesAtomFeed } from '../../../lib/kb/feeds';

export const GET: APIRoute = ({ locals }) => {
  const { ctx, locale, t } = locals;
  const body = articlesAtomFeed(ctx.db, locale, ctx.config.SITE_URL, `${t('kb.title')} · ${t('site.name')}`);
  return new Response(body, { headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300' } });
};
