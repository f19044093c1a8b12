import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { articles, contactRequests, events, mails } from '../../../db/schema/index';
import type { Actor } from '../../../src/lib/auth/sessions';
import { importArticles } from '../../../src/lib/kb/import-articles';
import {
  CONTACT_LIMIT,
  CONTACT_LIMIT_PER_IP,
  contactReference,
  getOwnContactRequest,
  listContactRequests,
  parseContactReference,
  setContactRequestStatus,
  submitContactRequest,
} from '../../../src/lib/support/contact-requests';
import { expectCode } from '../../helpers/errors';
import { createCategory, createMember, createTestDb } from '../../helpers/db';

const options = { siteUrl: 'https://help.example', responseHours: 8 };
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

  it('stores a valid request, records an event, mails an acknowledgement with the reference', () => {
    const c = client();
    const r = submitContactRequest(db, null, { ...valid, category: 'billing' }, c, 5000, options);
    expect(r.reference).toBe(contactReference(r.id));
    expect(r.reference).toMatch(/^R-0000\d\d$/);
    const row = db.select().from(contactRequests).where(eq(contactRequests.id, r.id)).get()!;
    expect(row).toMatchObject({ locale: 'en', name: 'Pat Customer', email: 'pat@example.com', status: 'open', visitorId: c.visitorId, createdAt: 5000 });
    expect(row.categoryId).not.toBeNull();
    const ev = db.select().from(events).where(eq(events.type, 'contact.submitted')).all();
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ surface: 'contact_form', subjectType: 'contact_request', subjectId: r.id, visitorId: c.visitorId });
    const mail = db.select().from(mails).all();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toBe('pat@example.com');
    expect(mail[0]!.subject).toContain(r.reference);
    expect(mail[0]!.text).toContain('8 business hours');
    expect(mail[0]!.text).toContain('https://help.example/en/kb');
  });

  it('writes the acknowledgement in the request language', () => {
    submitContactRequest(db, null, { ...valid, locale: 'es' }, client(), 1, options);
    expect(db.select().from(mails).get()!.subject).toMatch(/^Hemos recibido tu solicitud R-/);
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
    const page = listContactRequests(db, agent, {}, 1);
    expect(page.items[0]!.subject).toBe(`Help ${xss}`);
  });

  it('shows the acknowledgement only to whoever sent it', () => {
    const c = client();
    const r = submitContactRequest(db, null, valid, c, 1, options);
    expect(getOwnContactRequest(db, r.id, { visitorId: c.visitorId, userId: null })).toMatchObject({ reference: r.reference, subject: valid.subject });
    expect(getOwnContactRequest(db, r.id, { visitorId: 'someoneelse000000', userId: null })).toBeNull();
    const m = submitContactRequest(db, member, valid, { ip: null, visitorId: null }, 1, options);
    expect(getOwnContactRequest(db, m.id, { visitorId: null, userId: member.id })).not.toBeNull();
    expect(parseContactReference(r.reference)).toBe(r.id);
    expect(parseContactReference('R-x')).toBeNull();
  });

  it('lists newest first with keyset pages and a status filter, for staff only', async () => {
    for (let i = 0; i < 5; i++) submitContactRequest(db, null, { ...valid, subject: `Request number ${i}` }, client(), i, options);
    const first = listContactRequests(db, agent, { limit: 2 }, 1);
    expect(first.items.map((r) => r.subject)).toEqual(['Request number 4', 'Request number 3']);
    const second = listContactRequests(db, agent, { limit: 2, cursor: first.nextCursor }, 1);
    expect(second.items.map((r) => r.subject)).toEqual(['Request number 2', 'Request number 1']);
    const third = listContactRequests(db, agent, { limit: 2, cursor: second.nextCursor }, 1);
    expect(third.items.map((r) => r.subject)).toEqual(['Request number 0']);
    expect(third.nextCursor).toBeNull();

    const closed = setContactRequestStatus(db, agent, first.items[0]!.id, 'closed', 1);
    expect(closed).toEqual({ id: first.items[0]!.id, status: 'closed', changed: true });
    expect(setContactRequestStatus(db, agent, first.items[0]!.id, 'closed', 1).changed).toBe(false);
    expect(listContactRequests(db, agent, { status: 'open' }, 1).items).toHaveLength(4);
    expect(listContactRequests(db, agent, { status: 'closed' }, 1).items.map((r) => r.subject)).toEqual(['Request number 4']);
    expect(listContactRequests(db, agent, { status: 'all' }, 1).items).toHaveLength(5);
    setContactRequestStatus(db, agent, first.items[0]!.id, 'open', 1);
    expect(listContactRequests(db, agent, { status: 'closed' }, 1).items).toHaveLength(0);

    const moderator = await createMember(db, 'moderator');
    const admin = await createMember(db, 'admin');
    expect(listContactRequests(db, moderator, {}, 1).items).toHaveLength(5);
    expect(listContactRequests(db, admin, {}, 1).items).toHaveLength(5);
    expectCode(() => listContactRequests(db, member, {}, 1), 'FORBIDDEN');
    expectCode(() => listContactRequests(db, null, {}, 1), 'UNAUTHORIZED');
    expectCode(() => setContactRequestStatus(db, member, first.items[0]!.id, 'closed', 1), 'FORBIDDEN');
    expectCode(() => setContactRequestStatus(db, agent, 999, 'closed', 1), 'NOT_FOUND');
    expectCode(() => setContactRequestStatus(db, agent, first.items[0]!.id, 'deleted', 1), 'INVALID');
    expectCode(() => listContactRequests(db, agent, { status: 'weird' }, 1), 'INVALID');
  });
});
