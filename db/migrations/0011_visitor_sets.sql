CREATE TABLE `kpi_visitor_sets` (
	`day` integer NOT NULL,
	`locale` text NOT NULL,
	`category_id` integer NOT NULL,
	`size` integer NOT NULL,
	`members` blob NOT NULL,
	PRIMARY KEY(`day`, `locale`, `category_id`)
);
--> statement-breakpoint
CREATE TABLE `kpi_visitors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visitor_key` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_visitors_visitor_key_unique` ON `kpi_visitors` (`visitor_key`);