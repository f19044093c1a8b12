import { idSchema } from '../../../../../lib/community/schemas';
import { articleJson } from '../../../../../lib/kb/api-shapes';
import { parseInput } from '../../../../../lib/validation';
import { apiRoute, json } from '../../../../../web/api';
import { problem } from '../../../../../web/problem';

export const GET = apiRoute(({ locals, params }) => {
  const id = parseInput(idSchema, params.id);
  const result = articleJson(locals.ctx.db, id, locals.ctx.config.SITE_URL);
  if (result.gone) return problem(410, 'The article has been archived.');
  return json(result.article);
});
