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

/** Only same-site relative paths are accepted as a post-sign-in destination. */
export function safeNext(next: string | null | undefined, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
