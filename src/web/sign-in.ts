import type { APIContext } from 'astro';
import type { Locale } from '../lib/i18n/index';

/** The sign-in page, coming back to `back` (a path with its query) once signed in. */
export function signInPath(locale: Locale, back: string): string {
  return `/${locale}/signin?next=${encodeURIComponent(back)}`;
}

/** For pages and areas that need an account: 303 to sign-in, then back to the page asked for. */
export function redirectToSignIn(context: Pick<APIContext, 'url' | 'locals' | 'redirect'>): Response {
  return context.redirect(signInPath(context.locals.locale, context.url.pathname + context.url.search), 303);
}

const NEXT_BASE = 'http://next.invalid';

/**
 * Where to go after signing in: `next` when it is a path on this site, else `fallback`. It is parsed as a URL the way
 * a browser resolves a Location (tabs and line breaks dropped, `\\` read as `/`), so `/<TAB>/evil.example`, `//evil`,
 * `/\\evil` and `javascript:` resolve to another origin and are refused, as is a control character; what is returned
 * is the URL's own serialization (percent-encoded ASCII), always valid in a Location header.
 */
export function safeNext(next: string | null | undefined, fallback: string): string {
  // eslint-disable-next-line no-control-regex -- a link of ours never holds one
  if (!next?.startsWith('/') || next.length > 2000 || /[\u0000-\u001f\u007f]/.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, NEXT_BASE);
  } catch {
    return fallback;
  }
  const path = url.pathname + url.search + url.hash;
  // `/..//evil` is a path of this origin whose dot segments leave `//evil`: as a Location, another host.
  return url.origin === NEXT_BASE && !path.startsWith('//') ? path : fallback;
}
