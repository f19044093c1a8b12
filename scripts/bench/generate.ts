import { existsSync, rmSync } from 'node:fs';
import type { SqliteDb } from '../../db/client';
import { createDb, runMigrations } from '../../db/client';
import { slugify } from '../../src/lib/community/slug';
import { contentHash } from '../../src/lib/community/content-hash';
import { markdownToText, renderMarkdown } from '../../src/lib/markdown';
import { addMissingSeedSections } from '../../src/lib/demo/load-demo';
import { importContent } from '../../src/lib/kb/content';
import { progressBar } from '../support/progress';
import { createTextGenerator } from './synthetic-text';

export const THREAD_WITH_20_ANSWERS = 1;
/** A KB article of the docs-as-code content, imported into every bench dataset. */
export const BENCH_ARTICLE_PATH = '/es/kb/restablecer-contrasena';
const DAY = 24 * 3600 * 1000;

/**
 * Fills a scratch database with `size` questions (~4 answers each, es+en) by bulk insert, bypassing the use cases
 * (they are measured elsewhere) but producing the same rows: rendered HTML, plain text, tags, accepted answers.
 * Question 1 gets exactly 20 answers, with two comments on the question and one on every fourth answer: the thread
 * page the benchmark requests. The KB articles of `content/kb` are imported (authored by agent@resuelve.test).
 */
export function generateDataset(path: string, size: number, seed = 42): SqliteDb {
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) rmSync(path + suffix);
  const db = createDb(path, { synchronous: 'NORMAL' });
  runMigrations(db);
  const sqlite = db.$client;
  const gen = createTextGenerator(seed);
  const now = Date.now();
  const start = now - 365 * DAY;

  const userCount = Math.max(50, Math.floor(size / 20));
  const insertUser = sqlite.prepare("insert into users (email, display_name, password_hash, role, locale, created_at) values (?, ?, '!', ?, ?, ?)");
  const insertCategory = sqlite.prepare('insert into categories (slug, name_es, name_en, position) values (?, ?, ?, ?)');
  const insertPost = sqlite.prepare('insert into posts (kind) values (?)');
  const insertQuestion = sqlite.prepare(
    `insert into questions (id, title, slug, body_md, body_html, body_text, locale, category_id, author_id, score, answer_count,
       view_count, created_at, updated_at, last_activity_at, content_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
  );
  const insertAnswer = sqlite.prepare(
    'insert into answers (id, question_id, author_id, body_md, body_html, score, created_at, updated_at, content_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAccepted = sqlite.prepare('insert into accepted_answers (question_id, answer_id, accepted_by, accepted_at) values (?, ?, ?, ?)');
  const insertTag = sqlite.prepare('insert into tags (name) values (?)');
  const insertComment = sqlite.prepare('insert into comments (post_id, author_id, body_md, body_html, created_at) values (?, ?, ?, ?, ?)');
  const insertQuestionTag = sqlite.prepare('insert into question_tags (question_id, tag_id) values (?, ?)');

  sqlite.transaction(() => {
    for (let i = 1; i <= userCount; i++) insertUser.run(`user${i}@bench.test`, `Member ${i}`, i % 97 === 0 ? 'agent' : 'member', i % 2 ? 'es' : 'en', start);
    ['account', 'billing', 'orders', 'internet', 'mobile-app', 'devices'].forEach((slug, i) => insertCategory.run(slug, slug, slug, i));
    for (let i = 1; i <= 60; i++) insertTag.run(`tag-${i}`);
    insertUser.run('agent@resuelve.test', 'Agente', 'agent', 'es', start);
  })();
  addMissingSeedSections(db);
  const kb = importContent(db, process.cwd(), now);
  console.log(`Imported ${kb.created} KB articles.`);

  const bar = progressBar(`Generating ${size.toLocaleString('en')} questions`, size);
  const BATCH = 2000;
  let answersTotal = 0;
  for (let from = 1; from <= size; from += BATCH) {
    sqlite.transaction(() => {
      for (let n = from; n < Math.min(from + BATCH, size + 1); n++) {
        const locale = gen.rand() < 0.5 ? 'es' : 'en';
        const title = gen.title(locale);
        const body = gen.body(locale, 2, 8);
        const createdAt = start + Math.floor(((n - 1) / size) * 360 * DAY);
        const answerCount = n === THREAD_WITH_20_ANSWERS ? 20 : Math.min(12, Math.floor(-Math.log(1 - gen.rand() * 0.9999) * 4));
        const author = 1 + Math.floor(gen.rand() * userCount);
        const { lastInsertRowid } = insertPost.run('question');
        const qid = Number(lastInsertRowid);
        insertQuestion.run(
          qid, title, slugify(title), body, renderMarkdown(body, { ugc: true }), markdownToText(body), locale,
          1 + Math.floor(gen.rand() * 6), author, Math.floor(gen.rand() * 8) - 1, answerCount, createdAt, createdAt, createdAt, contentHash(title, body),
        );
        if (n === THREAD_WITH_20_ANSWERS) {
          for (const c of [0, 1]) {
            const comment = gen.body(locale, 1, 1);
            insertComment.run(qid, 1 + c, comment, renderMarkdown(comment, { ugc: true }), createdAt + c * 60_000);
          }
        }
        const tagCount = gen.between(0, 3);
        const tagIds = new Set(Array.from({ length: tagCount }, () => 1 + Math.floor(gen.rand() * 60)));
        for (const t of tagIds) insertQuestionTag.run(qid, t);
        let acceptedId: number | null = null;
        for (let a = 0; a < answerCount; a++) {
          const answerBody = gen.body(locale, 1, 6);
          const aid = Number(insertPost.run('answer').lastInsertRowid);
          const at = createdAt + (a + 1) * 3600_000;
          insertAnswer.run(aid, qid, 1 + Math.floor(gen.rand() * userCount), answerBody, renderMarkdown(answerBody, { ugc: true }), Math.floor(gen.rand() * 10) - 2, at, at, contentHash(answerBody));
          if (n === THREAD_WITH_20_ANSWERS && a % 4 === 0) {
            const comment = gen.body(locale, 1, 1);
            insertComment.run(aid, 1 + a, comment, renderMarkdown(comment, { ugc: true }), at + 60_000);
          }
          if (acceptedId === null && gen.rand() < 0.3) acceptedId = aid;
          answersTotal++;
        }
        if (acceptedId !== null) insertAccepted.run(qid, acceptedId, author, createdAt + 48 * 3600_000);
      }
    })();
    bar.update(Math.min(from + BATCH - 1, size));
  }
  bar.stop();
  sqlite.pragma('optimize');
  console.log(`Generated ${size.toLocaleString('en')} questions and ${answersTotal.toLocaleString('en')} answers in ${path}.`);
  return db;
}
