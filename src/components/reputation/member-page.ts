/**
 * The member page (/<locale>/members/<id>) as data for the layout and one HTML string for its body: what
 * members/[id].astro renders, and what the server renders without Astro (`memberPageRenderer`, a `PageRenderer`
 * of src/web/direct-pages.ts) for a GET of a member's URL. A missing member's 404 and every form sent to the page are
 * left to Astro.
 */
import { documentHtml, layoutHtml } from '../../layouts/layout-html';
import { canSuspend, canViewLedger } from '../../lib/auth/permissions';
import type { Actor } from '../../lib/auth/sessions';
import { profilePageJsonLd } from '../../lib/community/member-profile';
import { translator, type Locale } from '../../lib/i18n/index';
import { keepPageLists } from '../../lib/reputation/page-lists';
import { memberPageView } from '../../lib/reputation/profile';
import type { AppContext } from '../../lib/server/context';
import { idParam } from '../../lib/validation';
import type { PageRenderer } from '../../web/direct-pages';
import { memberPageHtml, NO_FORM_ERRORS, pageListsFingerprint, pageListsHtml, type ProfileFormErrors, type ProfileFormPaths } from './profile-html';

export interface MemberPage {
  title: string;
  description: string;
  canonical: string;
  jsonLd: unknown[];
  /** A member without questions or answers: nothing worth indexing. */
  noindex: boolean;
  body: string;
}

export interface MemberPageRequest {
  db: AppContext['db'];
  actor: Actor | null;
  locale: Locale;
  memberId: number;
  now: number;
  /** The site's origin (SITE_URL), for the JSON-LD's URL. */
  site: string;
  paths: ProfileFormPaths;
  errors?: ProfileFormErrors;
}

/** The member page, or null when there is no such member. */
export function memberPage({ db, actor, locale, memberId, now, site, paths, errors = NO_FORM_ERRORS }: MemberPageRequest): MemberPage | null {
  const fingerprint = pageListsFingerprint(locale);
  const view = memberPageView(db, actor, memberId, locale, now, fingerprint);
  if (!view) return null;
  const { profile, rep } = view;
  const t = translator(locale);
  let lists = view.stored;
  if (!lists) {
    lists = pageListsHtml({ locale, t }, view.lists!, rep.canRevokeBadges, paths.revokeBadge);
    // Moderators' lists hold revoke forms and revoked badges: not the ones every other reader gets.
    if (!rep.canRevokeBadges) keepPageLists(db, { userId: profile.id, locale, version: profile.listVersion, fingerprint, html: lists });
  }
  const here = `/${locale}/members/${profile.id}`;
  const suspended = profile.suspendedUntil !== null && profile.suspendedUntil > now;
  const body = memberPageHtml({ locale, t }, profile, rep, lists, {
    suspendedUntil: suspended ? profile.suspendedUntil : null,
    maySuspend: canSuspend(actor, profile, now),
    showLedger: canViewLedger(actor, profile.id, now),
    paths,
    errors,
  });
  return {
    title: profile.displayName,
    description: t('members.description', { name: profile.displayName }),
    canonical: here,
    jsonLd: [profilePageJsonLd(profile, site + here)],
    noindex: profile.counts.questions + profile.counts.answers === 0,
    body,
  };
}

/** The member page's Astro route, and the URLs of members' pages it renders (ids as written by the site). */
export const MEMBER_ROUTE = '/[locale]/members/[id]';
const MEMBER_PATH = /^\/(?:es|en)\/members\/([1-9]\d{0,14})$/;

/** The member page's renderer; `paths` are the `action` attributes of its forms (`PROFILE_FORM_PATHS`). */
export function memberPageRenderer(ctx: AppContext, paths: ProfileFormPaths): PageRenderer {
  return {
    route: MEMBER_ROUTE,
    path: MEMBER_PATH,
    render: ({ locale, t, actor, now, path, match, stylesheets }) => {
      const memberId = idParam(match[1]);
      const page = memberId === null ? null : memberPage({ db: ctx.db, actor, locale, memberId, now, site: ctx.config.SITE_URL, paths });
      if (!page) return null;
      const layout = layoutHtml({ locale, t, actor, db: ctx.db, site: ctx.config.SITE_URL, now, path, search: '' }, page);
      return { status: 200, headers: [['content-type', 'text/html']], body: documentHtml(layout, stylesheets, page.body) };
    },
  };
}
