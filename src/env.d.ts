/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    requestId: string;
    locale: import('./lib/i18n/index').Locale;
    /** Translates a message key into the request's locale: `Astro.locals.t('nav.ask')`, `t('search.count', { n })`. */
    t: import('./lib/i18n/index').Translate;
    actor: import('./lib/auth/sessions').Actor | null;
    sessionId: string | null;
    /** How the actor was authenticated: the session cookie, a personal access token, or not at all. */
    auth: 'cookie' | 'token' | 'none';
    ctx: import('./lib/server/context').AppContext;
    /** Set by the server (src/server.ts) when the URL had malformed percent-encoding; the middleware answers 400. */
    malformedUrl?: boolean;
    /** An allowed widget origin calling the API from another site (see the widgetCors middleware), else null. */
    corsOrigin: string | null;
  }
}
