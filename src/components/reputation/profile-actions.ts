import { actions } from 'astro:actions';
import type { ProfileFormPaths } from './profile-html';

/** The member profile's form actions, taken once (each read of `actions.x.y` builds a new action function). */
export const PROFILE_ACTIONS = {
  member: actions.moderation.member,
  revokeBadge: actions.reputation.revokeBadge,
  respond: actions.reputation.respond,
};

/** The `action` attributes of the profile's forms (profile-html.ts). */
export const PROFILE_FORM_PATHS: ProfileFormPaths = {
  member: String(PROFILE_ACTIONS.member),
  revokeBadge: String(PROFILE_ACTIONS.revokeBadge),
  respond: String(PROFILE_ACTIONS.respond),
};
