CREATE TABLE `deflection_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`occurred_at` integer NOT NULL,
	`type` text NOT NULL,
	`visitor_id` text,
	`member_id` integer,
	`session_id` text,
	`surface` text NOT NULL,
	`locale` text,
	`category_id` integer,
	`subject_type` text,
	`subject_id` integer,
	`query` text,
	`rank` integer,
	`data` text,
	`client_event_id` text,
	FOREIGN KEY (`member_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "deflection_events_type_check" CHECK("deflection_events"."type" in ('suggestion_shown','suggestion_opened','confirmed','form_reached','form_abandoned','form_submitted'))
);
--> statement-breakpoint
CREATE INDEX `deflection_events_time_idx` ON `deflection_events` (`occurred_at`);--> statement-breakpoint
CREATE INDEX `deflection_events_type_time_idx` ON `deflection_events` (`type`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `deflection_events_visitor_idx` ON `deflection_events` (`visitor_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `deflection_events_member_idx` ON `deflection_events` (`member_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `deflection_events_session_idx` ON `deflection_events` (`session_id`);--> statement-breakpoint
CREATE INDEX `deflection_events_subject_idx` ON `deflection_events` (`subject_type`,`subject_id`,`type`);--> statement-breakpoint
CREATE UNIQUE INDEX `deflection_events_client_id_idx` ON `deflection_events` (`client_event_id`);--> statement-breakpoint
CREATE TABLE `deflection_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`widget_origins` text NOT NULL,
	`disabled_surfaces` text NOT NULL,
	`suggestion_count` integer NOT NULL,
	`cost_per_case_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "deflection_settings_single_row" CHECK("deflection_settings"."id" = 1)
);
