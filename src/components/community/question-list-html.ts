/**
 * A list of question summaries (QuestionList.astro) as one HTML string: ten items of Astro markup, each a dozen
 * expressions, cost more on a member's profile than the rest of its template. The labels every item repeats are
 * translated and escaped once per language. Text is escaped as Astro escapes expressions, attribute values as Astro
 * escapes attributes (`&` and `"` only).
 */
import type { QuestionSummary } from '../../lib/community/list-questions';
import { questionPath } from '../../lib/community/slug';
import { formatDate, translate, type Locale, type Translate } from '../../lib/i18n/index';
import { escapeHtml } from './post-html';

const DAY_MS = 24 * 3600 * 1000;

interface QuestionListContext {
  locale: Locale;
  t: Translate;
}

/** An attribute's value as Astro writes it. */
export function escapeAttribute(value: string): string {
  return value.includes('&') || value.includes('"') ? value.replace(/&/g, '&amp;').replace(/"/g, '&quot;') : value;
}

/** An attribute as Astro's `addAttribute` writes a string value: left out when undefined, bare when empty. */
export function attribute(name: string, value: string | undefined): string {
  if (value === undefined) return '';
  return value === '' ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`;
}

const LABELS = new Map<Locale, { tags: string; solved: string; pinned: string; closed: string; oneAnswer: string; byBefore: string; byAfter: string }>();

function labels(locale: Locale) {
  let l = LABELS.get(locale);
  if (!l) {
    const t = (key: string) => translate(locale, key);
    // "por {name}": the text around the author's name, escaped.
    const [byBefore = '', byAfter = ''] = translate(locale, 'questions.by', { name: '\u0000' }).split('\u0000');
    l = {
      tags: escapeAttribute(t('thread.tags')),
      solved: escapeHtml(t('questions.solved')),
      pinned: escapeHtml(t('thread.pinned')),
      closed: escapeHtml(t('questions.closed')),
      oneAnswer: escapeHtml(t('questions.answer1')),
      byBefore: escapeHtml(byBefore),
      byAfter: escapeHtml(byAfter),
    };
    LABELS.set(locale, l);
  }
  return l;
}

/** Texts that vary with a count or a day ("4 votos", "preguntada 13 ago 2026"), escaped, remembered up to a bound. */
const MAX_REMEMBERED = 4096;
/** By language, message key and value: nested maps, so a look-up builds no key string. */
const remembered: Record<Locale, Map<string, Map<number, string>>> = { es: new Map(), en: new Map() };
let rememberedCount = 0;

export function rememberedText(locale: Locale, key: string, value: number, make: () => string): string {
  let byValue = remembered[locale].get(key);
  let text = byValue?.get(value);
  if (text === undefined) {
    text = make();
    if (rememberedCount >= MAX_REMEMBERED) {
      remembered.es.clear();
      remembered.en.clear();
      rememberedCount = 0;
      byValue = undefined;
    }
    if (!byValue) remembered[locale].set(key, (byValue = new Map()));
    byValue.set(value, text);
    rememberedCount++;
  }
  return text;
}

/** "4 votos": a question's or an answer's score, escaped. */
export function votesHtml(locale: Locale, t: Translate, score: number): string {
  return rememberedText(locale, 'questions.votes', score, () => escapeHtml(t('questions.votes', { n: score })));
}

/** The list's items (`<li class="question-item">…`); `headingLevel` is the level of each question's title. */
export function questionListHtml({ locale, t }: QuestionListContext, items: QuestionSummary[], headingLevel: 2 | 3): string {
  const l = labels(locale);
  const h = `h${headingLevel}`;
  let html = '';
  for (const q of items) {
    html += `<li class="question-item"><div class="question-stats"><span>${votesHtml(locale, t, q.score)}</span>`;
    html += `<span>${q.answerCount === 1 ? l.oneAnswer : rememberedText(locale, 'questions.answers', q.answerCount, () => escapeHtml(t('questions.answers', { n: q.answerCount })))}</span>`;
    if (q.solved) html += `<span class="badge solved">${l.solved}</span>`;
    if (q.pinned) html += `<span class="badge">${l.pinned}</span>`;
    if (q.closed) html += `<span class="badge">${l.closed}</span>`;
    html += `</div><div><${h} class="question-title"><a href="${escapeAttribute(questionPath(q.locale, q))}"${q.locale === locale ? '' : ` lang="${escapeAttribute(q.locale)}"`}>${escapeHtml(q.title)}</a></${h}>`;
    html += `<p>${escapeHtml(q.excerpt)}</p><ul class="tags" aria-label="${l.tags}">`;
    for (const tag of q.tags) html += `<li class="tag"><a href="${escapeAttribute(`/${locale}/questions?tag=${encodeURIComponent(tag)}`)}" rel="tag">${escapeHtml(tag)}</a></li>`;
    const asked = rememberedText(locale, 'questions.asked', Math.floor(q.createdAt / DAY_MS), () => escapeHtml(t('questions.asked', { date: formatDate(locale, q.createdAt) })));
    html += `</ul><p class="meta">${asked} · ${l.byBefore}${escapeHtml(q.author)}${l.byAfter}</p></div></li>`;
  }
  return html;
}
