/**
 * The site's layout as HTML strings: Base.astro renders its parts around its slots, and a page rendered without Astro
 * (src/web/direct-pages.ts) puts them around its own HTML with `documentHtml`. Both give the same bytes, so the layout
 * has one source. Text is escaped as Astro escapes expressions, attribute values as Astro escapes attributes.
 */
import { LOCALES, LOCALE_NAMES, switchLocalePath, type Locale, type Translate } from '../lib/i18n/index';
import { canEnterSuperuserArea, canManageReputation, canManageSuperusers, staffAreas, type StaffArea } from '../lib/auth/permissions';
import type { Actor } from '../lib/auth/sessions';
import { categoriesModeratedBy } from '../lib/moderation/commands';
import { unreadCount } from '../lib/notifications/notify';
import type { AppContext } from '../lib/server/context';
import { jsonLdText } from '../lib/json-ld';
import { escapeHtml, oneByteHtml } from '../components/community/post-html';
import { attribute } from '../components/community/question-list-html';
import { signInPath } from '../web/sign-in';

/** Who reads the page, in which language, and where: what Base.astro takes from `Astro.locals` and `Astro.url`. */
export interface LayoutContext {
  locale: Locale;
  t: Translate;
  actor: Actor | null;
  db: AppContext['db'];
  /** The site's URL (`SITE_URL`), before canonical and alternate paths. */
  site: string;
  now: number;
  /** The request's path and query string (with its `?`, or empty). */
  path: string;
  search: string;
}

/** Base.astro's props. */
export interface LayoutProps {
  title: string;
  /** Defaults to the site's description: every page has one, noindex pages included (Lighthouse SEO). */
  description?: string | undefined;
  /** Absolute path of the canonical URL; omitted on pages that must not be indexed. */
  canonical?: string | undefined;
  /** Paths of the same page in each locale, for hreflang. Defaults to the locale-switched current path. */
  alternates?: Partial<Record<Locale, string>> | undefined;
  /**
   * Where the language switch leads when `alternates` has no entry for the other locale (a page without translation):
   * defaults to the same path in the other locale.
   */
  untranslated?: string | undefined;
  noindex?: boolean | undefined;
  jsonLd?: unknown[] | undefined;
}

/** The layout around a page: `head` inside `<head>` (before the page's own head and stylesheets), `top` from `<body>` to `<main>` open, `bottom` from `</main>` to `</body>`. */
export interface LayoutHtml {
  locale: Locale;
  head: string;
  top: string;
  bottom: string;
}

/** The notification bell of a signed-in member, with the number of unread notifications. */
export function bellHtml({ locale, t }: Pick<LayoutContext, 'locale' | 't'>, unread: number): string {
  const label = t('notifications.bell', { n: unread });
  return (
    `<a class="bell"${attribute('href', `/${locale}/notifications`)}${attribute('title', label)}><span aria-hidden="true">&#128276;</span><span class="visually-hidden">${escapeHtml(label)}</span>` +
    `${unread > 0 ? `<span class="count" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : ''}</a>`
  );
}

function staffLinks(locale: Locale, t: Translate): Record<StaffArea, { href: string; label: string }> {
  return {
    editor: { href: `/${locale}/editor`, label: t('nav.editor') },
    review: { href: `/${locale}/editor/review`, label: t('editor.freshness') },
    moderation: { href: `/${locale}/moderation`, label: t('moderation.title') },
    hidden: { href: `/${locale}/moderation/hidden`, label: t('moderation.hidden') },
    audit: { href: `/${locale}/moderation/audit`, label: t('moderation.audit') },
    tags: { href: `/${locale}/tags`, label: t('tags.title') },
    agent: { href: `/${locale}/agent`, label: t('nav.agent') },
    incidents: { href: `/${locale}/admin/incidents`, label: t('incidents.title') },
    categories: { href: `/${locale}/admin/categories`, label: t('categories.title') },
    caseSettings: { href: `/${locale}/admin/cases`, label: t('nav.caseSettings') },
    deflection: { href: `/${locale}/admin/deflection`, label: t('deflection.admin.title') },
    reports: { href: `/${locale}/reports`, label: t('nav.reports') },
    mail: { href: `/${locale}/admin/mail`, label: t('nav.mail') },
  };
}

function navItemsHtml(items: { href: string; label: string; active: boolean }[]): string {
  let html = '';
  for (const item of items) html += `<li><a${attribute('href', item.href)}${attribute('aria-current', item.active ? 'page' : undefined)}>${escapeHtml(item.label)}</a></li>`;
  return html;
}

export function layoutHtml(ctx: LayoutContext, props: LayoutProps): LayoutHtml {
  const { locale, t, actor, site, now, path } = ctx;
  const { title, description, canonical, alternates, untranslated, noindex = false, jsonLd = [] } = props;
  const here = path + ctx.search;
  const other: Locale = locale === 'es' ? 'en' : 'es';
  const links = alternates ?? Object.fromEntries(LOCALES.map((l) => [l, switchLocalePath(path, l)]));
  const switchHref = alternates?.[other] ?? untranslated ?? switchLocalePath(here, other);
  const fullTitle = title === t('site.name') ? title : `${title} · ${t('site.name')}`;

  let head = `<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(fullTitle)}</title><meta name="description"${attribute('content', description ?? t('home.description'))}>`;
  if (noindex) head += '<meta name="robots" content="noindex, follow">';
  if (canonical) head += `<link rel="canonical"${attribute('href', site + canonical)}>`;
  if (!noindex) {
    for (const [l, href] of Object.entries(links)) head += `<link rel="alternate"${attribute('hreflang', l)}${attribute('href', site + href)}>`;
    if (links.es) head += `<link rel="alternate" hreflang="x-default"${attribute('href', site + links.es)}>`;
  }
  head += '<meta name="color-scheme" content="light dark"><link rel="icon" href="/favicon.svg" type="image/svg+xml">';
  for (const data of jsonLd) head += `<script type="application/ld+json">${jsonLdText(data)}</script>`;

  const nav = [
    { href: `/${locale}/questions`, label: t('nav.questions'), active: path.startsWith(`/${locale}/questions`) && !path.endsWith('/ask') },
    { href: `/${locale}/kb`, label: t('nav.kb'), active: path.startsWith(`/${locale}/kb`) },
    { href: `/${locale}/questions/ask`, label: t('nav.ask'), active: path.endsWith('/questions/ask') },
    { href: `/${locale}/leaderboards`, label: t('nav.leaderboards'), active: path.startsWith(`/${locale}/leaderboards`) },
  ];
  let top =
    `<a class="skip-link" href="#main">${escapeHtml(t('nav.skip'))}</a><header class="site-header"><div class="container"><a class="brand"${attribute('href', `/${locale}/`)}>${escapeHtml(t('site.name'))}</a>` +
    `<nav class="main-nav"${attribute('aria-label', t('nav.main'))}><ul>${navItemsHtml(nav)}</ul></nav>` +
    `<form class="header-search" role="search" method="get"${attribute('action', `/${locale}/search`)}><label class="visually-hidden" for="site-search">${escapeHtml(t('search.label'))}</label>` +
    `<input id="site-search" type="search" name="q"${attribute('placeholder', t('search.placeholder'))} maxlength="200"><button type="submit" class="secondary">${escapeHtml(t('search.submit'))}</button></form><div class="header-account">`;
  if (actor) {
    top +=
      `${bellHtml(ctx, unreadCount(ctx.db, actor.id))}<a class="account-name"${attribute('href', `/${locale}/account`)}>${escapeHtml(actor.displayName)}</a>` +
      `<form method="post"${attribute('action', `/${locale}/signout`)}><button type="submit" class="link">${escapeHtml(t('nav.signOut'))}</button></form>`;
  } else {
    top += `<a${attribute('href', signInPath(locale, here))}>${escapeHtml(t('nav.signIn'))}</a><a${attribute('href', `/${locale}/signup`)}>${escapeHtml(t('nav.signUp'))}</a>`;
  }
  top += `<a class="lang-switch"${attribute('href', switchHref)}${attribute('hreflang', other)}${attribute('lang', other)}>${escapeHtml(LOCALE_NAMES[other])}</a></div></div>`;
  if (actor) {
    const staff = staffLinks(locale, t);
    const areas = staffAreas(actor, categoriesModeratedBy(ctx.db, actor, now)?.length ?? 0, now);
    if (areas.length > 0) top += `<nav class="staff-nav"${attribute('aria-label', t('nav.staff'))}><ul class="container">${navItemsHtml(areas.map((area) => ({ ...staff[area], active: path === staff[area].href })))}</ul></nav>`;
  }
  top += '</header><main id="main" class="container">';

  const reputationLinks = [
    { href: `/${locale}/badges`, label: t('badges.title') },
    { href: `/${locale}/rewards`, label: t('nav.rewards') },
    ...(canEnterSuperuserArea(actor, now) ? [{ href: `/${locale}/superusers`, label: `★ ${t('superarea.title')}` }] : []),
    ...(canManageSuperusers(actor, now) ? [{ href: `/${locale}/moderation/superusers`, label: t('superusers.title') }] : []),
    ...(canManageReputation(actor, now) ? [{ href: `/${locale}/admin/rewards`, label: t('admin.rewards.title') }, { href: `/${locale}/admin/reputation`, label: t('admin.reputation.title') }] : []),
  ];
  let bottom =
    `</main><footer class="site-footer"><div class="container"><p>${oneByteHtml(t('footer.about'))}</p><ul>` +
    `<li><a${attribute('href', `/${locale}/questions`)}>${escapeHtml(t('nav.questions'))}</a></li><li><a${attribute('href', `/${locale}/kb`)}>${escapeHtml(t('nav.kb'))}</a></li>`;
  for (const l of reputationLinks) bottom += `<li><a${attribute('href', l.href)}>${oneByteHtml(l.label)}</a></li>`;
  bottom +=
    `<li><a${attribute('href', `/${locale}/status`)}>${escapeHtml(t('footer.status'))}</a></li><li><a${attribute('href', `/${locale}/contact`)}>${escapeHtml(t('footer.contact'))}</a></li>` +
    `<li><a${attribute('href', `/${locale}/about`)}>${escapeHtml(t('footer.aboutLink'))}</a></li><li><a href="/api/v1/openapi.json">${escapeHtml(t('footer.api'))}</a></li></ul></div></footer>`;
  return { locale, head, top, bottom };
}

/**
 * A whole page as Astro writes it: the layout's parts around `main`, with `headEnd` (the route's stylesheets, which
 * Astro puts last in `<head>`) before `</head>`.
 */
export function documentHtml(layout: LayoutHtml, headEnd: string, main: string): string {
  return `<!DOCTYPE html><html lang="${layout.locale}"><head>${layout.head}${headEnd}</head><body>${layout.top}${main}${layout.bottom}</body></html>`;
}
