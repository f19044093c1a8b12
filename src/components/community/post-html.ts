/**
 * The per-post parts of the thread page (byline, vote and tool links, comments) as HTML strings. A thread renders them
 * for every post — 21 times each on a thread with 20 answers —, and as Astro components they cost more than the rest
 * of the page; the page inserts them with `set:html` and styles them with `:global` rules. Every value is escaped
 * here, as Astro escapes expressions.
 */
import { formatDate, type Locale, type Translate } from '../../lib/i18n/index';
import { FLAG_REASONS } from '../../lib/moderation/flags';
import type { AnswerView, CommentView, PostTools } from '../../lib/community/thread-view';

export interface PostHtmlContext {
  locale: Locale;
  t: Translate;
  /** The forms' `action` attributes (`THREAD_FORM_PATHS`). */
  paths: Record<'vote' | 'delete' | 'content' | 'flag' | 'comment' | 'accept' | 'unaccept', string>;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const SPECIAL = /[&<>"']/;

export function escapeHtml(value: string | number): string {
  const text = String(value);
  // Most texts have nothing to escape: a test costs less than a replace that finds nothing.
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : text;
}

/**
 * Text as HTML that keeps a page a one-byte string. V8 stores a string of Latin-1 characters one byte per character;
 * one character beyond Latin-1 anywhere in a page (—, ▲, 🔔, a typographic quote in a message) makes the whole page a
 * two-byte string, and building and encoding a 77 KB page that way cost ~0.8 ms more (README, Benchmarks). Escapes
 * as `escapeHtml` and writes each character beyond Latin-1 as a numeric character reference. A string that held such
 * a character stays two-byte after it is replaced, so the result is copied into a one-byte string.
 */
export function oneByteHtml(text: string): string {
  const html = escapeHtml(text);
  if (!/[\u0100-\u{10ffff}]/u.test(html)) return html;
  return Buffer.from(html.replace(/[\u0100-\u{10ffff}]/gu, (c) => `&#${c.codePointAt(0)};`), 'latin1').toString('latin1');
}

/** The labels the per-post parts repeat on every post, escaped, by language: each is translated and escaped once. */
const LABEL_KEYS = [
  'thread.score',
  'thread.voteUp',
  'thread.voteDown',
  'thread.voteUndo',
  'thread.edit',
  'thread.history',
  'thread.delete',
  'thread.flag',
  'thread.flagNote',
  'thread.comments',
  'thread.addComment',
  'thread.yourComment',
  'thread.postComment',
  'thread.accepted',
  'thread.supportReply',
  'thread.pendingNotice',
  'thread.hiddenNotice',
  'thread.accept',
  'thread.unaccept',
  'editor.promote',
  'moderation.hide',
  'moderation.approve',
  'moderation.restore',
] as const;
type LabelKey = (typeof LABEL_KEYS)[number];
const labelsOf = new Map<Locale, Record<LabelKey, string>>();
function labels({ locale, t }: PostHtmlContext): Record<LabelKey, string> {
  let found = labelsOf.get(locale);
  if (!found) {
    found = Object.fromEntries(LABEL_KEYS.map((key) => [key, oneByteHtml(t(key))])) as Record<LabelKey, string>;
    labelsOf.set(locale, found);
  }
  return found;
}

/** The forms' `action` attributes, escaped once per set of paths. */
const escapedPaths = new WeakMap<PostHtmlContext['paths'], PostHtmlContext['paths']>();
function actionsOf({ paths }: PostHtmlContext): PostHtmlContext['paths'] {
  let found = escapedPaths.get(paths);
  if (!found) {
    found = Object.fromEntries(Object.entries(paths).map(([name, path]) => [name, escapeHtml(path)])) as PostHtmlContext['paths'];
    escapedPaths.set(paths, found);
  }
  return found;
}

/** Texts that vary with a number or a day (a score, "answered on {date} by"), escaped, remembered up to a bound. */
const MAX_REMEMBERED = 4096;
const remembered = new Map<string, string>();
function rememberedText(key: string, make: () => string): string {
  let text = remembered.get(key);
  if (text === undefined) {
    text = make();
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(key, text);
  }
  return text;
}

/** The flag reasons' radio buttons of one language: the same on every post. */
const reasonsOf = new Map<Locale, string>();
function flagReasons({ locale, t }: PostHtmlContext): string {
  let html = reasonsOf.get(locale);
  if (html === undefined) {
    html = `<fieldset><legend>${oneByteHtml(t('thread.flagReason'))}</legend>${FLAG_REASONS.map(
      (r, i) => `<label class="choice"><input type="radio" name="reason" value="${r}" required${i === 0 ? ' checked' : ''}> ${oneByteHtml(t(`flag.reason.${r}`))}</label>`,
    ).join('')}</fieldset>`;
    reasonsOf.set(locale, html);
  }
  return html;
}

/** "Asked on {date} by {name}" with the name linking to the member's profile. */
export function bylineHtml({ locale, t }: PostHtmlContext, messageKey: string, date: number, author: { id: number; displayName: string }): string {
  const day = formatDate(locale, date);
  // The text around the name, escaped, joined by a NUL where the link goes.
  const around = rememberedText(`${locale}\u0000${messageKey}\u0000${day}`, () => {
    const [before = '', after = ''] = t(messageKey, { date: day, name: '\u0000' }).split('\u0000');
    return `${oneByteHtml(before)}\u0000${oneByteHtml(after)}`;
  });
  const cut = around.indexOf('\u0000');
  return `${around.slice(0, cut)}<a href="/${locale}/members/${author.id}">${escapeHtml(author.displayName)}</a>${around.slice(cut + 1)}`;
}

function hidden(name: string, value: string | number): string {
  return `<input type="hidden" name="${name}" value="${typeof value === 'number' ? value : escapeHtml(value)}">`;
}

/** Score and votes, edit/history/delete/moderation links and the flag form of a post. */
export function postToolsHtml(ctx: PostHtmlContext, tools: PostTools): string {
  const { locale, t } = ctx;
  const label = labels(ctx);
  const paths = actionsOf(ctx);
  const { postId, kind, score, myVote, mayVote, mayVoteDown, mayEdit, mayDelete, mayFlag, mayModerate, status } = tools;
  // The tooltip says what the button does, as its accessible name does.
  const upLabel = myVote === 1 ? label['thread.voteUndo'] : label['thread.voteUp'];
  const downLabel = myVote === -1 ? label['thread.voteUndo'] : label['thread.voteDown'];
  let html = `<div class="post-tools"><div class="votes" aria-label="${label['thread.score']}">`;
  if (mayVote) {
    html += `<form method="post" action="${paths.vote}">${hidden('postId', postId)}${hidden('value', myVote === 1 ? 0 : 1)}<button type="submit" class="icon" aria-pressed="${myVote === 1}" aria-label="${upLabel}" title="${upLabel}">&#9650;</button></form>`;
  }
  html += `<span class="score">${rememberedText(`${locale}\u0000votes\u0000${score}`, () => oneByteHtml(t('questions.votes', { n: score })))}</span>`;
  if (mayVote && (mayVoteDown || myVote === -1)) {
    html += `<form method="post" action="${paths.vote}">${hidden('postId', postId)}${hidden('value', myVote === -1 ? 0 : -1)}<button type="submit" class="icon" aria-pressed="${myVote === -1}" aria-label="${downLabel}" title="${downLabel}">&#9660;</button></form>`;
  }
  html += '</div><ul class="tool-links">';
  if (mayEdit) html += `<li><a href="/${locale}/questions/edit/${postId}">${label['thread.edit']}</a></li>`;
  html += `<li><a href="/${locale}/questions/history/${postId}" rel="nofollow">${label['thread.history']}</a></li>`;
  if (mayDelete) {
    html += `<li><form method="post" action="${paths.delete}">${hidden('postId', postId)}<button type="submit" class="link">${label['thread.delete']}</button></form></li>`;
  }
  if (mayModerate) {
    const action = status === 'published' ? 'hide' : status === 'pending' ? 'approve' : 'restore';
    html += `<li><form method="post" action="${paths.content}">${hidden('targetType', kind)}${hidden('targetId', postId)}${hidden('action', action)}<button type="submit" class="link">${label[`moderation.${action}`]}</button></form></li>`;
  }
  html += '</ul>';
  if (mayFlag) {
    html +=
      `<details class="flag"><summary>${label['thread.flag']}</summary><form method="post" action="${paths.flag}">${hidden('postId', postId)}${hidden('targetType', kind)}` +
      `${flagReasons(ctx)}<label for="flag-note-${postId}">${label['thread.flagNote']}</label><input id="flag-note-${postId}" name="note" maxlength="500">` +
      `<button type="submit" class="secondary">${label['thread.flag']}</button></form></details>`;
  }
  return `${html}</div>`;
}

export interface CommentsProps {
  postId: number;
  items: CommentView[];
  mayComment: boolean;
  /** Field error key and value to show again after a failed submit on this post. */
  error?: string | undefined;
  value?: string | undefined;
}

/** A post's comments and the form to add one. */
export function commentsHtml(ctx: PostHtmlContext, { postId, items, mayComment, error, value }: CommentsProps): string {
  const { locale, t } = ctx;
  if (items.length === 0 && !mayComment) return '';
  const label = labels(ctx);
  const paths = actionsOf(ctx);
  let html = `<section class="comments" aria-label="${label['thread.comments']}">`;
  if (items.length > 0) {
    html += '<ul>';
    for (const c of items) {
      html += `<li id="comment-${c.id}"${c.status === 'hidden' ? ' class="hidden-content"' : ''}>${c.bodyHtml}<span class="meta"> &#8212; <a href="/${locale}/members/${c.authorId}">${escapeHtml(c.authorName)}</a>, ${escapeHtml(formatDate(locale, c.createdAt))}</span>`;
      if (c.mayFlag) {
        html += `<details class="flag-comment"><summary>${label['thread.flag']}</summary><form method="post" action="${paths.flag}">${hidden('postId', c.id)}${hidden('targetType', 'comment')}${flagReasons(ctx)}<button type="submit" class="secondary">${label['thread.flag']}</button></form></details>`;
      }
      html += '</li>';
    }
    html += '</ul>';
  }
  if (mayComment) {
    const fieldId = `comment-${postId}`;
    html +=
      `<details${error ? ' open' : ''}><summary>${label['thread.addComment']}</summary><form method="post" action="${paths.comment}" novalidate>${hidden('postId', postId)}` +
      `<label for="${fieldId}">${label['thread.yourComment']}</label>` +
      `<textarea id="${fieldId}" name="body" rows="2" maxlength="1000" required${error ? ` aria-invalid="true" aria-describedby="${fieldId}-error"` : ''}>${escapeHtml(value ?? '')}</textarea>` +
      `${error ? `<p class="error" id="${fieldId}-error">${escapeHtml(t(error))}</p>` : ''}<button type="submit" class="secondary">${label['thread.postComment']}</button></form></details>`;
  }
  return `${html}</section>`;
}

export interface AnswerProps {
  view: AnswerView;
  questionId: number;
  /** Who accepted the accepted answer and when, with whether it was the asker. */
  acceptance: { by: { id: number; displayName: string }; at: number; byAsker: boolean } | null;
  supportReply: boolean;
  mayPromote: boolean;
  /** Field error key and value of a failed comment on this answer. */
  commentError?: string | undefined;
  commentValue?: string | undefined;
}

/**
 * One answer of the thread: badges, body, byline, the acceptance form, tools and comments. A thread renders 20 of
 * them, and as template markup each costs a dozen Astro expressions; its elements take no scoped style.
 */
export function answerHtml(ctx: PostHtmlContext, { view, questionId, acceptance, supportReply, mayPromote, commentError, commentValue }: AnswerProps): string {
  const { locale } = ctx;
  const label = labels(ctx);
  const paths = actionsOf(ctx);
  const { answer: a, tools, comments, mayComment } = view;
  const accepted = label['thread.accepted'];
  let html = `<section id="answer-${a.id}" tabindex="-1" class="${a.accepted ? 'post accepted' : 'post'}"${a.accepted ? ` aria-label="${accepted}"` : ''}>`;
  if (a.accepted) {
    html += `<p><span class="badge solved">&#10003; ${accepted}</span>`;
    if (acceptance) html += ` <span class="meta">${bylineHtml(ctx, acceptance.byAsker ? 'thread.acceptedBy' : 'thread.acceptedOnBehalf', acceptance.at, acceptance.by)}</span>`;
    html += '</p>';
  }
  if (supportReply) html += `<p><span class="badge support">${label['thread.supportReply']}</span></p>`;
  if (a.status === 'pending') html += `<p class="alert" role="status">${label['thread.pendingNotice']}</p>`;
  if (a.status === 'hidden') html += `<p class="alert error" role="status">${label['thread.hiddenNotice']}</p>`;
  html += `<div class="post-body">${a.bodyHtml}</div><div class="post-footer"><span class="meta">${bylineHtml(ctx, 'thread.answered', a.createdAt, a.author)}</span>`;
  if (view.acceptance === 'accept') {
    html += `<form method="post" action="${paths.accept}">${hidden('answerId', a.id)}${hidden('questionId', questionId)}<button type="submit" class="secondary">${label['thread.accept']}</button></form>`;
  }
  if (view.acceptance === 'unaccept') {
    html += `<form method="post" action="${paths.unaccept}">${hidden('postId', a.id)}<button type="submit" class="secondary">${label['thread.unaccept']}</button></form>`;
  }
  if (a.accepted && mayPromote) html += `<a class="button secondary" href="/${locale}/editor/promote?question=${questionId}">${label['editor.promote']}</a>`;
  html += '</div>';
  return `${html}${postToolsHtml(ctx, tools)}${commentsHtml(ctx, { postId: a.id, items: comments, mayComment, error: commentError, value: commentValue })}</section>`;
}
