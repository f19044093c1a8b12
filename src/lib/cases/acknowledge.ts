import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { caseEvents, questions } from '../../../db/schema/index';
import type { SearchIndex } from '../../../search/index';
import { describeWeeklyHours } from '../business-hours/business-hours';
import { questionPath } from '../community/slug';
import { translate } from '../i18n/index';
import { queueMail } from '../notifications/mail';
import { suggestionsForDraft } from '../search/suggest';
import { addCaseEvent, caseNumber, customerReference, firstResponseHours, loadCase, loadClocks, SYSTEM } from './case-writes';
import { surveyPath, surveyToken } from './csat';
import { calendarOfQueue, loadCaseSetup } from './setup';

/**
 * After-commit steps of a case (outbox handlers): the acknowledgement (case number, expected first response in
 * business hours, the business hours, two or three suggestions) on the case page, by mail and on the thread; and the
 * satisfaction survey mail once the case is solved.
 */

export interface Suggestion {
  type: 'question' | 'article';
  title: string;
  url: string;
}

function hasEvent(db: Db, caseId: number, type: string): boolean {
  return db.select({ id: caseEvents.id }).from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, type))).get() !== undefined;
}

/** Up to three suggestions for the case subject from the suggestion ranking, never the case's own thread; null when search failed. */
export async function caseSuggestions(search: SearchIndex, c: { subject: string; body?: string; locale: 'es' | 'en'; questionId: number | null }): Promise<Suggestion[] | null> {
  try {
    const hits = await suggestionsForDraft(search, { title: c.subject, body: c.body, locale: c.locale, exclude: c.questionId !== null ? { type: 'question', id: c.questionId } : undefined, limit: 3 });
    return hits
      .map((h) => ({ type: h.type, title: h.title, url: h.url }));
  } catch {
    return null;
  }
}

export function formatInZone(locale: 'es' | 'en', epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(epochMs);
}

/**
 * `attempt` is the outbox's: a failed search is retried once (a cold search worker can miss its budget), then the
 * acknowledgement goes out without suggestions rather than wait.
 */
export async function acknowledgeCase(db: Db, search: SearchIndex, caseId: number, now: number, options: { siteUrl: string; attempt?: number }): Promise<void> {
  const c = loadCase(db, caseId);
  if (!c || hasEvent(db, caseId, 'acknowledged')) return;
  const found = await caseSuggestions(search, c);
  if (found === null && (options.attempt ?? 0) < 1) throw new Error(`case ${caseId}: suggestions unavailable, acknowledging again shortly`);
  const suggestions = found ?? [];
  db.transaction((tx) => {
    if (hasEvent(tx, caseId, 'acknowledged')) return;
    const setup = loadCaseSetup(tx);
    const cal = calendarOfQueue(setup, c.queueId);
    const expectedBy = loadClocks(tx, caseId).find((k) => k.kind === 'first_response')?.dueAt ?? null;
    const hours = firstResponseHours(setup, c.priority);
    const t = (key: string, vars?: Record<string, string | number>) => translate(c.locale, key, vars);
    const thread = c.questionId !== null ? tx.select({ id: questions.id, slug: questions.slug, locale: questions.locale }).from(questions).where(eq(questions.id, c.questionId)).get() : undefined;
    const reference = customerReference(c);
    const lines = [
      t('case.mail.greeting', { name: c.name }),
      '',
      t('case.ack.received', { number: reference, subject: c.subject }),
      t('case.ack.expected', { hours }),
      ...(expectedBy ? [t('case.ack.expectedBy', { date: formatInZone(c.locale, expectedBy, cal.timeZone) })] : []),
      `${t('case.ack.hours')} ${describeWeeklyHours(cal, c.locale).join('; ')} (${cal.timeZone}).`,
      '',
      t('case.mail.caseLink', { number: reference }),
      `${options.siteUrl}/${c.locale}/cases/${reference}`,
      ...(thread ? [t('case.ack.thread'), `${options.siteUrl}${questionPath(thread.locale, thread)}`] : []),
      ...(suggestions.length ? ['', t('case.ack.meanwhile'), ...suggestions.map((s) => `• ${s.title}\n  ${s.url.startsWith('http') ? s.url : `${options.siteUrl}${s.url}`}`)] : []),
    ];
    const mailId = c.email.endsWith('.invalid') ? null : queueMail(tx, { to: c.email, subject: t('case.ack.subject', { number: reference }).slice(0, 150), text: lines.join('\n') }, now);
    addCaseEvent(tx, caseId, 'acknowledged', SYSTEM, { expectedBy, hours, suggestions, mailId }, now);
  });
}

/** Mails the survey link once per case when it is solved (unless already answered). */
export function sendSurvey(db: Db, caseId: number, now: number, options: { siteUrl: string }): void {
  db.transaction((tx) => {
    const c = loadCase(tx, caseId);
    if (!c || c.status !== 'solved' || hasEvent(tx, caseId, 'survey_sent') || hasEvent(tx, caseId, 'csat') || c.email.endsWith('.invalid')) return;
    const t = (key: string, vars?: Record<string, string | number>) => translate(c.locale, key, vars);
    const link = `${options.siteUrl}${surveyPath(c, surveyToken(tx, caseId, now))}`;
    const mailId = queueMail(
      tx,
      {
        to: c.email,
        subject: t('csat.mail.subject', { number: caseNumber(c.id) }).slice(0, 150),
        text: [t('case.mail.greeting', { name: c.name }), '', t('csat.mail.body', { number: caseNumber(c.id), subject: c.subject }), '', link].join('\n'),
      },
      now,
    );
    addCaseEvent(tx, caseId, 'survey_sent', SYSTEM, { mailId }, now);
  });
}
