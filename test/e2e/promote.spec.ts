import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { signIn } from './helpers';

const DB_PATH = process.env.E2E_DATABASE_PATH ?? `test-results/e2e-${process.env.E2E_PORT ?? 4399}.db`;

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(DB_PATH, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** A published, solved thread in a locale that has not been promoted yet. */
function solvedThread(locale: 'es' | 'en', skip = 0): { id: number; slug: string } {
  const rows = query<{ id: number; slug: string }>(
    `select q.id, q.slug from questions q join accepted_answers aa on aa.question_id = q.id
     where q.locale = ? and q.status = 'published' and q.closed_at is null and q.deleted_at is null
       and not exists (select 1 from articles a where a.source_question_id = q.id)
     order by q.id limit 1 offset ?`,
    locale,
    skip,
  );
  expect(rows.length).toBe(1);
  return rows[0]!;
}

test('an agent promotes a solved thread to a KB draft from the thread, without JavaScript (es)', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'agent@resuelve.test', 'es');
  const thread = solvedThread('es');
  await page.goto(`/es/questions/${thread.id}/${thread.slug}`);
  await page.locator('section.post.accepted').getByRole('link', { name: 'Pasar a la base de conocimiento' }).click();
  await expect(page).toHaveURL(new RegExp(`/es/editor/promote\\?question=${thread.id}$`));
  const response = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Pasar a la base de conocimiento' }).click();
  expect((await response).status()).toBe(303);
  await expect(page).toHaveURL(/\/es\/editor\/articles\/\d+$/);
  const drafts = query<{ id: number; status: string; locale: string }>(`select id, status, locale from articles where source_question_id = ?`, thread.id);
  expect(drafts).toEqual([{ id: Number(/articles\/(\d+)$/.exec(page.url())![1]), status: 'draft', locale: 'es' }]);
  await context.close();
});

test('a superuser promotes a solved thread and comes back to it with a notice (en); members see no entry', async ({ page }) => {
  const thread = solvedThread('en');
  await signIn(page, 'superuser@resuelve.test', 'en');
  await page.goto(`/en/questions/${thread.id}/${thread.slug}`);
  await page.locator('section.post.accepted').getByRole('link', { name: 'Promote to the knowledge base' }).click();
  await page.getByRole('button', { name: 'Promote to the knowledge base' }).click();
  await expect(page).toHaveURL(new RegExp(`/en/questions/${thread.id}/${thread.slug}\\?promoted=\\d+$`));
  await expect(page.getByRole('status').filter({ hasText: 'Draft created from the thread.' })).toBeVisible();
  expect(query(`select 1 from articles where source_question_id = ? and status = 'draft'`, thread.id)).toHaveLength(1);

  await page.context().clearCookies();
  await signIn(page, 'john@resuelve.test', 'en');
  await page.goto(`/en/questions/${thread.id}/${thread.slug}`);
  await expect(page.getByRole('link', { name: 'Promote to the knowledge base' })).toHaveCount(0);
  expect((await page.goto(`/en/editor/promote?question=${thread.id}`))!.status()).toBe(403);
});
