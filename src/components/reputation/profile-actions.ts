import { actions } from 'astro:actions';

/** The member profile's form actions, taken once (each read of `actions.x.y` builds a new action function). */
export const PROFILE_ACTIONS = {
  member: actions.moderation.member,
  revokeBadge: actions.reputation.revokeBadge,
  respond: actions.reputation.respond,
};

/** The revoke form's `action` attribute, written beside every badge (profile-html.ts). */
export const REVOKE_BADGE_PATH = String(PROFILE_ACTIONS.revokeBadge);
