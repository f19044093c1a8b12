import { recordServerEvent } from '../../lib/deflection/record-events';
import { recordSearchClick } from '../../lib/search/analytics';
import { searchResultClickSchema } from '../../lib/search/schemas';
import { parseInput } from '../../lib/validation';
import { apiRoute } from '../../web/api';
import { deflectionClient } from '../../web/deflection';

/** A click on a search result: the result link's `ping` (or the page's beacon) posts it here as the reader follows it. */
export const POST = apiRoute((context) => {
  const { ctx } = context.locals;
  const click = parseInput(searchResultClickSchema, Object.fromEntries(context.url.searchParams));
  recordSearchClick(ctx.db, { searchEventId: click.click, docType: click.type, docId: click.id, position: click.pos }, ctx.now());
  // For the deflection funnel too: a search result opened.
  recordServerEvent(ctx.deflection, deflectionClient(context, false), { occurredAt: ctx.now(), type: 'suggestion_opened', surface: 'search', subjectType: click.type, subjectId: click.id, rank: click.pos });
  return new Response(null, { status: 204 });
});
