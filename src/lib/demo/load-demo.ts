import { count } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { categories, questions, users } from '../../../db/schema/index';
import type { Role } from '../../../db/schema/accounts';
import { SEED_ARTICLES, SEED_CATEGORIES, SEED_QUESTIONS } from '../../../db/seed/data/index';
import { createUser } from '../auth/accounts';
import { acceptAnswer } from '../community/accept-answer';
import { answerQuestion } from '../community/answer-question';
import { askQuestion } from '../community/ask-question';
import type { Actor } from '../auth/sessions';
import { saveArticle } from '../kb/save-article';

export const DEMO_PASSWORD = 'resuelve-demo';

export interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  locale: 'es' | 'en';
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@resuelve.test', displayName: 'Ana Admin', role: 'admin', locale: 'es' },
  { email: 'agent@resuelve.test', displayName: 'Diego (Soporte)', role: 'agent', locale: 'es' },
  { email: 'agent.en@resuelve.test', displayName: 'Grace (Support)', role: 'agent', locale: 'en' },
  { email: 'moderator@resuelve.test', displayName: 'Marta Moderadora', role: 'moderator', locale: 'es' },
  { email: 'superuser@resuelve.test', displayName: 'Sam Superuser', role: 'superuser', locale: 'en' },
  { email: 'lucia@resuelve.test', displayName: 'Lucía Fernández', role: 'member', locale: 'es' },
  { email: 'carlos@resuelve.test', displayName: 'Carlos Ruiz', role: 'member', locale: 'es' },
  { email: 'valentina@resuelve.test', displayName: 'Valentina Gómez', role: 'member', locale: 'es' },
  { email: 'john@resuelve.test', displayName: 'John Miller', role: 'member', locale: 'en' },
  { email: 'priya@resuelve.test', displayName: 'Priya Patel', role: 'member', locale: 'en' },
  { email: 'tom@resuelve.test', displayName: 'Tom Becker', role: 'member', locale: 'en' },
];

/** Small deterministic PRNG (mulberry32): the same demo on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function isDemoLoaded(db: Db): boolean {
  return (db.select({ n: count() }).from(users).get()?.n ?? 0) > 0;
}

const DAY = 24 * 3600 * 1000;

/**
 * Loads the bilingual demo: accounts of every role, categories, articles and questions with answers spread over the
 * last 90 days. Goes through the same use cases as the site. Does nothing when the database already has users.
 */
export async function loadDemo(db: Db, now: number, onProgress: (done: number, total: number) => void = () => {}) {
  if (isDemoLoaded(db)) return { loaded: false, users: 0, articles: 0, questions: 0, answers: 0 };
  const rand = random(20261123);
  const start = now - 90 * DAY;
  const actors: Actor[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const { id } = await createUser(db, { ...account, password: DEMO_PASSWORD }, start);
    actors.push({ id, email: account.email, displayName: account.displayName, role: account.role, locale: account.locale, suspendedUntil: null });
  }
  db.insert(categories)
    .values(SEED_CATEGORIES.map((c, position) => ({ ...c, position })))
    .run();

  const editor = actors.find((a) => a.role === 'agent')!;
  for (const [i, article] of SEED_ARTICLES.entries()) {
    saveArticle(db, editor.id, { ...article, body: article.body, status: 'published', note: 'demo' }, start + i * DAY + Math.floor(rand() * DAY));
  }

  const members = actors.filter((a) => a.role === 'member' || a.role === 'superuser');
  const helpers = actors.filter((a) => a.role !== 'admin');
  const total = SEED_QUESTIONS.length;
  // Spread creation times over 90 days, oldest first, so "newest" lists read naturally.
  const times = SEED_QUESTIONS.map(() => start + Math.floor(rand() * 88 * DAY)).sort((a, b) => a - b);
  let answerCount = 0;
  for (const [i, seed] of SEED_QUESTIONS.entries()) {
    const sameLocale = members.filter((m) => m.locale === seed.locale);
    const asker = (sameLocale.length ? sameLocale : members)[Math.floor(rand() * (sameLocale.length || members.length))]!;
    const askedAt = times[i]!;
    const asked = askQuestion(db, asker, { title: seed.title, body: seed.body, category: seed.category, tags: seed.tags, locale: seed.locale }, askedAt);
    let t = askedAt;
    const others = helpers.filter((h) => h.id !== asker.id);
    for (const [j, answer] of seed.answers.entries()) {
      t += Math.floor((0.1 + rand() * 1.5) * DAY * Math.min(1, (now - t) / DAY / 3 + 0.05));
      const author = others[(i + j * 3 + Math.floor(rand() * others.length)) % others.length]!;
      const created = answerQuestion(db, author, asked.id, { body: answer.body }, Math.min(t, now - 60_000));
      answerCount++;
      if (answer.accepted) acceptAnswer(db, asker, created.id, Math.min(t + Math.floor(rand() * DAY), now - 30_000));
    }
    onProgress(i + 1, total);
  }
  const questionCount = db.select({ n: count() }).from(questions).get()?.n ?? 0;
  return { loaded: true, users: actors.length, articles: SEED_ARTICLES.length, questions: questionCount, answers: answerCount };
}
