import type { AstroCookies } from 'astro';
import { isVisitorId } from '../lib/validation';

/** `__Host-` cookies need https; on plain http (local demo) the cookie drops the prefix and the Secure flag. */
export function sessionCookieName(url: URL): string {
  return url.protocol === 'https:' ? '__Host-session' : 'session';
}

/** The anonymous visitor id (KB votes, view counts). */
const VISITOR_COOKIE = 'vid';

/** The visitor id of a raw Cookie header (the page cache reads requests before Astro does), when well formed. */
export function visitorCookieOf(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === VISITOR_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return isVisitorId(value) ? value : null;
    }
  }
  return null;
}

const SESSION_COOKIE = /(?:^|;)\s*(?:__Host-)?session=/;

/** Whether a Cookie header carries a session cookie (valid or not): such a request is never served a shared page. */
export function hasSessionCookie(cookieHeader: string | undefined): boolean {
  return cookieHeader !== undefined && SESSION_COOKIE.test(cookieHeader);
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

/** The visitor id cookie as sent (unchecked): the sock-puppet rule records it, hashed, for signed-in writes. */
export function sentVisitorId(cookies: AstroCookies): string | null {
  return cookies.get(VISITOR_COOKIE)?.value ?? null;
}

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
