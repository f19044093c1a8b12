import { expect, test, type APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';

const DB_PATH = process.env.E2E_DATABASE_PATH ?? `test-results/e2e-${process.env.E2E_PORT ?? 4399}.db`;

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(DB_PATH, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function head(request: APIRequestContext, path: string) {
  const response = await request.get(path, { maxRedirects: 0 });
  const html = await response.text();
  const attr = (re: RegExp) => re.exec(html)?.[1]?.replace(/&amp;/g, '&');
  return {
    status: response.status(),
    title: attr(/<title>([^<]*)<\/title>/),
    description: attr(/<meta name="description" content="([^"]*)"/),
    robots: attr(/<meta name="robots" content="([^"]*)"/),
    canonical: attr(/<link rel="canonical" href="([^"]*)"/),
    jsonLd: [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>),
  };
}

for (const locale of ['es', 'en'] as const) {
  test(`unknown tag or category: 404, not a soft 404 (${locale})`, async ({ request }) => {
    for (const path of [`/${locale}/questions?tag=no-such-tag-zz`, `/${locale}/questions?category=no-such-category`, `/${locale}/questions?filter=unanswered&category=nope`]) {
      const page = await head(request, path);
      expect(page.status, path).toBe(404);
      expect(page.canonical, path).toBeUndefined();
    }
    const known = await head(request, `/${locale}/questions?category=billing`);
    expect(known.status).toBe(200);
    expect(known.canonical).toMatch(new RegExp(`/${locale}/questions\\?category=billing$`));
    const tag = query<{ name: string }>(`select t.name from tags t join question_tags qt on qt.tag_id = t.id group by t.id order by count(*) desc limit 1`)[0]!.name;
    expect((await head(request, `/${locale}/questions?tag=${encodeURIComponent(tag)}`)).status).toBe(200);
  });

  test(`titles and meta descriptions of the home and the question lists (${locale})`, async ({ request }) => {
    const home = await head(request, `/${locale}/`);
    expect(home.title).not.toBe('Resuelve');
    expect(home.description?.length).toBeGreaterThan(50);
    for (const path of [`/${locale}/questions`, `/${locale}/questions?category=billing`, `/${locale}/questions?filter=solved`]) {
      const page = await head(request, path);
      expect(page.description?.length, path).toBeGreaterThan(30);
    }
  });
}

test('a tag synonym moves (301) to the tag’s own list, keeping the other filters', async ({ request }) => {
  const tag = query<{ id: number; name: string }>(`select t.id, t.name from tags t join question_tags qt on qt.tag_id = t.id group by t.id order by count(*) desc limit 1`)[0]!;
  const db = new Database(DB_PATH, { fileMustExist: true });
  try {
    db.prepare(`insert or ignore into tag_synonyms (name, tag_id) values ('seo-synonym-zz', ?)`).run(tag.id);
  } finally {
    db.close();
  }
  const response = await request.get('/en/questions?filter=solved&tag=seo-synonym-zz', { maxRedirects: 0 });
  expect(response.status()).toBe(301);
  expect(response.headers().location).toBe(`/en/questions?filter=solved&tag=${encodeURIComponent(tag.name)}`);
});

test('the Spanish and English homes have their own titles', async ({ request }) => {
  const [es, en] = [await head(request, '/es/'), await head(request, '/en/')];
  expect(es.title).not.toBe(en.title);
});

test('robots.txt lets crawlers read the noindex of sign-in, sign-up and password pages', async ({ request }) => {
  const robots = await (await request.get('/robots.txt')).text();
  for (const locale of ['es', 'en']) {
    for (const page of ['signin', 'signup', 'password/forgot']) {
      expect(robots).not.toMatch(new RegExp(`Disallow: /${locale}/${page.split('/')[0]}`));
      expect((await head(request, `/${locale}/${page}`)).robots).toBe('noindex, follow');
    }
  }
  expect(robots).toContain('Disallow: /es/admin/');
});

test('every KB sitemap entry lists its hreflang alternates, and flows are in it', async ({ request }) => {
  const sitemap = await (await request.get('/sitemaps/kb.xml')).text();
  const urls = sitemap.split('<url>').slice(1);
  const single = urls.filter((u) => !u.includes('<xhtml:link'));
  // Only an article without a translation (another test publishes one) may stand alone.
  for (const u of single) expect(u).toMatch(/<loc>[^<]+\/(?:es|en)\/kb\/(?!categories\/)[a-z0-9-]+<\/loc>/);
  expect(urls.filter((u) => /\/kb\/(?!categories\/)[a-z0-9-]+<\/loc>/.test(u) && u.includes('<xhtml:link'))).toHaveLength(24);
  expect(urls.filter((u) => u.includes('<xhtml:link')).length).toBeGreaterThanOrEqual(2 + 2 + 12 + 24 + 4);
  for (const path of ['/es/flows/sin-internet', '/en/flows/no-internet', '/es/kb', '/en/flows']) {
    expect(sitemap).toContain(`${path}</loc>`);
    expect((await request.get(path)).status()).toBe(200);
  }
});

test('a thread’s JSON-LD: text as the page shows it, author profile URLs, a BreadcrumbList like the visible one', async ({ request }) => {
  const [row] = query<{ id: number; slug: string; locale: 'es' | 'en'; body: string }>(
    `select q.id, q.slug, q.locale, q.body_md body from questions q join accepted_answers aa on aa.question_id = q.id join answers a on a.id = aa.answer_id
     where q.status = 'published' and q.deleted_at is null and q.closed_at is null and a.body_md like '%**%' order by q.id limit 1`,
  );
  const page = await head(request, `/${row!.locale}/questions/${row!.id}/${row!.slug}`);
  expect(page.status).toBe(200);
  const qa = page.jsonLd.find((j) => j['@type'] === 'QAPage') as { mainEntity: { text: string; author: { url: string }; acceptedAnswer: { text: string; author: { url: string } } } };
  expect(qa.mainEntity.acceptedAnswer.text).not.toContain('**');
  expect(qa.mainEntity.text).not.toMatch(/\*\*|`/);
  for (const url of [qa.mainEntity.author.url, qa.mainEntity.acceptedAnswer.author.url]) {
    expect(url).toMatch(new RegExp(`/${row!.locale}/members/\\d+$`));
    expect((await request.get(new URL(url).pathname)).status()).toBe(200);
  }
  const crumbs = page.jsonLd.find((j) => j['@type'] === 'BreadcrumbList') as { itemListElement: { position: number; name: string; item: string }[] };
  expect(crumbs.itemListElement.map((c) => c.position)).toEqual([1, 2, 3]);
  expect(crumbs.itemListElement[0]!.name).toBe(row!.locale === 'es' ? 'Preguntas' : 'Questions');
  expect(crumbs.itemListElement[1]!.item).toMatch(/\/questions\?category=[a-z-]+$/);
  expect(crumbs.itemListElement[2]!.item).toBe(page.canonical);
  expect((await request.get(new URL(crumbs.itemListElement[1]!.item).pathname + new URL(crumbs.itemListElement[1]!.item).search)).status()).toBe(200);
});
