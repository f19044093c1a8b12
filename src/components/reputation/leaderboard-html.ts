/**
 * The leaderboard page's body (leaderboards.astro) and the member of the month (MemberOfTheMonth.astro) as HTML
 * strings, for the Astro pages and the server's own render path alike. Values are escaped as Astro escapes
 * expressions (text) and attributes (`&` and `"`); elements carry the `data-astro-cid-*` attribute of the component
 * whose `<style>` styles them, so the bytes are those Astro's templates wrote.
 */
import type { Category } from '../../lib/community/categories';
import { formatMonth, translate, type Locale } from '../../lib/i18n/index';
import type { MemberOfTheMonth } from '../../lib/reputation/jobs';
import { LEADERBOARD_PERIODS, type LeaderboardEntry, type LeaderboardQuery } from '../../lib/reputation/leaderboards';
import { escapeHtml } from '../community/post-html';
import { escapeAttribute } from '../community/question-list-html';

/** Scope attributes of leaderboards.astro and MemberOfTheMonth.astro (Astro derives them from the files' paths). */
export const LEADERBOARD_PAGE_SCOPE = 'dyxze3ji';
export const MEMBER_OF_THE_MONTH_SCOPE = 'xrcabs7e';
const L = ` data-astro-cid-${LEADERBOARD_PAGE_SCOPE}`;
const M = ` data-astro-cid-${MEMBER_OF_THE_MONTH_SCOPE}`;

const KEYS = [
  'leaderboards.title',
  'leaderboards.period',
  'leaderboards.locale',
  'leaderboards.anyLocale',
  'leaderboards.category',
  'leaderboards.anyCategory',
  'leaderboards.tag',
  'leaderboards.staff',
  'leaderboards.show',
  'leaderboards.scopeNote',
  'leaderboards.empty',
  'leaderboards.rank',
  'leaderboards.member',
  'leaderboards.points',
  'leaderboards.next',
  'badges.title',
  'rewards.title',
  'error.form',
  'mom.title',
  'mom.formula',
  ...LEADERBOARD_PERIODS.map((p) => `leaderboards.period.${p}` as const),
] as const;
type LabelKey = (typeof KEYS)[number];
const LABELS = new Map<Locale, Record<LabelKey, string>>();

/** The page's fixed texts, translated and escaped once per language. */
function labels(locale: Locale): Record<LabelKey, string> {
  let l = LABELS.get(locale);
  if (!l) {
    l = Object.fromEntries(KEYS.map((key) => [key, escapeHtml(translate(locale, key))])) as Record<LabelKey, string>;
    LABELS.set(locale, l);
  }
  return l;
}

/** `n.toLocaleString(locale)`, with the locale's number format built once. */
const NUMBER_FORMATS: Record<Locale, Intl.NumberFormat> = { es: new Intl.NumberFormat('es'), en: new Intl.NumberFormat('en') };

/** The member of the month section (the latest, in the page's language), or '' when there is none yet. */
export function memberOfTheMonthHtml(locale: Locale, latest: MemberOfTheMonth | undefined): string {
  if (!latest) return '';
  const l = labels(locale);
  const of = escapeHtml(translate(locale, 'mom.of', { month: formatMonth(locale, latest.month) }));
  const figures = escapeHtml(translate(locale, 'mom.figures', { accepted: latest.figures.accepted, votes: latest.figures.helpfulVotes, rescued: latest.figures.rescued }));
  return (
    `<section class="mom" aria-labelledby="mom-h"${M}><h2 id="mom-h"${M}>&#9733; ${of}</h2>` +
    `<p${M}><a href="/${locale}/members/${latest.userId}"${M}>${escapeHtml(latest.displayName)}</a> &#8212; ${figures}</p>` +
    `<details${M}><summary${M}>${l['mom.title']}</summary><p class="meta"${M}>${l['mom.formula']}</p></details></section>`
  );
}

export interface LeaderboardHtmlInput {
  locale: Locale;
  /** The query as read (null when it was refused: `errors` says why) and the raw query parameters. */
  query: LeaderboardQuery | null;
  params: Record<string, string>;
  /** Message keys of the refused fields. */
  errors: Record<string, string>;
  items: LeaderboardEntry[] | null;
  nextCursor: string | null;
  /** Top-level categories, for the filter. */
  categories: Category[];
  memberOfTheMonth: MemberOfTheMonth | undefined;
}

const selected = (yes: boolean | undefined) => (yes ? ' selected' : '');

/** The leaderboard page's `<div class="medium">`: filters, the ranked members and the link to the next page. */
export function leaderboardHtml({ locale, query: q, params, errors, items, nextCursor, categories, memberOfTheMonth }: LeaderboardHtmlInput): string {
  const l = labels(locale);
  let html = `<div class="medium"${L}><h1${L}>${l['leaderboards.title']}</h1>${memberOfTheMonthHtml(locale, memberOfTheMonth)}`;
  html += `<form method="get" class="filters"${L}><div class="field"${L}><label for="lb-period"${L}>${l['leaderboards.period']}</label><select id="lb-period" name="period"${L}>`;
  for (const p of LEADERBOARD_PERIODS) html += `<option value="${p}"${selected(q?.period === p)}${L}>${l[`leaderboards.period.${p}`]}</option>`;
  html +=
    `</select></div><div class="field"${L}><label for="lb-locale"${L}>${l['leaderboards.locale']}</label><select id="lb-locale" name="locale"${L}>` +
    `<option value=""${L}>${l['leaderboards.anyLocale']}</option><option value="es"${selected(q?.locale === 'es')}${L}>Español</option>` +
    `<option value="en"${selected(q?.locale === 'en')}${L}>English</option></select></div>`;
  html +=
    `<div class="field"${L}><label for="lb-category"${L}>${l['leaderboards.category']}</label>` +
    `<select id="lb-category" name="category"${errors.category ? ' aria-invalid="true"' : ''}${L}><option value=""${L}>${l['leaderboards.anyCategory']}</option>`;
  for (const c of categories) html += `<option value="${escapeAttribute(c.slug)}"${selected(q?.category === c.slug)}${L}>${escapeHtml(locale === 'es' ? c.nameEs : c.nameEn)}</option>`;
  html += '</select>';
  if (errors.category) html += `<p class="error"${L}>${escapeHtml(translate(locale, errors.category))}</p>`;
  const tag = q?.tag ?? params.tag ?? '';
  html +=
    `</div><div class="field"${L}><label for="lb-tag"${L}>${l['leaderboards.tag']}</label>` +
    `<input id="lb-tag" name="tag"${tag === '' ? ' value' : ` value="${escapeAttribute(tag)}"`} maxlength="35"${errors.tag ? ' aria-invalid="true"' : ''}${L}>`;
  if (errors.tag) html += `<p class="error"${L}>${escapeHtml(translate(locale, errors.tag))}</p>`;
  html +=
    `</div><label class="check"${L}><input type="checkbox" name="staff" value="1"${q?.staff ? ' checked' : ''}${L}> ${l['leaderboards.staff']}</label>` +
    `<button type="submit"${L}>${l['leaderboards.show']}</button></form><p class="meta"${L}>${l['leaderboards.scopeNote']}</p>`;
  if (Object.keys(errors).length > 0 && !errors.category && !errors.tag) html += `<p class="alert error" role="alert"${L}>${l['error.form']}</p>`;
  if (items && items.length === 0) html += `<p${L}>${l['leaderboards.empty']}</p>`;
  if (items && items.length > 0) {
    html +=
      `<table class="data-table"${L}><caption class="visually-hidden"${L}>${l['leaderboards.title']}</caption><thead${L}><tr${L}>` +
      `<th scope="col"${L}>${l['leaderboards.rank']}</th><th scope="col"${L}>${l['leaderboards.member']}</th><th scope="col" class="num"${L}>${l['leaderboards.points']}</th></tr></thead><tbody${L}>`;
    const points = NUMBER_FORMATS[locale];
    for (const e of items) {
      html +=
        `<tr${L}><td${L}>${e.rank}</td><td${L}><a href="/${locale}/members/${e.userId}"${L}>${escapeHtml(e.displayName)}</a>${e.role === 'superuser' ? ' &#9733;' : ''}</td>` +
        `<td class="num"${L}>${escapeHtml(points.format(e.points))}</td></tr>`;
    }
    html += '</tbody></table>';
  }
  if (nextCursor !== null) html += `<p${L}><a rel="next" href="${escapeAttribute(`?${new URLSearchParams({ ...params, cursor: nextCursor }).toString()}`)}"${L}>${l['leaderboards.next']}</a></p>`;
  return html + `<p${L}><a href="/${locale}/badges"${L}>${l['badges.title']}</a> · <a href="/${locale}/rewards"${L}>${l['rewards.title']}</a></p></div>`;
}
