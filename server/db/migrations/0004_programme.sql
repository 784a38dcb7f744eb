CREATE TABLE `programme_criteria_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`version` integer NOT NULL,
	`criteria` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programme_criteria_sets_year_version` ON `programme_criteria_sets` (`year`,`version`);--> statement-breakpoint
CREATE TABLE `programme_cycle_transitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`status` text NOT NULL,
	`date` text NOT NULL,
	`decision_id` integer,
	`reason` text,
	`actor` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `programme_cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decision_id`) REFERENCES `programme_decisions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `programme_cycle_transitions_cycle` ON `programme_cycle_transitions` (`cycle_id`);--> statement-breakpoint
CREATE TABLE `programme_cycles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`era_id` integer NOT NULL,
	`unit_code` text NOT NULL,
	`year` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`era_id`) REFERENCES `eras`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programme_cycles_era_unit_year` ON `programme_cycles` (`era_id`,`unit_code`,`year`);--> statement-breakpoint
CREATE INDEX `programme_cycles_year` ON `programme_cycles` (`year`);--> statement-breakpoint
CREATE TABLE `programme_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`era_id` integer NOT NULL,
	`province_code` text,
	`province_name` text NOT NULL,
	`kind` text NOT NULL,
	`number` text NOT NULL,
	`date` text NOT NULL,
	`year` integer NOT NULL,
	`signer` text NOT NULL,
	`title` text,
	`document_name` text,
	`document_bytes` integer,
	`document_sha256` text,
	`document_uploaded_at` text,
	`document_uploaded_by` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`era_id`) REFERENCES `eras`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programme_decisions_number` ON `programme_decisions` (`era_id`,`province_name`,`number`,`date`);--> statement-breakpoint
CREATE INDEX `programme_decisions_year` ON `programme_decisions` (`year`);--> statement-breakpoint
CREATE TABLE `programme_designation_kinds` (
	`code` text PRIMARY KEY NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text NOT NULL,
	`levels` text NOT NULL,
	`single_level` integer NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `programme_designations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`era_id` integer NOT NULL,
	`unit_code` text NOT NULL,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`level` text DEFAULT '' NOT NULL,
	`reference` text,
	`note` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`era_id`) REFERENCES `eras`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`kind`) REFERENCES `programme_designation_kinds`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programme_designations_unique` ON `programme_designations` (`era_id`,`unit_code`,`year`,`kind`,`level`);--> statement-breakpoint
CREATE INDEX `programme_designations_year` ON `programme_designations` (`year`);--> statement-breakpoint
CREATE TABLE `programme_phases` (
	`code` text PRIMARY KEY NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text NOT NULL,
	`first_year` integer NOT NULL,
	`last_year` integer NOT NULL,
	`transformed_pct` real NOT NULL,
	`not_relapsed_pct` real NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `programme_year_settings` (
	`phase_code` text NOT NULL,
	`year` integer NOT NULL,
	`window_from` text,
	`window_to` text,
	`transformed_pct` real,
	`not_relapsed_pct` real,
	`source` text,
	PRIMARY KEY(`phase_code`, `year`),
	FOREIGN KEY (`phase_code`) REFERENCES `programme_phases`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `programme_designation_kinds` (`code`, `name_vi`, `name_en`, `levels`, `single_level`, `sort_order`) VALUES
	('transformation-list', 'Danh sách chuyển hóa địa bàn của tỉnh', 'The province''s transformation list', '[]', 1, 0),
	('ministry-key-complex', 'Xã trọng điểm, phức tạp về an ninh, trật tự (danh sách của Bộ Công an)', 'Key and complex commune for security and order (the Ministry''s list)', '[]', 1, 1),
	('drug-rating', 'Phân loại địa bàn về ma túy', 'Drug rating', '[{"code":"I","nameVi":"Loại I","nameEn":"Type I"},{"code":"II","nameVi":"Loại II","nameEn":"Type II"},{"code":"III","nameVi":"Loại III","nameEn":"Type III"},{"code":"drug-free","nameVi":"Địa bàn không ma túy","nameEn":"Drug-free"}]', 1, 2),
	('safe-security-order', 'Đạt tiêu chuẩn “An toàn về an ninh, trật tự”', 'Meets the “Safe for security and order” standard', '[]', 1, 3),
	('area-type', 'Loại địa bàn trọng điểm, phức tạp', 'Type of key and complex area', '[{"code":"1","nameVi":"Loại 1: tội phạm về trật tự xã hội, tệ nạn xã hội","nameEn":"Type 1: social-order crime and social evils"},{"code":"2","nameVi":"Loại 2: tội phạm về trật tự quản lý kinh tế","nameEn":"Type 2: economic-management crime"},{"code":"3","nameVi":"Loại 3: tội phạm về môi trường, tài nguyên, an toàn thực phẩm","nameEn":"Type 3: environment, resources and food safety"},{"code":"4","nameVi":"Loại 4: tội phạm về ma túy","nameEn":"Type 4: drugs"}]', 0, 4);
--> statement-breakpoint
INSERT INTO `programme_phases` (`code`, `name_vi`, `name_en`, `first_year`, `last_year`, `transformed_pct`, `not_relapsed_pct`, `updated_at`, `updated_by`) VALUES
	('2021-2025', 'Giai đoạn 2021–2025', 'Phase 2021–2025', 2021, 2025, 60, 85, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'system');
