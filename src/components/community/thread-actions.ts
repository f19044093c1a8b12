import { actions } from 'astro:actions';

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

/** The `action` attributes of the per-post forms (components/community/post-html.ts). */
export const THREAD_FORM_PATHS = {
  vote: String(THREAD_ACTIONS.vote),
  accept: String(THREAD_ACTIONS.accept),
  unaccept: String(THREAD_ACTIONS.unaccept),
  delete: String(THREAD_ACTIONS.delete),
  content: String(THREAD_ACTIONS.content),
  flag: String(THREAD_ACTIONS.flag),
  comment: String(THREAD_ACTIONS.comment),
};
