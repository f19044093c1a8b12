import type { Db } from '../../../db/client';
import { escalationRules, macros } from '../../../db/schema/index';

/** The demo's case settings beyond the migration's defaults: macros in both languages and a few automatic rules. */
export function loadCaseDemo(db: Db, now: number): void {
  db.insert(macros)
    .values([
      { locale: 'es', title: 'Saludo y primeros pasos', body: 'Hola, {{customer.name}}:\n\nGracias por escribirnos sobre «{{case.subject}}». Para ayudarte, ¿puedes decirnos qué has probado ya?\n\nUn saludo,\n{{agent.name}}', createdAt: now, updatedAt: now },
      { locale: 'es', title: 'Cierre: resuelto', body: 'Hola, {{customer.name}}:\n\nDamos por resuelto el caso {{case.number}}. Si vuelve a pasar, responde en el hilo y lo reabrimos.\n\n{{agent.name}}', createdAt: now, updatedAt: now },
      { locale: 'en', title: 'Greeting and first steps', body: 'Hello {{customer.name}},\n\nThanks for writing about “{{case.subject}}”. To help you, could you tell us what you have tried so far?\n\nBest,\n{{agent.name}}', createdAt: now, updatedAt: now },
      { locale: 'en', title: 'Closing: solved', body: 'Hello {{customer.name}},\n\nWe are marking case {{case.number}} as solved. If it happens again, reply in the thread and we will reopen it.\n\n{{agent.name}}', createdAt: now, updatedAt: now },
    ])
    .run();
  const base = { queueId: 1, notify: true, enabled: true, categoryIds: [], appliesFrom: now, createdAt: now, updatedAt: now };
  db.insert(escalationRules)
    .values([
      { ...base, name: 'Sin respuesta en 16 h laborables', trigger: 'no_answer', params: { hours: 16 }, priority: 'normal', position: 10 },
      { ...base, name: 'Dos denuncias urgentes', trigger: 'urgent_flags', params: { count: 2 }, priority: 'urgent', position: 20 },
      { ...base, name: 'Cobros y reembolsos', trigger: 'keywords', params: { keywords: { es: ['cobro duplicado', 'reembolso'], en: ['charged twice', 'refund'] } }, priority: 'high', position: 30 },
    ])
    .run();
}
