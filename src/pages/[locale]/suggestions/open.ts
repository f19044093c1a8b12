import type { APIRoute } from 'astro';
import { isDomainError } from '../../../lib/errors';
import { openSuggestion } from '../../../lib/deflection/record-events';
import { deflectionClient } from '../../../web/deflection';

/** A suggestion's link on our pages: records that it was opened, then 303 to the article or thread. */
export const GET: APIRoute = (context) => {
  const { ctx } = context.locals;
  try {
    const subject = openSuggestion(ctx.db, ctx.deflection, Object.fromEntries(context.url.searchParams), deflectionClient(context, true), ctx.now());
    return context.redirect(subject.url, 303);
  } catch (error) {
    if (isDomainError(error)) return context.rewrite('/404');
    throw error;
  }
};
