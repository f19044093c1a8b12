import { listTags } from '../../../../lib/community/tags';
import { apiRoute, json } from '../../../../web/api';

/** Tags in name order with question counts and synonyms; `nextCursor` is the `after` of the following page. */
export const GET = apiRoute(({ locals, url }) => json(listTags(locals.ctx.db, Object.fromEntries(url.searchParams))));
