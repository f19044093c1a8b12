import { listArticlesJson } from '../../../../lib/kb/api-shapes';
import { apiRoute, json } from '../../../../web/api';

export const GET = apiRoute(({ locals, url }) => {
  const site = locals.ctx.config.SITE_URL;
  return json(listArticlesJson(locals.ctx.db, Object.fromEntries(url.searchParams), site));
});
