import { expect, test, type APIRequestContext } from '@playwright/test';
import { BASE_URL, DEMO_PASSWORD, tokenFor } from './helpers';

// Issue 10 items 15 and 16 through the paths people and scripts use: a suspension reaches access tokens and sessions at
// once, and a hidden post is absent from every view of it (thread page, API, search, similar questions, sitemap,
// member profile, lists, revision history) for everyone but its thread's moderators (and its author).

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
/** A made-up word no demo post holds, so that a search for it finds only what this spec wrote. */
const word = (prefix: string) => prefix + Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

async function signedIn(playwright: { request: { newContext(o: { baseURL: string }): Promise<APIRequestContext> } }, email: string) {
  const context = await playwright.request.newContext({ baseURL: BASE_URL });
  return { context, token: await tokenFor(context, email) };
}

async function ask(api: APIRequestContext, token: string, title: string, body: string): Promise<{ id: number; url: string; author: { id: number } }> {
  const res = await api.post('/api/v1/questions', { data: { title, body, category: 'internet', locale: 'en' }, headers: auth(token) });
  expect(res.status()).toBe(201);
  return res.json();
}

async function searchIds(api: APIRequestContext, q: string): Promise<number[]> {
  const res = await api.get(`/api/v1/search?q=${encodeURIComponent(q)}&locale=en`);
  expect(res.status()).toBe(200);
  return ((await res.json()).hits as { type: string; id: number }[]).filter((h) => h.type === 'question').map((h) => h.id);
}

async function sitemapText(api: APIRequestContext): Promise<string> {
  const index = await (await api.get('/sitemap.xml')).text();
  const pages = [...index.matchAll(/<loc>[^<]*(\/sitemaps\/threads\/\d+\.xml)<\/loc>/g)].map((m) => m[1]!);
  expect(pages.length).toBeGreaterThan(0);
  return (await Promise.all(pages.map(async (p) => (await api.get(p)).text()))).join('\n');
}

test('a hidden answer and a hidden question are gone from every view for members and visitors, and stay visible to moderators', async ({ playwright }) => {
  const api = await playwright.request.newContext({ baseURL: BASE_URL });
  const asker = await signedIn(playwright, 'priya@resuelve.test');
  const answerer = await signedIn(playwright, 'tom@resuelve.test');
  const reader = await signedIn(playwright, 'lucia@resuelve.test');
  const moderator = await signedIn(playwright, 'moderator@resuelve.test');

  // a thread whose answer will be hidden
  const answerWord = word('ansvis');
  const q = await ask(api, asker.token, `Router light blinks orange ${word('t')}`, 'The router light blinks orange every few minutes and the connection drops.');
  const path = new URL(q.url).pathname;
  const answered = await api.post(`/api/v1/questions/${q.id}/answers`, { data: { body: `Replace the splitter: ${answerWord} fixed it for me after a week of drops.` }, headers: auth(answerer.token) });
  expect(answered.status()).toBe(201);
  const answerId: number = (await answered.json()).id;
  const answerLink = `#answer-${answerId}`;
  const answererId: number = (await (await api.get(`/api/v1/questions/${q.id}`)).json()).answers.find((a: { id: number }) => a.id === answerId).author.id;
  // public first, so that its absence afterwards means something
  await expect.poll(() => searchIds(api, answerWord), { timeout: 15_000 }).toEqual([q.id]);
  expect(await (await api.get(`/en/members/${answererId}`)).text()).toContain(answerLink);

  // a question that will be hidden
  const questionWord = word('qvis');
  const hiddenQ = await ask(api, asker.token, `Modem reboots at night ${questionWord}`, `Every night at 3 the modem reboots on its own (${questionWord}).`);
  const hiddenPath = new URL(hiddenQ.url).pathname;
  await expect.poll(() => searchIds(api, questionWord), { timeout: 15_000 }).toEqual([hiddenQ.id]);
  expect(await sitemapText(api)).toContain(hiddenPath);
  expect((await api.get(`/api/v1/questions/${hiddenQ.id}/similar`)).status()).toBe(200);

  for (const [targetType, targetId] of [['answer', answerId], ['question', hiddenQ.id]] as const) {
    const hide = await api.post('/api/v1/moderation/content', { data: { targetType, targetId, action: 'hide', reason: 'visibility spec' }, headers: auth(moderator.token) });
    expect(await hide.json()).toEqual({ status: 'hidden' });
  }

  // the hidden answer: not on the thread page (visitors, even from the anonymous cache, and members), not in the API
  await expect.poll(async () => (await api.get(path)).text(), { timeout: 15_000 }).not.toContain(answerWord);
  expect(await (await reader.context.get(path)).text()).not.toContain(answerWord);
  expect(await (await moderator.context.get(path)).text()).toContain(answerWord);
  const answerIds = async (headers: Record<string, string>) => ((await (await api.get(`/api/v1/questions/${q.id}`, { headers })).json()).answers as { id: number }[]).map((a) => a.id);
  expect(await answerIds({})).not.toContain(answerId);
  expect(await answerIds(auth(reader.token))).not.toContain(answerId);
  expect(await answerIds(auth(moderator.token))).toContain(answerId);
  // nor in search (the thread stays, its text without the answer), nor on its author's profile
  await expect.poll(() => searchIds(api, answerWord), { timeout: 15_000 }).toEqual([]);
  const profile = await (await api.get(`/en/members/${answererId}`)).text();
  expect(profile).not.toContain(answerLink);
  expect((await api.get(`/en/questions/history/${answerId}`)).status()).toBe(404);
  expect((await reader.context.get(`/en/questions/history/${answerId}`)).status()).toBe(404);
  expect(await (await moderator.context.get(`/en/questions/history/${answerId}`)).text()).toContain(answerWord);

  // the hidden question: 404 for visitors and other members, wherever they look; its author and moderators still see it
  for (const headers of [{}, auth(reader.token)]) {
    expect((await api.get(`/api/v1/questions/${hiddenQ.id}`, { headers })).status()).toBe(404);
    expect((await api.get(`/api/v1/questions/${hiddenQ.id}/similar`, { headers })).status()).toBe(404);
  }
  expect((await api.get(`/api/v1/questions/${hiddenQ.id}`, { headers: auth(moderator.token) })).status()).toBe(200);
  expect((await api.get(`/api/v1/questions/${hiddenQ.id}/similar`, { headers: auth(moderator.token) })).status()).toBe(200);
  expect((await api.get(`/api/v1/questions/${hiddenQ.id}`, { headers: auth(asker.token) })).status()).toBe(200);
  expect((await api.get(hiddenPath, { headers: { 'cache-control': 'no-cache' } })).status()).toBe(404);
  expect((await reader.context.get(hiddenPath)).status()).toBe(404);
  expect(await (await moderator.context.get(hiddenPath)).text()).toContain(questionWord);
  // the revision history was public for a hidden question (the bug of item 16)
  const history = `/en/questions/history/${hiddenQ.id}`;
  expect((await api.get(history)).status()).toBe(404);
  expect((await reader.context.get(history)).status()).toBe(404);
  expect(await (await moderator.context.get(history)).text()).toContain(questionWord);
  await expect.poll(() => searchIds(api, questionWord), { timeout: 15_000 }).toEqual([]);
  expect(await sitemapText(api)).not.toContain(hiddenPath);
  const listed = await (await api.get(`/api/v1/questions?author=${hiddenQ.author.id}&limit=50`)).json();
  expect((listed.items as { id: number }[]).map((i) => i.id)).not.toContain(hiddenQ.id);
  expect((listed.items as { id: number }[]).map((i) => i.id)).toContain(q.id);
  expect(await (await api.get(`/en/members/${hiddenQ.author.id}`)).text()).not.toContain(hiddenPath);

  // restored, it is back where it was
  const restore = await api.post('/api/v1/moderation/content', { data: { targetType: 'question', targetId: hiddenQ.id, action: 'restore' }, headers: auth(moderator.token) });
  expect(await restore.json()).toEqual({ status: 'published' });
  expect((await api.get(`/api/v1/questions/${hiddenQ.id}`)).status()).toBe(200);
  await expect.poll(() => searchIds(api, questionWord), { timeout: 15_000 }).toEqual([hiddenQ.id]);
});

test('a suspension reaches access tokens and sessions at once: a suspended moderator or member gets 403 where they had powers, and they come back when it is lifted', async ({ playwright }) => {
  const api = await playwright.request.newContext({ baseURL: BASE_URL });
  const admin = await signedIn(playwright, 'admin@resuelve.test');
  const moderator = await signedIn(playwright, 'moderator@resuelve.test');
  const member = await signedIn(playwright, 'john@resuelve.test');

  const q = await ask(api, member.token, `Suspension check ${word('s')}`, 'Which of my powers does a suspension take away, and how fast?');
  const modQ = await ask(api, moderator.token, `Moderator question ${word('m')}`, 'A question by the moderator, to learn their member id.');
  const moderatorId = modQ.author.id;
  const memberId = q.author.id;
  expect((await api.get('/api/v1/moderation/queue', { headers: auth(moderator.token) })).status()).toBe(200);

  const suspend = await api.post(`/api/v1/members/${moderatorId}/suspension`, { data: { days: 1, reason: 'suspension spec' }, headers: auth(admin.token) });
  expect(suspend.status()).toBe(200);
  try {
    // the very next request with the same token: every moderator power is refused, as for an anonymous visitor's
    const refused: [string, Promise<{ status(): number }>][] = [
      ['queue', api.get('/api/v1/moderation/queue', { headers: auth(moderator.token) })],
      ['hidden', api.get('/api/v1/moderation/hidden', { headers: auth(moderator.token) })],
      ['audit', api.get('/api/v1/moderation/audit', { headers: auth(moderator.token) })],
      ['hide', api.post('/api/v1/moderation/content', { data: { targetType: 'question', targetId: q.id, action: 'hide', reason: 'x' }, headers: auth(moderator.token) })],
      ['lock', api.post(`/api/v1/questions/${q.id}/moderation`, { data: { action: 'lock' }, headers: auth(moderator.token) })],
      ['tag', api.patch('/api/v1/tags/router', { data: { description: 'Edited while suspended' }, headers: auth(moderator.token) })],
      ['suspend', api.post(`/api/v1/members/${memberId}/suspension`, { data: { days: 1, reason: 'x' }, headers: auth(moderator.token) })],
      ['ask', api.post('/api/v1/questions', { data: { title: 'Asked while suspended, should fail', body: 'This must not be published at all.', category: 'internet', locale: 'en' }, headers: auth(moderator.token) })],
      ['answer', api.post(`/api/v1/questions/${q.id}/answers`, { data: { body: 'Answered while suspended, this must not be saved.' }, headers: auth(moderator.token) })],
    ];
    const statuses = Object.fromEntries(await Promise.all(refused.map(async ([name, res]) => [name, (await res).status()] as const)));
    expect(statuses).toEqual({ queue: 403, hidden: 403, audit: 403, hide: 403, lock: 403, tag: 403, suspend: 403, ask: 403, answer: 403 });
    // the sessions: the suspension signed them out; signed in again, the moderation area is closed to them
    const signedOut = await moderator.context.get('/en/moderation', { maxRedirects: 0 });
    expect(signedOut.status()).toBe(303);
    expect(signedOut.headers().location).toContain('/en/signin');
    const again = await moderator.context.post('/en/signin?_action=auth.signIn', { form: { email: 'moderator@resuelve.test', password: DEMO_PASSWORD }, headers: { origin: BASE_URL }, maxRedirects: 0 });
    expect(again.status()).toBe(303);
    expect((await moderator.context.get('/en/moderation', { maxRedirects: 0 })).status()).toBe(403);
    expect((await api.get(`/api/v1/questions/${q.id}`)).status()).toBe(200);
    expect((await (await api.get('/api/v1/tags/router')).json()).description).not.toBe('Edited while suspended');
  } finally {
    expect((await api.delete(`/api/v1/members/${moderatorId}/suspension`, { headers: auth(admin.token) })).status()).toBe(200);
  }
  expect((await api.get('/api/v1/moderation/queue', { headers: auth(moderator.token) })).status()).toBe(200);

  // a member: their token's next write is refused; reading stays what a visitor may read
  expect((await api.post(`/api/v1/members/${memberId}/suspension`, { data: { days: 2, reason: 'suspension spec' }, headers: auth(moderator.token) })).status()).toBe(200);
  try {
    expect((await api.post('/api/v1/questions', { data: { title: 'Asked by a suspended member now', body: 'This must not be published at all.', category: 'internet', locale: 'en' }, headers: auth(member.token) })).status()).toBe(403);
    expect((await api.post(`/api/v1/questions/${q.id}/comments`, { data: { body: 'A comment from a suspended member.' }, headers: auth(member.token) })).status()).toBe(403);
    expect((await api.get(`/api/v1/questions/${q.id}`, { headers: auth(member.token) })).status()).toBe(200);
  } finally {
    expect((await api.delete(`/api/v1/members/${memberId}/suspension`, { headers: auth(moderator.token) })).status()).toBe(200);
  }
});
