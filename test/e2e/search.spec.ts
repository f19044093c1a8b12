import { expect, test } from '@playwright/test';

test('search page: typo tolerance with "did you mean", facets that filter, noindex', async ({ page }) => {
  await page.goto('/es/search?q=contrasenia');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  const didYouMean = page.locator('.did-you-mean a');
  await expect(didYouMean).toHaveText('contrasena');
  const titles = page.locator('.search-hit h2 a');
  await expect(titles.first()).toBeVisible();
  expect((await titles.allTextContents()).some((t) => /contraseña/i.test(t))).toBe(true);

  const facets = page.locator('.search-facets');
  await expect(facets.getByRole('heading', { name: 'Tipo' })).toBeVisible();
  await expect(facets.getByRole('heading', { name: 'Idioma' })).toBeVisible();
  const solvedLink = facets.getByRole('link', { name: /^Resuelta \(\d+\)$/ });
  const expected = Number(/\((\d+)\)/.exec((await solvedLink.textContent()) ?? '')![1]);
  await solvedLink.click();
  await expect(page).toHaveURL(/solved=true/);
  await expect(page.locator('.search-hit')).toHaveCount(Math.min(expected, 20));
  // every question left is marked solved (articles count as solved and carry no badge)
  const questions = await page.locator('.search-hit .meta', { hasText: /^Pregunta/ }).count();
  expect(questions).toBeGreaterThan(0);
  await expect(page.locator('.search-hit .badge.solved')).toHaveCount(questions);
  await expect(facets.getByRole('link', { name: 'Quitar filtros' })).toBeVisible();
});

test('search page: highlights matches and helps when nothing is found (en)', async ({ page }) => {
  await page.goto('/en/search?q=password');
  await expect(page.locator('.search-hit mark').first()).toBeVisible();
  await page.goto('/en/search?q=zzqqxxyy');
  const help = page.locator('.alert');
  await expect(help).toContainText('No results for “zzqqxxyy”');
  await expect(help.getByRole('link', { name: 'Ask the community' })).toHaveAttribute('href', '/en/questions/ask');
  await expect(help.getByRole('link', { name: 'Browse the help center' })).toBeVisible();
});

test('a page past the last one sends the reader to the last page', async ({ request }) => {
  const res = await request.get('/en/search?q=router&page=999', { maxRedirects: 0 });
  expect(res.status()).toBe(302);
  const last = new URL(res.headers().location!, 'http://x').searchParams.get('page');
  expect(Number(last)).toBeGreaterThanOrEqual(1);
  expect(Number(last)).toBeLessThan(999);
  expect((await request.get(res.headers().location!)).status()).toBe(200);
});

test('API: search with facets and did-you-mean, similar questions, hostile input', async ({ request }) => {
  const res = await request.get('/api/v1/search?q=contrasenia&surface=widget');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(Object.keys(body.facets).sort()).toEqual(['category', 'locale', 'solved', 'tag', 'type']);
  expect(body.didYouMean).toBe('contrasena');
  expect(body.total).toBeGreaterThan(0);
  expect(body.exhaustive).toBe(true);
  expect(body.searchEventId).toBeGreaterThan(0);
  expect(body.hits[0]).toMatchObject({ type: expect.any(String), id: expect.any(Number), url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//), sourceId: null });

  const similar = await request.get('/api/v1/questions/1/similar?limit=3');
  expect(similar.status()).toBe(200);
  const { similar: hits } = await similar.json();
  expect(hits.length).toBeGreaterThan(0);
  expect(hits.length).toBeLessThanOrEqual(3);
  expect(hits.map((h: { id: number; type: string }) => `${h.type}:${h.id}`)).not.toContain('question:1');
  expect((await request.get('/api/v1/questions/999999/similar')).status()).toBe(404);

  // Suggestions on the contact form count as one search per typing session; an anonymous client marks the last one.
  const typing = await (await request.get('/api/v1/suggest?q=contrase&locale=es&context=contact')).json();
  expect(typing.suggestions.length).toBeGreaterThan(0);
  expect(typing.searchEventId).toBeNull();
  const final = await (await request.get('/api/v1/suggest?q=contrasena&locale=es&context=contact&final=1')).json();
  expect(final.searchEventId).toBeGreaterThan(0);
  const plain = await (await request.get('/api/v1/suggest?q=contrasena&locale=es&final=1')).json();
  expect(plain.searchEventId).toBeNull();

  for (const q of ['"', 'NEAR(a b', '-x', 'a:b', '^(', '🔥', 'x'.repeat(10_000)]) {
    expect((await request.get(`/api/v1/search?q=${encodeURIComponent(q)}`)).status(), q.slice(0, 10)).toBe(200);
  }
});

test('a result click is a POST from the result link (beacon with JavaScript, ping without), never a GET write', async ({ page, browser, request }) => {
  await page.goto('/en/search?q=password');
  const first = page.locator('.search-hit h2 a').first();
  const target = await first.getAttribute('href');
  expect(target).toMatch(/^\/en\/(questions|kb)\//);
  // the script has replaced the ping with a beacon, so the click is sent once
  await expect(first).not.toHaveAttribute('ping', /./);
  const [beacon] = await Promise.all([page.waitForRequest((r) => r.url().includes('/search/click?') && r.method() === 'POST'), first.click()]);
  await expect(page).toHaveURL(new RegExp(`${target!.replace(/[.?]/g, '\\$&')}$`));
  const click = new URL(beacon.url());
  expect(click.pathname).toBe('/search/click');
  expect(Object.fromEntries(click.searchParams)).toMatchObject({ click: expect.stringMatching(/^\d+$/), id: expect.stringMatching(/^\d+$/), pos: '1' });

  // the same click sent again (as a ping would send it) is recorded: 204; bad input is a 400, an unknown search a 404
  expect((await request.post(click.pathname + click.search)).status()).toBe(204);
  expect((await request.post('/search/click?click=1&type=question&id=x&pos=1')).status()).toBe(400);
  expect((await request.post('/search/click?click=999999999&type=question&id=1&pos=1')).status()).toBe(404);
  expect([404, 405]).toContain((await request.get(click.pathname + click.search)).status());

  // without JavaScript the link carries the ping the browser posts as it follows the link
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto('/en/search?q=password');
  await expect(plain.locator('.search-hit h2 a').first()).toHaveAttribute('ping', /^\/search\/click\?click=\d+&type=(question|article)&id=\d+&pos=1$/);
  await noScript.close();

  // a result link of an older search page still leads to its result, and writes nothing
  const older = await request.get(`/en/search?click=1&type=question&id=1&pos=1&to=${encodeURIComponent(target!)}`, { maxRedirects: 0 });
  expect(older.status()).toBe(303);
  expect(older.headers().location).toBe(target);
});
