CREATE TABLE `article_feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`voter_key` text NOT NULL,
	`user_id` integer,
	`helpful` integer NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `article_feedback_voter_unique` ON `article_feedback` (`article_id`,`voter_key`);--> statement-breakpoint
CREATE INDEX `article_feedback_time_idx` ON `article_feedback` (`article_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `incident_categories` (
	`incident_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	PRIMARY KEY(`incident_id`, `category_id`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title_es` text NOT NULL,
	`title_en` text NOT NULL,
	`body_es_md` text DEFAULT '' NOT NULL,
	`body_en_md` text DEFAULT '' NOT NULL,
	`body_es_html` text DEFAULT '' NOT NULL,
	`body_en_html` text DEFAULT '' NOT NULL,
	`severity` text NOT NULL,
	`starts_at` integer NOT NULL,
	`resolved_at` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incidents_active_idx` ON `incidents` (`resolved_at`,`starts_at`);--> statement-breakpoint
CREATE TABLE `question_incidents` (
	`question_id` integer NOT NULL,
	`incident_id` integer NOT NULL,
	`linked_by` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`question_id`, `incident_id`),
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`linked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `question_incidents_incident_idx` ON `question_incidents` (`incident_id`);--> statement-breakpoint
CREATE TABLE `follows` (
	`question_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`question_id`, `user_id`),
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `follows_user_idx` ON `follows` (`user_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`type` text NOT NULL,
	`question_id` integer,
	`actor_id` integer,
	`data` text,
	`created_at` integer NOT NULL,
	`read_at` integer,
	`emailed_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`,`id`);--> statement-breakpoint
CREATE TABLE `search_clicks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`search_event_id` integer NOT NULL,
	`occurred_at` integer NOT NULL,
	`doc_type` text NOT NULL,
	`doc_id` integer NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`search_event_id`) REFERENCES `search_events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `search_clicks_event_idx` ON `search_clicks` (`search_event_id`);--> statement-breakpoint
CREATE TABLE `search_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`occurred_at` integer NOT NULL,
	`query` text NOT NULL,
	`result_count` integer NOT NULL,
	`locale` text,
	`surface` text NOT NULL,
	`visitor_id` text,
	`user_id` integer,
	`took_ms` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `search_events_time_idx` ON `search_events` (`occurred_at`);--> statement-breakpoint
CREATE INDEX `search_events_query_idx` ON `search_events` (`query`,`occurred_at`);--> statement-breakpoint
ALTER TABLE `articles` ADD `source_question_id` integer REFERENCES questions(id);