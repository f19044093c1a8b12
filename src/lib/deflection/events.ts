import { z } from 'zod';
import { LOCALES } from '../../../db/schema/accounts';
import { visitorIdSchema } from '../validation';
import { DEFLECTION_EVENT_TYPES, DEFLECTION_SURFACES, type DeflectionEventType, type DeflectionSurface } from '../../../db/schema/deflection';

export { DEFLECTION_EVENT_TYPES, DEFLECTION_SURFACES, type DeflectionEventType, type DeflectionSurface };

/** The forms whose suggestions try to deflect a question or a case: the denominators of the deflection rates. */
export const FORM_SURFACES: readonly DeflectionSurface[] = ['ask_form', 'contact_form'];

export function isFormSurface(surface: string): boolean {
  return (FORM_SURFACES as readonly string[]).includes(surface);
}

/** Types a browser may send; reaching and submitting a form are recorded by the server, which sees them happen. */
export const CLIENT_EVENT_TYPES = ['suggestion_shown', 'suggestion_opened', 'confirmed', 'form_abandoned'] as const;

/** Most events in one batch, and most suggestions in one "shown" event. */
export const MAX_BATCH_EVENTS = 50;
export const MAX_SHOWN_ITEMS = 20;
/** A client batch larger than this is refused before it is parsed (a widget batch is a few kilobytes). */
export const MAX_BATCH_BYTES = 64 * 1024;
/** Events a client kept longer than this before sending are dropped: a replay, or a clock gone wrong. */
export const MAX_EVENT_AGE_MS = 10 * 60 * 1000;

export const SUBJECT_TYPES = ['article', 'question'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

const rank = z.number({ error: 'field.invalid' }).int().min(1).max(100);
const subject = z.object({ type: z.enum(SUBJECT_TYPES), id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }).strict();

const common = {
  /** Chosen by the client, unique per event: a batch sent twice is recorded once. */
  id: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/),
  surface: z.enum(DEFLECTION_SURFACES),
  /** The client's clock when the event happened (compared with the batch's `sentAt`, never trusted as is). */
  at: z.number().int().nonnegative().optional(),
  locale: z.enum(LOCALES).optional(),
  /** The category an event is credited to when the page names one (the widget's `data-category`); else the subject's. */
  category: z.string().max(64).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).optional(),
  query: z.string().max(500).optional(),
};

export const clientEventSchema = z.discriminatedUnion('type', [
  z.object({ ...common, type: z.literal('suggestion_shown'), items: z.array(subject.extend({ rank }).strict()).min(1).max(MAX_SHOWN_ITEMS) }).strict(),
  z.object({ ...common, type: z.literal('suggestion_opened'), subject, rank: rank.optional() }).strict(),
  z.object({ ...common, type: z.literal('confirmed'), subject, rank: rank.optional() }).strict(),
  z.object({ ...common, type: z.literal('form_abandoned'), surface: z.enum(['ask_form', 'contact_form']) }).strict(),
]);
export type ClientEvent = z.infer<typeof clientEventSchema>;

export const eventBatchSchema = z
  .object({
    /** The client's clock when it sent the batch. */
    sentAt: z.number().int().nonnegative().optional(),
    /** The widget's visitor id on sites where this site's cookie is not sent. */
    visitorId: visitorIdSchema.optional(),
    events: z.array(clientEventSchema).min(1).max(MAX_BATCH_EVENTS),
  })
  .strict();
export type EventBatch = z.infer<typeof eventBatchSchema>;

/**
 * Pure: when a client event happened on the server's clock. The client says how long ago (its `sentAt` minus the
 * event's `at`), never when: a wrong client clock cannot move events in time, only spread them within a batch.
 * Returns null for an event older than MAX_EVENT_AGE_MS (dropped).
 */
export function serverTime(now: number, sentAt: number | undefined, at: number | undefined): number | null {
  if (sentAt === undefined || at === undefined) return now;
  const age = Math.max(0, sentAt - at);
  return age > MAX_EVENT_AGE_MS ? null : now - age;
}
