CREATE TABLE `contact_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`locale` text NOT NULL,
	`user_id` integer,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`category_id` integer,
	`article_id` integer,
	`visitor_id` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contact_requests_status_check" CHECK("contact_requests"."status" in ('open','closed'))
);
--> statement-breakpoint
CREATE INDEX `contact_requests_status_idx` ON `contact_requests` (`status`,`id`);--> statement-breakpoint
-- Share of "yes" votes on an article (null below the vote threshold or for threads): a ranking boost.
ALTER TABLE `search_docs` ADD `helpfulness` real;
