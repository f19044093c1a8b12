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
};
