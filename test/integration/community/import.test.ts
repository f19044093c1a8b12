import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../../db/client';
import { acceptedAnswers, answers, categories, outbox, questions, users } from '../../../db/schema/index';
import { getThread } from '../../../src/lib/community/get-thread';
import { findRedirect, IMPORT_BATCH_SIZE, importQuestions, legacyPath } from '../../../src/lib/community/import-questions';
import { createCategory, createTestDb } from '../../helpers/db';
import { NOW } from '../../helpers/time';

let db: SqliteDb;

const line = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    sourceId: 'q-1',
    title: 'Router keeps rebooting',
    body: 'Every night at 3am the router **reboots**.',
    locale: 'en',
    category: 'internet',
    tags: ['Router', 'wifi setup', 'bad tag!'],
    author: 'old_user',
    createdAt: '2020-01-02T03:04:05Z',
    url: 'https://forum.example.com/t/router-keeps-rebooting/123',
    answers: [
      { sourceId: 'a-1', body: 'Disable the nightly update window.', author: 'helper', createdAt: 1577934245000 + 1000, accepted: true, score: 7 },
      { sourceId: 'a-2', body: 'Mine does that too.', author: { sourceId: 42, name: 'Someone' }, score: -1 },
    ],
    ...over,
  });

beforeEach(() => {
  db = createTestDb();
  createCategory(db, 'internet');
});

describe('importQuestions', () => {
  it('creates the question, answers, accepted answer, authors, tags, redirect and an outbox message', async () => {
    const progress: number[] = [];
    const s = await importQuestions(db, [line()], { now: NOW, onProgress: (n) => progress.push(n) });
    expect(s).toMatchObject({ lines: 1, created: 1, updated: 0, skipped: 0, rejected: 0, answersCreated: 2, membersCreated: 3, tagsDropped: 1 });
    expect(progress).toEqual([1]);
    const q = db.select().from(questions).where(eq(questions.sourceId, 'q-1')).get()!;
    const thread = getThread(db, q.id)!;
    expect(thread.question).toMatchObject({ title: 'Router keeps rebooting', createdAt: Date.parse('2020-01-02T03:04:05Z'), answerCount: 2, tags: ['router', 'wifi-setup'] });
    expect(thread.question.bodyHtml).toContain('<strong>reboots</strong>');
    expect(thread.answers.map((a) => [a.sourceId, a.score, a.accepted])).toEqual([
      ['a-1', 7, true],
      ['a-2', -1, false],
    ]);
    expect(db.select().from(acceptedAnswers).get()).toMatchObject({ questionId: q.id, acceptedBy: q.authorId });
    expect(findRedirect(db, '/t/router-keeps-rebooting/123')).toBe(q.id);
    expect(findRedirect(db, '/t/router-keeps-rebooting/123/')).toBe(q.id);
    const imported = db.select().from(users).all();
    expect(imported.map((u) => u.sourceId).sort()).toEqual(['import:42', 'import:helper', 'import:old_user']);
    expect(imported.every((u) => u.passwordHash === '' && u.email.endsWith('@imported.invalid'))).toBe(true);
    expect(db.select().from(outbox).all().filter((o) => o.topic === 'question.changed').map((o) => o.payload)).toEqual([{ questionId: q.id }]);
  });

  it('is idempotent: the same file again skips every line and writes nothing', async () => {
    await importQuestions(db, [line()], { now: NOW });
    const outboxAfterFirst = db.select().from(outbox).all().length;
    const s = await importQuestions(db, [line()], { now: NOW + 1 });
    expect(s).toMatchObject({ created: 0, updated: 0, skipped: 1, answersCreated: 0, membersCreated: 0 });
    expect(db.select().from(questions).all()).toHaveLength(1);
    expect(db.select().from(answers).all()).toHaveLength(2);
    expect(db.select().from(outbox).all()).toHaveLength(outboxAfterFirst);
  });

  it('updates a changed line in place, matching answers by sourceId and adding new ones', async () => {
    await importQuestions(db, [line()], { now: NOW });
    const changed = line({
      title: 'Router keeps rebooting at night',
      answers: [
        { sourceId: 'a-1', body: 'Disable the nightly update window (Settings > Update).', accepted: false },
        { sourceId: 'a-3', body: 'Replace the power adapter.', accepted: true },
      ],
    });
    const s = await importQuestions(db, [changed], { now: NOW + 1 });
    expect(s).toMatchObject({ created: 0, updated: 1, answersCreated: 1, answersUpdated: 1 });
    const q = db.select().from(questions).get()!;
    expect(q.title).toBe('Router keeps rebooting at night');
    expect(q.answerCount).toBe(3);
    const a3 = db.select().from(answers).where(eq(answers.sourceId, 'a-3')).get()!;
    expect(db.select().from(acceptedAnswers).get()!.answerId).toBe(a3.id);
  });

  it('rejects bad lines with line numbers and reasons, and imports the good ones', async () => {
    const s = await importQuestions(
      db,
      [
        '{not json',
        '',
        line({ sourceId: 'ok' }),
        line({ sourceId: 'long', title: 'x'.repeat(151) }),
        line({ sourceId: 'empty', body: '   ' }),
        line({ sourceId: 'loc', locale: 'fr' }),
        line({ sourceId: 'two', answers: [{ sourceId: 'x1', body: 'a', accepted: true }, { sourceId: 'x2', body: 'b', accepted: true }] }),
        line({ sourceId: 'steal', answers: [{ sourceId: 'a-1', body: 'taken' }] }),
        line({ sourceId: 'date', createdAt: 'yesterday' }),
      ],
      { now: NOW },
    );
    expect(s).toMatchObject({ lines: 8, created: 1, rejected: 7 });
    expect(s.rejections.map((r) => [r.line, r.sourceId ?? null])).toEqual([
      [1, null],
      [3, 'long'],
      [4, 'empty'],
      [5, 'loc'],
      [6, 'two'],
      [8, 'date'],
      [7, 'steal'],
    ]);
    expect(s.rejections.find((r) => r.sourceId === 'long')!.reason).toMatch(/title: longer than 150/);
    expect(s.rejections.find((r) => r.sourceId === 'steal')!.reason).toMatch(/a-1 belongs to another question/);
    expect(db.select().from(questions).all()).toHaveLength(1);
  });

  it('cleans control characters and terminal escapes out of titles, bodies and names; a title without letters is rejected', async () => {
    const s = await importQuestions(
      db,
      [
        line({ sourceId: 'ansi', title: '\u001b[31mRouter\u0000 keeps\u000c rebooting\u001b[0m', body: 'Every\u0007 night.\r\nAgain.', author: 'old\u001b[1muser', answers: [] }),
        line({ sourceId: 'nul', title: '\u0000'.repeat(30), answers: [] }),
        line({ sourceId: 'digits', title: '1234 5678 ????', answers: [] }),
      ],
      { now: NOW },
    );
    expect(s).toMatchObject({ created: 1, rejected: 2 });
    expect(s.rejections.map((r) => [r.sourceId, r.reason])).toEqual([
      ['nul', expect.stringMatching(/title: empty/)],
      ['digits', expect.stringMatching(/title: no letters/)],
    ]);
    const q = db.select().from(questions).get()!;
    expect([q.title, q.slug, q.bodyMd]).toEqual(['Router keeps rebooting', 'router-keeps-rebooting', 'Every night.\nAgain.']);
    expect(db.select({ name: users.displayName }).from(users).all().map((u) => u.name)).toContain('olduser');
  });

  it('files missing and unknown categories under a created "imported" category', async () => {
    const s = await importQuestions(db, [line({ sourceId: 'a', category: undefined, answers: [] }), line({ sourceId: 'b', category: 'nope', answers: [] })], { now: NOW });
    expect(s).toMatchObject({ created: 2, defaultCategory: 2 });
    const imported = db.select().from(categories).where(eq(categories.slug, 'imported')).get()!;
    expect(db.select().from(questions).all().map((q) => q.categoryId)).toEqual([imported.id, imported.id]);
  });

  it('writes in batches and reports progress after each', async () => {
    const n = IMPORT_BATCH_SIZE + 20;
    async function* gen() {
      for (let i = 0; i < n; i++) yield line({ sourceId: `s${i}`, url: undefined, answers: [{ sourceId: `sa${i}`, body: 'An answer.' }] });
    }
    const progress: number[] = [];
    const s = await importQuestions(db, gen(), { now: NOW, onProgress: (k) => progress.push(k) });
    expect(s.created).toBe(n);
    expect(progress).toEqual([IMPORT_BATCH_SIZE, n]);
  });

  it('keeps the path of old URLs', () => {
    expect(legacyPath('https://old.example/t/abc/12?page=2')).toBe('/t/abc/12?page=2');
    expect(legacyPath('/questions/9/')).toBe('/questions/9');
    expect(legacyPath('javascript:alert(1)')).toBeNull();
    expect(legacyPath('https://old.example/')).toBeNull();
  });
});
