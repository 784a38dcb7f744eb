CREATE TABLE `briefing_packs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`definition` text NOT NULL,
	`scope` text NOT NULL,
	`owner` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `briefing_renders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pack_id` integer,
	`title` text NOT NULL,
	`format` text NOT NULL,
	`status` text NOT NULL,
	`pages_done` integer DEFAULT 0 NOT NULL,
	`pages_total` integer DEFAULT 0 NOT NULL,
	`file_bytes` integer,
	`error` text,
	`requested_by` text NOT NULL,
	`created_at` text NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`pack_id`) REFERENCES `briefing_packs`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `briefing_renders_requested_by` ON `briefing_renders` (`requested_by`);--> statement-breakpoint
CREATE TABLE `programme_criterion_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`era_id` integer NOT NULL,
	`unit_code` text NOT NULL,
	`year` integer NOT NULL,
	`criterion_code` text NOT NULL,
	`value` text NOT NULL,
	`not_applicable` integer DEFAULT false NOT NULL,
	`evidence` text NOT NULL,
	`note` text,
	`entered_at` text NOT NULL,
	`entered_by` text NOT NULL,
	FOREIGN KEY (`era_id`) REFERENCES `eras`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `programme_criterion_entries_unit` ON `programme_criterion_entries` (`era_id`,`unit_code`,`year`);--> statement-breakpoint
CREATE INDEX `programme_criterion_entries_year` ON `programme_criterion_entries` (`year`);--> statement-breakpoint
CREATE TABLE `saved_views` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`location` text NOT NULL,
	`scope` text NOT NULL,
	`owner` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `saved_views_owner` ON `saved_views` (`owner`);--> statement-breakpoint
CREATE TABLE `unit_lineage` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`old_era_id` integer NOT NULL,
	`old_unit_code` text NOT NULL,
	`new_era_id` integer NOT NULL,
	`new_unit_code` text NOT NULL,
	`area_share` real,
	`population_share` real,
	`partial` integer DEFAULT false NOT NULL,
	`source_file` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`old_era_id`) REFERENCES `eras`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`new_era_id`) REFERENCES `eras`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unit_lineage_pair` ON `unit_lineage` (`source`,`old_era_id`,`old_unit_code`,`new_era_id`,`new_unit_code`);--> statement-breakpoint
CREATE INDEX `unit_lineage_new` ON `unit_lineage` (`new_era_id`,`new_unit_code`);