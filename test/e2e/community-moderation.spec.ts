import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { BASE_URL, signIn, signOut, tokenFor } from './helpers';

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('edit with history, then flag → moderate: a member flags an answer, a moderator hides it from the queue, the audit log records it (es)', async ({ page }) => {
  test.setTimeout(90_000);
  const unique = `M${Date.now() % 100000}`;
  await signIn(page, 'valentina@resuelve.test');
  await page.goto('/es/questions/ask');
  await page.getByLabel('Título').fill(`La factura ${unique} me cobra dos veces el mismo mes`);
  await page.getByLabel('Detalles').fill('Este mes aparece el mismo cargo dos veces en la factura de la fibra. ¿Cómo lo reclamo?');
  await page.getByLabel('Categoría').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Publicar la pregunta' }).click();
  // A solved thread says the same ("Me han cobrado dos veces la factura de este mes"): the form asks first.
  await expect(page.getByRole('alert')).toContainText('Una pregunta resuelta parece igual que la tuya');
  await page.getByRole('button', { name: 'Ninguna la responde: publicar mi pregunta' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(unique);
  // edit with revision history and a diff
  await page.locator('.post').first().getByRole('link', { name: 'Editar' }).click();
  await page.getByLabel('Título').fill(`La factura ${unique} me cobra dos veces el mismo cargo`);
  await page.getByLabel('¿Qué cambiaste? (opcional)').fill('título más claro');
  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('el mismo cargo');
  const questionUrl = page.url();
  expect(questionUrl).toMatch(/-el-mismo-cargo$/);
  await page.locator('.post').first().getByRole('link', { name: 'Historial' }).click();
  await expect(page.getByRole('heading', { name: 'Revisión 2' })).toBeVisible();
  await expect(page.locator('.revision').first().locator('del')).toContainText('mes');
  await expect(page.locator('.revision').first().locator('ins')).toContainText('cargo');
  expect(await axe(page)).toEqual([]);
  await page.goto(questionUrl);
  await signOut(page);

  await signIn(page, 'carlos@resuelve.test');
  await page.goto(questionUrl);
  await page.getByLabel('Tu respuesta').fill('Compra seguidores baratos en mi web, es la mejor solución para todo.');
  await page.getByRole('button', { name: 'Publicar la respuesta' }).click();
  await expect(page.getByRole('heading', { name: '1 respuesta' })).toBeVisible();
  await signOut(page);

  await signIn(page, 'john@resuelve.test');
  await page.goto(questionUrl);
  const answer = page.locator('section[id^="answer-"]').first();
  await answer.getByText('Denunciar', { exact: true }).first().click();
  await answer.getByLabel('Spam').check();
  await answer.getByLabel('Nota para los moderadores (opcional)').fill('publicidad');
  await answer.getByRole('button', { name: 'Denunciar' }).click();
  await expect(page.getByText('Gracias. Un moderador lo revisará.')).toBeVisible();
  // votes and "me too" work without JavaScript too
  await page.getByRole('button', { name: 'A mí también me pasa' }).click();
  await expect(page.getByText('1 persona tiene este problema')).toBeVisible();
  await signOut(page);

  await signIn(page, 'moderator@resuelve.test');
  await page.goto('/es/moderation');
  await expect(page.getByRole('heading', { level: 1, name: 'Moderación' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  const item = page.locator('.queue-item', { hasText: unique });
  await expect(item).toContainText('Spam ×1');
  await expect(item).toContainText('publicidad');
  await item.getByRole('button', { name: 'Ocultar (aceptar denuncias)' }).click();
  await expect(page.getByText('Hecho.')).toBeVisible();
  await expect(page.locator('.queue-item', { hasText: unique })).toHaveCount(0);
  await page.goto('/es/moderation/audit');
  await expect(page.locator('tbody tr').first()).toContainText('confirmó las denuncias de · respuesta');
  await page.goto(questionUrl);
  await expect(page.getByText('Oculto por los moderadores.')).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await signOut(page);

  await page.goto(questionUrl);
  await expect(page.getByRole('heading', { name: '0 respuestas' })).toBeVisible();
  await expect(page.getByText('Compra seguidores')).toHaveCount(0);

  // the author hears about it
  await signIn(page, 'carlos@resuelve.test');
  await page.getByRole('link', { name: /Notificaciones \(\d+ sin leer\)/ }).click();
  await expect(page.getByRole('link', { name: /Un moderador revisó tu mensaje/ }).first()).toBeVisible();
  expect(await axe(page)).toEqual([]);
});

test('vote, comment, follow on a thread, light and dark; accepted answer right under the question (en)', async ({ page }) => {
  await page.goto('/en/questions?filter=solved');
  await page.locator('.question-item .question-title a').first().click();
  const threadUrl = page.url();
  await expect(page.locator('section[id^="answer-"]').first()).toHaveClass(/accepted/);
  await signIn(page, 'tom@resuelve.test', 'en');
  await page.goto(threadUrl);
  // The first post Tom may vote on (not his own); the demo may already hold his vote, so the button toggles.
  const votable = page.locator('.post').filter({ has: page.getByRole('button', { name: /^(Upvote|Remove my vote)$/ }) }).first();
  const id = await votable.getAttribute('id');
  const voted = (await votable.getByRole('button', { name: 'Remove my vote' }).count()) > 0;
  await votable.getByRole('button', { name: voted ? 'Remove my vote' : 'Upvote' }).first().click();
  const again = id ? page.locator(`#${id}`) : page.locator('.post').first();
  await expect(again.getByRole('button', { name: voted ? 'Upvote' : 'Remove my vote' }).first()).toBeVisible();
  await page.locator('.post').first().locator('summary', { hasText: 'Add a comment' }).click();
  await page.locator('.post').first().getByLabel('Your comment').fill('Same here on the newest firmware.');
  await page.locator('.post').first().getByRole('button', { name: 'Comment' }).click();
  await expect(page.getByText('Same here on the newest firmware.')).toBeVisible();
  // Tom may already follow it (answerers follow automatically): the button toggles either way.
  const following = (await page.getByRole('button', { name: 'Unfollow' }).count()) > 0;
  await page.getByRole('button', { name: following ? 'Unfollow' : 'Follow', exact: true }).click();
  await expect(page.getByRole('button', { name: following ? 'Follow' : 'Unfollow', exact: true })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axe(page), 'dark').toEqual([]);
});

test('lists: tabs, tag pages, member profile with ProfilePage JSON-LD; no axe violations', async ({ page }) => {
  // four axe scans: on a loaded 2-core machine they alone can take most of the default 30 s
  test.slow();
  for (const path of ['/es/questions?filter=active', '/es/questions?filter=unsolved', '/en/questions?tag=router']) {
    await page.goto(path);
    expect(await axe(page), path).toEqual([]);
  }
  await page.goto('/es/questions');
  await page.locator('.question-item .question-title a').first().click();
  const memberLink = page.locator('a[href*="/members/"]').first();
  if (await memberLink.count()) {
    await memberLink.click();
  } else {
    await page.goto('/es/members/6');
  }
  const ld = await page.locator('script[type="application/ld+json"]').first().textContent();
  expect(JSON.parse(ld!)['@type']).toBe('ProfilePage');
  expect(await axe(page)).toEqual([]);
});

test('API: comments, votes (not your own), flags, un-accept; all in the OpenAPI document', async ({ playwright }) => {
  const asker = await tokenFor(await playwright.request.newContext({ baseURL: BASE_URL }), 'priya@resuelve.test');
  const helper = await tokenFor(await playwright.request.newContext({ baseURL: BASE_URL }), 'john@resuelve.test');
  const api = await playwright.request.newContext({ baseURL: BASE_URL });
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });
  const q = await (await api.post('/api/v1/questions', { data: { title: `API comment and vote check ${Date.now() % 100000}`, body: 'The router app shows error E42 after the update.', category: 'internet', tags: ['router'], locale: 'en' }, headers: auth(asker) })).json();
  const a = await (await api.post(`/api/v1/questions/${q.id}/answers`, { data: { body: 'E42 means the app is outdated; update it from the store.' }, headers: auth(helper) })).json();

  const comment = await api.post(`/api/v1/questions/${q.id}/comments`, { data: { body: 'Which app version do you have?' }, headers: auth(helper) });
  expect(comment.status()).toBe(201);
  expect(await comment.json()).toMatchObject({ postId: q.id, questionId: q.id });

  expect(await (await api.post(`/api/v1/posts/${a.id}/votes`, { data: { value: 1 }, headers: auth(asker) })).json()).toEqual({ postId: a.id, score: 1, vote: 1 });
  expect(await (await api.post(`/api/v1/posts/${a.id}/votes`, { data: { value: 0 }, headers: auth(asker) })).json()).toEqual({ postId: a.id, score: 0, vote: 0 });
  const own = await api.post(`/api/v1/posts/${a.id}/votes`, { data: { value: 1 }, headers: auth(helper) });
  expect(own.status()).toBe(403);
  expect(own.headers()['content-type']).toContain('application/problem+json');

  const flag = await api.post(`/api/v1/posts/${q.id}/flags`, { data: { reason: 'off-topic', note: 'test' }, headers: auth(helper) });
  expect(flag.status()).toBe(201);
  expect((await api.post(`/api/v1/posts/${q.id}/flags`, { data: { reason: 'nonsense' }, headers: auth(helper) })).status()).toBe(400);

  await api.post(`/api/v1/answers/${a.id}/accept`, { headers: auth(asker) });
  const unaccept = await api.delete(`/api/v1/answers/${a.id}/accept`, { headers: auth(asker) });
  expect(await unaccept.json()).toEqual({ questionId: q.id, acceptedAnswerId: null });
  expect((await (await api.get(`/api/v1/questions/${q.id}`)).json()).solved).toBe(false);

  const doc = await (await api.get('/api/v1/openapi.json')).json();
  for (const path of ['/questions/{id}/comments', '/posts/{id}/votes', '/posts/{id}/flags']) expect(doc.paths[path]?.post, path).toBeTruthy();
  expect(doc.paths['/answers/{id}/accept'].delete).toBeTruthy();
  const listed = await (await api.get('/api/v1/questions?filter=unsolved&tag=router&limit=2')).json();
  expect(listed.items.length).toBeLessThanOrEqual(2);
});

test('admin creates a subcategory and names a category moderator; it appears on the ask form and in the API (en)', async ({ page, request }) => {
  test.setTimeout(60_000);
  const unique = `${Date.now() % 100000}`;
  await signIn(page, 'admin@resuelve.test', 'en');
  await page.goto('/en/admin/categories');
  await expect(page.getByRole('heading', { level: 1, name: 'Categories' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.getByLabel('Slug').fill(`sub-${unique}`);
  await page.getByLabel('Name in Spanish').fill(`Sub ES ${unique}`);
  await page.getByLabel('Name in English').fill(`Sub EN ${unique}`);
  await page.getByLabel('Description in English').fill('Questions about a brand-new topic.');
  await page.getByLabel('Parent category').selectOption({ index: 1 });
  const parentName = (await page.getByLabel('Parent category').locator('option:checked').textContent())!.trim();
  await page.getByRole('button', { name: 'Create category' }).click();
  await expect(page.getByText('Category saved.')).toBeVisible();
  await expect(page.locator('tr.child', { hasText: `Sub EN ${unique}` })).toBeVisible();
  // a second category with the same slug and a bad position: both errors at once
  await page.getByLabel('Slug').fill(`sub-${unique}`);
  await page.getByLabel('Name in Spanish').fill('Otra');
  await page.getByLabel('Name in English').fill('Another');
  await page.getByLabel('Position').fill('abc');
  await page.getByRole('button', { name: 'Create category' }).click();
  await expect(page.getByText('Another category uses this slug.')).toBeVisible();
  await expect(page.getByText('Enter a whole number.')).toBeVisible();
  await page.getByLabel('Position').fill('');

  await page.getByRole('link', { name: `Edit: Sub EN ${unique}` }).click();
  await page.getByLabel('Member’s email').fill('john@resuelve.test');
  await page.getByRole('button', { name: 'Add moderator' }).click();
  await expect(page.locator('.moderators')).toContainText('John Miller');
  expect(await axe(page)).toEqual([]);
  await page.getByLabel('Member’s email').fill('john@resuelve.test');
  await page.getByRole('button', { name: 'Add moderator' }).click();
  await expect(page.getByText('That member is already a moderator of this category.')).toBeVisible();
  // moderator ids in the API are for admins only
  const categoryId = /\/admin\/categories\/(\d+)/.exec(page.url())![1];
  expect((await (await page.request.get(`/api/v1/categories/${categoryId}`)).json()).moderatorIds).toHaveLength(1);
  expect(await (await request.get(`/api/v1/categories/${categoryId}`)).json()).not.toHaveProperty('moderatorIds');

  await page.goto('/en/questions/ask');
  await expect(page.getByLabel('Category').locator('option', { hasText: `${parentName} › Sub EN ${unique}` })).toHaveCount(1);

  const tree = await (await request.get('/api/v1/categories?locale=en')).json();
  const parent = tree.items.find((c: { name: { en: string } }) => c.name.en === parentName);
  expect(parent.children.map((c: { slug: string }) => c.slug)).toContain(`sub-${unique}`);
  const anonymous = await request.post('/api/v1/categories', { data: { slug: `x-${unique}`, nameEs: 'X', nameEn: 'X' }, headers: { origin: BASE_URL } });
  expect(anonymous.status()).toBe(401);

  // the new category moderator gets the moderation tools on threads of that category, and only there
  await signOut(page, 'en');
  await signIn(page, 'john@resuelve.test', 'en');
  await page.goto('/en/questions/ask');
  await page.getByLabel('Title').fill(`Where do I find the settings of the new topic ${unique}?`);
  await page.getByLabel('Details').fill('I looked in the account page and in the app but I cannot find where this is configured.');
  await page.getByLabel('Category').selectOption(`sub-${unique}`);
  await page.getByRole('button', { name: 'Post your question' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(unique);
  await expect(page.locator('details.mod-tools summary', { hasText: 'Moderation' })).toHaveCount(1);
  await expect(page.getByLabel('Move to').locator('option')).toHaveText([`Sub EN ${unique}`]);
  const elsewhere = (await (await request.get('/api/v1/questions?category=billing&locale=en&limit=1')).json()).items[0];
  await page.goto(new URL(elsewhere.url).pathname);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(elsewhere.title);
  await expect(page.locator('details.mod-tools summary', { hasText: 'Moderation' })).toHaveCount(0);
});

test('a moderator restores a hidden comment from the hidden-content view; tags list and tag editing (es)', async ({ page, playwright }) => {
  test.setTimeout(90_000);
  const unique = `R${Date.now() % 100000}`;
  const asker = await tokenFor(await playwright.request.newContext({ baseURL: BASE_URL }), 'priya@resuelve.test');
  const commenter = await tokenFor(await playwright.request.newContext({ baseURL: BASE_URL }), 'john@resuelve.test');
  const flagger = await tokenFor(await playwright.request.newContext({ baseURL: BASE_URL }), 'carlos@resuelve.test');
  const api = await playwright.request.newContext({ baseURL: BASE_URL });
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });
  const q = await (await api.post('/api/v1/questions', { data: { title: `El router ${unique} se reinicia solo por la noche`, body: 'Cada noche a las tres el router se reinicia sin motivo.', category: 'internet', locale: 'es', tags: `tag-${unique.toLowerCase()}` }, headers: auth(asker) })).json();
  const comment = await (await api.post(`/api/v1/questions/${q.id}/comments`, { data: { body: `Comentario ${unique}: a mí me pasa igual.` }, headers: auth(commenter) })).json();
  expect((await api.post(`/api/v1/posts/${q.id}/flags`, { data: { reason: 'offensive', commentId: comment.id }, headers: auth(flagger) })).status()).toBe(201);

  await signIn(page, 'moderator@resuelve.test');
  await page.goto('/es/moderation');
  await page.locator('.queue-item', { hasText: unique }).getByRole('button', { name: 'Ocultar (aceptar denuncias)' }).click();
  await expect(page.getByText('Hecho.')).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Contenido oculto' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Contenido oculto' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  const item = page.locator('.hidden-item', { hasText: `Comentario ${unique}` });
  await expect(item).toContainText('Comentario');
  await expect(item).toContainText('al aceptar las denuncias');
  await item.getByLabel('Motivo (opcional)').fill('no era ofensivo');
  await item.getByRole('button', { name: /Restaurar/ }).click();
  await expect(page.getByText('Restaurado.')).toBeVisible();
  await expect(page.locator('.hidden-item', { hasText: `Comentario ${unique}` })).toHaveCount(0);
  await page.goto('/es/moderation/audit');
  await expect(page.locator('tbody tr').first()).toContainText(`restauró · comentario ${comment.id}`);
  await expect(page.locator('tbody tr').first()).toContainText('no era ofensivo');

  // tags: the list, then a moderator edits a tag's description and synonyms
  await page.goto('/es/tags');
  await expect(page.getByRole('heading', { level: 1, name: 'Etiquetas' })).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.goto('/es/tags?prefix=rout');
  await page.getByRole('link', { name: 'Editar: router' }).click();
  await page.getByLabel('Descripción').fill(`Routers y módems ${unique}`);
  await page.getByLabel('Sinónimos').fill('enrutador, módem');
  await page.getByRole('button', { name: 'Guardar la etiqueta' }).click();
  await expect(page.getByText('«módem» no es un nombre de etiqueta válido')).toBeVisible();
  // an existing tag as a synonym: refused until the merge is confirmed
  await page.getByLabel('Sinónimos').fill(`enrutador, tag-${unique.toLowerCase()}`);
  await page.getByRole('button', { name: 'Guardar la etiqueta' }).click();
  await expect(page.getByText(`tag-${unique.toLowerCase()} (1)`)).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await page.getByLabel('Fusionar estas etiquetas con esta (sus preguntas pasan aquí)').check();
  await page.getByRole('button', { name: 'Guardar la etiqueta' }).click();
  await expect(page.getByText('Etiqueta guardada.')).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await signOut(page);
  const tag = await (await api.get('/api/v1/tags/enrutador')).json();
  expect(tag).toMatchObject({ name: 'router', description: `Routers y módems ${unique}`, synonyms: ['enrutador', `tag-${unique.toLowerCase()}`] });
  await page.goto('/es/questions?tag=enrutador');
  await expect(page.getByText(`Routers y módems ${unique}`)).toBeVisible();
  expect((await api.patch('/api/v1/tags/router', { data: { description: 'x' }, headers: auth(asker) })).status()).toBe(403);
  // the API asks for confirmMerge too
  const moderatorToken = await tokenFor(await playwright.request.newContext({ baseURL: BASE_URL }), 'moderator@resuelve.test');
  await api.post('/api/v1/questions', { data: { title: `Otra pregunta ${unique} con una etiqueta nueva`, body: 'Un cuerpo suficientemente largo para la pregunta.', category: 'internet', locale: 'es', tags: `otra-${unique.toLowerCase()}` }, headers: auth(asker) });
  const synonyms = ['enrutador', `tag-${unique.toLowerCase()}`, `otra-${unique.toLowerCase()}`];
  const refused = await api.patch('/api/v1/tags/router', { data: { synonyms }, headers: auth(moderatorToken) });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).errors.synonyms).toMatchObject({ code: 'tag.confirmMerge', message: expect.stringContaining(`otra-${unique.toLowerCase()} (1)`) });
  const merged = await api.patch('/api/v1/tags/router', { data: { synonyms, confirmMerge: true }, headers: auth(moderatorToken) });
  expect(await merged.json()).toMatchObject({ name: 'router', moved: 1 });
});

test('thread views: one per visitor a day, pages from the anonymous microcache included, bots never', async ({ playwright }) => {
  const asker = await tokenFor(await playwright.request.newContext({ baseURL: BASE_URL }), 'priya@resuelve.test');
  const api = await playwright.request.newContext({ baseURL: BASE_URL });
  const q = await (await api.post('/api/v1/questions', { data: { title: `View counting check ${Date.now() % 100000}`, body: 'How many people looked at this question today?', category: 'internet', locale: 'en' }, headers: { authorization: `Bearer ${asker}` } })).json();
  const path = new URL(q.url).pathname;
  const visit = async (userAgent: string, headers: Record<string, string> = {}) => {
    const ctx = await playwright.request.newContext({ baseURL: BASE_URL, userAgent });
    const res = await ctx.get(path, { headers });
    expect(res.status()).toBe(200);
    return { cache: res.headers()['x-cache'], html: await res.text() };
  };
  expect((await visit('Mozilla/5.0 Firefox/140.0')).cache).toBe('miss');
  expect((await visit('Mozilla/5.0 Firefox/140.0')).cache).toBe('hit');
  expect((await visit('Mozilla/5.0 Safari/605')).cache).toBe('hit');
  await visit('Googlebot/2.1 (+http://www.google.com/bot.html)');
  // counts are written every 5 s: the next view after that writes the batch
  await new Promise((r) => setTimeout(r, 5200));
  await visit('Mozilla/5.0 Chrome/140.0');
  const fresh = await visit('Mozilla/5.0 Edge/140.0', { 'cache-control': 'no-cache' });
  expect(fresh.html).toContain('3 views');
});

test('API: moderation queue, thread and content commands, hidden content, audit log, suspension; members get 403', async ({ playwright }) => {
  const moderator = await tokenFor(await playwright.request.newContext({ baseURL: BASE_URL }), 'moderator@resuelve.test');
  const member = await tokenFor(await playwright.request.newContext({ baseURL: BASE_URL }), 'tom@resuelve.test');
  const api = await playwright.request.newContext({ baseURL: BASE_URL });
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });

  expect((await api.get('/api/v1/moderation/queue')).status()).toBe(401);
  expect((await api.get('/api/v1/moderation/queue', { headers: auth(member) })).status()).toBe(403);
  const queue = await api.get('/api/v1/moderation/queue', { headers: auth(moderator) });
  expect(queue.status()).toBe(200);
  expect(Object.keys(await queue.json()).sort()).toEqual(['counts', 'flagged', 'pending']);

  const q = await (await api.post('/api/v1/questions', { data: { title: `API moderation check ${Date.now() % 100000}`, body: 'My fiber router shows a red light since this morning.', category: 'internet', locale: 'en' }, headers: auth(member) })).json();
  expect((await api.post(`/api/v1/questions/${q.id}/moderation`, { data: { action: 'pin' }, headers: auth(member) })).status()).toBe(403);
  expect(await (await api.post(`/api/v1/questions/${q.id}/moderation`, { data: { action: 'pin' }, headers: auth(moderator) })).json()).toEqual({ questionId: q.id });
  expect((await (await api.post(`/api/v1/questions/${q.id}/moderation`, { data: { action: 'retag', tags: ['router', 'fiber'] }, headers: auth(moderator) })).json()).tags.sort()).toEqual(['fiber', 'router']);
  const bad = await api.post(`/api/v1/questions/${q.id}/moderation`, { data: { action: 'explode' }, headers: auth(moderator) });
  expect(bad.status()).toBe(400);
  expect(bad.headers()['content-type']).toContain('application/problem+json');
  expect((await api.post(`/api/v1/questions/${q.id}/moderation`, { data: ['pin'], headers: auth(moderator) })).status()).toBe(400);

  expect(await (await api.post('/api/v1/moderation/content', { data: { targetType: 'question', targetId: q.id, action: 'hide', reason: 'API test' }, headers: auth(moderator) })).json()).toEqual({ status: 'hidden' });
  const hidden = await (await api.get('/api/v1/moderation/hidden', { headers: auth(moderator) })).json();
  expect(hidden.items.find((i: { type: string; id: number }) => i.type === 'question' && i.id === q.id)).toBeTruthy();
  expect(await (await api.post('/api/v1/moderation/content', { data: { targetType: 'question', targetId: q.id, action: 'restore' }, headers: auth(moderator) })).json()).toEqual({ status: 'published' });
  expect((await api.post('/api/v1/moderation/content', { data: { targetType: 'question', targetId: q.id, action: 'restore' }, headers: auth(moderator) })).status()).toBe(409);

  const audit = await (await api.get('/api/v1/moderation/audit?limit=5', { headers: auth(moderator) })).json();
  expect(audit.items.filter((a: { targetId: number }) => a.targetId === q.id).map((a: { action: string }) => a.action).slice(0, 3)).toEqual(['restore', 'hide', 'retag']);
  expect((await api.get('/api/v1/moderation/audit', { headers: auth(member) })).status()).toBe(403);

  expect((await api.post('/api/v1/members/99999999/suspension', { data: { days: 3, reason: 'spam' }, headers: auth(moderator) })).status()).toBe(404);
  expect((await api.post(`/api/v1/members/${q.author.id}/suspension`, { data: { days: 0, reason: '' }, headers: auth(moderator) })).status()).toBe(400);

  const doc = await (await api.get('/api/v1/openapi.json')).json();
  for (const path of ['/moderation/queue', '/moderation/hidden', '/moderation/audit']) expect(doc.paths[path]?.get, path).toBeTruthy();
  for (const path of ['/moderation/content', '/questions/{id}/moderation', '/members/{id}/suspension']) expect(doc.paths[path]?.post, path).toBeTruthy();
});
