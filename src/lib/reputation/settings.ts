import { z } from 'zod';

/**
 * Reputation settings: point weights, caps and privilege thresholds. Admins edit them (stored as one JSON row);
 * every value is a positive integer within bounds, so a typo cannot hand out a million points or give everyone every
 * privilege. Weights are magnitudes: the reason decides the sign (a downvote received costs `downvoteReceived`).
 */

const weight = (max: number) =>
  z.coerce
    .number({ error: 'field.invalid' })
    .int({ error: 'field.invalid' })
    .min(1, { error: 'reputation.tooSmall' })
    .max(max, { error: 'reputation.tooBig' });

export const weightsSchema = z.object({
  answerUpvoted: weight(100),
  questionUpvoted: weight(100),
  downvoteReceived: weight(100),
  answerAccepted: weight(200),
  acceptedAnAnswer: weight(50),
  answerPromoted: weight(500),
});
export type Weights = z.infer<typeof weightsSchema>;

export const PRIVILEGES = ['flag', 'commentAnywhere', 'voteDown', 'createTags', 'voteToClose', 'editOthers', 'acceptOnBehalf', 'seeFlagQueue'] as const;
export type Privilege = (typeof PRIVILEGES)[number];

export const thresholdsSchema = z.object(Object.fromEntries(PRIVILEGES.map((p) => [p, weight(1_000_000)])) as Record<Privilege, ReturnType<typeof weight>>);
export type Thresholds = Record<Privilege, number>;

export const settingsSchema = z.object({
  weights: weightsSchema,
  /** Most points a member earns from votes in one UTC day. */
  dailyVoteCap: weight(10_000),
  /** Most points one voter can give one member in 7 days. */
  pairWeeklyCap: weight(10_000),
  /** Votes from one member on another's posts in one UTC day from which the job treats them as serial voting. */
  serialVotes: weight(1000),
  thresholds: thresholdsSchema,
});
export type ReputationSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: ReputationSettings = {
  weights: { answerUpvoted: 10, questionUpvoted: 5, downvoteReceived: 2, answerAccepted: 15, acceptedAnAnswer: 2, answerPromoted: 20 },
  dailyVoteCap: 200,
  pairWeeklyCap: 30,
  serialVotes: 10,
  thresholds: { flag: 15, commentAnywhere: 50, voteDown: 125, createTags: 300, voteToClose: 500, editOthers: 2000, acceptOnBehalf: 3000, seeFlagQueue: 5000 },
};

/** Reads stored settings over the defaults: a missing or unreadable field falls back to its default. */
export function settingsFrom(stored: unknown): ReputationSettings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<ReputationSettings>;
  const merged = {
    ...DEFAULT_SETTINGS,
    ...s,
    weights: { ...DEFAULT_SETTINGS.weights, ...(s.weights ?? {}) },
    thresholds: { ...DEFAULT_SETTINGS.thresholds, ...(s.thresholds ?? {}) },
  };
  const parsed = settingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}
