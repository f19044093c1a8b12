import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { articles, cases as contactRequests, events, mails } from '../../../db/schema/index';
import { createSearchIndex } from '../../../search/index';
import type { Actor } from '../../../src/lib/auth/sessions';
import { acknowledgeCase } from '../../../src/lib/cases/acknowledge';
import { caseNumber, parseCaseReference } from '../../../src/lib/cases/case-writes';
import { updateCase } from '../../../src/lib/cases/commands';
import { customerCaseView, listCases } from '../../../src/lib/cases/queries';
import { importArticles } from '../../../src/lib/kb/import-articles';
import { CONTACT_LIMIT, CONTACT_LIMIT_PER_IP, submitContactRequest } from '../../../src/lib/support/contact-requests';
import { expectCode } from '../../helpers/errors';
import { createCategory, createMember, createTestDb } from '../../helpers/db';

const options = { channel: 'contact_form' as const };
/** The acknowledgement runs after commit (outbox); tests run it directly. */
async function acknowledge(db: SqliteDb, caseId: number) {
  await acknowledgeCase(db, createSearchIndex({ engine: 'sqlite', sqlite: db.$client }), caseId, 6000, { siteUrl: 'https://help.example' });
}
const valid = { locale: 'en', name: 'Pat Customer', email: 'pat@example.com', subject: 'Charged twice in May', message: 'I see two charges of 30 EUR on my card for May.' };
let seq = 0;
const client = () => ({ ip: `10.0.0.${++seq}`, visitorId: `visitor${String(seq).padStart(12, '0')}` });

describe('contact requests', () => {
  let db: SqliteDb;
  let agent: Actor;
  let member: Actor;
  beforeEach(async () => {
    db = createTestDb();
    createCategory(db, 'billing');
    agent = await createMember(db, 'agent', { email: 'editor@example.test' });
    member = await createMember(db, 'member', { locale: 'en' });
  });

  it('opens a case, records an event, mails an acknowledgement with the case number, hours and business hours', async () => {
    const c = client();
    const r = submitContactRequest(db, null, { ...valid, category: 'billing' }, c, 5000, options);
    expect(r.reference).toBe(caseNumber(r.id));
    expect(r.reference).toMatch(/^C-0000\d\d$/);
    const row = db.select().from(contactRequests).where(eq(contactRequests.id, r.id)).get()!;
    expect(row).toMatchObject({ channel: 'contact_form', locale: 'en', name: 'Pat Customer', email: 'pat@example.com', status: 'new', visitorId: c.visitorId, createdAt: 5000 });
    // The only agent speaks Spanish (their account's language, no routing profile): nobody fits an English case.
    expect(row.assigneeId).toBeNull();
    expect(row.categoryId).not.toBeNull();
    const ev = db.select().from(events).where(eq(events.type, 'contact.submitted')).all();
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ surface: 'contact_form', subjectType: 'case', subjectId: r.id, visitorId: c.visitorId });
    await acknowledge(db, r.id);
    await acknowledge(db, r.id);
    const mail = db.select().from(mails).where(eq(mails.to, 'pat@example.com')).all();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain(r.reference);
    expect(mail[0]!.text).toContain('within 8 business hours');
    expect(mail[0]!.text).toContain('Monday–Friday 09:00–18:00 (Europe/Madrid)');
    expect(mail[0]!.text).toContain(`https://help.example/en/cases/${r.reference}`);
  });

  it('writes the acknowledgement in the request language', async () => {
    const r = submitContactRequest(db, null, { ...valid, locale: 'es' }, client(), 1, options);
    await acknowledge(db, r.id);
    const mail = db.select().from(mails).where(eq(mails.to, 'pat@example.com')).get()!;
    expect(mail.subject).toMatch(/^Hemos recibido tu solicitud C-/);
    expect(mail.text).toContain('Lunes–viernes 09:00–18:00');
  });

  it('fills name and email from a signed-in member', () => {
    const r = submitContactRequest(db, member, { ...valid, name: '', email: '' }, client(), 1, options);
    const row = db.select().from(contactRequests).where(eq(contactRequests.id, r.id)).get()!;
    expect(row).toMatchObject({ userId: member.id, name: member.displayName, email: member.email });
  });

  it('links the request to the article it came from (kb:<slug>) and takes its category', () => {
    importArticles(db, [{ file: 'content/kb/en/billing/pay-your-bill.md', text: '---\ntitle: Pay your bill\ncategory: billing\nlocale: en\nauthor: editor@example.test\n---\n\nPay it.\n' }], 1);
    const article = db.select().from(articles).get()!;
    const r = submitContactRequest(db, null, { ...valid, from: 'kb:pay-your-bill' }, client(), 2, options);
    const row = db.select().from(contactRequests).where(eq(contactRequests.id, r.id)).get()!;
    expect(row.articleId).toBe(article.id);
    expect(row.categoryId).toBe(article.categoryId);
    const ev = db.select().from(events).where(eq(events.type, 'contact.submitted')).get()!;
    expect(ev.data).toMatchObject({ from: 'kb:pay-your-bill', articleId: article.id });
  });

  it('records a flow origin and drops a malformed one', () => {
    submitContactRequest(db, null, { ...valid, from: 'flow:router-lights' }, client(), 2, options);
    submitContactRequest(db, null, { ...valid, from: 'javascript:alert(1)' }, client(), 3, options);
    const froms = db.select().from(events).where(eq(events.type, 'contact.submitted')).all().map((e) => (e.data as { from: string | null }).from);
    expect(froms).toEqual(['flow:router-lights', null]);
  });

  it('rejects invalid fields with one message key per field and writes nothing', () => {
    const e = expectCode(() => submitContactRequest(db, null, { locale: 'en', name: '', email: 'not-an-email', subject: 'Hi', message: 'short' }, client(), 1, options), 'INVALID');
    // every error at once, the missing name of a visitor included
    expect(e.fields).toEqual({ name: 'field.required', email: 'field.email', subject: 'field.tooShort', message: 'field.tooShort' });
    const empty = expectCode(() => submitContactRequest(db, null, { locale: 'es' }, client(), 1, options), 'INVALID');
    expect(Object.keys(empty.fields).sort()).toEqual(['email', 'message', 'name', 'subject']);
    const missing = expectCode(() => submitContactRequest(db, null, { ...valid, name: '', email: '' }, client(), 1, options), 'INVALID');
    expect(missing.fields).toEqual({ name: 'field.required', email: 'field.required' });
    expect(expectCode(() => submitContactRequest(db, null, { ...valid, category: 'nope' }, client(), 1, options), 'INVALID').fields).toEqual({ category: 'field.unknownCategory' });
    expectCode(() => submitContactRequest(db, null, { ...valid, locale: 'fr' }, client(), 1, options), 'INVALID');
    expectCode(() => submitContactRequest(db, null, 'not an object', client(), 1, options), 'INVALID');
    expect(db.select().from(contactRequests).all()).toHaveLength(0);
    expect(db.select().from(mails).all()).toHaveLength(0);
  });

  it('rate-limits per address and per visitor', () => {
    const ip = { ip: '192.0.2.1', visitorId: null };
    for (let i = 0; i < CONTACT_LIMIT_PER_IP.max; i++) submitContactRequest(db, null, valid, ip, 1000 + i, options);
    const e = expectCode(() => submitContactRequest(db, null, valid, ip, 2000, options), 'RATE_LIMITED');
    expect(e.retryAfterS).toBeGreaterThan(0);
    const visitor = { ip: null, visitorId: 'abcdefabcdefabcdef' };
    for (let i = 0; i < CONTACT_LIMIT.max; i++) submitContactRequest(db, null, valid, { ...visitor, ip: `198.51.100.${i}` }, 1000 + i, options);
    expectCode(() => submitContactRequest(db, null, valid, { ...visitor, ip: '198.51.100.200' }, 2000, options), 'RATE_LIMITED');
    // The window passes.
    submitContactRequest(db, null, valid, ip, 1000 + CONTACT_LIMIT.windowMs, options);
    expect(db.select().from(contactRequests).all()).toHaveLength(CONTACT_LIMIT_PER_IP.max + CONTACT_LIMIT.max + 1);
  });

  it('takes the visitor id from the input when there is no cookie (API), the cookie\'s otherwise, and checks its shape', () => {
    const fromApi = submitContactRequest(db, null, { ...valid, visitorId: 'widget-visitor-0001' }, { ip: null, visitorId: null }, 1, options);
    const fromForm = submitContactRequest(db, null, { ...valid, visitorId: 'widget-visitor-0001' }, { ip: null, visitorId: 'cookie-visitor-0001' }, 1, options);
    const stored = (id: number) => db.select().from(contactRequests).where(eq(contactRequests.id, id)).get()!.visitorId;
    expect([stored(fromApi.id), stored(fromForm.id)]).toEqual(['widget-visitor-0001', 'cookie-visitor-0001']);
    const e = expectCode(() => submitContactRequest(db, null, { ...valid, visitorId: 'x<script>' }, { ip: null, visitorId: null }, 1, options), 'INVALID');
    expect(e.fields).toEqual({ visitorId: 'field.invalid' });
  });

  it('keeps hostile input as text', () => {
    const xss = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const r = submitContactRequest(db, null, { ...valid, name: xss, subject: `Help ${xss}`, message: `Body ${xss}` }, client(), 1, options);
    const row = db.select().from(contactRequests).where(eq(contactRequests.id, r.id)).get()!;
    expect(row.subject).toBe(`Help ${xss}`);
    expect(row.body).toBe(`Body ${xss}`);
    const page = listCases(db, agent, {}, 1);
    expect(page.items[0]!.subject).toBe(`Help ${xss}`);
  });

  it('shows the case only to whoever sent it', () => {
    const c = client();
    const r = submitContactRequest(db, null, valid, c, 1, options);
    expect(customerCaseView(db, { viewer: null, visitorId: c.visitorId }, r.reference, 2)?.case).toMatchObject({ reference: r.reference, subject: valid.subject });
    expect(customerCaseView(db, { viewer: null, visitorId: 'someoneelse000000' }, r.reference, 2)).toBeNull();
    const m = submitContactRequest(db, member, valid, { ip: null, visitorId: null }, 1, options);
    expect(customerCaseView(db, { viewer: member, visitorId: null }, m.reference, 2)).not.toBeNull();
    expect(parseCaseReference(r.reference)).toEqual({ caseId: r.id });
    expect(parseCaseReference('R-000042')).toEqual({ legacyRequestId: 42 });
    expect(parseCaseReference('R-x')).toBeNull();
  });

  it('agents list them as cases of the contact-form channel, newest first, keyset-paged; others cannot', async () => {
    for (let i = 0; i < 5; i++) submitContactRequest(db, null, { ...valid, subject: `Request number ${i}` }, client(), i, options);
    const first = listCases(db, agent, { limit: 2, channel: 'contact_form' }, 10);
    expect(first.items.map((r) => r.subject)).toEqual(['Request number 4', 'Request number 3']);
    const second = listCases(db, agent, { limit: 2, cursor: first.nextCursor, channel: 'contact_form' }, 10);
    expect(second.items.map((r) => r.subject)).toEqual(['Request number 2', 'Request number 1']);
    const third = listCases(db, agent, { limit: 2, cursor: second.nextCursor }, 10);
    expect(third.items.map((r) => r.subject)).toEqual(['Request number 0']);
    expect(third.nextCursor).toBeNull();
    updateCase(db, agent, first.items[0]!.id, { status: 'closed' }, 20);
    expect(listCases(db, agent, { view: 'open' }, 30).items).toHaveLength(4);
    expect(listCases(db, agent, { view: 'all', status: 'closed' }, 30).items.map((r) => r.subject)).toEqual(['Request number 4']);
    const admin = await createMember(db, 'admin');
    expect(listCases(db, admin, { view: 'all' }, 30).items).toHaveLength(5);
    expectCode(() => listCases(db, member, {}, 30), 'FORBIDDEN');
    const moderator = await createMember(db, 'moderator');
    expectCode(() => listCases(db, moderator, {}, 30), 'FORBIDDEN');
    expectCode(() => listCases(db, null, {}, 30), 'UNAUTHORIZED');
    expectCode(() => listCases(db, agent, { view: 'weird' }, 30), 'INVALID');
  });
});
