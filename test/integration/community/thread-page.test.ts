import { readFileSync } from 'node:fs';
import { transform } from '@astrojs/compiler-rs';
import { describe, expect, it } from 'vitest';
import { categories, tags, users } from '../../../db/schema/index';
import { eq } from 'drizzle-orm';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { deletePost } from '../../../src/lib/community/delete-post';
import { threadViews } from '../../../src/lib/community/record-view';
import { threadView } from '../../../src/lib/community/thread-view';
import { translator, type Locale } from '../../../src/lib/i18n/index';
import { closeAsDuplicate } from '../../../src/lib/moderation/moderate';
import type { AppContext } from '../../../src/lib/server/context';
import type { Actor } from '../../../src/lib/auth/sessions';
import { bellHtml, documentHtml, layoutHtml } from '../../../src/layouts/layout-html';
import { NO_FORMS, THREAD_PAGE_SCOPE, threadArticleHtml, type ThreadFormPaths } from '../../../src/components/community/thread-html';
import { threadPageRenderer } from '../../../src/components/community/thread-page';
import type { DirectRequest } from '../../../src/web/direct-pages';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { DAY, NOW } from '../../helpers/time';

const PAGE = 'src/pages/[locale]/questions/[id]/[...slug].astro';
const SITE = 'https://resuelve.test';
const HOSTILE = `<script>alert("x")</script> & 'c' —`;
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;c&#39; —';
const paths: ThreadFormPaths = Object.fromEntries(
  ['answer', 'follow', 'meToo', 'undelete', 'thread', 'escalate', 'vote', 'accept', 'unaccept', 'delete', 'content', 'flag', 'comment'].map((name) => [name, `?_action=x.${name}`]),
) as ThreadFormPaths;

async function setup() {
  const db = createTestDb();
  createCategory(db, 'internet');
  db.update(categories).set({ nameEs: `Internet ${HOSTILE}`, nameEn: `Internet ${HOSTILE}` }).run();
  db.insert(tags).values({ name: 'router' }).run();
  const asker = await createMember(db);
  db.update(users).set({ displayName: `Ana ${HOSTILE}` }).where(eq(users.id, asker.id)).run();
  const answerer = await createMember(db);
  const moderator = await createMember(db, 'moderator');
  const q = askQuestion(db, asker, { title: `¿Router ${HOSTILE}?`, body: 'Cada noche el router se reinicia <b>sin</b> motivo.', category: 'internet', locale: 'es', tags: ['router'] }, NOW - 3 * DAY);
  answerQuestion(db, answerer, q.id, { body: 'Actualiza el firmware desde el panel del router.' }, NOW - 2 * DAY);
  const ctx = { db, delays: { acceptOnBehalfAfterMs: 7 * DAY }, config: { SITE_URL: SITE }, log: { error: () => undefined } } as unknown as AppContext;
  return { db, ctx, q, asker: { ...asker, displayName: `Ana ${HOSTILE}` } as Actor, moderator };
}

function page(ctx: AppContext, locale: Locale, actor: Actor | null, questionId: number) {
  const view = threadView(ctx.db, actor, questionId, NOW, { acceptOnBehalfAfterMs: 7 * DAY, site: SITE })!;
  const t = translator(locale);
  const article = threadArticleHtml({ locale, t, actor, db: ctx.db, now: NOW, paths }, { view, caseBadge: null, supportAnswers: new Set(), forms: NO_FORMS });
  const layout = layoutHtml({ locale, t, actor, db: ctx.db, site: SITE, now: NOW, path: `/${locale}${view.canonical.slice(3)}`, search: '' }, { title: view.thread.question.title, canonical: view.canonical, jsonLd: view.jsonLd });
  return documentHtml(layout, '<link rel="stylesheet" href="/_astro/x.css">', article);
}

function request(path: string, over: Partial<DirectRequest> = {}): DirectRequest {
  const locale = path.startsWith('/en/') ? 'en' : 'es';
  return {
    path,
    match: /^\/(?:es|en)\/questions\/(\d{1,15})\/[^/?]+$/.exec(path)!,
    locale,
    t: translator(locale),
    actor: null,
    bot: false,
    viewer: { memberId: null, visitorId: null, ip: '203.0.113.1', userAgent: 'Firefox' },
    now: NOW,
    stylesheets: '<link rel="stylesheet" href="/_astro/x.css">',
    ...over,
  };
}

describe('thread page HTML', () => {
  it('writes the scoped-style attribute Astro gives the page (the hash of its file name)', () => {
    const { scope } = transform(readFileSync(PAGE, 'utf8'), { filename: `${process.cwd()}/${PAGE}`, normalizedFilename: `/${PAGE}` });
    expect(scope).toBe(THREAD_PAGE_SCOPE);
  });

  it('escapes a hostile title, author, category and the member name in both languages, and keeps the body HTML', async () => {
    const { ctx, q, asker } = await setup();
    for (const [locale, labels] of [
      ['es', ['>Preguntas</a>', '>Cerrar sesión</button>', 'Preguntada el 29 oct 2026 por']],
      ['en', ['>Questions</a>', '>Sign out</button>', 'Asked 29 Oct 2026 by']],
    ] as const) {
      const html = page(ctx, locale, asker, q.id);
      expect(html.match(/<script/g)).toHaveLength(2); // the two JSON-LD blocks only
      expect(html).not.toContain('alert("x")</script>');
      expect(html).toContain(`<title>¿Router ${ESCAPED}? · Resuelve</title>`);
      expect(html).toContain(`<h1 data-astro-cid-${THREAD_PAGE_SCOPE}>¿Router ${ESCAPED}?</h1>`);
      expect(html).toContain(`>Internet ${ESCAPED}</a></li></ol></nav>`);
      expect(html).toContain(`<a class="account-name" href="/${locale}/account">Ana ${ESCAPED}</a>`);
      expect(html).toContain(`">Ana ${ESCAPED}</a>`); // the byline
      expect(html).toContain('&lt;b&gt;sin&lt;/b&gt;'); // Markdown rendered at write time, HTML in it escaped then
      for (const label of labels) expect(html).toContain(label);
      expect(html.startsWith(`<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8">`)).toBe(true);
      expect(html).toContain('<link rel="stylesheet" href="/_astro/x.css"></head><body>');
      expect(html.endsWith('</footer></body></html>')).toBe(true);
    }
  });

  it("writes attribute values as Astro does: quotes and ampersands escaped, an empty value bare", async () => {
    const { ctx, q, moderator } = await setup();
    const html = page(ctx, 'es', moderator, q.id);
    expect(html).toContain('<input id="mod-tags" name="tags" value="router" maxlength="200"');
    expect(html).toContain(`<option value="internet" selected data-astro-cid-${THREAD_PAGE_SCOPE}>Internet ${ESCAPED}</option>`);
    expect(html).toContain('<a class="bell" href="/es/notifications" title="Notificaciones (0 sin leer)">');
    expect(bellHtml({ locale: 'en', t: translator('en') }, 120)).toContain('<span class="count" aria-hidden="true">99+</span>');
  });
});

describe('thread page rendered without Astro', () => {
  it('renders the canonical URL, counts the view, and leaves other slugs, missing threads and crawlers on a closed duplicate to Astro', async () => {
    const { ctx, q, asker } = await setup();
    const render = threadPageRenderer(ctx, paths).render;
    const canonical = `/es/questions/${q.id}/${q.slug}`;
    const before = threadViews.tracked;
    const rendered = render(request(canonical))!;
    expect(rendered.status).toBe(200);
    expect(rendered.headers).toEqual([['content-type', 'text/html']]);
    expect(rendered.body).toContain('<link rel="stylesheet" href="/_astro/x.css"></head>');
    expect(threadViews.tracked).toBe(before + 1);
    expect(render(request(`/es/questions/${q.id}/otro-titulo`))).toBeNull();
    expect(render(request('/es/questions/999999/nada'))).toBeNull();

    const original = askQuestion(ctx.db, asker, { title: 'El router original que se reinicia', body: 'Otra pregunta con su propio texto.', category: 'internet', locale: 'es' }, NOW - DAY);
    const moderator = await createMember(ctx.db, 'moderator');
    closeAsDuplicate(ctx.db, moderator, q.id, original.id, NOW - 10);
    expect(render(request(canonical, { bot: true }))).toBeNull();
    expect(render(request(canonical))!.headers).toEqual([['content-type', 'text/html'], ['vary', 'User-Agent']]);
  });

  it('answers a deleted thread with 410 and counts no view', async () => {
    const { ctx, q, asker } = await setup();
    deletePost(ctx.db, asker, q.id, NOW - 10);
    const before = threadViews.tracked;
    const rendered = threadPageRenderer(ctx, paths).render(request(`/en/questions/${q.id}/${q.slug}`))!;
    expect(rendered.status).toBe(410);
    expect(threadViews.tracked).toBe(before);
  });
});
