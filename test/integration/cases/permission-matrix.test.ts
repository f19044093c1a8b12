import { describe, expect, it } from 'vitest';
import type { Role } from '../../../db/schema/accounts';
import type { Actor } from '../../../src/lib/auth/sessions';
import { addCaseNote, replyToCase, takeCase, updateCase } from '../../../src/lib/cases/commands';
import { caseView, listCases } from '../../../src/lib/cases/queries';
import { saveCalendar, saveMacro, saveSlaPolicy, setCustomerTier } from '../../../src/lib/cases/settings';
import { createWebhook } from '../../../src/lib/cases/webhooks';
import { escalateQuestion } from '../../../src/lib/escalation/escalate';
import { createRule } from '../../../src/lib/escalation/rules';
import { DomainError } from '../../../src/lib/errors';
import { submitContactRequest } from '../../../src/lib/support/contact-requests';
import { askAt, at } from '../../helpers/cases';
import { createCategory, createMember, createTestDb } from '../../helpers/db';

/** Monday 16 February 2026, 13:00 in Madrid: the thread (asked at 09:00) is 4 business hours old. */
const NOW = at('2026-02-16T13:00:00+01:00');
type Who = 'anonymous' | 'suspendedAgent' | 'asker' | Role;
const WHO: Who[] = ['anonymous', 'suspendedAgent', 'asker', 'member', 'superuser', 'moderator', 'agent', 'admin'];

type Ctx = { db: ReturnType<typeof createTestDb>; actor: Actor | null; q: number; caseId: number; member: number };
const ACTIONS: Record<string, (c: Ctx) => unknown> = {
  escalateThread: ({ db, actor, q }) => escalateQuestion(db, actor, q, {}, NOW),
  listCases: ({ db, actor }) => listCases(db, actor, {}, NOW),
  viewCase: ({ db, actor, caseId }) => caseView(db, actor, caseId, NOW),
  updateCase: ({ db, actor, caseId }) => updateCase(db, actor, caseId, { priority: 'high' }, NOW),
  takeCase: ({ db, actor, caseId }) => takeCase(db, actor, caseId, NOW),
  replyPrivately: ({ db, actor, caseId }) => replyToCase(db, actor, caseId, { body: 'Respuesta de la matriz', visibility: 'private' }, NOW, { siteUrl: 'https://x.test' }),
  addNote: ({ db, actor, caseId }) => addCaseNote(db, actor, caseId, { body: 'Nota de la matriz' }, NOW),
  createRule: ({ db, actor }) => createRule(db, actor, { name: 'Regla', trigger: 'no_answer', params: { hours: 4 }, queueId: 1 }, NOW),
  saveCalendar: ({ db, actor }) => saveCalendar(db, actor, null, { name: 'Lisboa', timeZone: 'Europe/Lisbon', weekly: { '1': [{ start: '09:00', end: '17:00' }] }, holidays: [] }, NOW),
  saveSlaPolicy: ({ db, actor }) => saveSlaPolicy(db, actor, 'urgent', { firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 240, warnShare: 0.5 }, NOW),
  saveMacro: ({ db, actor }) => saveMacro(db, actor, null, { locale: 'es', title: 'Saludo', body: 'Hola {{customer.name}}' }, NOW),
  createWebhook: ({ db, actor }) => createWebhook(db, actor, { url: 'https://hooks.example/x', events: ['case.created'] }, NOW),
  setCustomerTier: ({ db, actor, member }) => setCustomerTier(db, actor, member, 'gold', NOW),
};

const Y = 'ok';
const F = 'FORBIDDEN';
/** Expected outcome per action, in WHO order. A suspended agent gets nothing an anonymous visitor would not. */
const MATRIX: Record<keyof typeof ACTIONS, string[]> = {
  //                anonymous       suspendedAgent asker member superuser moderator agent admin
  escalateThread: ['UNAUTHORIZED', F, Y, F, Y, Y, Y, Y],
  listCases: ['UNAUTHORIZED', F, F, F, F, F, Y, Y],
  viewCase: ['UNAUTHORIZED', F, F, F, F, F, Y, Y],
  updateCase: ['UNAUTHORIZED', F, F, F, F, F, Y, Y],
  takeCase: ['UNAUTHORIZED', F, F, F, F, F, Y, Y],
  replyPrivately: ['UNAUTHORIZED', F, F, F, F, F, Y, Y],
  addNote: ['UNAUTHORIZED', F, F, F, F, F, Y, Y],
  createRule: ['UNAUTHORIZED', F, F, F, F, F, F, Y],
  saveCalendar: ['UNAUTHORIZED', F, F, F, F, F, F, Y],
  saveSlaPolicy: ['UNAUTHORIZED', F, F, F, F, F, F, Y],
  saveMacro: ['UNAUTHORIZED', F, F, F, F, F, F, Y],
  createWebhook: ['UNAUTHORIZED', F, F, F, F, F, F, Y],
  setCustomerTier: ['UNAUTHORIZED', F, F, F, F, F, F, Y],
};

async function outcome(action: keyof typeof ACTIONS, who: Who): Promise<string> {
  const db = createTestDb();
  createCategory(db, 'internet');
  const asker = await createMember(db);
  const member = await createMember(db);
  const q = askAt(db, asker, at('2026-02-16T09:00:00+01:00'));
  // An unassigned contact-form case (nobody speaks English here).
  const c = submitContactRequest(db, null, { locale: 'en', name: 'Pat', email: 'pat@example.com', subject: 'Charged twice in May', message: 'Two charges for one invoice.' }, { ip: null, visitorId: null }, NOW - 60_000);
  const actor: Actor | null =
    who === 'anonymous' ? null : who === 'asker' ? asker : who === 'suspendedAgent' ? { ...(await createMember(db, 'agent')), suspendedUntil: NOW + 1000 } : await createMember(db, who);
  try {
    ACTIONS[action]!({ db, actor, q: q.id, caseId: c.id, member: member.id });
    return Y;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

describe('permission matrix: every role × every case action', () => {
  for (const action of Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]) {
    it(action, async () => {
      const got: string[] = [];
      for (const who of WHO) got.push(await outcome(action, who));
      expect(Object.fromEntries(WHO.map((w, i) => [w, got[i]]))).toEqual(Object.fromEntries(WHO.map((w, i) => [w, MATRIX[action]![i]])));
    });
  }
});
