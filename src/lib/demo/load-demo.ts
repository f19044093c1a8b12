import { and, count, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { categories, notifications, questions, users } from '../../../db/schema/index';
import type { Role } from '../../../db/schema/accounts';
import { SEED_CATEGORIES, SEED_QUESTIONS } from '../../../db/seed/data/index';
import { createUser } from '../auth/accounts';
import { acceptAnswer } from '../community/accept-answer';
import { answerQuestion } from '../community/answer-question';
import { askQuestion } from '../community/ask-question';
import { setMeToo } from '../community/follow-question';
import { nudgeAskersToAccept } from '../community/nudge-askers';
import { votePost } from '../community/vote-post';
import type { Actor } from '../auth/sessions';
import { importContent } from '../kb/content';
import { loadReportsDemo } from './reports-demo';
import { canUsePrivilege } from '../auth/permissions';
import { reputationStanding } from '../reputation/ledger';
import { loadCaseDemo } from './cases-demo';
import { seededRandom } from './seeded-random';

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


/** The demo categories, each followed by its KB sections (child categories). */
export function insertSeedCategories(db: Db): void {
  for (const [position, { sections, ...category }] of SEED_CATEGORIES.entries()) {
    const parent = db.insert(categories).values({ ...category, position }).returning({ id: categories.id }).get();
    if (sections.length) db.insert(categories).values(sections.map((s, i) => ({ ...s, parentId: parent.id, position: i }))).run();
  }
}

/**
 * Adds the seed sections a demo database created before sections existed lacks, under their categories (matched by
 * slug), so its KB import keeps working. Returns how many it added.
 */
export function addMissingSeedSections(db: Db): number {
  return db.transaction((tx) => {
    let added = 0;
    for (const { sections, slug } of SEED_CATEGORIES) {
      const parent = tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, slug)).get();
      if (!parent) continue;
      for (const [position, section] of sections.entries()) {
        if (tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, section.slug)).get()) continue;
        tx.insert(categories).values({ ...section, parentId: parent.id, position }).run();
        added++;
      }
    }
    return added;
  });
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
  const rand = seededRandom(20261123);
  const start = now - 90 * DAY;
  const actors: Actor[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const { id } = await createUser(db, { ...account, password: DEMO_PASSWORD }, start);
    actors.push({ id, email: account.email, displayName: account.displayName, role: account.role, locale: account.locale, suspendedUntil: null });
  }
  // The demo community is established: its members are past the new-member limits (trust level 2).
  db.update(users).set({ trustLevel: 2 }).where(inArray(users.id, actors.map((a) => a.id))).run();
  // Grace is also the support lead: she reads the KPI reports and gets their weekly digest.
  db.update(users).set({ lead: true }).where(eq(users.email, 'agent.en@resuelve.test')).run();
  insertSeedCategories(db);

  // The articles are the docs-as-code files under content/kb (the same import as `npm run kb:import`).
  const kb = importContent(db, process.cwd(), start);

  const members = actors.filter((a) => a.role === 'member' || a.role === 'superuser');
  const helpers = actors.filter((a) => a.role !== 'admin');
  const total = SEED_QUESTIONS.length;
  // Spread creation times over 90 days, oldest first, so "newest" lists read naturally.
  const times = SEED_QUESTIONS.map(() => start + Math.floor(rand() * 88 * DAY)).sort((a, b) => a - b);
  let answerCount = 0;
  const voteRand = seededRandom(7);
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
      // Votes from other members (their own PRNG, so the rest of the demo stays as it was): accepted answers get more.
      for (const voter of helpers) {
        if (voter.id === author.id || voteRand() > (answer.accepted ? 0.6 : 0.25)) continue;
        const value = voteRand() < 0.9 ? 1 : -1;
        // Downvoting is a reputation privilege: early in the demo most members do not have it yet.
        if (value === -1 && !canUsePrivilege(voter, 'voteDown', reputationStanding(db, voter.id), now)) continue;
        votePost(db, voter, created.id, { value }, Math.min(t + DAY, now - 20_000));
      }
    }
    for (const member of others) {
      if (voteRand() < 0.15) setMeToo(db, member, asked.id, true, Math.min(askedAt + DAY, now - 10_000));
      if (voteRand() < 0.2) votePost(db, member, asked.id, { value: 1 }, Math.min(askedAt + DAY, now - 10_000));
    }
    onProgress(i + 1, total);
  }
  // The members have been around: reminders due before the last few days were sent then, and what is older than
  // that was read (and mailed) long ago, so each account starts with only its recent notifications unread.
  const readBefore = now - 3 * DAY;
  nudgeAskersToAccept(db, readBefore);
  db.update(notifications)
    .set({ readAt: readBefore, emailedAt: readBefore })
    .where(and(lte(notifications.createdAt, readBefore), isNull(notifications.readAt)))
    .run();
  loadCaseDemo(db, now);
  loadReportsDemo(db, now);
  const questionCount = db.select({ n: count() }).from(questions).get()?.n ?? 0;
  return { loaded: true, users: actors.length, articles: kb.files, questions: questionCount, answers: answerCount };
}
