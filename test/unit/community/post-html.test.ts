import { describe, expect, it } from 'vitest';
import { bylineHtml, commentsHtml, escapeHtml, postToolsHtml } from '../../../src/components/community/post-html';
import type { PostTools } from '../../../src/lib/community/thread-view';
import { translator } from '../../../src/lib/i18n/index';
import { FLAG_REASONS } from '../../../src/lib/moderation/flags';

const paths = { vote: '?_action=community.vote', delete: '?_action=community.delete', content: '?_action=moderation.content', flag: '?_action=community.flag', comment: '?_action=community.comment' };
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
    expect(html).toMatch(/aria-pressed="true" aria-label="[^"]+" title="[^"]+">▲/);
    expect(html).toMatch(/aria-pressed="false" aria-label="[^"]+" title="[^"]+">▼/);
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
});
