import type { APIContext } from 'astro';
import { visitorFor } from './cookies';
import { isBot } from '../lib/bots';
import type { DeflectionClient } from '../lib/deflection/record-events';
import { translator, type Locale } from '../lib/i18n/index';
import { clientIp } from './api';

type Context = Pick<APIContext, 'cookies' | 'url' | 'locals' | 'request' | 'clientAddress'>;

/** Global Privacy Control (`Sec-GPC: 1`) or Do Not Track (`DNT: 1`): no visitor cookie, no visitor id on events. */
export function hasOptedOut(request: Request): boolean {
  return request.headers.get('sec-gpc') === '1' || request.headers.get('dnt') === '1';
}

/**
 * Who a deflection event is about. The first-party visitor cookie is created when `create` is set, unless the
 * visitor opted out or is a bot; an opted-out visitor's events carry no visitor id (only the member id, if signed in).
 */
export function deflectionClient(context: Context, create: boolean): DeflectionClient {
  const { request, locals } = context;
  const userAgent = request.headers.get('user-agent');
  const optedOut = hasOptedOut(request);
  const visitor = visitorFor(context, create && !optedOut && !isBot(userAgent));
  return {
    visitorId: optedOut ? null : visitor.visitorId,
    memberId: locals.actor?.id ?? null,
    userAgent,
    ip: clientIp(context, locals.ctx.config.TRUST_PROXY),
    locale: locals.locale,
  };
}

/** The words the browser script shows after "this solved my problem" (data attributes of a suggestion list). */
export function deflectionThanksData(locale: Locale): Record<string, string> {
  const t = translator(locale);
  return {
    'data-thanks': t('deflection.thanks.title'),
    'data-thanks-body': t('deflection.thanks.body'),
    'data-back-label': t('deflection.thanks.back'),
    'data-still-label': t('deflection.thanks.stillNeedHelp'),
  };
}
