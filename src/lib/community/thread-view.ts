import type { Db } from '../../../db/client';
import { inOneRead } from '../../../db/prepared';
import {
  answerRefusal,
  canAccept,
  canCloseDirectly,
  canComment,
  canDeletePost,
  canEditPost,
  canFlag,
  canFollow,
  canMeToo,
  canModerateThread,
  canPromoteToKb,
  canUndeletePost,
  canVote,
  canUsePrivilege,
  canVoteToClose,
  type PostFacts,
} from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { loadSettings } from '../reputation/ledger';
import { DEFAULT_SETTINGS } from '../reputation/settings';
import { listCategories, type Category } from './categories';
import { commentsOfThread, type ThreadComment } from './comment-post';
import { threadRelations } from './follow-question';
import { getThread, type Thread, type ThreadAnswer } from './get-thread';
import { visibleThread } from './visibility';
import { questionPath } from './slug';
import { loadStanding, trustLevelOf } from './standing';
import { isThreadIndexable, qaPageJsonLd, threadBreadcrumbJsonLd } from './structured-data';
import { votesOf } from './vote-post';

type PostStatus = PostFacts['status'];

/** The tools under a post: votes, edit, delete, flag, moderation links. */
export interface PostTools {
  postId: number;
  kind: 'question' | 'answer';
  score: number;
  /** The viewer's vote: -1, 0 or 1. */
  myVote: number;
  mayVote: boolean;
  /** Voting down takes the voteDown privilege; a member's own down vote can always be undone. */
  mayVoteDown: boolean;
  mayEdit: boolean;
  mayDelete: boolean;
  mayFlag: boolean;
  mayModerate: boolean;
  status: PostStatus;
}

export interface CommentView extends ThreadComment {
  mayFlag: boolean;
}

export interface PostView {
  tools: PostTools;
  comments: CommentView[];
  mayComment: boolean;
}

export interface AnswerView extends PostView {
  answer: ThreadAnswer;
  /** The acceptance form the post offers: accept it, take the acceptance back, or none. */
  acceptance: 'accept' | 'unaccept' | null;
}

export interface QuestionView extends PostView {
  mayUndelete: boolean;
  mayFollow: boolean;
  mayMeToo: boolean;
  following: boolean;
  meToo: boolean;
}

export interface ThreadView {
  thread: Thread;
  /** 410 for a deleted thread. */
  status: 200 | 410;
  canonical: string;
  /** A deleted thread's text shows only to its author and its moderators. */
  showContent: boolean;
  /** The viewer moderates this thread (site moderator or moderator of its category): the moderation panel. */
  moderator: boolean;
  question: QuestionView;
  answers: AnswerView[];
  /** The thread this one was closed as a duplicate of; `live` when it is not deleted (crawlers are sent there). */
  duplicateOf: { title: string; path: string; live: boolean } | null;
  /** Categories the moderation panel may move the thread to. */
  moveTargets: Category[];
  /** Superusers close directly, trusted members (trust level 2+) cast close votes; moderators use their panel. */
  mayCloseAsMember: boolean;
  /** Under the answers: the answer form, the locked notice, a sign-in link, or nothing. */
  answerBox: 'form' | 'locked' | 'signIn' | null;
  /** Editors, moderators and superusers turn a solved thread into a KB draft. */
  mayPromote: boolean;
  jsonLd: object[];
  noindex: boolean;
}

export interface ThreadViewOptions {
  /** Configured delay before moderators, agents and superusers may accept on the asker's behalf. */
  acceptOnBehalfAfterMs: number;
  /** Public origin without trailing slash, for JSON-LD. */
  site: string;
}

/**
 * Everything the thread page shows to `actor`, and which tools each post offers them. Null when the thread does not
 * exist or the actor may not see it (the page answers 404).
 */
export function threadView(db: Db, actor: Actor | null, questionId: number, now: number, options: ThreadViewOptions): ThreadView | null {
  // One read transaction: the view's dozen queries take the database's locks once, not once each.
  return inOneRead(db, () => readThreadView(db, actor, questionId, now, options));
}

function readThreadView(db: Db, actor: Actor | null, questionId: number, now: number, options: ThreadViewOptions): ThreadView | null {
  const visible = visibleThread(db, actor, questionId, now);
  if (!visible) return null;
  const { thread, scope } = visible;
  const q = thread.question;
  const questionFacts = { authorId: q.author.id, deletedAt: q.deletedAt, status: q.status, lockedAt: q.lockedAt, deletedBy: q.deletedBy };
  // Annotated so TypeScript does not narrow `actor` through this alias of a type guard.
  const moderator: boolean = canModerateThread(actor, scope, q.category.id, now);

  // The reader's reputation against the privilege thresholds (voting down, flagging, commenting elsewhere, editing…),
  // taken from the member's standing row, which the close-vote rule reads too: one query, not two.
  const memberStanding = actor ? loadStanding(db, actor.id) : null;
  const standing = memberStanding ? { reputation: memberStanding.reputation ?? 0, thresholds: loadSettings(db).thresholds } : { reputation: 0, thresholds: DEFAULT_SETTINGS.thresholds };
  const myVotes = actor ? votesOf(db, actor.id, [q.id, ...thread.answers.map((a) => a.id)]) : new Map<number, number>();
  const commentMap = commentsOfThread(db, q.id, moderator);
  const postView = (post: { id: number; author: { id: number }; score: number; status: PostStatus }, kind: 'question' | 'answer'): PostView => {
    const facts = { authorId: post.author.id, deletedAt: q.deletedAt, status: post.status, lockedAt: q.lockedAt };
    return {
      tools: {
        postId: post.id,
        kind,
        score: post.score,
        myVote: myVotes.get(post.id) ?? 0,
        mayVote: canVote(actor, facts, now),
        mayVoteDown: canVote(actor, facts, now) && canUsePrivilege(actor, 'voteDown', standing, now),
        mayEdit: canEditPost(actor, facts, now, standing),
        mayDelete: canDeletePost(actor, facts, now),
        mayFlag: canFlag(actor, facts, now, standing),
        mayModerate: moderator,
        status: post.status,
      },
      comments: (commentMap.get(post.id) ?? []).map((c) => ({ ...c, mayFlag: canFlag(actor, { authorId: c.authorId, deletedAt: null, status: c.status }, now, standing) })),
      mayComment: canComment(actor, facts, now, standing, q.author.id),
    };
  };

  const relations = actor ? threadRelations(db, q.id, actor.id) : { following: false, meToo: false };
  const mayAccept = (answerAuthorId: number) => canAccept(actor, { authorId: q.author.id, createdAt: q.createdAt, deletedAt: q.deletedAt, answerAuthorId }, now, options.acceptOnBehalfAfterMs, actor ? standing : null);
  const refusal = answerRefusal(actor, questionFacts, now);
  const original = q.duplicateOfId !== null ? getThread(db, q.duplicateOfId) : null;
  const publishedAnswers = thread.answers.filter((a) => a.status === 'published');

  return {
    thread,
    status: q.deletedAt === null ? 200 : 410,
    canonical: questionPath(q.locale, q),
    showContent: q.deletedAt === null || moderator || actor?.id === q.author.id,
    moderator,
    question: {
      ...postView(q, 'question'),
      mayUndelete: canUndeletePost(actor, questionFacts, now),
      mayFollow: canFollow(actor, questionFacts, now),
      mayMeToo: canMeToo(actor, questionFacts, now),
      ...relations,
    },
    answers: thread.answers.map((a) => ({
      ...postView(a, 'answer'),
      answer: a,
      acceptance: !mayAccept(a.author.id) ? null : a.accepted ? 'unaccept' : a.status === 'published' ? 'accept' : null,
    })),
    duplicateOf: original && { title: original.question.title, path: questionPath(original.question.locale, original.question), live: original.question.deletedAt === null },
    moveTargets: moderator ? listCategories(db).filter((c) => canModerateThread(actor, scope, c.id, now)) : [],
    mayCloseAsMember:
      !moderator &&
      actor !== null &&
      memberStanding !== null &&
      q.closedAt === null &&
      q.deletedAt === null &&
      (canCloseDirectly({ ...actor }, now) || canVoteToClose({ ...actor }, trustLevelOf(actor, memberStanding, now), now, standing)),
    answerBox: refusal === null ? 'form' : refusal.reason === 'locked' ? 'locked' : refusal.reason === 'signedOut' ? 'signIn' : null,
    mayPromote: canPromoteToKb(actor, { deletedAt: q.deletedAt, solved: thread.acceptedAnswerId !== null }, now),
    jsonLd:
      q.status === 'published' && q.deletedAt === null
        ? [...(publishedAnswers.length ? [qaPageJsonLd({ ...thread, answers: publishedAnswers }, options.site)] : []), threadBreadcrumbJsonLd(thread, options.site)]
        : [],
    noindex: !isThreadIndexable(thread, now),
  };
}
