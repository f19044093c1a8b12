CREATE TABLE `kpi_daily` (
	`metric` text NOT NULL,
	`day` integer NOT NULL,
	`locale` text DEFAULT '' NOT NULL,
	`category_id` integer DEFAULT 0 NOT NULL,
	`channel` text DEFAULT '' NOT NULL,
	`value` integer NOT NULL,
	PRIMARY KEY(`metric`, `day`, `locale`, `category_id`, `channel`)
);
--> statement-breakpoint
CREATE TABLE `kpi_progress` (
	`source` text PRIMARY KEY NOT NULL,
	`last_id` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kpi_question_facts` (
	`question_id` integer PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	`locale` text NOT NULL,
	`category_id` integer NOT NULL,
	`first_answer_at` integer,
	`first_answer_by` text,
	`accepted_at` integer,
	`accepted_by` text
);
--> statement-breakpoint
CREATE INDEX `kpi_question_facts_time_idx` ON `kpi_question_facts` (`created_at`);--> statement-breakpoint
CREATE TABLE `kpi_visitor_days` (
	`day` integer NOT NULL,
	`visitor_key` text NOT NULL,
	`locale` text DEFAULT '' NOT NULL,
	`category_id` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `visitor_key`, `locale`, `category_id`)
);
--> statement-breakpoint
ALTER TABLE `users` ADD `lead` integer DEFAULT false NOT NULL;