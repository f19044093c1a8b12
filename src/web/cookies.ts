import type { AstroCookies } from 'astro';
import { isVisitorId } from '../lib/validation';

/** `__Host-` cookies need https; on plain http (local demo) the cookie drops the prefix and the Secure flag. */
export function sessionCookieName(url: URL): string {
  return url.protocol === 'https:' ? '__Host-session' : 'session';
}

export function setSessionCookie(cookies: AstroCookies, url: URL, token: string, expiresAt: number): void {
  cookies.set(sessionCookieName(url), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function deleteSessionCookie(cookies: AstroCookies, url: URL): void {
  cookies.delete(sessionCookieName(url), { path: '/' });
}

const VISITOR_COOKIE = 'vid';

/** The anonymous visitor id (a random cookie), created on first use when `create`; members act as themselves. */
export function visitorFor(context: { cookies: AstroCookies; url: URL; locals: App.Locals }, create: boolean) {
  let visitorId = context.cookies.get(VISITOR_COOKIE)?.value ?? null;
  if (!isVisitorId(visitorId)) visitorId = null;
  if (!visitorId && create) {
    visitorId = crypto.randomUUID().replace(/-/g, '');
    context.cookies.set(VISITOR_COOKIE, visitorId, {
      httpOnly: true,
      sameSite: 'lax',
      secure: context.url.protocol === 'https:',
      path: '/',
      maxAge: 365 * 24 * 3600,
    });
  }
  return { visitorId, userId: context.locals.actor?.id ?? null };
}
