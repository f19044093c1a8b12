-- Embedded search engine (SQLite FTS5). search_docs holds filterable metadata; search_fts the tokenized text, same rowid.
CREATE TABLE `search_docs` (
	`rowid` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`doc_key` text NOT NULL,
	`type` text NOT NULL,
	`ref_id` integer NOT NULL,
	`locale` text NOT NULL,
	`category` text NOT NULL,
	`tags` text NOT NULL,
	`solved` integer NOT NULL,
	`votes` integer NOT NULL,
	`url` text NOT NULL,
	`title` text NOT NULL,
	`title_terms` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_docs_key_unique` ON `search_docs` (`doc_key`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts` USING fts5(title, tags, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
-- Every indexed term with the number of documents holding it: typo tolerance, prefix expansion, "did you mean", idf.
CREATE TABLE `search_terms` (
	`term` text PRIMARY KEY NOT NULL,
	`docs` integer NOT NULL
) WITHOUT ROWID;
