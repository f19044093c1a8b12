import { eq } from 'drizzle-orm';
import type { SqliteDb } from '../../db/client';
import { caseEvents, cases, escalationRules } from '../../db/schema/index';
import type { Actor } from '../../src/lib/auth/sessions';
import { askQuestion } from '../../src/lib/community/ask-question';
import { drainOutbox } from '../../src/lib/jobs/outbox';

let n = 0;

/** Asks a question at a given time (each with its own words, so duplicate-content checks never trip). */
export function askAt(db: SqliteDb, asker: Actor, at: number, over: Partial<{ title: string; body: string; category: string; locale: 'es' | 'en' }> = {}) {
  n++;
  return askQuestion(
    db,
    asker,
    {
      title: over.title ?? `Pregunta de prueba número ${n} sobre el router`,
      body: over.body ?? `Texto de la pregunta ${n}: el router se reinicia cada hora desde ayer.`,
      category: over.category ?? 'internet',
      locale: over.locale ?? 'es',
    },
    at,
  );
}

/** Adds an automatic escalation rule applying to every question (appliesFrom 0). */
export function addRule(db: SqliteDb, rule: Partial<typeof escalationRules.$inferInsert> & Pick<typeof escalationRules.$inferInsert, 'trigger' | 'params'>) {
  return db
    .insert(escalationRules)
    .values({ name: `rule ${rule.trigger}`, priority: 'normal', queueId: 1, notify: true, enabled: true, categoryIds: [], appliesFrom: 0, createdAt: 0, updatedAt: 0, ...rule })
    .returning()
    .get();
}

export function casesOf(db: SqliteDb, questionId: number) {
  return db.select().from(cases).where(eq(cases.questionId, questionId)).all();
}

export function eventTypes(db: SqliteDb, caseId: number): string[] {
  return db.select({ type: caseEvents.type }).from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(caseEvents.id).all().map((e) => e.type);
}

/** Runs the outbox with no-op handlers except those given (acknowledgement, webhooks…). */
export function drain(db: SqliteDb, now: number, handlers: Parameters<typeof drainOutbox>[1] = {}) {
  return drainOutbox(db, handlers, () => now);
}

export const at = (iso: string) => Date.parse(iso);
