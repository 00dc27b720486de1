CREATE TABLE `agency` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`parent_name` text DEFAULT '' NOT NULL,
	`address` text NOT NULL,
	`phone` text NOT NULL,
	`hotline` text NOT NULL,
	`email` text NOT NULL,
	`website` text DEFAULT '' NOT NULL,
	`office_hours` text NOT NULL,
	`office_hours_en` text NOT NULL,
	`code_prefix` text NOT NULL,
	`province` text DEFAULT '' NOT NULL,
	`signer_title` text DEFAULT '' NOT NULL,
	`signer_name` text DEFAULT '' NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY NOT NULL,
	`pakn_id` integer,
	`draft_token` text,
	`stored_name` text NOT NULL,
	`original_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`source` text DEFAULT 'submitter' NOT NULL,
	`is_public` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`pakn_id`) REFERENCES `pakn`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attachments_stored_name_unique` ON `attachments` (`stored_name`);--> statement-breakpoint
CREATE INDEX `attachments_pakn_idx` ON `attachments` (`pakn_id`);--> statement-breakpoint
CREATE INDEX `attachments_draft_idx` ON `attachments` (`draft_token`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`actor_user_id` integer,
	`action` text NOT NULL,
	`target_type` text,
	`target_id` text,
	`ip` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE TABLE `calendar_overrides` (
	`date` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`note` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `code_sequences` (
	`year` integer PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `deadline_rules` (
	`key` text PRIMARY KEY NOT NULL,
	`days` integer NOT NULL,
	`unit` text NOT NULL,
	`basis` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY NOT NULL,
	`pakn_id` integer NOT NULL,
	`type` text NOT NULL,
	`actor_user_id` integer,
	`from_status` text,
	`to_status` text,
	`note` text,
	`is_public` integer DEFAULT false NOT NULL,
	`data` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`pakn_id`) REFERENCES `pakn`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_pakn_idx` ON `events` (`pakn_id`,`id`);--> statement-breakpoint
CREATE TABLE `external_agencies` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `fields` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`default_unit_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`default_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fields_code_unique` ON `fields` (`code`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY NOT NULL,
	`message_id` text NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`template` text NOT NULL,
	`pakn_id` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_message_id_unique` ON `outbox` (`message_id`);--> statement-breakpoint
CREATE INDEX `outbox_pending_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `pakn` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`type` text NOT NULL,
	`subject` text NOT NULL,
	`category` integer NOT NULL,
	`submitter_kind` text NOT NULL,
	`org_name` text,
	`representative` text,
	`full_name` text NOT NULL,
	`address` text NOT NULL,
	`phone` text NOT NULL,
	`email` text,
	`title` text NOT NULL,
	`content` text NOT NULL,
	`regulation_ref` text,
	`field_id` integer,
	`unit_id` integer,
	`status` text DEFAULT 'received' NOT NULL,
	`channel` text DEFAULT 'online' NOT NULL,
	`lang` text DEFAULT 'vi' NOT NULL,
	`received_at` integer NOT NULL,
	`received_date` text NOT NULL,
	`classify_due` text NOT NULL,
	`answer_due` text NOT NULL,
	`extended_to` text,
	`consent_at` integer,
	`show_identity` integer DEFAULT false NOT NULL,
	`access_token_hash` text NOT NULL,
	`duplicate_of_id` integer,
	`refusal_reason` text,
	`transfer_agency_id` integer,
	`search_text` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`field_id`) REFERENCES `fields`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`transfer_agency_id`) REFERENCES `external_agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pakn_code_unique` ON `pakn` (`code`);--> statement-breakpoint
CREATE INDEX `pakn_status_due_idx` ON `pakn` (`status`,`answer_due`);--> statement-breakpoint
CREATE INDEX `pakn_unit_status_due_idx` ON `pakn` (`unit_id`,`status`,`answer_due`);--> statement-breakpoint
CREATE INDEX `pakn_received_idx` ON `pakn` (`received_at`);--> statement-breakpoint
CREATE INDEX `pakn_due_idx` ON `pakn` (`answer_due`);--> statement-breakpoint
CREATE TABLE `pakn_pauses` (
	`id` integer PRIMARY KEY NOT NULL,
	`pakn_id` integer NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	FOREIGN KEY (`pakn_id`) REFERENCES `pakn`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `password_resets` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`bucket` text NOT NULL,
	`key` text NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`bucket`, `key`)
);
--> statement-breakpoint
CREATE TABLE `routing_keywords` (
	`id` integer PRIMARY KEY NOT NULL,
	`keyword` text NOT NULL,
	`unit_id` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`second_factor_done` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `submission_drafts` (
	`token` text PRIMARY KEY NOT NULL,
	`data` text NOT NULL,
	`lang` text NOT NULL,
	`pakn_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`pakn_id`) REFERENCES `pakn`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text NOT NULL,
	`email` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_code_unique` ON `units` (`code`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`unit_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`totp_secret` text,
	`totp_enabled` integer DEFAULT false NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`last_login_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);