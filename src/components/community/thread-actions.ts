import { actions } from 'astro:actions';
import type { ThreadFormPaths } from './thread-html';

/**
 * The thread page's form actions, taken once: every read of `actions.community.vote` builds a new action function and
 * its `?_action=` query string, and a thread page has dozens of forms.
 */
export const THREAD_ACTIONS = {
  answer: actions.community.answer,
  accept: actions.community.accept,
  unaccept: actions.community.unaccept,
  vote: actions.community.vote,
  comment: actions.community.comment,
  follow: actions.community.follow,
  meToo: actions.community.meToo,
  delete: actions.community.delete,
  undelete: actions.community.undelete,
  flag: actions.community.flag,
  content: actions.moderation.content,
  thread: actions.moderation.thread,
  escalate: actions.cases.escalate,
};

/** The `action` attributes of the thread page's forms (components/community/thread-html.ts and post-html.ts). */
export const THREAD_FORM_PATHS: ThreadFormPaths = {
  answer: String(THREAD_ACTIONS.answer),
  follow: String(THREAD_ACTIONS.follow),
  meToo: String(THREAD_ACTIONS.meToo),
  undelete: String(THREAD_ACTIONS.undelete),
  thread: String(THREAD_ACTIONS.thread),
  escalate: String(THREAD_ACTIONS.escalate),
  vote: String(THREAD_ACTIONS.vote),
  accept: String(THREAD_ACTIONS.accept),
  unaccept: String(THREAD_ACTIONS.unaccept),
  delete: String(THREAD_ACTIONS.delete),
  content: String(THREAD_ACTIONS.content),
  flag: String(THREAD_ACTIONS.flag),
  comment: String(THREAD_ACTIONS.comment),
};
