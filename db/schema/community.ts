import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { LOCALES, users } from './accounts';

export const categories = sqliteTable(
  'categories',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    parentId: integer('parent_id'),
    nameEs: text('name_es').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionEs: text('description_es').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    position: integer('position').notNull().default(0),
    /** A category for one language only; null = both. */
    locale: text('locale', { enum: LOCALES }),
  },
  (t) => [uniqueIndex('categories_slug_unique').on(t.slug)],
);

export const tags = sqliteTable(
  'tags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
  },
  (t) => [uniqueIndex('tags_name_unique').on(t.name)],
);

/** Another name for a tag: asking or filtering with the synonym uses the tag. */
export const tagSynonyms = sqliteTable('tag_synonyms', {
  name: text('name').primaryKey(),
  tagId: integer('tag_id')
    .notNull()
    .references(() => tags.id),
});

/** Members who moderate one category (besides site moderators). */
export const categoryModerators = sqliteTable(
  'category_moderators',
  {
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.categoryId, t.userId] })],
);

/** published: visible · pending: waiting for pre-moderation · hidden: hidden by a moderator or by flags. */
export const POST_STATUSES = ['published', 'pending', 'hidden'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export const POST_KINDS = ['question', 'answer'] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** One id space for questions and answers, so votes, flags, comments and revisions can point at "a post". */
export const posts = sqliteTable(
  'posts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: POST_KINDS }).notNull(),
  },
  (t) => [check('posts_kind_check', sql`${t.kind} in ('question','answer')`)],
);

export const questions = sqliteTable(
  'questions',
  {
    id: integer('id')
      .primaryKey()
      .references(() => posts.id),
    title: text('title').notNull(),
    slug: text('slug').notNull(),
    bodyMd: text('body_md').notNull(),
    bodyHtml: text('body_html').notNull(),
    bodyText: text('body_text').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    score: integer('score').notNull().default(0),
    answerCount: integer('answer_count').notNull().default(0),
    viewCount: integer('view_count').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    lastActivityAt: integer('last_activity_at').notNull(),
    deletedAt: integer('deleted_at'),
    sourceId: text('source_id'),
    contentHash: text('content_hash').notNull(),
    status: text('status', { enum: POST_STATUSES }).notNull().default('published'),
    meTooCount: integer('me_too_count').notNull().default(0),
    lockedAt: integer('locked_at'),
    pinnedAt: integer('pinned_at'),
    closedAt: integer('closed_at'),
    duplicateOfId: integer('duplicate_of_id'),
    /** Fingerprint of the last imported line, so an unchanged re-import is skipped. */
    importHash: text('import_hash'),
    deletedBy: integer('deleted_by'),
    /** When the asker was last reminded to accept an answer. */
    acceptNudgedAt: integer('accept_nudged_at'),
  },
  (t) => [
    index('questions_content_idx').on(t.contentHash, t.createdAt),
    index('questions_unanswered_idx').on(t.answerCount, t.createdAt, t.id),
    index('questions_newest_idx').on(t.createdAt, t.id),
    index('questions_activity_idx').on(t.lastActivityAt, t.id),
    index('questions_category_idx').on(t.categoryId, t.createdAt, t.id),
    index('questions_author_idx').on(t.authorId, t.createdAt),
    // Questions the accept nudge may still remind about: the periodic job walks only these, in id batches.
    index('questions_nudge_idx')
      .on(t.id)
      .where(sql`${t.acceptNudgedAt} is null and ${t.answerCount} > 0`),
    uniqueIndex('questions_source_unique').on(t.sourceId),
    // Few threads are closed as duplicates: the page cache looks them up on every change of an original.
    index('questions_duplicate_idx').on(t.duplicateOfId).where(sql`${t.duplicateOfId} is not null`),
    // Few threads are pinned: every question list shows them (without it, a scan of every question).
    index('questions_pinned_idx').on(t.pinnedAt).where(sql`${t.pinnedAt} is not null`),
  ],
);

export const questionTags = sqliteTable(
  'question_tags',
  {
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.tagId] }), index('question_tags_tag_idx').on(t.tagId, t.questionId)],
);

export const answers = sqliteTable(
  'answers',
  {
    id: integer('id')
      .primaryKey()
      .references(() => posts.id),
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    bodyMd: text('body_md').notNull(),
    bodyHtml: text('body_html').notNull(),
    score: integer('score').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    deletedAt: integer('deleted_at'),
    sourceId: text('source_id'),
    contentHash: text('content_hash').notNull(),
    status: text('status', { enum: POST_STATUSES }).notNull().default('published'),
    deletedBy: integer('deleted_by'),
    /**
     * Whether an `accepted_answers` row names the answer: a copy kept by triggers on `accepted_answers` (migration
     * 0015_member_post_counts), for the index of a member's accepted answers. Written by nothing else.
     */
    accepted: integer('accepted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('answers_content_idx').on(t.contentHash, t.createdAt),
    index('answers_question_idx').on(t.questionId, t.createdAt, t.id),
    index('answers_author_idx').on(t.authorId, t.createdAt),
    // A member's accepted answers, newest first (the member page).
    index('answers_author_accepted_idx')
      .on(t.authorId, t.createdAt)
      .where(sql`${t.accepted} = 1`),
    uniqueIndex('answers_source_unique').on(t.sourceId),
  ],
);

/** The accepted answer of a question is a fact of its own; the primary key makes it one per question. */
export const acceptedAnswers = sqliteTable(
  'accepted_answers',
  {
    questionId: integer('question_id')
      .primaryKey()
      .references(() => questions.id),
    answerId: integer('answer_id')
      .notNull()
      .references(() => answers.id),
    acceptedBy: integer('accepted_by')
      .notNull()
      .references(() => users.id),
    acceptedAt: integer('accepted_at').notNull(),
  },
  (t) => [
    uniqueIndex('accepted_answers_answer_unique').on(t.answerId),
    // The member of the month counts one month's acceptances.
    index('accepted_answers_accepted_idx').on(t.acceptedAt),
  ],
);

export const comments = sqliteTable(
  'comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    bodyMd: text('body_md').notNull(),
    bodyHtml: text('body_html').notNull(),
    createdAt: integer('created_at').notNull(),
    deletedAt: integer('deleted_at'),
    status: text('status', { enum: POST_STATUSES }).notNull().default('published'),
  },
  (t) => [index('comments_post_idx').on(t.postId, t.createdAt)],
);

export const votes = sqliteTable(
  'votes',
  {
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    value: integer('value').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.userId] }),
    check('votes_value_check', sql`${t.value} in (-1, 1)`),
    // The periodic jobs read votes by time (serial voting: the last two days; member of the month: one month).
    index('votes_created_idx').on(t.createdAt),
  ],
);

export const postRevisions = sqliteTable(
  'post_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id),
    revision: integer('revision').notNull(),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    title: text('title'),
    bodyMd: text('body_md').notNull(),
    tags: text('tags'),
    note: text('note').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('post_revisions_unique').on(t.postId, t.revision)],
);

/** "Me too": members affected by the same problem. */
export const meToos = sqliteTable(
  'me_toos',
  {
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.userId] })],
);

/** An old URL (e.g. from an imported forum) that answers 301 to a thread. */
export const redirects = sqliteTable('redirects', {
  path: text('path').primaryKey(),
  questionId: integer('question_id')
    .notNull()
    .references(() => questions.id),
  createdAt: integer('created_at').notNull(),
});

/** Members' votes to close a question as a duplicate; enough of them close it. */
export const closeVotes = sqliteTable(
  'close_votes',
  {
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    duplicateOfId: integer('duplicate_of_id')
      .notNull()
      .references(() => questions.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.userId] })],
);

/**
 * Each member's public questions, public answers and accepted public answers (the rule of community/visibility.ts),
 * kept exact by triggers on `questions`, `answers` and `accepted_answers` (hand-written in migration
 * 0015_member_post_counts, after the generated part), whatever writes them; `npm run reputation -- recalc` recounts.
 */
export const memberPostCounts = sqliteTable('member_post_counts', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  questions: integer('questions').notNull().default(0),
  answers: integer('answers').notNull().default(0),
  accepted: integer('accepted').notNull().default(0),
});
