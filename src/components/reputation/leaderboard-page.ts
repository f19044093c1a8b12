/**
 * The leaderboard page (/<locale>/leaderboards) as data for the layout and one HTML string for its body: what
 * leaderboards.astro renders, and what the server renders without Astro (`leaderboardPageRenderer`, a `PageRenderer`
 * of src/web/direct-pages.ts) for a GET of the first page without filters. Filtered and later pages are left to Astro.
 */
import { documentHtml, layoutHtml } from '../../layouts/layout-html';
import { listCategories } from '../../lib/community/categories';
import { DomainError } from '../../lib/errors';
import { translate, type Locale } from '../../lib/i18n/index';
import { membersOfTheMonthHistory } from '../../lib/reputation/jobs';
import { leaderboard } from '../../lib/reputation/leaderboards';
import type { AppContext } from '../../lib/server/context';
import type { PageRenderer } from '../../web/direct-pages';
import { leaderboardHtml, memberOfTheMonthHtml } from './leaderboard-html';

export interface LeaderboardPage {
  /** 400 when the query was refused (the form shows why). */
  status: 200 | 400;
  title: string;
  description: string;
  canonical: string;
  /** Filtered and later pages are not indexed. */
  noindex: boolean;
  body: string;
}

/** The leaderboard page for the query parameters of its URL (`params`: the last value of each name). */
export function leaderboardPage(db: AppContext['db'], locale: Locale, params: Record<string, string>, now: number): LeaderboardPage {
  let board: ReturnType<typeof leaderboard> | null = null;
  let errors: Record<string, string> = {};
  try {
    board = leaderboard(db, params, now);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    errors = e.fields;
  }
  const body = leaderboardHtml({
    locale,
    query: board?.query ?? null,
    params,
    errors,
    items: board?.items ?? null,
    nextCursor: board?.nextCursor ?? null,
    categories: listCategories(db).filter((c) => c.parentId === null),
    memberOfTheMonth: membersOfTheMonthHistory(db, { locale, limit: 1 })[0],
  });
  return {
    status: board ? 200 : 400,
    title: translate(locale, 'leaderboards.title'),
    description: translate(locale, 'leaderboards.description'),
    canonical: `/${locale}/leaderboards`,
    noindex: Object.keys(params).length > 0,
    body,
  };
}

/** The latest member of the month in `locale` as its section (MemberOfTheMonth.astro), or '' before the first. */
export function latestMemberOfTheMonthHtml(db: AppContext['db'], locale: Locale): string {
  return memberOfTheMonthHtml(locale, membersOfTheMonthHistory(db, { locale, limit: 1 })[0]);
}

/** The leaderboard page's Astro route and its URLs (without query string: the direct path never takes one). */
export const LEADERBOARD_ROUTE = '/[locale]/leaderboards';
const LEADERBOARD_PATH = /^\/(?:es|en)\/leaderboards$/;

export function leaderboardPageRenderer(ctx: AppContext): PageRenderer {
  return {
    route: LEADERBOARD_ROUTE,
    path: LEADERBOARD_PATH,
    render: ({ locale, t, actor, now, path, stylesheets }) => {
      const page = leaderboardPage(ctx.db, locale, {}, now);
      const layout = layoutHtml({ locale, t, actor, db: ctx.db, site: ctx.config.SITE_URL, now, path, search: '' }, page);
      return { status: page.status, headers: [['content-type', 'text/html']], body: documentHtml(layout, stylesheets, page.body) };
    },
  };
}
