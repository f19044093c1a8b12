import type { APIRoute } from 'astro';
import { invalidateSession } from '../../lib/auth/sessions';
import { unlessStorageFull } from '../../lib/errors';
import { deleteSessionCookie } from '../../web/cookies';

export const POST: APIRoute = ({ locals, cookies, url, redirect }) => {
  // With the disk full the row stays until it expires, but the browser forgets the token all the same.
  if (locals.sessionId) unlessStorageFull(() => invalidateSession(locals.ctx.db, locals.sessionId!), undefined);
  deleteSessionCookie(cookies, url);
  return redirect(`/${locals.locale}/signin?signedout=1`, 303);
};

export const GET: APIRoute = ({ locals, redirect }) => redirect(`/${locals.locale}/`, 303);
