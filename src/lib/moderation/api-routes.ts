import type { ApiRoute } from '../api/route';
import { auditPageShape, contentCommandResultShape, flagRefShape, hiddenListShape, liftedShape, moderationQueueShape, suspendedShape, threadCommandResultShape } from './api-shapes';
import { auditQuerySchema } from './audit';
import { contentCommandSchema, threadCommandSchema } from './commands';
import { postFlagSchema } from './flags';
import { suspendSchema, unsuspendSchema } from './moderate';

export const MODERATION_ROUTES: ApiRoute[] = [
  {
    method: 'post',
    path: '/posts/{id}/flags',
    summary: 'Flag a question or an answer (or one of its comments with commentId) for moderators; one flag per member',
    auth: 'signed-in',
    body: { schema: postFlagSchema },
    responses: {
      201: { description: 'Flagged', schema: flagRefShape },
      200: { description: 'Already flagged by you', schema: flagRefShape },
    },
    errors: [400, 401, 403, 404, 429],
  },
  {
    method: 'get',
    path: '/moderation/queue',
    summary: 'Open flags (most flagged first) with counts per reason, and posts waiting for pre-moderation; category moderators see their categories only; members holding the seeFlagQueue privilege see the open flags read-only (no pending posts)',
    auth: 'signed-in',
    responses: { 200: { description: 'The queue', schema: moderationQueueShape } },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/moderation/hidden',
    summary: 'Hidden questions, answers and comments with who hid them, when and why (moderators; category moderators: their categories)',
    auth: 'signed-in',
    responses: { 200: { description: 'Hidden content', schema: hiddenListShape } },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/moderation/audit',
    summary: 'The audit log of every moderator and automatic action, newest first (site moderators); cursor pagination',
    auth: 'signed-in',
    query: auditQuerySchema,
    responses: { 200: { description: 'A page of actions', schema: auditPageShape } },
    errors: [400, 401, 403],
  },
  {
    method: 'post',
    path: '/moderation/content',
    summary: 'Hide, restore, approve or reject a question, answer or comment; uphold or dismiss its flags (moderators of its category)',
    auth: 'signed-in',
    body: { schema: contentCommandSchema },
    responses: { 200: { description: 'The new status', schema: contentCommandResultShape } },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/questions/{id}/moderation',
    summary: 'Lock, unlock, pin, unpin, reopen, move (category), retag (tags) or close as a duplicate (duplicateOf, merge) the thread (moderators of its category)',
    auth: 'signed-in',
    body: { schema: threadCommandSchema },
    responses: { 200: { description: 'Done', schema: threadCommandResultShape } },
    errors: [400, 401, 403, 404, 409],
  },
  {
    method: 'post',
    path: '/members/{id}/suspension',
    summary: 'Suspend a member for a number of days, with a reason (moderators)',
    auth: 'signed-in',
    body: { schema: suspendSchema },
    responses: { 200: { description: 'Suspended', schema: suspendedShape } },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'delete',
    path: '/members/{id}/suspension',
    summary: 'Lift a suspension (moderators); an optional JSON body {reason} goes to the audit log',
    auth: 'signed-in',
    body: { schema: unsuspendSchema, required: false },
    responses: { 200: { description: 'Lifted', schema: liftedShape } },
    errors: [400, 401, 403, 404],
  },
];
