import { beforeAll, describe, expect, it } from 'vitest';
import { categoryModerators, tags } from '../../../db/schema/index';
import type { Role } from '../../../db/schema/accounts';
import type { Actor } from '../../../src/lib/auth/sessions';
import { acceptAnswer } from '../../../src/lib/community/accept-answer';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { commentOnPost } from '../../../src/lib/community/comment-post';
import { deletePost } from '../../../src/lib/community/delete-post';
import { threadView, type PostView, type ThreadView } from '../../../src/lib/community/thread-view';
import { jsonLdText } from '../../../src/lib/json-ld';
import { closeAsDuplicate, moderateThread } from '../../../src/lib/moderation/moderate';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { createReputedMember } from '../../helpers/reputation';
import { DAY, NOW } from '../../helpers/time';

const OPTIONS = { acceptOnBehalfAfterMs: 7 * DAY, site: 'https://resuelve.test' };
/** `categoryModerator` moderates the thread's category; `otherModerator` moderates another one. */
type Who = 'anonymous' | 'suspended' | 'asker' | 'answerer' | Role | 'categoryModerator' | 'otherModerator';
const WHO: Who[] = ['anonymous', 'suspended', 'asker', 'answerer', 'member', 'superuser', 'moderator', 'agent', 'admin', 'categoryModerator', 'otherModerator'];

/** The tools a post offers, by name, in a fixed order. */
function offered(post: PostView): string[] {
  const t = post.tools;
  const names: [string, boolean][] = [
    ['vote', t.mayVote],
    ['edit', t.mayEdit],
    ['delete', t.mayDelete],
    ['flag', t.mayFlag],
    ['moderate', t.mayModerate],
    ['comment', post.mayComment],
    ['flagComment', post.comments.some((c) => c.mayFlag)],
  ];
  return names.filter(([, on]) => on).map(([name]) => name);
}

function summary(view: ThreadView) {
  const q = view.question;
  const answer = view.answers.find((a) => a.answer.status === 'published')!;
  return {
    question: [...offered(q), ...(q.mayFollow ? ['follow'] : []), ...(q.mayMeToo ? ['meToo'] : [])],
    answer: [...offered(answer), ...(answer.acceptance ? [answer.acceptance] : [])],
    answers: view.answers.length,
    answerBox: view.answerBox,
    closeAsMember: view.mayCloseAsMember,
    moveTargets: view.moveTargets.length,
  };
}

async function setup() {
  const db = createTestDb();
  const internet = createCategory(db, 'internet');
  const billing = createCategory(db, 'billing');
  db.insert(tags).values({ name: 'router' }).run();
  const asker = await createMember(db);
  const answerer = await createMember(db);
  const commenter = await createReputedMember(db);
  // An account created today: its first answer waits for a moderator.
  const newcomer = await createMember(db, 'member', { createdAt: NOW - 3600_000 });
  const q = askQuestion(db, asker, { title: 'El router se reinicia solo', body: 'Cada noche el router se reinicia sin motivo aparente.', category: 'internet', locale: 'es' }, NOW - 2000);
  const a = answerQuestion(db, answerer, q.id, { body: 'Actualiza el firmware desde el panel del router.' }, NOW - 1500);
  const pending = answerQuestion(db, newcomer, q.id, { body: 'Prueba a cambiar el canal del wifi, a mí me funcionó.' }, NOW - 1400);
  commentOnPost(db, commenter, a.id, { body: '¿Qué versión de firmware tienes?' }, NOW - 1000);
  const actors = new Map<Who, Actor | null>([
    ['anonymous', null],
    ['suspended', { ...(await createMember(db)), suspendedUntil: NOW + DAY }],
    ['asker', asker],
    ['answerer', answerer],
  ]);
  for (const role of ['member', 'superuser', 'moderator', 'agent', 'admin'] as const) actors.set(role, await createMember(db, role));
  const categoryModerator = await createMember(db);
  db.insert(categoryModerators).values({ categoryId: internet.id, userId: categoryModerator.id }).run();
  actors.set('categoryModerator', categoryModerator);
  const otherModerator = await createMember(db);
  db.insert(categoryModerators).values({ categoryId: billing.id, userId: otherModerator.id }).run();
  actors.set('otherModerator', otherModerator);
  return { db, q, a, pending, asker, newcomer, actors };
}

describe('threadView: which tools each post offers, role by role', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    ctx = await setup();
  });

  it('offers each role the tools of the permission rules (open thread, one published and one pending answer)', () => {
    const got = Object.fromEntries(WHO.map((who) => [who, summary(threadView(ctx.db, ctx.actors.get(who)!, ctx.q.id, NOW, OPTIONS)!)]));
    const row = (question: string[], answer: string[], extra: Partial<ReturnType<typeof summary>> = {}) => ({
      question,
      answer,
      answers: 1,
      answerBox: 'form',
      closeAsMember: false,
      moveTargets: 0,
      ...extra,
    });
    const active = ['comment', 'flagComment'];
    // Members at 0 reputation: no flags (flag privilege), comments only on their own posts and in their own threads (commentAnywhere).
    const other = ['vote', 'follow', 'meToo'];
    expect(got).toEqual({
      anonymous: row([], [], { answerBox: 'signIn' }),
      suspended: row([], [], { answerBox: null }),
      asker: row(['edit', 'delete', 'comment', 'follow'], ['vote', 'comment', 'accept']),
      answerer: row(other, ['edit', 'delete', 'comment']),
      member: row(other, ['vote']),
      superuser: row(['vote', 'edit', 'flag', 'comment', 'follow', 'meToo'], ['vote', 'edit', 'flag', ...active], { closeAsMember: true }),
      moderator: row(['vote', 'edit', 'delete', 'flag', 'moderate', 'comment', 'follow', 'meToo'], ['vote', 'edit', 'delete', 'flag', 'moderate', ...active], { answers: 2, moveTargets: 2 }),
      // agents have trust level 4: they cast close votes
      agent: row(['vote', 'edit', 'flag', 'comment', 'follow', 'meToo'], ['vote', 'edit', 'flag', ...active], { closeAsMember: true }),
      admin: row(['vote', 'edit', 'delete', 'flag', 'moderate', 'comment', 'follow', 'meToo'], ['vote', 'edit', 'delete', 'flag', 'moderate', ...active], { answers: 2, moveTargets: 2 }),
      // a category moderator moderates this thread (and may move it only within their categories)
      categoryModerator: row(['vote', 'moderate', 'follow', 'meToo'], ['vote', 'moderate'], { answers: 2, moveTargets: 1 }),
      otherModerator: row(other, ['vote']),
    });
  });

  it('shows a pending answer to its author, with its status on its tools', () => {
    const view = threadView(ctx.db, ctx.newcomer, ctx.q.id, NOW, OPTIONS)!;
    expect(view.answers.map((a) => [a.answer.id, a.tools.status])).toEqual([
      [ctx.a.id, 'published'],
      [ctx.pending.id, 'pending'],
    ]);
    expect(view.answers[1]!.acceptance).toBeNull();
  });

  it('keeps the viewer’s votes, follow and me-too on the view', () => {
    const view = threadView(ctx.db, ctx.actors.get('anonymous')!, ctx.q.id, NOW, OPTIONS)!;
    expect(view.question.tools).toMatchObject({ postId: ctx.q.id, kind: 'question', myVote: 0, status: 'published' });
    expect(view).toMatchObject({ status: 200, showContent: true, moderator: false, duplicateOf: null, canonical: `/es/questions/${ctx.q.id}/el-router-se-reinicia-solo` });
    expect(view.jsonLd.map((j) => (JSON.parse(jsonLdText(j)) as { '@type': string })['@type'])).toEqual(['QAPage', 'BreadcrumbList']);
  });
});

describe('threadView: thread states', () => {
  it('locked: no answer form for anyone (the locked notice instead), no votes; moderators still edit and comment', async () => {
    const { db, q, actors } = await setup();
    moderateThread(db, actors.get('moderator')!, q.id, 'lock', {}, NOW - 10);
    for (const who of ['anonymous', 'member', 'asker', 'moderator'] as const) {
      const view = threadView(db, actors.get(who)!, q.id, NOW, OPTIONS)!;
      expect(view.answerBox, who).toBe('locked');
      expect(view.question.tools.mayVote, who).toBe(false);
    }
    const moderator = threadView(db, actors.get('moderator')!, q.id, NOW, OPTIONS)!;
    expect(offered(moderator.question)).toEqual(['edit', 'delete', 'flag', 'moderate', 'comment']);
    expect(offered(threadView(db, actors.get('asker')!, q.id, NOW, OPTIONS)!.question)).toEqual(['delete']);
  });

  it('deleted: 410, content for its author and moderators only, undelete for them', async () => {
    const { db, q, asker, actors } = await setup();
    deletePost(db, asker, q.id, NOW - 10);
    const view = (who: Who) => threadView(db, actors.get(who)!, q.id, NOW, OPTIONS)!;
    expect(view('anonymous')).toMatchObject({ status: 410, showContent: false, jsonLd: [], noindex: true });
    expect(view('member')).toMatchObject({ showContent: false, question: { mayUndelete: false } });
    expect(view('asker')).toMatchObject({ showContent: true, question: { mayUndelete: true } });
    expect(view('moderator')).toMatchObject({ showContent: true, question: { mayUndelete: true } });
    expect(view('categoryModerator')).toMatchObject({ showContent: true, question: { mayUndelete: false } });
    expect(view('asker').answerBox).toBeNull();
  });

  it('waiting for a moderator: not found for others, no answer form for its author', async () => {
    const { db, newcomer, actors } = await setup();
    const q = askQuestion(db, newcomer, { title: 'Mi primera pregunta aquí', body: 'No sé cómo configurar el correo en el móvil.', category: 'internet', locale: 'es' }, NOW - 100);
    expect(q.status).toBe('pending');
    expect(threadView(db, null, q.id, NOW, OPTIONS)).toBeNull();
    expect(threadView(db, actors.get('member')!, q.id, NOW, OPTIONS)).toBeNull();
    expect(threadView(db, actors.get('otherModerator')!, q.id, NOW, OPTIONS)).toBeNull();
    expect(threadView(db, newcomer, q.id, NOW, OPTIONS)).toMatchObject({ answerBox: null, noindex: true, question: { tools: { status: 'pending' } } });
    expect(threadView(db, actors.get('moderator')!, q.id, NOW, OPTIONS)).toMatchObject({ answerBox: null, moderator: true });
    expect(threadView(db, null, 999_999, NOW, OPTIONS)).toBeNull();
  });

  it('acceptance: the asker at once, moderators after the configured delay; unaccept on the accepted answer', async () => {
    const { db, q, a, asker, actors } = await setup();
    const acceptance = (who: Actor | null, now: number) => threadView(db, who, q.id, now, OPTIONS)!.answers.map((x) => x.acceptance);
    expect(acceptance(actors.get('moderator')!, NOW)).toEqual([null, null]);
    expect(acceptance(actors.get('moderator')!, NOW + 7 * DAY)).toEqual(['accept', null]);
    acceptAnswer(db, asker, a.id, NOW);
    expect(acceptance(asker, NOW + 1)).toEqual(['unaccept']);
    expect(acceptance(actors.get('member')!, NOW + 1)).toEqual([null]);
  });

  it('promote to the KB: offered to editors, moderators and superusers once the thread is solved', async () => {
    const { db, q, a, asker, actors } = await setup();
    const promoters = () => WHO.filter((who) => threadView(db, actors.get(who) ?? null, q.id, NOW, OPTIONS)?.mayPromote);
    expect(promoters()).toEqual([]);
    acceptAnswer(db, asker, a.id, NOW);
    expect(promoters()).toEqual(['superuser', 'moderator', 'agent', 'admin']);
  });

  it('closed as a duplicate: names the original, which crawlers are sent to while it lives', async () => {
    const { db, q, asker, actors } = await setup();
    const original = askQuestion(db, asker, { title: 'El router pierde la conexión', body: 'Se corta internet cada pocas horas.', category: 'internet', locale: 'es' }, NOW - 5000);
    closeAsDuplicate(db, actors.get('moderator')!, q.id, original.id, NOW - 10);
    expect(threadView(db, null, q.id, NOW, OPTIONS)).toMatchObject({
      duplicateOf: { title: 'El router pierde la conexión', path: `/es/questions/${original.id}/el-router-pierde-la-conexion`, live: true },
      mayCloseAsMember: false,
      noindex: true,
    });
    expect(threadView(db, actors.get('superuser')!, q.id, NOW, OPTIONS)!.mayCloseAsMember).toBe(false);
    deletePost(db, asker, original.id, NOW - 5);
    expect(threadView(db, null, q.id, NOW, OPTIONS)!.duplicateOf?.live).toBe(false);
  });
});
