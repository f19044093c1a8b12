import { describe, expect, it } from 'vitest';
import { answerHtml, bylineHtml, commentsHtml, escapeHtml, oneByteHtml, postToolsHtml } from '../../../src/components/community/post-html';
import type { AnswerView, PostTools } from '../../../src/lib/community/thread-view';
import { translator } from '../../../src/lib/i18n/index';
import { FLAG_REASONS } from '../../../src/lib/moderation/flags';

const paths = { vote: '?_action=community.vote', delete: '?_action=community.delete', content: '?_action=moderation.content', flag: '?_action=community.flag', comment: '?_action=community.comment', accept: '?_action=community.accept', unaccept: '?_action=community.unaccept' };
const es = { locale: 'es' as const, t: translator('es'), paths };
const en = { locale: 'en' as const, t: translator('en'), paths };
const HOSTILE = `<script>alert("x")</script>'&`;

const tools = (over: Partial<PostTools> = {}): PostTools => ({
  postId: 7,
  kind: 'answer',
  score: 3,
  myVote: 0,
  mayVote: false,
  mayVoteDown: false,
  mayEdit: false,
  mayDelete: false,
  mayFlag: false,
  mayModerate: false,
  status: 'published',
  ...over,
});

const comment = (over: Partial<Parameters<typeof commentsHtml>[1]['items'][number]> = {}) => ({
  id: 31,
  postId: 7,
  bodyHtml: '<p>hola</p>',
  authorId: 5,
  authorName: 'Ana',
  createdAt: Date.UTC(2026, 0, 2),
  status: 'published' as const,
  mayFlag: false,
  ...over,
});

describe('thread post HTML', () => {
  it('escapes every value as Astro escapes expressions', () => {
    expect(escapeHtml(HOSTILE)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;');
    const byline = bylineHtml(en, 'thread.answered', Date.UTC(2026, 0, 2), { id: 9, displayName: HOSTILE });
    expect(byline).toContain(`<a href="/en/members/9">${escapeHtml(HOSTILE)}</a>`);
    expect(byline).not.toContain('<script>');
    const comments = commentsHtml(es, { postId: 7, items: [comment({ authorName: HOSTILE })], mayComment: true, error: 'field.required', value: `</textarea>${HOSTILE}` });
    expect(comments).not.toContain('<script>');
    expect(comments.match(/<\/textarea>/g)).toHaveLength(1);
    expect(comments).toContain('>&lt;/textarea&gt;&lt;script&gt;');
    expect(comments).toContain('<p>hola</p>'); // the comment's own HTML, rendered from Markdown at write time
  });

  it('shows an anonymous reader the score and the history link only', () => {
    const html = postToolsHtml(es, tools());
    expect(html).toContain('<span class="score">3 votos</span>');
    expect(html).toContain('<a href="/es/questions/history/7" rel="nofollow">');
    expect(html).not.toContain('<form');
    expect(commentsHtml(es, { postId: 7, items: [], mayComment: false })).toBe('');
  });

  it('gives a member votes with their state, the flag form with every reason and the comment form', () => {
    const html = postToolsHtml(en, tools({ mayVote: true, mayVoteDown: true, myVote: 1, mayFlag: true }));
    expect(html.match(/action="\?_action=community\.vote"/g)).toHaveLength(2);
    expect(html).toContain('<input type="hidden" name="value" value="0">'); // up again takes the vote back
    expect(html).toContain('<input type="hidden" name="value" value="-1">');
    expect(html).toMatch(/aria-pressed="true" aria-label="[^"]+" title="[^"]+">&#9650;</);
    expect(html).toMatch(/aria-pressed="false" aria-label="[^"]+" title="[^"]+">&#9660;</);
    expect(html.match(/type="radio" name="reason"/g)).toHaveLength(FLAG_REASONS.length);
    expect(html.match(/ checked>/g)).toHaveLength(1);
    expect(html).toContain('<label for="flag-note-7">');
    const comments = commentsHtml(en, { postId: 7, items: [comment({ mayFlag: true, status: 'hidden' })], mayComment: true });
    expect(comments).toContain('<li id="comment-31" class="hidden-content">');
    expect(comments).toContain('<input type="hidden" name="targetType" value="comment">');
    expect(comments).toContain('<details><summary>');
    expect(comments).not.toContain('aria-invalid');
  });

  it('reopens the comment form with its error and text after a failed submit', () => {
    const html = commentsHtml(es, { postId: 7, items: [], mayComment: true, error: 'field.required', value: 'mi texto' });
    expect(html).toContain('<details open>');
    expect(html).toContain('aria-invalid="true" aria-describedby="comment-7-error">mi texto</textarea>');
    expect(html).toContain(`<p class="error" id="comment-7-error">${escapeHtml(translator('es')('field.required'))}</p>`);
  });

  it('offers moderators hide on a published post and approve or restore otherwise', () => {
    expect(postToolsHtml(en, tools({ mayModerate: true }))).toContain('name="action" value="hide"');
    expect(postToolsHtml(en, tools({ mayModerate: true, status: 'pending' }))).toContain('name="action" value="approve"');
    expect(postToolsHtml(en, tools({ mayModerate: true, status: 'hidden' }))).toContain('name="action" value="restore"');
    expect(postToolsHtml(en, tools({ mayEdit: true, mayDelete: true }))).toContain('<a href="/en/questions/edit/7">');
  });

  const answer = (over: Partial<AnswerView['answer']> = {}, view: Partial<AnswerView> = {}): AnswerView => ({
    answer: { id: 7, bodyHtml: '<p>Reinicia el router.</p>', bodyMd: 'Reinicia el router.', score: 3, createdAt: Date.UTC(2026, 0, 2), updatedAt: Date.UTC(2026, 0, 2), sourceId: null, author: { id: 9, displayName: 'Ana', role: 'member' }, accepted: false, status: 'published', ...over },
    tools: tools(),
    comments: [],
    mayComment: false,
    acceptance: null,
    ...view,
  });
  const props = { questionId: 3, acceptance: null, supportReply: false, mayPromote: false };

  it('renders an answer for an anonymous reader: body, byline, score, no form', () => {
    const html = answerHtml(es, { ...props, view: answer() });
    expect(html).toMatch(/^<section id="answer-7" tabindex="-1" class="post"><div class="post-body"><p>Reinicia el router\.<\/p><\/div><div class="post-footer"><span class="meta">[^<]*<a href="\/es\/members\/9">Ana<\/a><\/span><\/div><div class="post-tools">/);
    expect(html).toContain('<span class="score">3 votos</span>');
    expect(html).not.toContain('<form');
    expect(html.endsWith('</div></section>')).toBe(true);
  });

  it('marks the accepted answer with who accepted it, escaping names', () => {
    const by = { id: 4, displayName: HOSTILE };
    const html = answerHtml(en, { ...props, view: answer({ accepted: true }), acceptance: { by, at: Date.UTC(2026, 0, 3), byAsker: false }, mayPromote: true });
    expect(html).toContain('class="post accepted" aria-label="Accepted answer">');
    expect(html).toContain(`<span class="badge solved">&#10003; Accepted answer</span> <span class="meta">${bylineHtml(en, 'thread.acceptedOnBehalf', Date.UTC(2026, 0, 3), by)}</span>`);
    expect(html).not.toContain('<script>');
    expect(html).toContain('<a class="button secondary" href="/en/editor/promote?question=3">');
    expect(answerHtml(en, { ...props, view: answer({ accepted: true }), acceptance: { by, at: 0, byAsker: true } })).toContain(bylineHtml(en, 'thread.acceptedBy', 0, by));
  });

  it('offers the asker accept or take back, and shows support replies, pending and hidden answers', () => {
    const accept = answerHtml(en, { ...props, view: answer({}, { acceptance: 'accept' }) });
    expect(accept).toContain('<form method="post" action="?_action=community.accept"><input type="hidden" name="answerId" value="7"><input type="hidden" name="questionId" value="3"><button type="submit" class="secondary">');
    expect(answerHtml(en, { ...props, view: answer({ accepted: true }, { acceptance: 'unaccept' }) })).toContain('<form method="post" action="?_action=community.unaccept"><input type="hidden" name="postId" value="7">');
    expect(answerHtml(es, { ...props, view: answer(), supportReply: true })).toContain(`<p><span class="badge support">${translator('es')('thread.supportReply')}</span></p>`);
    expect(answerHtml(es, { ...props, view: answer({ status: 'pending' }) })).toContain('<p class="alert" role="status">');
    expect(answerHtml(es, { ...props, view: answer({ status: 'hidden' }) })).toContain('<p class="alert error" role="status">');
  });

  it("keeps a failed comment's error and text on its answer", () => {
    const html = answerHtml(es, { ...props, view: answer({}, { mayComment: true }), commentError: 'field.required', commentValue: 'mi texto' });
    expect(html).toContain('aria-invalid="true" aria-describedby="comment-7-error">mi texto</textarea>');
  });

  it('writes every character beyond Latin-1 as a character reference, so the page stays a one-byte string', () => {
    expect(oneByteHtml('Resuelve — «ayuda» 🔔 <b>')).toBe('Resuelve &#8212; «ayuda» &#128276; &lt;b&gt;');
    expect(oneByteHtml('sin más')).toBe('sin más');
    const beyondLatin1 = /[\u0100-\u{10ffff}]/u;
    for (const ctx of [es, en]) {
      const everyTool = tools({ mayVote: true, mayVoteDown: true, myVote: -1, mayEdit: true, mayDelete: true, mayFlag: true, mayModerate: true });
      const html =
        postToolsHtml(ctx, everyTool) +
        commentsHtml(ctx, { postId: 7, items: [comment({ mayFlag: true })], mayComment: true, error: 'field.required', value: 'x' }) +
        answerHtml(ctx, { ...props, view: answer({ accepted: true }, { tools: everyTool, acceptance: 'unaccept', mayComment: true }), acceptance: { by: { id: 4, displayName: 'Ana' }, at: 0, byAsker: true }, supportReply: true, mayPromote: true });
      expect(html).not.toMatch(beyondLatin1);
      expect(html).toContain('&#9660;');
      expect(html).toContain('&#8212;');
    }
  });
});
