CREATE TABLE `data_revisions` (
	`name` text PRIMARY KEY NOT NULL,
	`revision` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `flashpoint_status_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`flashpoint_id` integer NOT NULL,
	`status` text NOT NULL,
	`date` text NOT NULL,
	`note` text,
	`actor` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`flashpoint_id`) REFERENCES `flashpoints`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `flashpoint_status_changes_flashpoint` ON `flashpoint_status_changes` (`flashpoint_id`);--> statement-breakpoint
CREATE TABLE `flashpoints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`geometry` text NOT NULL,
	`anchor_longitude` real NOT NULL,
	`anchor_latitude` real NOT NULL,
	`people_involved` integer,
	`area_ha` real,
	`severity` text NOT NULL,
	`status` text NOT NULL,
	`status_since` text NOT NULL,
	`notes` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `flashpoints_status` ON `flashpoints` (`status`);--> statement-breakpoint
CREATE TABLE `indicator_definitions` (
	`code` text PRIMARY KEY NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text NOT NULL,
	`unit_vi` text NOT NULL,
	`unit_en` text NOT NULL,
	`sort_order` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `indicator_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`era_id` integer NOT NULL,
	`unit_code` text NOT NULL,
	`period` text NOT NULL,
	`code` text NOT NULL,
	`value` integer NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`era_id`) REFERENCES `eras`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`code`) REFERENCES `indicator_definitions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_values_era_unit_period_code` ON `indicator_values` (`era_id`,`unit_code`,`period`,`code`);--> statement-breakpoint
CREATE INDEX `indicator_values_era_period` ON `indicator_values` (`era_id`,`period`);--> statement-breakpoint
CREATE TABLE `vice_spot_status_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vice_spot_id` integer NOT NULL,
	`status` text NOT NULL,
	`date` text NOT NULL,
	`note` text,
	`actor` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`vice_spot_id`) REFERENCES `vice_spots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `vice_spot_status_changes_vice_spot` ON `vice_spot_status_changes` (`vice_spot_id`);--> statement-breakpoint
CREATE TABLE `vice_spots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`longitude` real NOT NULL,
	`latitude` real NOT NULL,
	`status` text NOT NULL,
	`status_since` text NOT NULL,
	`notes` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `vice_spots_status` ON `vice_spots` (`status`);--> statement-breakpoint
DROP INDEX `incident_units_era_date`;--> statement-breakpoint
ALTER TABLE `incident_units` DROP COLUMN `occurred_date`;--> statement-breakpoint
ALTER TABLE `incident_units` DROP COLUMN `category_code`;--> statement-breakpoint
-- The incidents table is rebuilt (its dedup key becomes an integer). Migrations run in one transaction,
-- where foreign_keys=OFF has no effect, so dropping it would cascade to incident_units: keep those aside.
CREATE TEMP TABLE `saved_incident_units` AS SELECT `incident_id`, `era_id`, `unit_id` FROM `incident_units`;--> statement-breakpoint
CREATE TABLE `__new_incidents` (
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
	`dedup_key` integer NOT NULL,
	`import_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`category_code`) REFERENCES `incident_categories`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `incident_imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_incidents`("id", "occurred_at", "occurred_date", "longitude", "latitude", "category_code", "subcategory", "severity", "cleared", "deaths", "injuries", "source", "reference", "dedup_key", "import_id", "created_at") SELECT "id", "occurred_at", "occurred_date", "longitude", "latitude", "category_code", "subcategory", "severity", "cleared", "deaths", "injuries", "source", "reference", "dedup_key", "import_id", "created_at" FROM `incidents`;--> statement-breakpoint
DROP TABLE `incidents`;--> statement-breakpoint
ALTER TABLE `__new_incidents` RENAME TO `incidents`;--> statement-breakpoint
INSERT INTO `incident_units` (`incident_id`, `era_id`, `unit_id`) SELECT `incident_id`, `era_id`, `unit_id` FROM `saved_incident_units`;--> statement-breakpoint
DROP TABLE `saved_incident_units`;--> statement-breakpoint
CREATE UNIQUE INDEX `incidents_dedup_key_unique` ON `incidents` (`dedup_key`);--> statement-breakpoint
CREATE INDEX `audit_log_target` ON `audit_log` (`target`);