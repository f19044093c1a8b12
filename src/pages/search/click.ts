import { recordSearchClick } from '../../lib/search/analytics';
import { searchResultClickSchema } from '../../lib/search/schemas';
import { parseInput } from '../../lib/validation';
import { apiRoute } from '../../web/api';

/** A click on a search result: the result link's `ping` (or the page's beacon) posts it here as the reader follows it. */
export const POST = apiRoute(({ locals, url }) => {
  const { ctx } = locals;
  const click = parseInput(searchResultClickSchema, Object.fromEntries(url.searchParams));
  recordSearchClick(ctx.db, { searchEventId: click.click, docType: click.type, docId: click.id, position: click.pos }, ctx.now());
  return new Response(null, { status: 204 });
});
