import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { signIn, tokenFor } from './helpers';

const DB_PATH = process.env.E2E_DATABASE_PATH ?? `test-results/e2e-${process.env.E2E_PORT ?? 4399}.db`;

function withDb<T>(run: (db: Database.Database) => T, readonly = true): T {
  const db = new Database(DB_PATH, { readonly, fileMustExist: true });
  try {
    return run(db);
  } finally {
    db.close();
  }
}

/** Message keys that reached the page untranslated (the catalogue's key shapes). */
const RAW_KEY = /\b(?:moderation|editor|thread|nav|field|flag|questions|kb|auth|support|incidents|categories|tags|mail|search|notifications|role|error)\.[a-zA-Z][\w.-]*/;
/** English words that a Spanish staff page must not show outside members' own text. */
const ENGLISH = /\b(?:answer|question|comment|user|member|published|pending|hidden|status|suspend(?:ed)?|hide|hid|restored?|promoted|revision|thread|import(?:ed)?|from|the|and|with|by|of)\b/i;

/** The page's own text: members' content (`translate="no"`, `lang`), links to it and form values are left out. */
async function ownText(page: Page): Promise<string> {
  return page.locator('main').evaluate((main) => {
    const clone = main.cloneNode(true) as HTMLElement;
    for (const el of clone.querySelectorAll('[translate="no"], [lang], blockquote, pre, code, textarea, select, input, .diff')) el.remove();
    for (const a of clone.querySelectorAll('a')) if (!a.closest('nav') && /\/(questions|members|kb)\//.test(a.getAttribute('href') ?? '')) a.remove();
    return clone.innerText;
  });
}

test('every staff page in Spanish: no untranslated key, no English words (moderation queue, audit log, editor revisions)', async ({ page, request }) => {
  test.setTimeout(90_000);
  // Something in every list: a flag in the queue, moderation actions and a suspension in the audit log, a status note.
  const member = await tokenFor(request, 'valentina@resuelve.test');
  const answer = withDb((db) => db.prepare(`select a.id from answers a join users u on u.id = a.author_id where u.email <> 'valentina@resuelve.test' and a.status = 'published' and a.deleted_at is null order by a.id desc limit 1`).get() as { id: number });
  expect((await request.post(`/api/v1/posts/${answer.id}/flags`, { data: { targetType: 'answer', reason: 'spam' }, headers: { authorization: `Bearer ${member}` } })).status()).toBeLessThan(300);
  const admin = await tokenFor(request, 'admin@resuelve.test');
  const tom = withDb((db) => db.prepare(`select id from users where email = 'tom@resuelve.test'`).get() as { id: number });
  const auth = { authorization: `Bearer ${admin}` };
  expect((await request.post(`/api/v1/members/${tom.id}/suspension`, { data: { days: 1, reason: 'Prueba de auditoría' }, headers: auth })).status()).toBe(200);
  expect((await request.delete(`/api/v1/members/${tom.id}/suspension`, { headers: auth })).status()).toBe(200);
  const article = withDb((db) => db.prepare(`select id from articles where locale = 'es' and status = 'published' order by id limit 1`).get() as { id: number });
  withDb((db) => {
    const next = (db.prepare(`select max(revision) + 1 n from article_revisions where article_id = ?`).get(article.id) as { n: number }).n;
    db.prepare(`insert into article_revisions (article_id, revision, title, summary, body_md, note, created_at) select id, ?, title, summary, body_md, 'status: published', ? from articles where id = ?`).run(next, Date.now(), article.id);
  }, false);
  const category = withDb((db) => db.prepare(`select id from categories order by id limit 1`).get() as { id: number });
  const tag = withDb((db) => db.prepare(`select name from tags order by id limit 1`).get() as { name: string });
  const solved = withDb((db) => db.prepare(`select question_id id from accepted_answers order by question_id limit 1`).get() as { id: number });

  await signIn(page, 'admin@resuelve.test', 'es');
  const pages = [
    '/es/moderation',
    '/es/moderation/hidden',
    '/es/moderation/audit',
    '/es/editor',
    '/es/editor/new',
    '/es/editor/review',
    `/es/editor/articles/${article.id}`,
    `/es/editor/articles/${article.id}/revisions/1`,
    `/es/editor/promote?question=${solved.id}`,
    '/es/support/requests',
    '/es/admin/incidents',
    '/es/admin/categories',
    `/es/admin/categories/${category.id}`,
    '/es/admin/mail',
    '/es/tags',
    `/es/tags/${encodeURIComponent(tag.name)}/edit`,
  ];
  const problems: string[] = [];
  for (const path of pages) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    const text = await ownText(page);
    for (const line of text.split('\n')) {
      const key = RAW_KEY.exec(line);
      const word = ENGLISH.exec(line);
      if (key || word) problems.push(`${path}: "${line.trim().slice(0, 120)}" (${(key ?? word)![0]})`);
    }
  }
  expect(problems).toEqual([]);
  // The strings that were English before.
  await page.goto('/es/moderation/audit');
  await expect(page.locator('main')).toContainText(`suspendió a · miembro ${tom.id}`);
  // The check reads the page's own text (it would have caught "suspend user 9").
  expect(await ownText(page)).toContain(`suspendió a · miembro ${tom.id}`);
  await page.goto(`/es/editor/articles/${article.id}`);
  await expect(page.locator('main')).toContainText('estado: Publicado');
});
