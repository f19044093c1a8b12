import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { categoryModerators, comments, questions, tags, users } from '../../../db/schema/index';
import type { Role } from '../../../db/schema/accounts';
import { acceptAnswer, unacceptAnswer } from '../../../src/lib/community/accept-answer';
import { answerQuestion } from '../../../src/lib/community/answer-question';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { commentOnPost } from '../../../src/lib/community/comment-post';
import { deletePost } from '../../../src/lib/community/delete-post';
import { editPost } from '../../../src/lib/community/edit-post';
import { setFollowing, setMeToo } from '../../../src/lib/community/follow-question';
import { votePost } from '../../../src/lib/community/vote-post';
import { addCategoryModerator, createCategory as createCategoryAsAdmin, updateCategory } from '../../../src/lib/community/categories';
import { updateTag } from '../../../src/lib/community/tags';
import type { Actor } from '../../../src/lib/auth/sessions';
import { DomainError } from '../../../src/lib/errors';
import { flagContent, resolveFlags } from '../../../src/lib/moderation/flags';
import { closeAsDuplicate, moderateContent, moderateThread, moveThread, suspendMember } from '../../../src/lib/moderation/moderate';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { grantReputation } from '../../helpers/reputation';
import { NOW } from '../../helpers/time';

/** `categoryModerator`: a member who moderates the thread's category (not the `billing` category). */
type Who = 'anonymous' | 'suspended' | 'asker' | 'answerer' | Role | 'categoryModerator' | 'reputed';
/** `reputed`: a plain member holding 5,000 points, past every privilege threshold of the default settings. */
const WHO: Who[] = ['anonymous', 'suspended', 'asker', 'answerer', 'member', 'superuser', 'moderator', 'agent', 'admin', 'categoryModerator', 'reputed'];

/** Each action runs on a fresh thread: a question by `asker` with an answer by `answerer`, and one other question. */
const ACTIONS: Record<string, (ctx: { db: ReturnType<typeof createTestDb>; actor: Actor | null; q: number; a: number; q2: number; victim: number; hiddenComment: number; category: number }) => unknown> = {
  ask: ({ db, actor }) => askQuestion(db, actor, { title: 'Una pregunta de la matriz', body: 'Un cuerpo suficientemente largo aquí.', category: 'internet', locale: 'es', tags: 'router' }, NOW),
  answer: ({ db, actor, q }) => answerQuestion(db, actor, q, { body: 'Una respuesta de la matriz de permisos.' }, NOW),
  answerLocked: ({ db, actor, q }) => {
    db.update(questions).set({ lockedAt: NOW - 1 }).where(eq(questions.id, q)).run();
    return answerQuestion(db, actor, q, { body: 'Una respuesta a un hilo cerrado.' }, NOW);
  },
  answerPendingQuestion: ({ db, actor, q }) => {
    db.update(questions).set({ status: 'pending' }).where(eq(questions.id, q)).run();
    return answerQuestion(db, actor, q, { body: 'Una respuesta a una pregunta sin publicar.' }, NOW);
  },
  comment: ({ db, actor, a }) => commentOnPost(db, actor, a, { body: 'Un comentario de la matriz.' }, NOW),
  voteAnswer: ({ db, actor, a }) => votePost(db, actor, a, { value: 1 }, NOW),
  follow: ({ db, actor, q }) => setFollowing(db, actor, q, true, NOW),
  meToo: ({ db, actor, q }) => setMeToo(db, actor, q, true, NOW),
  accept: ({ db, actor, a }) => acceptAnswer(db, actor, a, NOW),
  unaccept: ({ db, actor, a }) => unacceptAnswer(db, actor, a, NOW),
  editAnswer: ({ db, actor, a }) => editPost(db, actor, a, { body: 'Texto editado de la respuesta de la matriz.', revision: 1 }, NOW),
  deleteAnswer: ({ db, actor, a }) => deletePost(db, actor, a, NOW),
  flagAnswer: ({ db, actor, a }) => flagContent(db, actor, { type: 'answer', id: a }, { reason: 'spam' }, NOW),
  hideAnswer: ({ db, actor, a }) => moderateContent(db, actor, { type: 'answer', id: a }, 'hide', {}, NOW),
  dismissFlags: ({ db, actor, a }) => resolveFlags(db, actor, { type: 'answer', id: a }, 'dismissed', NOW),
  lock: ({ db, actor, q }) => moderateThread(db, actor, q, 'lock', {}, NOW),
  closeDuplicate: ({ db, actor, q, q2 }) => closeAsDuplicate(db, actor, q2, q, NOW),
  suspendMember: ({ db, actor, victim }) => suspendMember(db, actor, victim, { reason: 'matriz', days: 1 }, NOW),
  restoreComment: ({ db, actor, hiddenComment }) => moderateContent(db, actor, { type: 'comment', id: hiddenComment }, 'restore', {}, NOW),
  pin: ({ db, actor, q }) => moderateThread(db, actor, q, 'pin', {}, NOW),
  moveToOtherCategory: ({ db, actor, q }) => moveThread(db, actor, q, { category: 'billing' }, NOW),
  createCategory: ({ db, actor }) => createCategoryAsAdmin(db, actor, { slug: 'nueva', nameEs: 'Nueva', nameEn: 'New' }, NOW),
  editCategory: ({ db, actor, category }) => updateCategory(db, actor, category, { nameEn: 'Internet and wifi' }, NOW),
  addCategoryModerator: ({ db, actor, category, victim }) => addCategoryModerator(db, actor, category, { userId: victim }, NOW),
  editTag: ({ db, actor }) => updateTag(db, actor, 'router', { description: 'Routers', synonyms: 'modem' }, NOW),
  // reputation privileges (members at 0 reputation; thresholds in reputation/settings.ts, predicate canUsePrivilege)
  downvoteAnswer: ({ db, actor, a }) => votePost(db, actor, a, { value: -1 }, NOW),
};

const Y = 'ok';
/** Expected outcome per action, in WHO order. */
const MATRIX: Record<keyof typeof ACTIONS, string[]> = {
  //               anonymous       suspended    asker        answerer     member       superuser    moderator    agent        admin   categoryModerator  reputed
  ask: ['UNAUTHORIZED', 'FORBIDDEN', Y, Y, Y, Y, Y, Y, Y, Y, Y],
  answer: ['UNAUTHORIZED', 'FORBIDDEN', Y, Y, Y, Y, Y, Y, Y, Y, Y],
  // A locked thread takes no answers: signing in would not help, so anonymous readers are refused too.
  answerLocked: ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  // A question waiting for a moderator: not found for those who cannot see it; its author and site moderators see it, and are refused.
  answerPendingQuestion: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'FORBIDDEN', 'NOT_FOUND', 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND'],
  // Commenting outside one's own posts and threads takes commentAnywhere (50); flagging takes flag (15).
  comment: ['UNAUTHORIZED', 'FORBIDDEN', Y, Y, 'FORBIDDEN', Y, Y, Y, Y, 'FORBIDDEN', Y],
  voteAnswer: ['UNAUTHORIZED', 'FORBIDDEN', Y, 'FORBIDDEN', Y, Y, Y, Y, Y, Y, Y],
  follow: ['UNAUTHORIZED', 'FORBIDDEN', Y, Y, Y, Y, Y, Y, Y, Y, Y],
  meToo: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', Y, Y, Y, Y, Y, Y, Y, Y],
  accept: ['UNAUTHORIZED', 'FORBIDDEN', Y, 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  unaccept: ['UNAUTHORIZED', 'FORBIDDEN', Y, 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  editAnswer: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', Y, 'FORBIDDEN', Y, Y, Y, Y, 'FORBIDDEN', Y],
  deleteAnswer: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', Y, 'FORBIDDEN', 'FORBIDDEN', Y, 'FORBIDDEN', Y, 'FORBIDDEN', 'FORBIDDEN'],
  flagAnswer: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', Y, Y, Y, Y, 'FORBIDDEN', Y],
  hideAnswer: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', Y, 'FORBIDDEN', Y, Y, 'FORBIDDEN'],
  dismissFlags: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', Y, 'FORBIDDEN', Y, Y, 'FORBIDDEN'],
  lock: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', Y, 'FORBIDDEN', Y, Y, 'FORBIDDEN'],
  // Superusers and moderators close at once; agents (trust level 4) cast a close vote; regular members need trust level 2 or voteToClose.
  closeDuplicate: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', Y, Y, Y, Y, Y, Y],
  suspendMember: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', Y, 'FORBIDDEN', Y, 'FORBIDDEN', 'FORBIDDEN'],
  restoreComment: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', Y, 'FORBIDDEN', Y, Y, 'FORBIDDEN'],
  pin: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', Y, 'FORBIDDEN', Y, Y, 'FORBIDDEN'],
  // A category moderator moves threads only between categories they moderate.
  moveToOtherCategory: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', Y, 'FORBIDDEN', Y, 'FORBIDDEN', 'FORBIDDEN'],
  createCategory: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', Y, 'FORBIDDEN', 'FORBIDDEN'],
  editCategory: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', Y, 'FORBIDDEN', 'FORBIDDEN'],
  addCategoryModerator: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', Y, 'FORBIDDEN', 'FORBIDDEN'],
  editTag: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', Y, 'FORBIDDEN', Y, 'FORBIDDEN', 'FORBIDDEN'],
  downvoteAnswer: ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', Y, Y, Y, Y, 'FORBIDDEN', Y],
};

/** The outcome of `action` for `who`; `suspended`: the same account, suspended (as its sessions and tokens load it). */
async function outcome(action: keyof typeof ACTIONS, who: Who, suspended = false): Promise<string> {
  const db = createTestDb();
  const category = createCategory(db, 'internet');
  createCategory(db, 'billing');
  db.insert(tags).values({ name: 'router' }).run();
  const asker = await createMember(db);
  const answerer = await createMember(db);
  const victim = await createMember(db);
  grantReputation(db, victim.id, 100, NOW - 2000);
  const q = askQuestion(db, asker, { title: 'Pregunta base de la matriz', body: 'Cuerpo de la pregunta base de la matriz.', category: 'internet', locale: 'es' }, NOW - 1000);
  const q2 = askQuestion(db, answerer, { title: 'Segunda pregunta de la matriz', body: 'Cuerpo de la segunda pregunta de la matriz.', category: 'internet', locale: 'es' }, NOW - 1000);
  const a = answerQuestion(db, answerer, q.id, { body: 'Respuesta base de la matriz de permisos.' }, NOW - 900);
  if (action === 'unaccept') acceptAnswer(db, asker, a.id, NOW - 800);
  if (action === 'dismissFlags') flagContent(db, victim, { type: 'answer', id: a.id }, { reason: 'spam' }, NOW - 700);
  const hiddenComment = commentOnPost(db, victim, a.id, { body: 'Un comentario que se ocultó.' }, NOW - 600).id;
  db.update(comments).set({ status: 'hidden' }).run();
  const account: Actor | null =
    who === 'anonymous'
      ? null
      : who === 'asker'
        ? asker
        : who === 'answerer'
          ? answerer
          : who === 'suspended'
            ? { ...(await createMember(db)), suspendedUntil: NOW + 1000 }
            : who === 'categoryModerator'
              ? await createMember(db).then((m) => (db.insert(categoryModerators).values({ categoryId: category.id, userId: m.id }).run(), m))
              : who === 'reputed'
                ? await createMember(db).then((m) => (grantReputation(db, m.id, 5000, NOW - 2000), m))
                : await createMember(db, who);
  if (suspended && account) db.update(users).set({ suspendedUntil: NOW + 1000 }).where(eq(users.id, account.id)).run();
  const actor = suspended && account ? { ...account, suspendedUntil: NOW + 1000 } : account;
  try {
    ACTIONS[action]!({ db, actor, q: q.id, a: a.id, q2: q2.id, victim: victim.id, hiddenComment, category: category.id });
    return Y;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

describe('permission matrix: every role × every community action', () => {
  for (const action of Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]) {
    it(action, async () => {
      const got: string[] = [];
      for (const who of WHO) got.push(await outcome(action, who));
      expect(Object.fromEntries(WHO.map((w, i) => [w, got[i]]))).toEqual(Object.fromEntries(WHO.map((w, i) => [w, MATRIX[action]![i]])));
    });
  }
});

describe('permission matrix: a suspended account of every role is granted exactly what a suspended member is', () => {
  const roles = WHO.filter((w) => w !== 'anonymous' && w !== 'suspended');
  for (const action of Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]) {
    it(action, async () => {
      const got: string[] = [];
      for (const who of roles) got.push(await outcome(action, who, true));
      expect(Object.fromEntries(roles.map((w, i) => [w, got[i]]))).toEqual(Object.fromEntries(roles.map((w) => [w, MATRIX[action]![1]])));
    });
  }
});
