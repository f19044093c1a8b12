import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { follows, mails, notifications } from '../../../db/schema/index';
import { askQuestion } from '../../../src/lib/community/ask-question';
import { createIncident, linkQuestionToIncident, resolveIncident } from '../../../src/lib/incidents/incidents';
import { savePreferences, sendNotificationMails } from '../../../src/lib/notifications/notify';
import { createCategory, createMember, createTestDb } from '../../helpers/db';
import { DAY, NOW } from '../../helpers/time';

describe('incident resolution mail', () => {
  it('mails followers of linked threads by their email preference (instant, daily digest, never, muted)', async () => {
    const db = createTestDb();
    createCategory(db, 'internet');
    const admin = await createMember(db, 'admin');
    const agent = await createMember(db, 'agent');
    const instant = await createMember(db, 'member', { email: 'instant@example.test', locale: 'en' });
    const daily = await createMember(db, 'member', { email: 'daily@example.test', locale: 'es' });
    const never = await createMember(db, 'member', { email: 'never@example.test' });
    const muted = await createMember(db, 'member', { email: 'muted@example.test' });
    savePreferences(db, daily.id, { emailFrequency: 'daily', mutedTypes: [] });
    savePreferences(db, never.id, { emailFrequency: 'never', mutedTypes: [] });
    savePreferences(db, muted.id, { emailFrequency: 'instant', mutedTypes: ['incident.resolved'] });

    const q = askQuestion(db, instant, { title: 'No internet in Valencia since 8am', body: 'The fiber light is red and nothing works.', category: 'internet', locale: 'en' }, NOW);
    db.insert(follows).values([daily, never, muted].map((m) => ({ questionId: q.id, userId: m.id, createdAt: NOW }))).onConflictDoNothing().run();
    const { id } = createIncident(db, admin, { titleEs: 'Corte de fibra en Valencia', titleEn: 'Fiber outage in Valencia', severity: 'major', categories: ['internet'] }, NOW);
    linkQuestionToIncident(db, agent, id, q.id, NOW);
    db.delete(mails).run();

    expect(resolveIncident(db, admin, id, NOW + DAY)).toEqual({ notified: 3, questions: 1 });
    expect(db.select().from(notifications).where(eq(notifications.userId, muted.id)).all()).toHaveLength(0);

    const site = 'https://help.test';
    expect(sendNotificationMails(db, { siteUrl: site, now: NOW + DAY })).toBe(2);
    const sent = db.select().from(mails).all();
    expect(sent.map((m) => m.to).sort()).toEqual(['daily@example.test', 'instant@example.test']);
    const first = sent.find((m) => m.to === 'instant@example.test')!;
    expect(first.subject).toBe('The known issue affecting “No internet in Valencia since 8am” is resolved');
    expect(first.text).toContain(`${site}/en/questions/${q.id}`);
    const digest = sent.find((m) => m.to === 'daily@example.test')!;
    expect(digest.subject).toBe('Tu resumen diario de Resuelve: 1 novedad');
    expect(digest.text).toContain('La incidencia conocida que afectaba a «No internet in Valencia since 8am» está resuelta');
    // Everything is marked as mailed: a second run sends nothing, and "never" got nothing at all.
    expect(sendNotificationMails(db, { siteUrl: site, now: NOW + DAY + 1 })).toBe(0);
    expect(db.select().from(mails).where(eq(mails.to, 'never@example.test')).all()).toHaveLength(0);
  });
});
