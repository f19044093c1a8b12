const DAY_MS = 24 * 3600 * 1000;

/** Waiting times of the accepted-answer rules, set by configuration (ACCEPT_ON_BEHALF_AFTER_DAYS, NUDGE_ASKER_AFTER_DAYS). */
export interface CommunityDelays {
  /** Age a question must reach before moderators, agents and superusers may accept on the asker's behalf. */
  acceptOnBehalfAfterMs: number;
  /** Time after the first answer, with no accepted answer, before the asker is reminded once. */
  nudgeAskerAfterMs: number;
}

export const DEFAULT_COMMUNITY_DELAYS: CommunityDelays = { acceptOnBehalfAfterMs: 7 * DAY_MS, nudgeAskerAfterMs: 3 * DAY_MS };

export function communityDelays(config: { ACCEPT_ON_BEHALF_AFTER_DAYS: number; NUDGE_ASKER_AFTER_DAYS: number }): CommunityDelays {
  return {
    acceptOnBehalfAfterMs: Math.round(config.ACCEPT_ON_BEHALF_AFTER_DAYS * DAY_MS),
    nudgeAskerAfterMs: Math.round(config.NUDGE_ASKER_AFTER_DAYS * DAY_MS),
  };
}
