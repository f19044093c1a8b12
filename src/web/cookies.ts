import type { AstroCookies } from 'astro';

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
