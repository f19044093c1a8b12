/**
 * The thread page rendered without Astro (a `PageRenderer`, see src/web/direct-pages.ts): the same view model and the
 * same HTML builders as pages/[locale]/questions/[id]/[...slug].astro, for a GET of the thread's canonical URL. What
 * the page does otherwise — a missing thread's 404, the redirect of another slug, a closed duplicate sending crawlers
 * to the original — is left to Astro.
 */
import { layoutHtml, documentHtml } from '../../layouts/layout-html';
import { supportAnswerIds, threadCaseBadge } from '../../lib/cases/thread-hooks';
import { threadViews } from '../../lib/community/record-view';
import { threadView } from '../../lib/community/thread-view';
import { excerpt } from '../../lib/markdown';
import type { AppContext } from '../../lib/server/context';
import { idParam } from '../../lib/validation';
import type { DirectRequest, PageRenderer, RenderedPage } from '../../web/direct-pages';
import { NO_FORMS, threadArticleHtml, type ThreadFormPaths } from './thread-html';

/** The thread page's Astro route and the canonical URLs of threads (`questionPath`). */
export const THREAD_ROUTE = '/[locale]/questions/[id]/[...slug]';
const THREAD_PATH = /^\/(?:es|en)\/questions\/(\d{1,15})\/[^/?]+$/;

function renderThreadPage(ctx: AppContext, paths: ThreadFormPaths, request: DirectRequest): RenderedPage | null {
  const { locale, t, actor, now } = request;
  const id = idParam(request.match[1]);
  if (id === null) return null;
  const view = threadView(ctx.db, actor, id, now, { acceptOnBehalfAfterMs: ctx.delays.acceptOnBehalfAfterMs, site: ctx.config.SITE_URL });
  if (!view) return null;
  const q = view.thread.question;
  if (request.path !== `/${locale}/questions/${q.id}/${q.slug}`) return null;
  const headers: [string, string][] = [['content-type', 'text/html']];
  if (q.closedAt !== null && view.duplicateOf?.live) {
    if (request.bot) return null;
    headers.push(['vary', 'User-Agent']);
  }
  const caseBadge = threadCaseBadge(ctx.db, q.id);
  const article = threadArticleHtml(
    { locale, t, actor, db: ctx.db, now, paths },
    { view, caseBadge, supportAnswers: caseBadge ? supportAnswerIds(ctx.db, q.id) : new Set<number>(), forms: NO_FORMS },
  );
  const layout = layoutHtml(
    { locale, t, actor, db: ctx.db, site: ctx.config.SITE_URL, now, path: request.path, search: '' },
    { title: q.title, description: excerpt(q.bodyText, 155), canonical: view.canonical, alternates: { [q.locale]: view.canonical }, jsonLd: view.jsonLd, noindex: view.noindex },
  );
  const body = documentHtml(layout, request.stylesheets, article);
  // Counted as the middleware's countViews counts the pages Astro renders; a failure never costs the reader the page.
  if (view.status === 200) {
    try {
      threadViews.recordView(ctx.db, q.id, request.viewer, now);
    } catch (err) {
      ctx.log.error({ err }, 'counting a page view failed');
    }
  }
  return { status: view.status, headers, body };
}

/** The thread page's renderer; `paths` are the `action` attributes of its forms (`THREAD_FORM_PATHS`). */
export function threadPageRenderer(ctx: AppContext, paths: ThreadFormPaths): PageRenderer {
  return { route: THREAD_ROUTE, path: THREAD_PATH, render: (request) => renderThreadPage(ctx, paths, request) };
}
