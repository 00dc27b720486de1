CREATE TABLE `documents` (
	`id` integer PRIMARY KEY NOT NULL,
	`pakn_id` integer,
	`type` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`issued_date` text NOT NULL,
	`addressee` text DEFAULT '' NOT NULL,
	`content` text NOT NULL,
	`public_content` text,
	`is_public` integer DEFAULT false NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`pakn_id`) REFERENCES `pakn`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `documents_pakn_idx` ON `documents` (`pakn_id`);--> statement-breakpoint
CREATE INDEX `documents_type_year_idx` ON `documents` (`type`,`year`,`seq`);--> statement-breakpoint
CREATE TABLE `feedback_ratings` (
	`id` integer PRIMARY KEY NOT NULL,
	`pakn_id` integer NOT NULL,
	`rating` text NOT NULL,
	`comment` text,
	`reconsideration_requested` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`pakn_id`) REFERENCES `pakn`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_ratings_pakn_id_unique` ON `feedback_ratings` (`pakn_id`);--> statement-breakpoint
CREATE TABLE `redaction_flags` (
	`id` integer PRIMARY KEY NOT NULL,
	`pakn_id` integer NOT NULL,
	`source` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`decision` text DEFAULT 'pending' NOT NULL,
	`reason` text,
	`decided_by_user_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`pakn_id`) REFERENCES `pakn`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `redaction_flags_pakn_idx` ON `redaction_flags` (`pakn_id`);--> statement-breakpoint
ALTER TABLE `pakn` ADD `publication` text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE `pakn` ADD `public_title` text;--> statement-breakpoint
ALTER TABLE `pakn` ADD `public_summary` text;--> statement-breakpoint
ALTER TABLE `pakn` ADD `public_answer` text;--> statement-breakpoint
ALTER TABLE `pakn` ADD `published_at` integer;--> statement-breakpoint
ALTER TABLE `pakn` ADD `withdrawn_reason` text;--> statement-breakpoint
CREATE INDEX `pakn_published_idx` ON `pakn` (`publication`,`published_at`);