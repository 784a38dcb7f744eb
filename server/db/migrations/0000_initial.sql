CREATE TABLE `boundary_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`era_id` integer NOT NULL,
	`level` text NOT NULL,
	`source_file` text NOT NULL,
	`format` text NOT NULL,
	`coordinate_system` text NOT NULL,
	`columns` text NOT NULL,
	`imported_count` integer NOT NULL,
	`rejected_count` integer NOT NULL,
	`rejected_features` text NOT NULL,
	`imported_at` text NOT NULL,
	FOREIGN KEY (`era_id`) REFERENCES `eras`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `eras` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`label` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `eras_label_unique` ON `eras` (`label`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `unit_outlines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`era_id` integer NOT NULL,
	`level` text NOT NULL,
	`name` text NOT NULL,
	`province_name` text,
	`geometry` text NOT NULL,
	FOREIGN KEY (`era_id`) REFERENCES `eras`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `unit_outlines_era_level` ON `unit_outlines` (`era_id`,`level`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`era_id` integer NOT NULL,
	`level` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text,
	`full_name` text NOT NULL,
	`district_code` text,
	`district_name` text,
	`province_code` text,
	`province_name` text,
	`population` integer,
	`area_km2` real NOT NULL,
	`label_longitude` real NOT NULL,
	`label_latitude` real NOT NULL,
	`min_longitude` real NOT NULL,
	`min_latitude` real NOT NULL,
	`max_longitude` real NOT NULL,
	`max_latitude` real NOT NULL,
	`search_text` text NOT NULL,
	`geometry` text NOT NULL,
	`properties` text NOT NULL,
	FOREIGN KEY (`era_id`) REFERENCES `eras`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_era_level_code` ON `units` (`era_id`,`level`,`code`);--> statement-breakpoint
CREATE INDEX `units_era_level_province` ON `units` (`era_id`,`level`,`province_name`);