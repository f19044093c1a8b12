import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import type { Actor } from '../../../src/lib/auth/sessions';
import { acceptAnswer } from '../../../src/lib/community/accept-answer';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { updateCategory } from '../../../src/lib/community/categories';
import { commentOnPost, deleteComment } from '../../../src/lib/community/comment-post';
import { deletePost } from '../../../src/lib/community/delete-post';
import { editPost } from '../../../src/lib/community/edit-post';
import { setMeToo } from '../../../src/lib/community/follow-question';
import { updateTag } from '../../../src/lib/community/tags';
import { votePost } from '../../../src/lib/community/vote-post';
import { createIncident, resolveIncident } from '../../../src/lib/incidents/incidents';
import { createArticle, updateArticle } from '../../../src/lib/kb/editor';
import { recordFeedback } from '../../../src/lib/kb/feedback';
import { closeAsDuplicate, moderateContent, moderateThread } from '../../../src/lib/moderation/moderate';
import { loadConfig } from '../../../src/lib/server/config';
import { createContext, type AppContext } from '../../../src/lib/server/context';
import { KB_TAG, LISTS_TAG, questionTag } from '../../../src/lib/server/page-cache';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { DAY } from '../../helpers/time';

const NOW = 100 * DAY;
const article = (extra: Record<string, string> = {}) => ({ title: 'Pay your bill online', body: '## Steps\n\nOpen the app.', category: 'billing', locale: 'en', intent: 'publish', ...extra });

describe('the page cache follows every change through the outbox', () => {
  let db: SqliteDb;
  let ctx: AppContext;
  let asker: Actor;
  let member: Actor;
  let moderator: Actor;
  let admin: Actor;
  let agent: Actor;
  let q: number;
  let other: number;
  let duplicate: number;
  let answer: number;
  let articleId: number;

  beforeEach(async () => {
    db = createTestDb();
    ctx = createContext(loadConfig({ DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent', SEARCH_WORKERS: '0' }), { db, now: () => NOW, mail: null });
    createCategory(db, 'billing');
    asker = await createMember(db, 'member');
    member = await createMember(db, 'member');
    moderator = await createMember(db, 'moderator');
    admin = await createMember(db, 'admin');
    agent = await createMember(db, 'agent');
    const ask = (title: string) => askQuestion(db, asker, { title, body: 'The router blinks red after every power cut here.', category: 'billing', locale: 'en', tags: ['router'] }, NOW).id;
    q = ask('Router forgets its settings after a power cut');
    other = ask('Invoice shows a charge I do not recognise');
    duplicate = ask('Router loses settings when the power goes out');
    answer = answerQuestion(db, member, q, { body: 'Hold the reset button for ten seconds, then set it up again.' }, NOW).id;
    closeAsDuplicate(db, moderator, duplicate, q, NOW);
    articleId = createArticle(db, agent, article(), NOW).id;
    await ctx.drain();
    // One page of each kind, as the server would hold them.
    for (const [key, tags] of [
      ['thread', [questionTag(q)]],
      ['other thread', [questionTag(other)]],
      ['duplicate', [questionTag(duplicate)]],
      ['list', [LISTS_TAG]],
      ['kb', [KB_TAG]],
      ['home', [LISTS_TAG, KB_TAG]],
    ] as const) {
      ctx.pageCache.set(key, { status: 200, headers: [], body: Buffer.from(key), etag: `"${key}"`, tags: [...tags], storedAt: NOW }, ctx.pageCache.renderStarted());
    }
  });

  /** The pages still served as they are once the change delay has passed. */
  const remaining = () => ['thread', 'other thread', 'duplicate', 'list', 'kb', 'home'].filter((key) => ctx.pageCache.get(key, NOW + ctx.pageCache.changeDelayMs)?.fresh);
  const THREAD_CHANGED = ['other thread', 'kb'];

  const cases: [string, () => unknown, string[]][] = [
    ['a new question', () => askQuestion(db, member, { title: 'Where do I find my contract number?', body: 'I need it for a claim and cannot find it anywhere.', category: 'billing', locale: 'en' }, NOW), ['thread', 'other thread', 'duplicate', 'kb']],
    ['an answer', () => answerQuestion(db, agent, q, { body: 'Update the firmware: version 2.1 keeps the settings.' }, NOW), THREAD_CHANGED],
    ['a vote', () => votePost(db, agent, answer, { value: 1 }, NOW), THREAD_CHANGED],
    ['an accepted answer', () => acceptAnswer(db, asker, answer, NOW), THREAD_CHANGED],
    ['an edit of the question (the duplicate shows its title)', () => editPost(db, asker, q, { title: 'Router forgets all its settings after a power cut', body: 'The router blinks red after every power cut here.', revision: 1 }, NOW), ['other thread', 'kb']],
    ['a comment', () => commentOnPost(db, agent, answer, { body: 'Which model is it?' }, NOW), THREAD_CHANGED],
    ['a "me too"', () => setMeToo(db, agent, q, true, NOW), THREAD_CHANGED],
    ['hiding an answer', () => moderateContent(db, moderator, { type: 'answer', id: answer }, 'hide', { reason: 'spam' }, NOW), THREAD_CHANGED],
    ['locking the thread', () => moderateThread(db, moderator, q, 'lock', {}, NOW), THREAD_CHANGED],
    ['deleting the answer', () => deletePost(db, member, answer, NOW), THREAD_CHANGED],
    ['an article save', () => updateArticle(db, agent, articleId, article({ body: '## Steps\n\nOpen the app and tap Pay.' }), NOW), ['thread', 'other thread', 'duplicate', 'list']],
    ['a translation', () => createArticle(db, agent, article({ title: 'Paga tu factura en línea', locale: 'es', translationKey: 'en:pay-your-bill-online' }), NOW), ['thread', 'other thread', 'duplicate', 'list']],
    ['an incident', () => createIncident(db, admin, { titleEs: 'Corte de fibra', titleEn: 'Fiber outage', severity: 'major', categories: ['billing'] }, NOW), ['thread', 'other thread', 'duplicate', 'list']],
    ['a tag description', () => updateTag(db, moderator, 'router', { description: 'Home routers and their settings.' }, NOW), ['thread', 'other thread', 'duplicate', 'kb']],
    ['a category rename', () => updateCategory(db, admin, 1, { nameEn: 'Bills' }, NOW), []],
  ];

  it.each(cases)('%s changes exactly the pages that show it', async (_name, change, kept) => {
    change();
    expect(remaining()).toEqual(['thread', 'other thread', 'duplicate', 'list', 'kb', 'home']);
    await ctx.drain();
    expect(remaining()).toEqual(kept);
  });

  it('a deleted comment, a resolved incident and a helpfulness score that changes reach their pages too', async () => {
    const comment = commentOnPost(db, agent, answer, { body: 'Which model is it?' }, NOW);
    const incident = createIncident(db, admin, { titleEs: 'Corte de fibra', titleEn: 'Fiber outage', severity: 'major', categories: ['billing'] }, NOW);
    await ctx.drain();
    const reset = () => {
      for (const [key, tags] of [['thread', [questionTag(q)]], ['kb', [KB_TAG]]] as const) {
        ctx.pageCache.set(key, { status: 200, headers: [], body: Buffer.from(key), etag: '"e"', tags: [...tags], storedAt: NOW }, ctx.pageCache.renderStarted());
      }
    };
    reset();
    deleteComment(db, agent, comment.id, NOW);
    await ctx.drain();
    expect(remaining()).not.toContain('thread');
    reset();
    resolveIncident(db, admin, incident.id, NOW);
    await ctx.drain();
    expect(remaining()).not.toContain('kb');
    // The score shows from 5 votes: the fifth vote changes the page, and drops it.
    for (let i = 0; i < 4; i++) recordFeedback(db, articleId, { userId: null, visitorId: `visitor-number-000${i}` }, { helpful: true }, NOW);
    await ctx.drain();
    reset();
    recordFeedback(db, articleId, { userId: null, visitorId: 'visitor-number-0004' }, { helpful: true }, NOW);
    await ctx.drain();
    expect(remaining()).not.toContain('kb');
  });

  it('a page rendered while its thread changed is rendered again after the change delay (it may show the old state)', async () => {
    const started = ctx.pageCache.renderStarted();
    answerQuestion(db, agent, q, { body: 'Update the firmware: version 2.1 keeps the settings.' }, NOW);
    await ctx.drain();
    const page = { status: 200, headers: [], body: Buffer.from('old'), etag: '"old"', storedAt: NOW };
    ctx.pageCache.set('thread again', { ...page, tags: [questionTag(q)] }, started);
    ctx.pageCache.set('other again', { ...page, tags: [questionTag(other)] }, started);
    expect(ctx.pageCache.get('thread again', NOW + ctx.pageCache.changeDelayMs)?.fresh).toBe(false);
    expect(ctx.pageCache.get('other again', NOW + ctx.pageCache.changeDelayMs)?.fresh).toBe(true);
  });
});
