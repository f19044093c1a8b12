// Run by the concurrency tests as separate processes on one database file: `escalate` runs one scheduler escalation
// pass, `take <caseId> <agentId>` takes a case. Prints a JSON result line.
import { createDb } from '../../../db/client';
import { users } from '../../../db/schema/index';
import { eq } from 'drizzle-orm';
import { takeCase } from '../../../src/lib/cases/commands';
import { runEscalationRules } from '../../../src/lib/escalation/evaluate';
import type { Actor } from '../../../src/lib/auth/sessions';

const [path, command, ...args] = process.argv.slice(2);
const db = createDb(path!, { busyTimeoutMs: 20_000 });
const now = Number(process.env.RACE_NOW);
// Start together: each process says it is ready, then waits for the go (a line on stdin) sent once all are ready.
console.log('ready');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
if (command === 'escalate') {
  const result = await runEscalationRules(db, now);
  console.log(JSON.stringify(result));
} else if (command === 'take') {
  const agent = db.select().from(users).where(eq(users.id, Number(args[1]))).get()!;
  const actor: Actor = { id: agent.id, email: agent.email, displayName: agent.displayName, role: agent.role, locale: agent.locale, suspendedUntil: null };
  try {
    takeCase(db, actor, Number(args[0]), now);
    console.log(JSON.stringify({ won: true }));
  } catch (e) {
    console.log(JSON.stringify({ won: false, code: (e as { code?: string }).code }));
  }
}
db.$client.close();
