CREATE TABLE `incident_categories` (
	`code` text PRIMARY KEY NOT NULL,
	`group_code` text NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text NOT NULL,
	`aliases` text NOT NULL,
	`sort_order` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `incident_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_file` text NOT NULL,
	`format` text NOT NULL,
	`read_count` integer NOT NULL,
	`accepted_count` integer NOT NULL,
	`inserted_count` integer NOT NULL,
	`rejected_count` integer NOT NULL,
	`rejected_rows` text NOT NULL,
	`actor` text NOT NULL,
	`imported_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `incident_units` (
	`incident_id` integer NOT NULL,
	`era_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`occurred_date` text NOT NULL,
	`category_code` text NOT NULL,
	PRIMARY KEY(`incident_id`, `era_id`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`era_id`) REFERENCES `eras`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `incident_units_era_date` ON `incident_units` (`era_id`,`occurred_date`,`category_code`,`unit_id`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`occurred_at` text NOT NULL,
	`occurred_date` text NOT NULL,
	`longitude` real NOT NULL,
	`latitude` real NOT NULL,
	`category_code` text NOT NULL,
	`subcategory` text,
	`severity` text,
	`cleared` integer,
	`deaths` integer DEFAULT 0 NOT NULL,
	`injuries` integer DEFAULT 0 NOT NULL,
	`source` text,
	`reference` text,
	`dedup_key` text NOT NULL,
	`import_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`category_code`) REFERENCES `incident_categories`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `incident_imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incidents_dedup_key_unique` ON `incidents` (`dedup_key`);--> statement-breakpoint
CREATE INDEX `incidents_occurred_date` ON `incidents` (`occurred_date`);