import { isFormSurface } from '../deflection/events';
import { inPeriod } from './community-kpis';
import type { Period } from './filters';
import { rate } from './statistics';

/** Search, knowledge-base, deflection and content-gap KPIs over fact rows, pure. */

/** One search (the `search_events` table with its clicks counted). */
export interface SearchFact {
  at: number;
  query: string;
  resultCount: number;
  clicks: number;
  /** A question or case from the same visitor soon after (see followedBySubmission). */
  followedBy?: boolean;
}

export interface QueryCount {
  query: string;
  searches: number;
}

export interface SearchFigures {
  searches: number;
  clicked: number;
  zeroResults: number;
  /** searches with ≥1 click ÷ searches */
  successRate: number | null;
  /** searches with 0 results ÷ searches */
  zeroResultRate: number | null;
  /** Most frequent queries that found nothing. */
  topZeroResult: QueryCount[];
  /** Most frequent queries that found results nobody opened. */
  topNoClick: QueryCount[];
  /** Queries most often followed by a question or a case. */
  topFollowedBySubmission: QueryCount[];
}

function topQueries(rows: readonly SearchFact[], keep: (s: SearchFact) => boolean, limit: number): QueryCount[] {
  const counts = new Map<string, number>();
  for (const s of rows) if (keep(s) && s.query) counts.set(s.query, (counts.get(s.query) ?? 0) + 1);
  return [...counts]
    .map(([query, searches]) => ({ query, searches }))
    .sort((a, b) => b.searches - a.searches || a.query.localeCompare(b.query))
    .slice(0, limit);
}

export function searchFigures(searches: readonly SearchFact[], period: Period, limit = 10): SearchFigures {
  const rows = searches.filter((s) => inPeriod(s.at, period));
  const clicked = rows.filter((s) => s.clicks > 0).length;
  const zeroResults = rows.filter((s) => s.resultCount === 0).length;
  return {
    searches: rows.length,
    clicked,
    zeroResults,
    successRate: rate(clicked, rows.length),
    zeroResultRate: rate(zeroResults, rows.length),
    topZeroResult: topQueries(rows, (s) => s.resultCount === 0, limit),
    topNoClick: topQueries(rows, (s) => s.resultCount > 0 && s.clicks === 0, limit),
    topFollowedBySubmission: topQueries(rows, (s) => s.followedBy === true, limit),
  };
}

/** A search, question or case attributed to a visitor (member id or visitor id, whichever is known). */
export interface VisitorMoment {
  at: number;
  visitorId: string | null;
  memberId: number | null;
}

/** A search is followed by a submission when the same visitor asked a question or opened a case within this time after it. */
export const FOLLOWED_WINDOW_MS = 30 * 60 * 1000;

/** Pure: for each search, whether the same visitor submitted a question or case within FOLLOWED_WINDOW_MS after it. */
export function followedBySubmission(searches: readonly VisitorMoment[], submissions: readonly VisitorMoment[], windowMs = FOLLOWED_WINDOW_MS): boolean[] {
  const byKey = new Map<string, number[]>();
  const keys = (m: VisitorMoment) => [m.visitorId ? `v:${m.visitorId}` : null, m.memberId !== null ? `m:${m.memberId}` : null].filter((k): k is string => k !== null);
  for (const s of submissions) {
    for (const k of keys(s)) {
      let list = byKey.get(k);
      if (!list) byKey.set(k, (list = []));
      list.push(s.at);
    }
  }
  for (const list of byKey.values()) list.sort((a, b) => a - b);
  return searches.map((s) =>
    keys(s).some((k) => {
      const list = byKey.get(k);
      if (!list) return false;
      // first submission after the search
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]! <= s.at) lo = mid + 1;
        else hi = mid;
      }
      return lo < list.length && list[lo]! - s.at <= windowMs;
    }),
  );
}

/** Helpfulness is shown from this many votes: fewer says nothing. */
export const MIN_HELPFULNESS_VOTES = 5;

export interface ArticleFacts {
  articleId: number;
  title: string;
  views: number;
  helpful: number;
  notHelpful: number;
  /** "This solved my problem" confirmations credited to the article. */
  deflections: number;
  /** The same votes in the previous period, for falling helpfulness. */
  previousHelpful?: number;
  previousNotHelpful?: number;
}

export interface ArticleFigures extends ArticleFacts {
  votes: number;
  /** helpful ÷ votes, null under MIN_HELPFULNESS_VOTES votes */
  helpfulness: number | null;
  previousHelpfulness: number | null;
  /** helpfulness − previous helpfulness, when both are shown */
  change: number | null;
}

export function articleFigures(a: ArticleFacts): ArticleFigures {
  const votes = a.helpful + a.notHelpful;
  const prevVotes = (a.previousHelpful ?? 0) + (a.previousNotHelpful ?? 0);
  const helpfulness = votes >= MIN_HELPFULNESS_VOTES ? a.helpful / votes : null;
  const previousHelpfulness = prevVotes >= MIN_HELPFULNESS_VOTES ? (a.previousHelpful ?? 0) / prevVotes : null;
  return { ...a, votes, helpfulness, previousHelpfulness, change: helpfulness !== null && previousHelpfulness !== null ? helpfulness - previousHelpfulness : null };
}

/** Articles whose helpfulness fell since the previous period (both shown), steepest fall first. */
export function fallingHelpfulness(articles: readonly ArticleFacts[], limit = 10): ArticleFigures[] {
  return articles
    .map(articleFigures)
    .filter((a) => a.change !== null && a.change < 0)
    .sort((a, b) => a.change! - b.change! || a.articleId - b.articleId)
    .slice(0, limit);
}

/** The deflection figures of a period as the deflection domain computes them (src/lib/deflection/sessions.ts). */
export interface DeflectionFigures {
  formSessions: number;
  confirmations: number;
  confirmedRate: number | null;
  implicitDeflections: number;
  implicitRate: number | null;
  failedConfirmations: number;
  failedRate: number | null;
}

/**
 * Cost avoided: deflections × the configured cost of a case. Deflections are the confirmations that held (not
 * followed by a question or case within 7 days); implicit deflections are not counted, as nobody said they were
 * helped. In cents of the configured currency.
 */
export function costAvoided(figures: Pick<DeflectionFigures, 'confirmations' | 'failedConfirmations'>, costPerCaseCents: number): { deflections: number; cents: number } {
  const deflections = Math.max(0, figures.confirmations - figures.failedConfirmations);
  return { deflections, cents: deflections * costPerCaseCents };
}

export interface DeflectionFunnel {
  /** Sessions that reached the ask or contact form. */
  reachedForm: number;
  /** … and were shown ≥1 suggestion on it. */
  sawSuggestions: number;
  /** … and opened one. */
  opened: number;
  /** … and said "this solved my problem". */
  confirmed: number;
  /** Sessions that reached a form and sent it (a question or case) anyway. */
  submitted: number;
}

export const NO_FUNNEL: DeflectionFunnel = { reachedForm: 0, sawSuggestions: 0, opened: 0, confirmed: 0, submitted: 0 };

export function addFunnels(a: DeflectionFunnel, b: DeflectionFunnel): DeflectionFunnel {
  const out = { ...a };
  for (const k of Object.keys(NO_FUNNEL) as (keyof DeflectionFunnel)[]) out[k] += b[k];
  return out;
}

/**
 * The deflection funnel of one session (each stage 0 or 1), from its events: reached a form → saw suggestions on it →
 * opened one → confirmed; and, beside it, submitted. A stage counts only if the session passed the stages before.
 * Funnels of sessions add up (addFunnels).
 */
export function sessionFunnel(events: readonly { type: string; surface: string }[]): DeflectionFunnel {
  let form = false;
  let shown = false;
  let opened = false;
  let confirmed = false;
  let submitted = false;
  for (const e of events) {
    const onForm = isFormSurface(e.surface);
    if (onForm) form = true;
    if (e.type === 'suggestion_shown' && onForm) shown = true;
    if (e.type === 'suggestion_opened') opened = true;
    // "This solved my problem" can be said from the list of suggestions: it counts as having opened one.
    if (e.type === 'confirmed') confirmed = opened = true;
    if (e.type === 'form_submitted') submitted = true;
  }
  const n = (b: boolean) => (b ? 1 : 0);
  return { reachedForm: n(form), sawSuggestions: n(form && shown), opened: n(form && shown && opened), confirmed: n(form && shown && opened && confirmed), submitted: n(form && submitted) };
}
