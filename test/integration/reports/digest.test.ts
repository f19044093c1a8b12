import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mails, users } from '../../../db/schema/index';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { digestWeek, sendKpiDigest } from '../../../src/lib/reports/digest';
import { refreshQuestionFacts } from '../../../src/lib/reports/rollups';
import { createCategory, createMember, createTestDb } from '../../helpers/db';

/** Wednesday 2026-03-11 10:00 UTC. */
const WED = Date.UTC(2026, 2, 11, 10);

describe('the weekly KPI digest', () => {
  it('covers the last whole week, Monday to Sunday', () => {
    const w = digestWeek(WED);
    expect([new Date(w.period.from).toISOString(), new Date(w.period.to).toISOString()]).toEqual(['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z']);
    expect(w.previous.from).toBe(Date.UTC(2026, 1, 23));
    // on a Monday the week just ended is the one reported
    expect(digestWeek(Date.UTC(2026, 2, 9, 0, 1)).period.from).toBe(Date.UTC(2026, 2, 2));
  });
  it('goes to admins and leads once a week, each in their language, with the headline figures and a link', async () => {
    const db = createTestDb();
    createCategory(db, 'billing');
    const admin = await createMember(db, 'admin', { email: 'boss@example.test', locale: 'en' });
    const lead = await createMember(db, 'agent', { email: 'lead@example.test', locale: 'es' });
    await createMember(db, 'agent', { email: 'agent@example.test' });
    const suspended = await createMember(db, 'moderator', { email: 'gone@example.test' });
    const asker = await createMember(db, 'member', { email: 'asker@example.test' });
    db.update(users).set({ lead: true }).where(eq(users.id, lead.id)).run();
    db.update(users).set({ lead: true, suspendedUntil: WED + 86_400_000 }).where(eq(users.id, suspended.id)).run();
    const q = askQuestion(db, asker, { title: 'A question asked last week', body: 'Its body is long enough to be asked.', category: 'billing', locale: 'es' }, Date.UTC(2026, 2, 3, 9));
    refreshQuestionFacts(db, [q.id]);

    expect(sendKpiDigest(db, WED, 'https://help.example.com')).toBe(2);
    expect(sendKpiDigest(db, WED + 3_600_000, 'https://help.example.com')).toBe(0);
    const sent = db.select().from(mails).all();
    expect(sent.map((m) => m.to).sort()).toEqual(['boss@example.test', 'lead@example.test']);
    const en = sent.find((m) => m.to === admin.email)!;
    expect(en.subject).toBe('Weekly support report: 2 Mar 2026 – 8 Mar 2026');
    expect(en.text).toContain('- Answer rate: 0%');
    expect(en.text).toContain('All reports: https://help.example.com/en/reports?from=2026-03-02&to=2026-03-08');
    const es = sent.find((m) => m.to === 'lead@example.test')!;
    expect(es.subject).toBe('Informe semanal de soporte: 2 mar 2026 – 8 mar 2026');
    expect(es.text).toContain('- Tasa de respuesta: 0');
    // the next week sends again, now also to the lead whose suspension has ended
    expect(sendKpiDigest(db, WED + 7 * 86_400_000, 'https://help.example.com')).toBe(3);
  });
});
