CREATE TABLE `category_moderators` (
	`category_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`category_id`, `user_id`),
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `close_votes` (
	`question_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`duplicate_of_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`question_id`, `user_id`),
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`duplicate_of_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `me_toos` (
	`question_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`question_id`, `user_id`),
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `redirects` (
	`path` text PRIMARY KEY NOT NULL,
	`question_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tag_synonyms` (
	`name` text PRIMARY KEY NOT NULL,
	`tag_id` integer NOT NULL,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_type` text NOT NULL,
	`target_id` integer NOT NULL,
	`question_id` integer NOT NULL,
	`reporter_id` integer NOT NULL,
	`reason` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by` integer,
	`resolution` text,
	FOREIGN KEY (`reporter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "flags_reason_check" CHECK("flags"."reason" in ('spam','offensive','off-topic','urgent','other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `flags_target_reporter_unique` ON `flags` (`target_type`,`target_id`,`reporter_id`);--> statement-breakpoint
CREATE INDEX `flags_open_idx` ON `flags` (`resolved_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `moderation_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` integer NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`data` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `moderation_actions_time_idx` ON `moderation_actions` (`created_at`);--> statement-breakpoint
CREATE INDEX `moderation_actions_target_idx` ON `moderation_actions` (`target_type`,`target_id`);--> statement-breakpoint
CREATE TABLE `notification_preferences` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`email_frequency` text DEFAULT 'instant' NOT NULL,
	`muted_types` text DEFAULT '[]' NOT NULL,
	`last_digest_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `users` ADD `suspended_reason` text;--> statement-breakpoint
ALTER TABLE `users` ADD `trust_level` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `post_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `source_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_source_unique` ON `users` (`source_id`);--> statement-breakpoint
ALTER TABLE `answers` ADD `status` text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE `answers` ADD `deleted_by` integer;--> statement-breakpoint
CREATE INDEX `answers_content_idx` ON `answers` (`content_hash`,`created_at`);--> statement-breakpoint
ALTER TABLE `categories` ADD `locale` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `status` text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE `questions` ADD `status` text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE `questions` ADD `me_too_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `questions` ADD `locked_at` integer;--> statement-breakpoint
ALTER TABLE `questions` ADD `pinned_at` integer;--> statement-breakpoint
ALTER TABLE `questions` ADD `closed_at` integer;--> statement-breakpoint
ALTER TABLE `questions` ADD `duplicate_of_id` integer;--> statement-breakpoint
ALTER TABLE `questions` ADD `import_hash` text;--> statement-breakpoint
ALTER TABLE `questions` ADD `deleted_by` integer;--> statement-breakpoint
ALTER TABLE `questions` ADD `accept_nudged_at` integer;--> statement-breakpoint
CREATE INDEX `questions_content_idx` ON `questions` (`content_hash`,`created_at`);--> statement-breakpoint
CREATE INDEX `questions_unanswered_idx` ON `questions` (`answer_count`,`created_at`,`id`);--> statement-breakpoint
UPDATE `users` SET `post_count` = (SELECT count(*) FROM `questions` WHERE `questions`.`author_id` = `users`.`id` AND `questions`.`deleted_at` IS NULL) + (SELECT count(*) FROM `answers` WHERE `answers`.`author_id` = `users`.`id` AND `answers`.`deleted_at` IS NULL);
