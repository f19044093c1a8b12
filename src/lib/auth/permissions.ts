import type { Role } from '../../../db/schema/accounts';
import type { Refusal } from '../errors';
import type { Privilege, Thresholds } from '../reputation/settings';
import type { Actor } from './sessions';

/**
 * Every authorization rule of the product lives here, as pure predicates over the actor and the thing. A suspended
 * account (its sessions and its access tokens alike) is granted nothing an anonymous visitor is not: every grant below
 * goes through `isActive(actor, now)`.
 */

const STAFF: readonly Role[] = ['agent', 'admin'];
const MODERATORS: readonly Role[] = ['moderator', 'admin'];

export function isSuspended(actor: Actor, now: number): boolean {
  return actor.suspendedUntil !== null && actor.suspendedUntil > now;
}

/** Signed in and not suspended: what every grant starts from. */
export function isActive(actor: Actor | null, now: number): actor is Actor {
  return actor !== null && !isSuspended(actor, now);
}

export function isStaff(actor: Actor | null, now: number): boolean {
  return isActive(actor, now) && STAFF.includes(actor.role);
}

export function canAsk(actor: Actor | null, now: number): actor is Actor {
  return isActive(actor, now);
}

/** What answering needs to know about the question. */
export interface AnswerFacts {
  authorId: number;
  deletedAt: number | null;
  lockedAt: number | null;
  status: 'published' | 'pending' | 'hidden';
}

/**
 * Why `actor` may not answer `question` (null: they may). A locked thread takes no answers from anyone; then one must
 * be signed in and not suspended, and the question neither deleted nor unpublished (waiting for a moderator, hidden:
 * not found for those who cannot see it).
 */
export function answerRefusal(actor: Actor | null, question: AnswerFacts, now: number): Refusal<'locked' | 'signedOut' | 'forbidden' | 'notFound' | 'unpublished'> | null {
  if (question.lockedAt !== null) return { reason: 'locked', code: 'FORBIDDEN', message: 'This thread is locked.', fields: { _: 'thread.lockedNotice' } };
  if (actor === null) return { reason: 'signedOut', code: 'UNAUTHORIZED', message: 'Sign in to answer.' };
  if (isSuspended(actor, now) || question.deletedAt !== null) return { reason: 'forbidden', code: 'FORBIDDEN', message: 'You cannot answer this question.' };
  if (question.status !== 'published') {
    if (!canViewPost(actor, question, now)) return { reason: 'notFound', code: 'NOT_FOUND', message: 'No such question.' };
    return { reason: 'unpublished', code: 'FORBIDDEN', message: 'The question is not published.', fields: { _: question.status === 'pending' ? 'thread.pendingNotice' : 'thread.hiddenNotice' } };
  }
  return null;
}

export function canAnswer(actor: Actor | null, question: AnswerFacts, now: number): actor is Actor {
  return answerRefusal(actor, question, now) === null;
}

/** Default delay after which moderators, agents and superusers may accept on the asker's behalf (ACCEPT_ON_BEHALF_AFTER_DAYS). */
export const ACCEPT_ON_BEHALF_DELAY_MS = 7 * 24 * 3600 * 1000;

/**
 * The asker accepts at any time; moderators, agents, superusers and members holding `acceptOnBehalf` (their `standing`)
 * once the question is `onBehalfAfterMs` old (configured), and never their own answer on the asker's behalf.
 */
export function canAccept(
  actor: Actor | null,
  question: { authorId: number; createdAt: number; deletedAt: number | null; answerAuthorId: number },
  now: number,
  onBehalfAfterMs: number = ACCEPT_ON_BEHALF_DELAY_MS,
  standing: ReputationStanding | null = null,
): actor is Actor {
  if (actor === null || isSuspended(actor, now) || question.deletedAt !== null) return false;
  if (actor.id === question.authorId) return true;
  const onBehalf: readonly Role[] = ['superuser', 'moderator', 'agent', 'admin'];
  const holds = onBehalf.includes(actor.role) || (standing !== null && canUsePrivilege(actor, 'acceptOnBehalf', standing, now));
  return holds && actor.id !== question.answerAuthorId && now - question.createdAt >= onBehalfAfterMs;
}

export function canViewMailOutbox(actor: Actor | null, now: number): boolean {
  return isActive(actor, now) && actor.role === 'admin';
}

export function canManageUsers(actor: Actor | null, now: number): boolean {
  return isActive(actor, now) && actor.role === 'admin';
}

export function canModerate(actor: Actor | null, now: number): boolean {
  return isActive(actor, now) && MODERATORS.includes(actor.role);
}

/** Area gates used by the middleware: whole sections of the site. */
export function canEnterArea(actor: Actor | null, area: 'admin' | 'agent' | 'reports', now: number): boolean {
  if (!isActive(actor, now)) return false;
  if (area === 'reports') return canReadReports(actor, now);
  return area === 'admin' ? actor.role === 'admin' : STAFF.includes(actor.role);
}

// reports
/** The KPI reports, their exports and the KPI API: admins, and support leads (the `lead` flag) whatever their role. */
export function canReadReports(actor: Actor | null, now: number): actor is Actor {
  return isActive(actor, now) && (actor.role === 'admin' || actor.lead === true);
}

/** Who gets the weekly KPI digest by mail: the same people as read the reports, unless suspended. */
export function receivesKpiDigest(actor: Actor, now: number): boolean {
  return canReadReports(actor, now);
}

// kb
const EDITORS: readonly Role[] = ['agent', 'moderator', 'admin'];

/** Editors write the knowledge base in the app: create, edit, submit, publish, archive, restore revisions. */
export function canEditArticles(actor: Actor | null, now: number): actor is Actor {
  return isActive(actor, now) && EDITORS.includes(actor.role);
}

/** Promote a solved thread to a KB draft: agents, moderators, superusers and admins. */
export function canPromoteToKb(actor: Actor | null, question: { deletedAt: number | null; solved: boolean }, now: number): actor is Actor {
  return isActive(actor, now) && (EDITORS.includes(actor.role) || actor.role === 'superuser') && question.deletedAt === null && question.solved;
}

/** Incidents (service status) are posted and resolved by admins. */
export function canManageIncidents(actor: Actor | null, now: number): actor is Actor {
  return isActive(actor, now) && actor.role === 'admin';
}

/** Agents, moderators and admins tie threads to a known incident (their followers hear when it is resolved). */
export function canLinkQuestionToIncident(actor: Actor | null, now: number): actor is Actor {
  return isActive(actor, now) && (['agent', 'moderator', 'admin'] as const).some((r) => r === actor.role);
}

// support
/** A sender sees their own request's acknowledgement: the same member, or the same visitor cookie. */
export function canViewOwnContactRequest(viewer: { userId: number | null; visitorId: string | null }, request: { userId: number | null; visitorId: string | null }): boolean {
  return (request.userId !== null && request.userId === viewer.userId) || (request.visitorId !== null && request.visitorId === viewer.visitorId);
}

// community

/** What the community rules need to know about a post (question, answer or comment) and its thread. */
export interface PostFacts {
  authorId: number;
  deletedAt: number | null;
  status: 'published' | 'pending' | 'hidden';
  /** The thread's lock; a locked thread takes no new answers, comments or votes. */
  lockedAt?: number | null;
}

/** Roles that may edit others' posts and close duplicates directly. */
const CURATORS: readonly Role[] = ['superuser', 'moderator', 'agent', 'admin'];

/** Trust level 0 (new) … 4; staff and moderators count as 4, superusers as 3. */
export function effectiveTrustLevel(actor: Pick<Actor, 'role'>, trustLevel: number): number {
  if (actor.role === 'admin' || actor.role === 'moderator' || actor.role === 'agent') return 4;
  if (actor.role === 'superuser') return Math.max(3, trustLevel);
  return trustLevel;
}

function isVisible(post: Pick<PostFacts, 'deletedAt' | 'status'>): boolean {
  return post.deletedAt === null && post.status === 'published';
}

/** A post as every view of it is decided on: its own state, its thread's category, and for an answer its question. */
export interface VisibilityFacts {
  authorId: number;
  deletedAt: number | null;
  status: PostFacts['status'];
  /** The thread's category: its category moderators see what is not public in it. */
  categoryId?: number;
  /** For an answer (or a comment), the thread's question: a post is never more visible than its thread. */
  question?: { authorId: number; deletedAt: number | null; status: PostFacts['status'] } | null;
}

/** Public: published and not deleted, in a published, not deleted thread. Its SQL form: community/visibility.ts. */
export function isPublicPost(post: VisibilityFacts): boolean {
  return isVisible(post) && (!post.question || isVisible(post.question));
}

/**
 * The one visibility rule, for every view of a post (thread page, revision history and its diffs, API, search and
 * suggestions, similar questions, profile lists, sitemaps): public posts to everyone; the others to the thread's
 * moderators (site moderators, and category moderators for the categories in `scope`) and, unless deleted, to their
 * author (an answer's author only while the question is theirs to see too). Suspended accounts see what anonymous
 * visitors see.
 */
export function canViewPost(actor: Actor | null, post: VisibilityFacts, now: number, scope: readonly number[] | null = null): boolean {
  if (isPublicPost(post)) return true;
  if (!isActive(actor, now)) return false;
  if (canModerate(actor, now) || (post.categoryId !== undefined && scope !== null && scope.includes(post.categoryId))) return true;
  const seenByAuthor = (p: { authorId: number; deletedAt: number | null; status: PostFacts['status'] }) => isVisible(p) || (p.authorId === actor.id && p.deletedAt === null);
  return seenByAuthor(post) && (!post.question || seenByAuthor(post.question));
}

export function canVote(actor: Actor | null, post: PostFacts, now: number): actor is Actor {
  return isActive(actor, now) && actor.id !== post.authorId && isVisible(post) && !post.lockedAt;
}

/**
 * Members comment on their own posts and anywhere in their own threads (`threadAuthorId`); elsewhere it takes the
 * `commentAnywhere` privilege.
 */
export function canComment(actor: Actor | null, post: PostFacts, now: number, standing: ReputationStanding, threadAuthorId: number): actor is Actor {
  if (!isActive(actor, now) || !isVisible(post) || (post.lockedAt && !canModerate(actor, now))) return false;
  return actor.id === post.authorId || actor.id === threadAuthorId || canUsePrivilege(actor, 'commentAnywhere', standing, now);
}

export function canFollow(actor: Actor | null, question: PostFacts, now: number): actor is Actor {
  return isActive(actor, now) && canViewPost(actor, question, now);
}

/** "Me too" is for other members affected by the same problem, not the asker. */
export function canMeToo(actor: Actor | null, question: PostFacts, now: number): actor is Actor {
  return isActive(actor, now) && actor.id !== question.authorId && isVisible(question);
}

/**
 * Authors edit their own posts; superusers, agents, moderators and members holding `editOthers` (their `standing`) edit
 * anyone's. Locked threads: moderators only.
 */
export function canEditPost(actor: Actor | null, post: PostFacts, now: number, standing: ReputationStanding | null = null): actor is Actor {
  if (!isActive(actor, now) || post.deletedAt !== null) return false;
  if (post.lockedAt) return canModerate(actor, now);
  return actor.id === post.authorId || CURATORS.includes(actor.role) || (standing !== null && canUsePrivilege(actor, 'editOthers', standing, now));
}

/** Authors delete their own posts, moderators anyone's. */
export function canDeletePost(actor: Actor | null, post: PostFacts, now: number): actor is Actor {
  return isActive(actor, now) && post.deletedAt === null && (actor.id === post.authorId || canModerate(actor, now));
}

/** Authors undelete what they deleted themselves; moderators undelete anything. */
export function canUndeletePost(actor: Actor | null, post: PostFacts & { deletedBy: number | null }, now: number): actor is Actor {
  return isActive(actor, now) && post.deletedAt !== null && (canModerate(actor, now) || (actor.id === post.authorId && post.deletedBy === actor.id));
}

/** Flagging others' posts takes the `flag` privilege. */
export function canFlag(actor: Actor | null, post: PostFacts, now: number, standing: ReputationStanding): actor is Actor {
  return isActive(actor, now) && actor.id !== post.authorId && post.deletedAt === null && canUsePrivilege(actor, 'flag', standing, now);
}

/**
 * Who reads a thread, for its answer list. `moderator`: sees pending and hidden answers everywhere (true), nowhere
 * (false), or in these categories only (a category moderator's scope).
 */
export interface ThreadReader {
  id: number;
  moderator: boolean | readonly number[];
}

/** The reader a thread's answers are shown to: none (as anonymous) for a visitor or a suspended account. */
export function threadReader(actor: Actor | null, scope: readonly number[] | null, now: number): ThreadReader | null {
  if (!isActive(actor, now)) return null;
  return { id: actor.id, moderator: canModerate(actor, now) || (scope ?? []) };
}

/** Moderates threads of this category: a site moderator (scope null), or one of the categories in `scope`. */
export function canModerateThread(actor: Actor | null, scope: readonly number[] | null, categoryId: number, now: number): actor is Actor {
  return isActive(actor, now) && (canModerate(actor, now) || (scope?.includes(categoryId) ?? false));
}

/** In a thread, pending and hidden answers show only to its moderators; a pending answer also to its author. */
export function canSeeAnswer(reader: ThreadReader | null, categoryId: number, answer: { authorId: number; status: PostFacts['status'] }): boolean {
  if (answer.status === 'published') return true;
  if (reader === null) return false;
  if (reader.moderator === true || (reader.moderator !== false && reader.moderator.includes(categoryId))) return true;
  return answer.status === 'pending' && answer.authorId === reader.id;
}

/** Only plain members' first posts wait for pre-moderation (see needsPremoderation); other roles publish at once. */
export function canSkipPremoderation(actor: Pick<Actor, 'role'>): boolean {
  return actor.role !== 'member';
}

/** Site moderators, or the category's own moderators for threads in their category. */
export function canModerateCategory(actor: Actor | null, categoryModeratorIds: readonly number[], now: number): actor is Actor {
  return isActive(actor, now) && (canModerate(actor, now) || categoryModeratorIds.includes(actor.id));
}

/** Closing as a duplicate directly (members cast close votes instead). */
export function canCloseDirectly(actor: Actor | null, now: number): actor is Actor {
  return isActive(actor, now) && (canModerate(actor, now) || actor.role === 'superuser');
}

/** Close votes: trust level 2 (age and activity earn it) or the `voteToClose` privilege (reputation). */
export function canVoteToClose(actor: Actor | null, trustLevel: number, now: number, standing: ReputationStanding | null = null): actor is Actor {
  return isActive(actor, now) && (effectiveTrustLevel(actor, trustLevel) >= 2 || (standing !== null && canUsePrivilege(actor, 'voteToClose', standing, now)));
}

/** Suspending is for moderators; only admins may suspend moderators, and nobody suspends an admin. */
export function canSuspend(actor: Actor | null, target: { id: number; role: Role }, now: number): actor is Actor {
  if (!isActive(actor, now) || !canModerate(actor, now) || actor.id === target.id || target.role === 'admin') return false;
  return target.role !== 'moderator' || actor.role === 'admin';
}

/** New tags need trust level 1 (past day one) or the `createTags` privilege (reputation); existing tags anyone may use. */
export function canCreateTag(actor: Actor | null, trustLevel: number, now: number, standing: ReputationStanding | null = null): boolean {
  return isActive(actor, now) && (effectiveTrustLevel(actor, trustLevel) >= 1 || (standing !== null && canUsePrivilege(actor, 'createTags', standing, now)));
}

/** Flags from members at this trust level or above count towards automatic hiding. */
export const TRUSTED_FLAGGER_LEVEL = 2;

// community: categories, tags, category moderators

/** Categories (tree, names, descriptions, position, category moderators) are configured by admins. */
export function canManageCategories(actor: Actor | null, now: number): actor is Actor {
  return isActive(actor, now) && actor.role === 'admin';
}

/** Moving a thread takes moderating both the category it leaves and the one it enters. */
export function canMoveThread(actor: Actor | null, fromModeratorIds: readonly number[], toModeratorIds: readonly number[], now: number): actor is Actor {
  return canModerateCategory(actor, fromModeratorIds, now) && canModerateCategory(actor, toModeratorIds, now);
}

/** Tag descriptions and synonyms are curated by site moderators. */
export function canManageTags(actor: Actor | null, now: number): actor is Actor {
  return canModerate(actor, now);
}

/** The moderation area: site moderators, and members who moderate at least one category (they see only theirs). */
export function canEnterModeration(actor: Actor | null, moderatedCategories: number, now: number): actor is Actor {
  return isActive(actor, now) && (canModerate(actor, now) || moderatedCategories > 0);
}

// reputation

/** A member's reputation and the privilege thresholds in force (reputation settings). */
export interface ReputationStanding {
  reputation: number;
  thresholds: Thresholds;
}

/**
 * Why `actor` does not hold a privilege earned by reputation (null: they do). Moderators, agents and admins hold them
 * all; superusers all but the flag queue; a suspended account none; a member from the privilege's threshold on.
 */
export function privilegeRefusal(actor: Actor | null, privilege: Privilege, standing: ReputationStanding, now: number): Refusal<'signedOut' | 'suspended' | 'reputation'> | null {
  if (actor === null) return { reason: 'signedOut', code: 'UNAUTHORIZED', message: 'Sign in first.' };
  if (isSuspended(actor, now)) return { reason: 'suspended', code: 'FORBIDDEN', message: 'Your account is suspended.' };
  if (MODERATORS.includes(actor.role) || actor.role === 'agent') return null;
  if (actor.role === 'superuser' && privilege !== 'seeFlagQueue') return null;
  const threshold = standing.thresholds[privilege];
  if (standing.reputation >= threshold) return null;
  return {
    reason: 'reputation',
    code: 'FORBIDDEN',
    message: `This takes ${threshold} reputation.`,
    fields: { _: `privilege.needs.${privilege}` },
    fieldVars: { _: { threshold, missing: threshold - standing.reputation } },
  };
}

export function canUsePrivilege(actor: Actor | null, privilege: Privilege, standing: ReputationStanding, now: number): actor is Actor {
  return privilegeRefusal(actor, privilege, standing, now) === null;
}

/** Leaderboards, badges and rewards pages are public; redeeming needs an active account. */
export function canRedeemRewards(actor: Actor | null, now: number): actor is Actor {
  return isActive(actor, now);
}

/** Rewards catalog, grants, fulfilment, reputation settings and badge rules: admins. */
export function canManageReputation(actor: Actor | null, now: number): actor is Actor {
  return isActive(actor, now) && actor.role === 'admin';
}

/** Superuser candidates, nominations and revocations, badge revocations: site moderators and admins. */
export function canManageSuperusers(actor: Actor | null, now: number): actor is Actor {
  return isActive(actor, now) && canModerate(actor, now);
}

/** The superusers' private area: active superusers (and staff, who can see what they see). */
export function canEnterSuperuserArea(actor: Actor | null, now: number): actor is Actor {
  return isActive(actor, now) && (actor.role === 'superuser' || canModerate(actor, now) || actor.role === 'agent');
}

/** A member may be nominated when active and not staff or already a superuser. */
export function canBeNominated(member: { role: Role; suspendedUntil: number | null }, now: number): boolean {
  return member.role === 'member' && !(member.suspendedUntil !== null && member.suspendedUntil > now);
}

/** Members' ledgers are shown to themselves and to moderators and admins. */
export function canViewLedger(actor: Actor | null, memberId: number, now: number): boolean {
  return actor !== null && (actor.id === memberId || canModerate(actor, now));
}

// deflection
/** Widget origins, deflection surfaces, the number of suggestions and the cost per case are set by admins. */
export function canManageDeflection(actor: Actor | null, now: number): actor is Actor {
  return isActive(actor, now) && actor.role === 'admin';
}

// cases and escalation

/** Agents and admins work cases: the agent workspace, replies, notes, status, priority and assignment. */
export function canWorkCases(actor: Actor | null, now: number): actor is Actor {
  return isActive(actor, now) && STAFF.includes(actor.role);
}

/** Admins configure escalation rules, calendars, SLA policies, queues, agents' skills, macros, webhooks, tiers. */
export function canManageCaseSettings(actor: Actor | null, now: number): actor is Actor {
  return isActive(actor, now) && actor.role === 'admin';
}

/** Moderators, agents, superusers and admins escalate a thread to support. */
export function canEscalateQuestion(actor: Actor | null, question: { deletedAt: number | null }, now: number): actor is Actor {
  return isActive(actor, now) && question.deletedAt === null && (['superuser', 'moderator', 'agent', 'admin'] as const).some((r) => r === actor.role);
}

/** The asker asks for a human on their own thread. */
export function canAskForHuman(actor: Actor | null, question: { authorId: number; deletedAt: number | null }, now: number): actor is Actor {
  return isActive(actor, now) && question.deletedAt === null && actor.id === question.authorId;
}

/** Staff see every case; a member sees the cases opened for them. */
export function canViewCase(actor: Actor | null, kase: { userId: number | null }, now: number): actor is Actor {
  if (!isActive(actor, now)) return false;
  return STAFF.includes(actor.role) || (kase.userId !== null && kase.userId === actor.id);
}

// staff navigation
export const STAFF_AREAS = ['editor', 'review', 'moderation', 'hidden', 'audit', 'tags', 'agent', 'incidents', 'categories', 'caseSettings', 'deflection', 'reports', 'mail'] as const;
export type StaffArea = (typeof STAFF_AREAS)[number];

/**
 * The staff areas an actor may enter, in menu order: each is the gate its page checks, so the staff navigation links
 * every area a role can open and nothing it cannot. `moderatedCategories`: how many categories they moderate; `now`:
 * the time the case gates (suspension) are read at. Contact requests became cases: the agent workspace replaces them.
 */
export function staffAreas(actor: Actor | null, moderatedCategories: number, now: number): StaffArea[] {
  // Agents hold every reputation privilege, the read-only flag queue included (flagQueueAccess).
  const agentReadsFlagQueue = actor !== null && actor.role === 'agent' && isActive(actor, now);
  const may: Record<StaffArea, boolean> = {
    editor: canEditArticles(actor, now),
    review: canEditArticles(actor, now),
    moderation: canEnterModeration(actor, moderatedCategories, now) || agentReadsFlagQueue,
    hidden: canEnterModeration(actor, moderatedCategories, now),
    audit: canModerate(actor, now),
    tags: canManageTags(actor, now),
    agent: canWorkCases(actor, now),
    incidents: canManageIncidents(actor, now),
    categories: canManageCategories(actor, now),
    caseSettings: canManageCaseSettings(actor, now),
    deflection: canManageDeflection(actor, now),
    reports: canReadReports(actor, now),
    mail: canViewMailOutbox(actor, now),
  };
  return STAFF_AREAS.filter((area) => may[area]);
}
