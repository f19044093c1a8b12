import type { APIRoute } from 'astro';
import { invalidateSession } from '../../lib/auth/sessions';
import { deleteSessionCookie } from '../../web/cookies';

export const POST: APIRoute = ({ locals, cookies, url, redirect }) => {
  if (locals.sessionId) invalidateSession(locals.ctx.db, locals.sessionId);
  deleteSessionCookie(cookies, url);
  return redirect(`/${locals.locale}/signin?signedout=1`, 303);
};

export const GET: APIRoute = ({ locals, redirect }) => redirect(`/${locals.locale}/`, 303);
