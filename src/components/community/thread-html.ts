/**
 * The thread page's article (everything inside `<main>`) as one HTML string: the page
 * (pages/[locale]/questions/[id]/[...slug].astro) inserts it, and the same page rendered without Astro
 * (thread-page.ts) wraps it in the layout, so both give the same bytes. The elements carry the page's scoped-style
 * attribute, as Astro writes them; the per-post parts come from post-html.ts. Text is escaped as Astro escapes
 * expressions, attribute values as Astro escapes attributes.
 */
import { canAskForHuman, canEscalateQuestion } from '../../lib/auth/permissions';
import type { Actor } from '../../lib/auth/sessions';
import { CASE_PRIORITIES } from '../../lib/cases/setup';
import type { ThreadCaseBadge } from '../../lib/cases/thread-hooks';
import { categoryName } from '../../lib/community/categories';
import type { ThreadView } from '../../lib/community/thread-view';
import { askForHumanOffer } from '../../lib/escalation/escalate';
import { formatDate, type Locale, type Translate } from '../../lib/i18n/index';
import type { AppContext } from '../../lib/server/context';
import { signInPath } from '../../web/sign-in';
import { formatDateTime } from '../cases/format';
import { answerHtml, bylineHtml, commentsHtml, escapeHtml, postToolsHtml, type PostHtmlContext } from './post-html';
import { attribute } from './question-list-html';

/**
 * The scoped-style attribute Astro gives the elements of the thread page: `data-astro-cid-` and the hash of the page's
 * file name (a unit test compares it with the compiler's), so it changes only if the page is moved or renamed.
 */
export const THREAD_PAGE_SCOPE = 'h3h5xq5a';
const S = ` data-astro-cid-${THREAD_PAGE_SCOPE}`;

/** The `action` attributes of the thread page's forms (`THREAD_FORM_PATHS`). */
export type ThreadFormPaths = PostHtmlContext['paths'] & Record<'answer' | 'follow' | 'meToo' | 'undelete' | 'thread' | 'escalate', string>;

/** What the page shows again after a form on it failed (Astro's action results); empty on a plain GET. */
export interface ThreadForms {
  /** A flag was sent: the thanks notice. */
  flagged: boolean;
  /** A solved thread was just turned into a KB draft (`?promoted`). */
  promoted: boolean;
  /** The asker just asked for a human (`?escalated=1`). */
  escalated: boolean;
  /** The error of a failed form other than the answer and comment forms. */
  error: { key: string; vars: Record<string, number> } | null;
  /** The answer form's error, field error and value. */
  answer: { formError: string | null; formErrorVars: Record<string, number>; error: string | undefined; value: string | undefined };
  /** The comment form that failed: its post, field error and value. */
  comment: { postId: number; error: string | undefined; value: string | undefined } | null;
}

export const NO_FORMS: ThreadForms = {
  flagged: false,
  promoted: false,
  escalated: false,
  error: null,
  answer: { formError: null, formErrorVars: {}, error: undefined, value: undefined },
  comment: null,
};

export interface ThreadHtmlContext {
  locale: Locale;
  t: Translate;
  actor: Actor | null;
  db: AppContext['db'];
  now: number;
  paths: ThreadFormPaths;
}

export interface ThreadArticleProps {
  view: ThreadView;
  /** The thread's case badge (`threadCaseBadge`) and the answers support wrote (`supportAnswerIds`). */
  caseBadge: ThreadCaseBadge | null;
  supportAnswers: Set<number>;
  forms: ThreadForms;
}

function hidden(name: string, value: string | number): string {
  return `<input type="hidden"${attribute('name', name)}${attribute('value', String(value))}${S}>`;
}

/**
 * The thread's side of cases: the public badge (number and status, no personal data), "ask for a human" for the asker,
 * "escalate" for staff. Its elements take no scoped style.
 */
export function threadCaseHtml(ctx: ThreadHtmlContext, question: ThreadView['thread']['question'], accepted: boolean, badge: ThreadCaseBadge | null, escalated: boolean): string {
  const { locale, t, actor, now } = ctx;
  const facts = { id: question.id, authorId: question.author.id, deletedAt: question.deletedAt };
  const open = question.deletedAt === null && question.status === 'published' && question.closedAt === null;
  const asker = canAskForHuman(actor, facts, now);
  const offer = asker ? askForHumanOffer(ctx.db, { id: question.id, createdAt: question.createdAt, accepted, open }, now) : { state: 'none' as const };
  const staff = !asker && open && canEscalateQuestion(actor, facts, now) && (!badge || badge.status === 'solved' || badge.status === 'closed');
  const activeCase = badge && badge.status !== 'solved' && badge.status !== 'closed';
  const escalate = ctx.paths.escalate;
  let html = '';
  if (badge) {
    html += '<div class="case-badge" role="status"><p>';
    html += badge.solvedBySupport
      ? `<span class="badge solved">${escapeHtml(t('thread.case.solvedBySupport'))}</span>`
      : `<span class="badge support">${escapeHtml(t('thread.case.badge', { number: badge.number, status: t(`case.status.${badge.status}`) }))}</span>`;
    if (escalated && asker) html += ` ${escapeHtml(t('thread.askHumanDone', { number: badge.number }))}`;
    html += '</p>';
    if (activeCase && asker && badge.acknowledged?.expectedBy) {
      html += `<p class="meta">${escapeHtml(t('thread.case.expected', { date: formatDateTime(locale, badge.acknowledged.expectedBy, badge.timeZone) }))}</p>`;
    }
    if (activeCase && asker && badge.acknowledged && badge.acknowledged.suggestions.length > 0) {
      html += `<p class="meta">${escapeHtml(t('thread.case.suggestions'))}</p><ul>`;
      for (const s of badge.acknowledged.suggestions) html += `<li><a${attribute('href', s.url)}>${escapeHtml(s.title)}</a></li>`;
      html += '</ul>';
    }
    html += '</div>';
  }
  if (offer.state === 'now') {
    html +=
      `<form method="post"${attribute('action', escalate)} class="case-badge"><input type="hidden" name="questionId"${attribute('value', String(question.id))}>` +
      `<p class="meta">${escapeHtml(t('thread.askHumanHelp'))}</p><button type="submit" class="secondary">${escapeHtml(t('thread.askHuman'))}</button></form>`;
  }
  if (offer.state === 'later') html += `<p class="meta case-badge">${escapeHtml(t('thread.askHumanLater', { date: formatDateTime(locale, offer.at, offer.timeZone) }))}</p>`;
  if (staff) {
    html +=
      `<details class="mod-tools"><summary>${escapeHtml(t('thread.escalate'))}</summary><form method="post"${attribute('action', escalate)} class="inline-fields"><input type="hidden" name="questionId"${attribute('value', String(question.id))}>` +
      `<div class="field"><label for="escalate-priority">${escapeHtml(t('thread.escalatePriority'))}</label><select id="escalate-priority" name="priority">`;
    for (const p of CASE_PRIORITIES) html += `<option${attribute('value', p)}${p === 'high' ? ' selected' : ''}>${escapeHtml(t(`case.priority.${p}`))}</option>`;
    html +=
      `</select></div><div class="field"><label for="escalate-note">${escapeHtml(t('thread.escalateNote'))}</label><input id="escalate-note" name="note" maxlength="1000"></div>` +
      `<button type="submit" class="secondary">${escapeHtml(t('thread.escalate'))}</button></form></details>`;
  }
  return html;
}

/** A form of the moderation panel with one hidden action and a button. */
function moderationButton(ctx: ThreadHtmlContext, questionId: number, name: string): string {
  return `<form method="post"${attribute('action', ctx.paths.thread)}${S}>${hidden('questionId', questionId)}${hidden('action', name)}<button type="submit" class="secondary"${S}>${escapeHtml(ctx.t(`moderation.${name}`))}</button></form>`;
}

function moderationPanelHtml(ctx: ThreadHtmlContext, view: ThreadView): string {
  const { locale, t } = ctx;
  const q = view.thread.question;
  const action = attribute('action', ctx.paths.thread);
  let html = `<details class="mod-tools"${S}><summary${S}>${escapeHtml(t('thread.moderation'))}</summary><div class="mod-grid"${S}>`;
  html += moderationButton(ctx, q.id, q.lockedAt !== null ? 'unlock' : 'lock');
  html += moderationButton(ctx, q.id, q.pinnedAt !== null ? 'unpin' : 'pin');
  if (q.closedAt !== null) html += moderationButton(ctx, q.id, 'reopen');
  html += `<form method="post"${action}${S}>${hidden('questionId', q.id)}<input type="hidden" name="action" value="move"${S}><label for="mod-category"${S}>${escapeHtml(t('moderation.move'))}</label><select id="mod-category" name="category"${S}>`;
  for (const c of view.moveTargets) html += `<option${attribute('value', c.slug)}${c.id === q.category.id ? ' selected' : ''}${S}>${escapeHtml(categoryName(c, locale))}</option>`;
  html += `</select><button type="submit" class="secondary"${S}>${escapeHtml(t('moderation.move'))}</button></form>`;
  html +=
    `<form method="post"${action}${S}>${hidden('questionId', q.id)}<input type="hidden" name="action" value="retag"${S}><label for="mod-tags"${S}>${escapeHtml(t('moderation.retag'))}</label>` +
    `<input id="mod-tags" name="tags"${attribute('value', q.tags.join(', '))} maxlength="200"${S}><button type="submit" class="secondary"${S}>${escapeHtml(t('moderation.retag'))}</button></form>`;
  if (q.closedAt === null) {
    html +=
      `<form method="post"${action}${S}>${hidden('questionId', q.id)}<input type="hidden" name="action" value="close"${S}><label for="mod-duplicate"${S}>${escapeHtml(t('moderation.closeDuplicate'))}</label>` +
      `<input id="mod-duplicate" name="duplicateOf" inputmode="numeric" pattern="[0-9]+" required${S}><label class="choice"${S}><input type="checkbox" name="merge" value="true"${S}> ${escapeHtml(t('moderation.merge'))}</label>` +
      `<button type="submit" class="secondary"${S}>${escapeHtml(t('moderation.closeDuplicate'))}</button></form>`;
  }
  return `${html}</div></details>`;
}

/** The answer form's body field, as components/Field.astro writes a textarea. */
function answerFieldHtml(t: Translate, error: string | undefined, value: string | undefined): string {
  const id = 'answer-body';
  return (
    `<div class="field"><label for="${id}">${escapeHtml(t('thread.yourAnswer'))}</label><textarea id="${id}" name="body" required${error ? ` aria-invalid="true" aria-describedby="${id}-error"` : ''} maxlength="30000">${escapeHtml(value ?? '')}</textarea>` +
    `${error ? `<p class="error" id="${id}-error">${escapeHtml(t(error))}</p>` : ''}</div>`
  );
}

/** The thread page's `<article>`. */
export function threadArticleHtml(ctx: ThreadHtmlContext, { view, caseBadge, supportAnswers, forms }: ThreadArticleProps): string {
  const { locale, t, actor } = ctx;
  const { thread, moderator, duplicateOf } = view;
  const q = thread.question;
  const here = `/${locale}/questions/${q.id}/${q.slug}`;
  const post: PostHtmlContext = { locale, t, paths: ctx.paths };
  const commentError = (postId: number) => (forms.comment?.postId === postId ? forms.comment.error : undefined);
  const commentValue = (postId: number) => (forms.comment?.postId === postId ? forms.comment.value : undefined);

  let html = `<article class="medium thread"${attribute('lang', q.locale === locale ? undefined : q.locale)}${S}><nav class="breadcrumbs"${attribute('aria-label', t('nav.breadcrumb'))}${S}><ol${S}>`;
  html += `<li${S}><a${attribute('href', `/${locale}/questions`)}${S}>${escapeHtml(t('nav.questions'))}</a></li>`;
  html += `<li${S}><a${attribute('href', `/${locale}/questions?category=${q.category.slug}`)}${S}>${escapeHtml(categoryName(q.category, locale))}</a></li></ol></nav>`;
  if (q.deletedAt !== null) {
    html += `<div class="alert error" role="status"${S}>${escapeHtml(t('thread.deletedNotice'))}`;
    if (view.question.mayUndelete) {
      html += `<form method="post"${attribute('action', ctx.paths.undelete)} class="inline-form"${S}>${hidden('postId', q.id)}<button type="submit" class="secondary"${S}>${escapeHtml(t('thread.undelete'))}</button></form>`;
    }
    html += '</div>';
  }
  if (duplicateOf) html += `<div class="alert" role="note"${S}>${escapeHtml(t('thread.closedDuplicate'))} <a${attribute('href', duplicateOf.path)}${S}>${escapeHtml(duplicateOf.title)}</a></div>`;
  if (q.status === 'pending') html += `<div class="alert" role="status"${S}>${escapeHtml(t('thread.pendingNotice'))}</div>`;
  if (q.status === 'hidden') html += `<div class="alert error" role="status"${S}>${escapeHtml(t('thread.hiddenNotice'))}</div>`;
  if (q.lockedAt !== null) html += `<div class="alert" role="note"${S}>${escapeHtml(t('thread.lockedNotice'))}</div>`;
  if (forms.flagged) html += `<div class="alert ok" role="status"${S}>${escapeHtml(t('thread.flagged'))}</div>`;
  if (view.mayPromote && forms.promoted) html += `<div class="alert ok" role="status"${S}>${escapeHtml(t('editor.promoted'))}</div>`;
  if (forms.error) html += `<div class="alert error" role="alert"${S}>${escapeHtml(t(forms.error.key, forms.error.vars))}</div>`;
  if (!view.showContent) return `${html}</article>`;

  html += `<h1${S}>${escapeHtml(q.title)}</h1><p class="meta"${S}>`;
  if (thread.acceptedAnswerId !== null) html += `<span class="badge solved"${S}>${escapeHtml(t('thread.solved'))}</span> · `;
  if (q.pinnedAt !== null) html += `<span class="badge"${S}>${escapeHtml(t('thread.pinned'))}</span> · `;
  if (q.lockedAt !== null) html += `<span class="badge"${S}>${escapeHtml(t('thread.locked'))}</span> · `;
  html += bylineHtml(post, 'thread.asked', q.createdAt, q.author);
  if (q.updatedAt > q.createdAt + 60_000) html += escapeHtml(` · ${t('thread.edited', { date: formatDate(locale, q.updatedAt) })}`);
  html += escapeHtml(` · ${t('thread.views', { n: q.viewCount })}`);
  if (q.meTooCount > 0) html += escapeHtml(` · ${t('thread.meTooCount', { n: q.meTooCount })}`);
  html += '</p>';
  if (caseBadge !== null || actor !== null) html += threadCaseHtml(ctx, q, thread.acceptedAnswerId !== null, caseBadge, forms.escalated);

  html += `<div class="post post-body"${attribute('id', `question-${q.id}`)} tabindex="-1"${S}>${q.bodyHtml}<ul class="tags"${attribute('aria-label', t('thread.tags'))}${S}>`;
  for (const tag of q.tags) html += `<li class="tag"${S}><a${attribute('href', `/${locale}/questions?tag=${encodeURIComponent(tag)}`)} rel="tag"${S}>${escapeHtml(tag)}</a></li>`;
  html += `</ul>${postToolsHtml(post, view.question.tools)}<div class="thread-actions"${S}>`;
  if (view.question.mayFollow) {
    html +=
      `<form method="post"${attribute('action', ctx.paths.follow)}${S}>${hidden('postId', q.id)}${hidden('following', view.question.following ? 'false' : 'true')}` +
      `<button type="submit" class="secondary"${S}>${escapeHtml(view.question.following ? t('thread.unfollow') : t('thread.follow'))}</button></form>`;
  }
  if (view.question.mayMeToo) {
    html +=
      `<form method="post"${attribute('action', ctx.paths.meToo)}${S}>${hidden('postId', q.id)}${hidden('affected', view.question.meToo ? 'false' : 'true')}` +
      `<button type="submit" class="secondary"${S}>${escapeHtml(view.question.meToo ? t('thread.meTooUndo') : t('thread.meToo'))}</button></form>`;
  }
  html += '</div>';
  html += commentsHtml(post, { postId: q.id, items: view.question.comments, mayComment: view.question.mayComment, error: commentError(q.id), value: commentValue(q.id) });
  html += '</div>';

  if (moderator) html += moderationPanelHtml(ctx, view);
  if (view.mayCloseAsMember) {
    html +=
      `<details class="mod-tools"${S}><summary${S}>${escapeHtml(t('moderation.closeDuplicate'))}</summary><form method="post"${attribute('action', ctx.paths.thread)} class="mod-grid"${S}>` +
      `${hidden('questionId', q.id)}<input type="hidden" name="action" value="close"${S}><label for="close-duplicate"${S}>${escapeHtml(t('moderation.closeDuplicate'))}</label>` +
      `<input id="close-duplicate" name="duplicateOf" inputmode="numeric" pattern="[0-9]+" required${S}><button type="submit" class="secondary"${S}>${escapeHtml(t('moderation.closeDuplicate'))}</button></form></details>`;
  }

  html += `<h2 id="answers"${S}>${escapeHtml(thread.answers.length === 1 ? t('thread.answer1') : t('thread.answers', { n: thread.answers.length }))}</h2>`;
  if (thread.answers.length === 0) html += `<p class="muted"${S}>${escapeHtml(t('thread.noAnswers'))}</p>`;
  const acceptance = thread.acceptance && { ...thread.acceptance, byAsker: thread.acceptance.by.id === q.author.id };
  for (const answer of view.answers) {
    html += answerHtml(post, {
      view: answer,
      questionId: q.id,
      acceptance,
      supportReply: supportAnswers.has(answer.answer.id),
      mayPromote: view.mayPromote,
      commentError: commentError(answer.answer.id),
      commentValue: commentValue(answer.answer.id),
    });
  }

  html += `<h2 id="your-answer"${S}>${escapeHtml(t('thread.yourAnswer'))}</h2>`;
  if (view.answerBox === 'form') {
    const { answer } = forms;
    html += `<form method="post"${attribute('action', ctx.paths.answer)} novalidate${S}>`;
    if (answer.formError) html += `<div class="alert error" role="alert"${S}>${escapeHtml(t(answer.formError, answer.formErrorVars))}</div>`;
    html += `${hidden('questionId', q.id)}${answerFieldHtml(t, answer.error, answer.value)}<button type="submit"${S}>${escapeHtml(t('thread.postAnswer'))}</button></form>`;
  } else if (view.answerBox === 'locked') {
    html += `<p class="muted"${S}>${escapeHtml(t('thread.lockedNotice'))}</p>`;
  } else if (view.answerBox === 'signIn') {
    html += `<p${S}><a${attribute('href', signInPath(locale, here))}${S}>${escapeHtml(t('thread.signInToAnswer'))}</a></p>`;
  }
  return `${html}</article>`;
}
