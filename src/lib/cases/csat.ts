import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { csatResponses, signingKeys } from '../../../db/schema/index';
import { canViewCase } from '../auth/permissions';
import type { Actor } from '../auth/sessions';
import { DomainError } from '../errors';
import { parseInput } from '../validation';
import { addCaseEvent, caseNumber, loadCase, type CaseRow } from './case-writes';
import { emitWebhookEvent } from './webhooks';

/** The satisfaction survey: CSAT 1–5 with a comment, optional NPS 0–10, one answer per case, by a signed link or in the app. */

/** The installation's key for signing links, created on first use. */
export function signingKey(db: Db, name: string, now: number): string {
  const found = db.select({ key: signingKeys.key }).from(signingKeys).where(eq(signingKeys.name, name)).get();
  if (found) return found.key;
  db.insert(signingKeys).values({ name, key: randomBytes(32).toString('base64url'), createdAt: now }).onConflictDoNothing().run();
  return db.select({ key: signingKeys.key }).from(signingKeys).where(eq(signingKeys.name, name)).get()!.key;
}

/** The token of a case's survey link (it only lets its holder answer that survey). */
export function surveyToken(db: Db, caseId: number, now: number): string {
  return createHmac('sha256', signingKey(db, 'csat', now)).update(`csat:${caseId}`).digest('base64url').slice(0, 32);
}

export function isValidSurveyToken(db: Db, caseId: number, token: string | null | undefined, now: number): boolean {
  if (!token || token.length !== 32) return false;
  const expected = Buffer.from(surveyToken(db, caseId, now));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(expected, given);
}

export function surveyPath(c: Pick<CaseRow, 'id' | 'locale'>, token: string): string {
  return `/${c.locale}/cases/${caseNumber(c.id)}/survey?token=${token}`;
}

const optionalInt = (min: number, max: number) =>
  z.union([z.literal('').transform(() => null), z.null(), z.coerce.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).min(min, { error: 'field.invalid' }).max(max, { error: 'field.invalid' })]);

export const surveySchema = z.object({
  score: z.coerce.number({ error: 'csat.scoreRequired' }).int({ error: 'csat.scoreRequired' }).min(1, { error: 'csat.scoreRequired' }).max(5, { error: 'csat.scoreRequired' }),
  nps: optionalInt(0, 10).optional(),
  comment: z.string().trim().max(2000, { error: 'field.tooLong' }).default(''),
});

export type SurveyAccess = { token: string | null; viewer: Actor | null };

/** Whether the survey can be shown: the case is solved or closed, and the caller holds its link or is its customer. */
export function surveyState(db: Db, caseId: number, access: SurveyAccess, now: number): { case: CaseRow; answered: typeof csatResponses.$inferSelect | null } | null {
  const c = loadCase(db, caseId);
  if (!c) return null;
  const allowed = isValidSurveyToken(db, caseId, access.token, now) || (access.viewer !== null && c.userId === access.viewer.id && canViewCase(access.viewer, c, now));
  if (!allowed) return null;
  const answered = db.select().from(csatResponses).where(eq(csatResponses.caseId, caseId)).get() ?? null;
  return { case: c, answered };
}

/** Records the answer; the survey opens once the case is solved, and takes one answer per case (409 after that). */
export function answerSurvey(db: Db, caseId: number, access: SurveyAccess, input: unknown, now: number) {
  const data = parseInput(surveySchema, input);
  return db.transaction((tx) => {
    const state = surveyState(tx, caseId, access, now);
    if (!state) throw new DomainError('NOT_FOUND', 'No such survey.');
    if (state.case.status !== 'solved' && state.case.status !== 'closed') throw new DomainError('CONFLICT', 'The survey opens when the case is solved.', { _: 'csat.notYet' });
    if (state.case.closeReason === 'abandoned') throw new DomainError('CONFLICT', 'This case was closed without a solution.', { _: 'csat.notYet' });
    const inserted = tx
      .insert(csatResponses)
      .values({ caseId, score: data.score, nps: data.nps ?? null, comment: data.comment, locale: state.case.locale, createdAt: now })
      .onConflictDoNothing()
      .run().changes;
    if (!inserted) throw new DomainError('CONFLICT', 'This survey was already answered.', { _: 'csat.already' });
    addCaseEvent(tx, caseId, 'csat', { kind: 'customer', id: state.case.userId }, { score: data.score, nps: data.nps ?? null, comment: data.comment }, now);
    emitWebhookEvent(tx, 'case.updated', { id: caseId, number: caseNumber(caseId), csat: { score: data.score, nps: data.nps ?? null } }, now);
    return { caseId, number: caseNumber(caseId), score: data.score, nps: data.nps ?? null };
  });
}
