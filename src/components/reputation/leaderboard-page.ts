/**
 * The leaderboard page (/<locale>/leaderboards) as data for the layout and one HTML string for its body: what
 * leaderboards.astro renders, and what the server's own render path serves without entering Astro.
 */
import { listCategories } from '../../lib/community/categories';
import { DomainError } from '../../lib/errors';
import { translate, type Locale } from '../../lib/i18n/index';
import { membersOfTheMonthHistory } from '../../lib/reputation/jobs';
import { leaderboard } from '../../lib/reputation/leaderboards';
import type { AppContext } from '../../lib/server/context';
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
