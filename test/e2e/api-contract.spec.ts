// Every documented operation is called on the built server, and every body it answers with is checked against the
// schema the OpenAPI document gives for that status: success shapes, and problem+json for errors.
import { createHmac } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { documentedOperations, responseValidator, type OpenApiDoc } from '../helpers/openapi';
import { BASE_URL, tokenFor } from './helpers';

test.describe.configure({ mode: 'serial' });

type Validator = ReturnType<typeof responseValidator>;
let doc: OpenApiDoc;
let validator: Validator;
/** Statuses seen per operation, every one of them checked against the document. */
const seen = new Map<string, Set<number>>();
const unique = Date.now() % 1_000_000;

// Checked against the document's schema before the test reads it, like a client would.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;
type Caller = (method: string, url: string, options?: { data?: unknown; expect?: number; headers?: Record<string, string> }) => Promise<{ status: number; body: Body }>;

/** A client that checks each response against the document; `token` signs it in. */
function client(request: APIRequestContext, token?: string): Caller {
  return async (method, url, options = {}) => {
    const operation = validator.operationOf(method, url);
    expect(operation, `${method} ${url} is in the document`).toBeTruthy();
    const res = await request.fetch(`/api/v1${url}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers },
      ...(options.data === undefined ? {} : { data: options.data }),
    });
    const status = res.status();
    if (options.expect !== undefined) expect(status, `${method} ${url}: ${await res.text()}`).toBe(options.expect);
    expect.soft(res.headers()['content-type'], `${method} ${url}`).toMatch(status >= 400 ? /^application\/problem\+json/ : /^application\/json/);
    const body = await res.json();
    expect.soft(validator.check(operation!, status, body), `${method} ${url} → ${status} ${JSON.stringify(body).slice(0, 300)}`).toEqual([]);
    seen.set(operation!, (seen.get(operation!) ?? new Set()).add(status));
    return { status, body };
  };
}

let anyone: Caller;
let member: Caller; // tom, asks
let helper: Caller; // lucia, answers
let moderator: Caller;
let admin: Caller;
let agent: Caller;
let adminSession: APIRequestContext;

const contexts: APIRequestContext[] = [];

test.beforeAll(async ({ playwright }) => {
  const newContext = async () => {
    contexts.push(await playwright.request.newContext({ baseURL: BASE_URL }));
    return contexts.at(-1)!;
  };
  const request = await newContext();
  doc = await (await request.get('/api/v1/openapi.json')).json();
  validator = responseValidator(doc);
  const signedIn = async (email: string) => {
    const context = await newContext();
    return { context, call: client(context, await tokenFor(context, email)) };
  };
  anyone = client(request);
  member = (await signedIn('tom@resuelve.test')).call;
  helper = (await signedIn('lucia@resuelve.test')).call;
  moderator = (await signedIn('moderator@resuelve.test')).call;
  agent = (await signedIn('agent.en@resuelve.test')).call;
  const a = await signedIn('admin@resuelve.test');
  admin = a.call;
  adminSession = a.context;
});

test.afterAll(async () => {
  for (const context of contexts) await context.dispose();
});

test('questions, answers, comments, votes, accept and flags answer as documented', async () => {
  const list = await anyone('GET', '/questions?limit=3&locale=en', { expect: 200 });
  expect(list.body.items).toHaveLength(3);
  await anyone('GET', '/questions?filter=bogus', { expect: 400 });
  await anyone('GET', '/questions/99999999', { expect: 404 });
  await anyone('GET', '/questions/abc', { expect: 400 });
  await anyone('POST', '/questions', { data: { title: 'Anonymous question for the contract check', body: 'Asked without a session or a token.', category: 'internet' }, expect: 401 });

  const question = { title: `Contract check: the modem reboots every hour ${unique}`, body: 'Since yesterday the modem restarts on the hour, every hour.', category: 'internet', tags: ['router'], locale: 'en' };
  const asked = await member('POST', '/questions', { data: question, expect: 201 });
  const q = asked.body;
  expect((await member('POST', '/questions', { data: question, expect: 200 })).body.id).toBe(q.id);
  await member('POST', '/questions', { data: { ...question, title: 'short' }, expect: 400 });

  const answerBody = { body: 'Turn off the scheduled restart in the modem settings, under Maintenance.' };
  const a = (await helper('POST', `/questions/${q.id}/answers`, { data: answerBody, expect: 201 })).body;
  expect((await helper('POST', `/questions/${q.id}/answers`, { data: answerBody, expect: 200 })).body.id).toBe(a.id);
  await helper('POST', '/questions/99999999/answers', { data: answerBody, expect: 404 });
  const comment = (await helper('POST', `/questions/${q.id}/comments`, { data: { body: 'Which modem model is it?' }, expect: 201 })).body;
  await helper('POST', `/questions/${q.id}/comments`, { data: { body: 'Which modem model is it?' }, expect: 200 });
  await helper('POST', `/questions/${q.id}/comments`, { data: { body: 'Hm' }, expect: 400 });

  expect((await member('POST', `/posts/${a.id}/votes`, { data: { value: 1 }, expect: 200 })).body).toEqual({ postId: a.id, score: 1, vote: 1 });
  await helper('POST', `/posts/${a.id}/votes`, { data: { value: 1 }, expect: 403 });
  await member('POST', `/posts/${a.id}/votes`, { data: { value: 7 }, expect: 400 });

  await helper('POST', `/answers/${a.id}/accept`, { expect: 403 });
  expect((await member('POST', `/answers/${a.id}/accept`, { expect: 200 })).body).toEqual({ questionId: q.id, acceptedAnswerId: a.id });
  await member('DELETE', `/answers/${a.id}/accept`, { expect: 200 });
  await member('POST', `/answers/${a.id}/accept`, { expect: 200 });
  await member('DELETE', '/answers/99999999/accept', { expect: 404 });
  const thread = (await anyone('GET', `/questions/${q.id}`, { expect: 200 })).body;
  expect([thread.acceptedAnswerId, thread.answers.length]).toEqual([a.id, 1]);

  expect((await helper('POST', `/posts/${q.id}/flags`, { data: { reason: 'off-topic', note: 'contract' }, expect: 201 })).body.target).toEqual({ type: 'question', id: q.id });
  await helper('POST', `/posts/${q.id}/flags`, { data: { reason: 'off-topic' }, expect: 200 });
  await member('POST', `/posts/${q.id}/flags`, { data: { reason: 'spam', commentId: comment.id }, expect: 201 });
  await helper('POST', `/posts/${q.id}/flags`, { data: { reason: 'nonsense' }, expect: 400 });

  const similar = await anyone('GET', `/questions/${q.id}/similar?limit=3`, { expect: 200 });
  expect(similar.body.similar.length).toBeGreaterThan(0);
  await anyone('GET', '/questions/99999999/similar', { expect: 404 });
});

test('categories and tags answer as documented', async () => {
  const tree = (await anyone('GET', '/categories?locale=en', { expect: 200 })).body;
  expect(tree.items.some((c: { children?: unknown[] }) => (c.children?.length ?? 0) > 0)).toBe(true);
  await anyone('GET', '/categories?locale=fr', { expect: 400 });
  const parent = tree.items[0];
  await anyone('GET', `/categories/${parent.id}`, { expect: 200 });
  await anyone('GET', '/categories/99999999', { expect: 404 });

  const slug = `contract-${unique}`;
  await member('POST', '/categories', { data: { slug, nameEs: 'Contrato', nameEn: 'Contract' }, expect: 403 });
  const created = (await admin('POST', '/categories', { data: { slug, nameEs: 'Contrato', nameEn: 'Contract', parentId: parent.id }, expect: 201 })).body;
  await admin('POST', '/categories', { data: { slug, nameEs: 'Contrato', nameEn: 'Contract' }, expect: 409 });
  await admin('PATCH', `/categories/${created.id}`, { data: { position: 7, descriptionEn: 'Checked against the document' }, expect: 200 });
  await admin('PATCH', `/categories/${created.id}`, { data: { position: 'x' }, expect: 400 });
  const added = (await admin('POST', `/categories/${created.id}/moderators`, { data: { email: 'lucia@resuelve.test' }, expect: 201 })).body;
  await admin('POST', `/categories/${created.id}/moderators`, { data: { email: 'lucia@resuelve.test' }, expect: 200 });
  await admin('POST', `/categories/${created.id}/moderators`, { data: { email: 'nobody@resuelve.test' }, expect: 400 });
  expect((await admin('GET', `/categories/${created.id}`, { expect: 200 })).body.moderatorIds).toEqual([added.items[0].id]);
  expect((await admin('DELETE', `/categories/${created.id}/moderators?userId=${added.items[0].id}`, { expect: 200 })).body.items).toEqual([]);
  await admin('DELETE', `/categories/${created.id}/moderators?userId=abc`, { expect: 400 });

  const tags = (await anyone('GET', '/tags?limit=2', { expect: 200 })).body;
  expect(tags.items).toHaveLength(2);
  await anyone('GET', '/tags?limit=0', { expect: 400 });
  await anyone('GET', '/tags/router', { expect: 200 });
  await anyone('GET', '/tags/no-such-tag', { expect: 404 });
  await member('PATCH', '/tags/router', { data: { description: 'Routers' }, expect: 403 });
  const router = (await anyone('GET', '/tags/router')).body;
  await moderator('PATCH', '/tags/router', { data: { description: router.description, synonyms: router.synonyms }, expect: 200 });
});

test('moderation answers as documented', async () => {
  await anyone('GET', '/moderation/queue', { expect: 401 });
  await member('GET', '/moderation/queue', { expect: 403 });
  const queue = (await moderator('GET', '/moderation/queue', { expect: 200 })).body;
  const flagged = queue.flagged.find((f: { questionTitle: string; targetType: string }) => f.questionTitle.endsWith(String(unique)) && f.targetType === 'question');
  expect(flagged).toBeTruthy();

  const thread = (await anyone('GET', `/questions/${flagged.questionId}`)).body;
  const answerId = thread.answers[0].id;
  await moderator('POST', '/moderation/content', { data: { targetType: 'answer', targetId: answerId, action: 'hide', reason: 'contract' }, expect: 200 });
  const hidden = (await moderator('GET', '/moderation/hidden', { expect: 200 })).body;
  await member('GET', '/moderation/hidden', { expect: 403 });
  expect(hidden.items.find((i: { id: number; type: string }) => i.type === 'answer' && i.id === answerId)?.hiddenBy).toMatchObject({ action: 'hide', reason: 'contract' });
  await moderator('POST', '/moderation/content', { data: { targetType: 'answer', targetId: answerId, action: 'restore' }, expect: 200 });
  await moderator('POST', '/moderation/content', { data: { targetType: 'answer', targetId: answerId, action: 'restore' }, expect: 409 });
  expect((await moderator('POST', '/moderation/content', { data: { targetType: 'question', targetId: flagged.questionId, action: 'dismiss' }, expect: 200 })).body).toEqual({ status: 'published', resolved: 1 });
  await moderator('POST', '/moderation/content', { data: { targetType: 'question', targetId: 99999999, action: 'hide' }, expect: 404 });
  await member('POST', '/moderation/content', { data: { targetType: 'question', targetId: flagged.questionId, action: 'hide' }, expect: 403 });

  const id = flagged.questionId;
  await moderator('POST', `/questions/${id}/moderation`, { data: { action: 'lock' }, expect: 200 });
  await moderator('POST', `/questions/${id}/moderation`, { data: { action: 'unlock' }, expect: 200 });
  expect((await moderator('POST', `/questions/${id}/moderation`, { data: { action: 'retag', tags: ['router'] }, expect: 200 })).body).toEqual({ questionId: id, tags: ['router'] });
  await moderator('POST', `/questions/${id}/moderation`, { data: { action: 'explode' }, expect: 400 });
  await member('POST', `/questions/${id}/moderation`, { data: { action: 'lock' }, expect: 403 });

  const audit = (await moderator('GET', '/moderation/audit?limit=5', { expect: 200 })).body;
  expect(audit.items).toHaveLength(5);
  await moderator('GET', `/moderation/audit?cursor=${audit.nextCursor}&limit=2`, { expect: 200 });
  await moderator('GET', '/moderation/audit?limit=0', { expect: 400 });
  await member('GET', '/moderation/audit', { expect: 403 });

  const asker = thread.author.id;
  await member('POST', `/members/${asker}/suspension`, { data: { days: 1, reason: 'contract' }, expect: 403 });
  await moderator('POST', `/members/${asker}/suspension`, { data: { days: 0, reason: 'contract' }, expect: 400 });
  await moderator('POST', `/members/${asker}/suspension`, { data: { days: 1, reason: 'contract' }, expect: 200 });
  await moderator('DELETE', `/members/${asker}/suspension`, { data: { reason: 'contract over' }, expect: 200 });
  await moderator('DELETE', '/members/99999999/suspension', { expect: 404 });
});

test('search, suggestions, articles, feedback, incidents and contact requests answer as documented', async () => {
  const results = (await anyone('GET', '/search?q=router&locale=en', { expect: 200 })).body;
  expect(results.hits.length).toBeGreaterThan(0);
  expect(results.hits.map((h: { type: string }) => h.type)).toEqual(expect.arrayContaining(['question']));
  await anyone('GET', '/search?q=password&type=article', { expect: 200 });
  await anyone('GET', '/search?q=router&page=0', { expect: 400 });
  expect((await anyone('GET', '/suggest?q=pass&locale=en', { expect: 200 })).body.suggestions.length).toBeGreaterThan(0);
  await anyone('GET', '/suggest?q=pass&limit=99', { expect: 400 });

  const articles = (await anyone('GET', '/articles?locale=en&limit=2', { expect: 200 })).body;
  expect([articles.items.length, typeof articles.nextCursor]).toEqual([2, 'string']);
  await anyone('GET', `/articles?locale=en&limit=2&cursor=${articles.nextCursor}`, { expect: 200 });
  await anyone('GET', '/articles?cursor=not-a-cursor', { expect: 400 });
  const article = articles.items[0];
  expect((await anyone('GET', `/articles/${article.id}`, { expect: 200 })).body.helpfulness).toEqual(expect.objectContaining({ votes: expect.any(Number) }));
  await anyone('GET', '/articles/99999999', { expect: 404 });
  await anyone('POST', `/articles/${article.id}/feedback`, { data: { helpful: true, visitorId: `contract-visitor-${unique}` }, expect: 200 });
  await anyone('POST', `/articles/${article.id}/feedback`, { data: { helpful: 'maybe' }, expect: 400 });

  // an incident posted and resolved through the admin form, so both shapes of an item are seen
  const form = (action: string, fields: Record<string, string>) => adminSession.post(`/en/admin/incidents?_action=kb.${action}`, { form: fields, headers: { origin: BASE_URL } });
  expect((await form('createIncident', { titleEs: `Corte de contrato ${unique}`, titleEn: `Contract outage ${unique}`, severity: 'minor', categories: 'internet' })).status()).toBe(200);
  const active = (await anyone('GET', '/incidents?locale=en', { expect: 200 })).body.items.find((i: { title: string }) => i.title === `Contract outage ${unique}`);
  expect(active).toMatchObject({ active: true, resolvedAt: null, categories: ['internet'] });
  expect((await form('resolveIncident', { incidentId: String(active.id) })).status()).toBe(200);
  const all = (await anyone('GET', '/incidents?locale=es&active=false', { expect: 200 })).body.items;
  expect(all.find((i: { id: number }) => i.id === active.id)).toMatchObject({ active: false, title: `Corte de contrato ${unique}` });
  await anyone('GET', '/incidents?active=maybe', { expect: 400 });

  const sent = (await anyone('POST', '/contact-requests', { data: { locale: 'en', name: 'Contract', email: 'contract@example.com', subject: 'The document and the API', message: 'Checking that the receipt matches the document.' }, expect: 201 })).body;
  await anyone('POST', '/contact-requests', { data: { locale: 'en', subject: 'x' }, expect: 400 });
  expect(sent.reference).toMatch(/^C-\d{6}$/);
});

test('cases, escalation, SLA settings, macros and webhooks answer as documented', async () => {
  // A thread escalated by a moderator, worked by an agent.
  const asked = (await member('POST', '/questions', { data: { title: `Contract case question ${unique}`, body: 'A question that goes to support for the contract test.', category: 'internet', locale: 'en' }, expect: 201 })).body;
  await member('POST', `/questions/${asked.id}/escalate`, { data: {}, expect: 409 });
  const escalated = (await moderator('POST', `/questions/${asked.id}/escalate`, { data: { priority: 'high' }, expect: 201 })).body;
  expect((await agent('POST', `/questions/${asked.id}/escalate`, { data: {}, expect: 200 })).body).toMatchObject({ caseId: escalated.caseId, created: false });
  const id = escalated.caseId;
  const list = (await agent('GET', '/cases?view=all&limit=2', { expect: 200 })).body;
  expect(list.items[0].id).toBe(id);
  await agent('GET', '/cases?view=everything', { expect: 400 });
  await member('GET', '/cases', { expect: 403 });
  const kase = (await agent('GET', `/cases/${id}`, { expect: 200 })).body;
  expect(kase.sla.map((k: { kind: string }) => k.kind)).toEqual(['first_response', 'resolution']);
  await agent('GET', '/cases/99999999', { expect: 404 });
  await agent('PATCH', `/cases/${id}`, { data: { priority: 'urgent', tags: ['contract'], version: kase.version }, expect: 200 });
  await agent('PATCH', `/cases/${id}`, { data: { priority: 'low', version: kase.version }, expect: 409 });
  await agent('POST', `/cases/${id}/take`, { expect: 409 });
  const contact = (await anyone('POST', '/contact-requests', { data: { locale: 'es', name: 'Contrato', email: 'contrato@example.com', subject: 'Caso sin asignar', message: 'Para tomarlo desde la API del contrato.' }, expect: 201 })).body;
  await agent('PATCH', `/cases/${contact.id}`, { data: { assigneeId: null }, expect: 200 });
  await agent('POST', `/cases/${contact.id}/take`, { expect: 200 });
  await agent('POST', `/cases/${id}/notes`, { data: { body: 'Contract note' }, expect: 201 });
  await agent('POST', `/cases/${id}/notes`, { data: { body: '' }, expect: 400 });
  const reply = (await agent('POST', `/cases/${id}/replies`, { data: { body: 'A public reply from the contract test.', visibility: 'public', status: 'solved' }, expect: 201 })).body;
  expect(reply).toMatchObject({ status: 'solved', answerId: expect.any(Number), mailId: null });
  await agent('POST', `/cases/${contact.id}/replies`, { data: { body: 'No thread here.', visibility: 'public' }, expect: 400 });
  await anyone('POST', `/cases/${id}/satisfaction`, { data: { score: 5, token: 'x'.repeat(32) }, expect: 404 });
  await member('POST', `/cases/${id}/satisfaction`, { data: { score: 4, comment: 'Good' }, expect: 201 });

  // Settings, for admins.
  const rules = (await admin('GET', '/escalation-rules', { expect: 200 })).body;
  expect(rules.items.length).toBeGreaterThan(0);
  await agent('GET', '/escalation-rules', { expect: 403 });
  const rule = (await admin('POST', '/escalation-rules', { data: { name: `Contract ${unique}`, trigger: 'keywords', params: { keywords: { es: ['contrato'], en: ['contract'] } }, queueId: 1, enabled: false }, expect: 201 })).body;
  await admin('POST', '/escalation-rules', { data: { name: 'No params', trigger: 'urgent_flags', queueId: 1 }, expect: 400 });
  await admin('GET', `/escalation-rules/${rule.id}`, { expect: 200 });
  await admin('GET', '/escalation-rules/99999999', { expect: 404 });
  expect((await admin('PATCH', `/escalation-rules/${rule.id}`, { data: { params: { hours: 0 }, trigger: 'no_answer' }, expect: 200 })).body.warnings).toEqual(['firesOnEverything']);
  await admin('PATCH', `/escalation-rules/${rule.id}`, { data: { queueId: 99999 }, expect: 400 });
  await admin('DELETE', `/escalation-rules/${rule.id}`, { expect: 200 });
  await admin('DELETE', `/escalation-rules/${rule.id}`, { expect: 404 });
  const calendars = (await admin('GET', '/business-calendars', { expect: 200 })).body;
  expect(calendars.items[0].timeZone).toBe('Europe/Madrid');
  await member('GET', '/business-calendars', { expect: 403 });
  const weekly = { '1': [{ start: '08:00', end: '16:00' }] };
  const calendar = (await admin('POST', '/business-calendars', { data: { name: `Lisbon ${unique}`, timeZone: 'Europe/Lisbon', weekly, holidays: ['2026-06-13'] }, expect: 201 })).body;
  await admin('POST', '/business-calendars', { data: { name: 'Overlap', timeZone: 'Europe/Lisbon', weekly: { '1': [{ start: '08:00', end: '16:00' }, { start: '15:00', end: '18:00' }] } }, expect: 400 });
  expect((await admin('PUT', `/business-calendars/${calendar.id}`, { data: { name: `Lisbon ${unique}`, timeZone: 'Europe/Lisbon', weekly, holidays: ['2026-06-14'] }, expect: 200 })).body.warnings.holidaysOnClosedDays).toEqual(['2026-06-14']);
  await admin('PUT', `/business-calendars/${calendar.id}`, { data: { name: 'Mars', timeZone: 'Mars/Olympus', weekly }, expect: 400 });
  await admin('DELETE', `/business-calendars/${calendar.id}`, { expect: 200 });
  await admin('DELETE', '/business-calendars/1', { expect: 409 });
  expect((await admin('GET', '/sla-policies', { expect: 200 })).body.items.map((p: { priority: string }) => p.priority)).toEqual(['low', 'normal', 'high', 'urgent']);
  await agent('GET', '/sla-policies', { expect: 403 });
  await admin('PUT', '/sla-policies/urgent', { data: { firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 480, warnShare: 0.75 }, expect: 200 });
  await admin('PUT', '/sla-policies/urgent', { data: { firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 30, warnShare: 1.5 }, expect: 400 });
  const macro = (await admin('POST', '/macros', { data: { locale: 'en', title: `Contract ${unique}`, body: 'Hello {{customer.name}}' }, expect: 201 })).body;
  await admin('POST', '/macros', { data: { locale: 'en', title: 'Bad', body: 'Hello {{customer.password}}' }, expect: 400 });
  await admin('GET', '/macros', { expect: 200 });
  await agent('GET', '/macros', { expect: 403 });
  await admin('PUT', `/macros/${macro.id}`, { data: { locale: 'en', title: `Contract ${unique}`, body: 'Hi {{customer.name}}, case {{case.number}}' }, expect: 200 });
  await admin('PUT', '/macros/99999999', { data: { locale: 'en', title: 'x y', body: 'x y' }, expect: 404 });
  await admin('DELETE', `/macros/${macro.id}`, { expect: 200 });
  await admin('DELETE', `/macros/${macro.id}`, { expect: 404 });

  // Webhooks: created (secret once), changed, log, replay; the inbound endpoint refuses unsigned calls.
  const hook = (await admin('POST', '/webhooks', { data: { url: `${BASE_URL}/api/v1/healthz-not-a-receiver`, events: ['case.updated'] }, expect: 201 })).body;
  expect(hook.secret).toMatch(/^whsec_/);
  await admin('POST', '/webhooks', { data: { url: 'javascript:alert(1)', events: ['case.updated'] }, expect: 400 });
  expect((await admin('GET', '/webhooks', { expect: 200 })).body.items.find((h: { id: number }) => h.id === hook.id).secret).toBeUndefined();
  await agent('GET', '/webhooks', { expect: 403 });
  await admin('PATCH', `/webhooks/${hook.id}`, { data: { description: 'contract' }, expect: 200 });
  await admin('PATCH', `/webhooks/${hook.id}`, { data: { events: [] }, expect: 400 });
  await agent('PATCH', `/cases/${id}`, { data: { status: 'closed' }, expect: 200 });
  const deliveries = (await admin('GET', `/webhooks/${hook.id}/deliveries`, { expect: 200 })).body;
  expect(deliveries.items[0]).toMatchObject({ event: 'case.updated' });
  await admin('GET', '/webhooks/99999999/deliveries', { expect: 404 });
  await admin('POST', `/webhooks/deliveries/${deliveries.items[0].id}/replay`, { expect: 201 });
  await admin('POST', '/webhooks/deliveries/99999999/replay', { expect: 404 });
  await admin('DELETE', `/webhooks/${hook.id}`, { expect: 200 });
  await admin('DELETE', `/webhooks/${hook.id}`, { expect: 404 });
  await anyone('POST', '/webhooks/inbound', { data: { type: 'case.status', case: escalated.number, status: 'open' }, expect: 401 });
  const inbound = { type: 'case.status', case: contact.reference, status: 'on_hold' };
  const t = Math.floor(Date.now() / 1000);
  const signature = `t=${t},v1=${createHmac('sha256', 'e2e-inbound-secret-0123456789').update(`${t}.${JSON.stringify(inbound)}`).digest('hex')}`;
  expect((await anyone('POST', '/webhooks/inbound', { data: inbound, headers: { 'x-resuelve-signature': signature }, expect: 200 })).body).toEqual({ case: contact.reference, status: 'on_hold' });
  await anyone('POST', '/webhooks/inbound', { data: inbound, headers: { 'x-resuelve-signature': signature }, expect: 409 });
});

test('KPIs and report exports answer as documented', async () => {
  const kpis = (await admin('GET', '/kpis?section=search&lang=en', { expect: 200 })).body;
  expect(kpis.kpis.map((k: { key: string }) => k.key)).toEqual(['searches', 'searchSuccess', 'zeroResultRate']);
  await agent('GET', '/kpis', { expect: 200 }); // Grace is the demo's support lead
  await member('GET', '/kpis', { expect: 403 });
  await anyone('GET', '/kpis', { expect: 401 });
  await admin('GET', '/kpis?from=2026-03-10&to=2026-03-01', { expect: 400 });
  await admin('GET', '/kpis?utm_source=mail', { expect: 400 });
  const table = (await admin('GET', '/kpis/export?section=search&table=zero-result-queries', { expect: 200 })).body;
  expect(table.columns.map((c: { key: string }) => c.key)).toEqual(['query', 'searches']);
  await admin('GET', '/kpis/export?section=search&table=nope', { expect: 404 });
  await admin('GET', '/kpis/export?section=search', { expect: 400 });
  await member('GET', '/kpis/export?section=search&table=zero-result-queries', { expect: 403 });
});

test('reputation: members, ledger, leaderboards, badges, rewards, redemptions and the superuser program answer as documented', async () => {
  const board = (await anyone('GET', '/leaderboards?limit=2', { expect: 200 })).body;
  expect(board.items.map((e: { rank: number }) => e.rank)).toEqual([1, 2]);
  await anyone('GET', '/leaderboards?period=year', { expect: 400 });
  const leader = board.items[0].userId;
  const profile = (await anyone('GET', `/members/${leader}`, { expect: 200 })).body;
  expect([profile.reputation, profile.balance]).toEqual([board.items[0].points, null]);
  await anyone('GET', '/members/99999999', { expect: 404 });
  expect((await moderator('GET', `/members/${leader}/reputation?limit=2`, { expect: 200 })).body.items).toHaveLength(2);
  await anyone('GET', `/members/${leader}/reputation`, { expect: 401 });

  expect((await anyone('GET', '/badges?tier=gold', { expect: 200 })).body.items.every((b: { tier: string }) => b.tier === 'gold')).toBe(true);
  await anyone('GET', '/badges?tier=platinum', { expect: 400 });
  const rule = { slug: `contract-${unique}`, nameEs: 'Contrato', nameEn: 'Contract', descriptionEs: 'x', descriptionEn: 'x', tier: 'bronze', condition: 'answers', threshold: 1000 };
  await admin('POST', '/badges', { data: rule, expect: 201 });
  await admin('POST', '/badges', { data: rule, expect: 409 });
  const badgeId = profile.badges[0].id;
  await moderator('POST', `/member-badges/${badgeId}/revocation`, { data: { reason: 'contract check' }, expect: 200 });
  await moderator('POST', `/member-badges/${badgeId}/revocation`, { data: { reason: 'contract check' }, expect: 409 });

  const reward = { nameEs: `Taza ${unique}`, nameEn: `Mug ${unique}`, cost: 1, stock: 5 };
  await member('POST', '/rewards', { data: reward, expect: 403 });
  const created = (await admin('POST', '/rewards', { data: reward, expect: 201 })).body;
  await admin('PATCH', `/rewards/${created.id}`, { data: { ...reward, stock: 10 }, expect: 200 });
  await admin('PATCH', '/rewards/99999999', { data: reward, expect: 404 });
  expect((await anyone('GET', '/rewards', { expect: 200 })).body.items.some((r: { id: number }) => r.id === created.id)).toBe(true);
  await anyone('GET', '/rewards?all=maybe', { expect: 400 });
  const redeemed = (await member('POST', `/rewards/${created.id}/redemptions`, { expect: 201 })).body;
  await member('POST', `/rewards/${created.id}/redemptions`, { expect: 409 });
  const mine = (await member('GET', '/redemptions', { expect: 200 })).body.items;
  const tom = mine.find((r: { id: number }) => r.id === redeemed.redemptionId).userId;
  await member('GET', '/redemptions?status=lost', { expect: 400 });
  await admin('POST', `/rewards/${created.id}/grants`, { data: { userId: tom, note: 'thanks' }, expect: 201 });
  await member('POST', `/rewards/${created.id}/grants`, { data: { userId: tom }, expect: 403 });
  await admin('PATCH', `/redemptions/${redeemed.redemptionId}`, { data: { status: 'fulfilled', note: 'sent' }, expect: 200 });
  await admin('PATCH', `/redemptions/${redeemed.redemptionId}`, { data: { status: 'cancelled' }, expect: 409 });

  await moderator('GET', '/superusers/candidates', { expect: 200 });
  await member('GET', '/superusers/candidates', { expect: 403 });
  const { nominationId } = (await moderator('POST', '/superusers/nominations', { data: { userId: tom }, expect: 201 })).body;
  await moderator('POST', '/superusers/nominations', { data: { userId: tom }, expect: 409 });
  expect((await member('POST', `/superusers/nominations/${nominationId}`, { data: { answer: 'accept' }, expect: 200 })).body).toEqual({ status: 'probation' });
  await member('POST', `/superusers/nominations/${nominationId}`, { data: { answer: 'accept' }, expect: 409 });
  await moderator('DELETE', `/superusers/${tom}`, { data: { reason: 'contract check over' }, expect: 200 });
  await moderator('DELETE', `/superusers/${tom}`, { data: { reason: 'contract check over' }, expect: 409 });
});

test('deflection events and settings answer as documented', async () => {
  const batch = { events: [{ id: `contract-${unique}`, type: 'form_abandoned', surface: 'ask_form', query: 'the document' }] };
  expect((await anyone('POST', '/events', { data: batch, expect: 202 })).body).toEqual({ accepted: 1, ignored: 0 });
  await anyone('POST', '/events', { data: { events: [{ id: `contract-x-${unique}`, type: 'purchase', surface: 'widget' }] }, expect: 400 });
  const settings = (await admin('GET', '/deflection/settings', { expect: 200 })).body;
  await member('GET', '/deflection/settings', { expect: 403 });
  expect((await admin('PATCH', '/deflection/settings', { data: { suggestionCount: settings.suggestionCount }, expect: 200 })).body.updatedAt).not.toBeNull();
  await admin('PATCH', '/deflection/settings', { data: { suggestionCount: 0 }, expect: 400 });
});

test('every documented operation was called, with a success and an error checked against the document', async () => {
  const missing = documentedOperations(doc).filter((operation) => {
    const statuses = [...(seen.get(operation) ?? [])];
    return !statuses.some((s) => s < 300) || !statuses.some((s) => s >= 400);
  });
  expect(missing).toEqual([]);
  expect(seen.size).toBe(documentedOperations(doc).length);
});
