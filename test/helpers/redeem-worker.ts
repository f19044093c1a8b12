// A separate process that redeems a reward at an agreed instant (the concurrency test of the last item).
import { createDb } from '../../db/client';
import { redeemReward } from '../../src/lib/reputation/rewards';
import { DomainError } from '../../src/lib/errors';

const [path, userId, rewardId, startAt] = process.argv.slice(2).map((v, i) => (i === 0 ? v : Number(v))) as [string, number, number, number];
const db = createDb(path);
while (Date.now() < startAt) {
  // spin until the agreed instant so both processes hit the database together
}
try {
  const r = redeemReward(db, { id: userId, email: 'x@y.z', displayName: 'x', role: 'member', locale: 'es', suspendedUntil: null }, { rewardId }, Date.now());
  process.stdout.write(JSON.stringify({ ok: true, ...r }));
} catch (e) {
  process.stdout.write(JSON.stringify({ ok: false, code: e instanceof DomainError ? e.code : String(e), fields: e instanceof DomainError ? e.fields : null }));
}
db.$client.close();
