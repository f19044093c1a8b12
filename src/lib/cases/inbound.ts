import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { users } from '../../../db/schema/index';
import type { Actor } from '../auth/sessions';
import { canWorkCases } from '../auth/permissions';
import { DomainError } from '../errors';
import { parseInput } from '../validation';
import { addCaseEvent, caseNumber, changeCase, loadCase, parseCaseReference } from './case-writes';
import { replyToCase } from './commands';
import { loadCaseSetup } from './setup';
import { recordInboundReceipt, verifySignature } from './webhooks';

/** The inbound webhook: an external helpdesk posts status changes and replies, signed, each signature accepted once. */

const caseRef = z.union([z.number().int().positive(), z.string().trim().max(20)]).transform((v, ctx) => {
  const parsed = typeof v === 'number' ? { caseId: v } : parseCaseReference(v);
  if (!parsed || !('caseId' in parsed)) {
    ctx.addIssue({ code: 'custom', message: 'field.invalid' });
    return z.NEVER;
  }
  return parsed.caseId;
});

export const inboundSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('case.status'), case: caseRef, status: z.enum(['open', 'pending_customer', 'on_hold', 'solved', 'closed'], { error: 'field.invalid' }) }),
    z.object({
      type: z.literal('case.reply'),
      case: caseRef,
      body: z.string({ error: 'field.required' }).trim().min(2, { error: 'field.tooShort' }).max(30_000, { error: 'field.tooLong' }),
      visibility: z.enum(['public', 'private'], { error: 'field.invalid' }).default('public'),
      /** The agent the reply is posted as (an agent or admin of this site). */
      agentEmail: z.email({ error: 'field.email' }),
      status: z.enum(['open', 'pending_customer', 'on_hold', 'solved'], { error: 'field.invalid' }).optional(),
    }),
  ],
  { error: 'field.invalid' },
);

export interface InboundOptions {
  secret: string;
  siteUrl: string;
}

/**
 * Verifies and applies one inbound call. The signature (fresh, matching, unused) is checked before anything is read;
 * the receipt and the change are written in one transaction, so a call that fails leaves nothing behind and may be
 * sent again.
 */
export function applyInboundWebhook(db: Db, rawBody: string, signature: string | null, now: number, options: InboundOptions) {
  const check = verifySignature(options.secret, rawBody, signature, now);
  if (!check.ok) throw new DomainError('UNAUTHORIZED', `The signature is ${check.reason}.`);
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new DomainError('INVALID', 'The body is not valid JSON.');
  }
  const data = parseInput(inboundSchema, body);
  return db.transaction(
    (tx) => {
      if (!recordInboundReceipt(tx, check.mac, now)) throw new DomainError('CONFLICT', 'This signed request was already received (replay).');
      const c = loadCase(tx, data.case);
      if (!c) throw new DomainError('NOT_FOUND', 'No such case.');
      const integration = { kind: 'integration' as const, id: null };
      if (data.type === 'case.status') {
        if (c.status === 'closed') throw new DomainError('CONFLICT', 'The case is closed.');
        const row = changeCase(tx, loadCaseSetup(tx), c, { status: data.status }, integration, now);
        addCaseEvent(tx, c.id, 'webhook_in', integration, { type: data.type, status: data.status }, now);
        return { case: caseNumber(row.id), status: row.status };
      }
      const agent = tx.select({ id: users.id, email: users.email, displayName: users.displayName, role: users.role, locale: users.locale, suspendedUntil: users.suspendedUntil }).from(users).where(eq(users.email, data.agentEmail.toLowerCase())).get() as Actor | undefined;
      if (!agent || !canWorkCases(agent, now)) throw new DomainError('INVALID', 'agentEmail must name an agent of this site.', { agentEmail: 'case.unknownAssignee' });
      const reply = replyToCase(tx, agent, c.id, { body: data.body, visibility: data.visibility, status: data.status }, now, { siteUrl: options.siteUrl });
      addCaseEvent(tx, c.id, 'webhook_in', integration, { type: data.type, visibility: data.visibility }, now);
      return { case: caseNumber(c.id), status: reply.case.status, answerId: reply.answerId };
    },
    { behavior: 'immediate' },
  );
}
