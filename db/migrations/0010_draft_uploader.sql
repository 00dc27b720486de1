ALTER TABLE `attachments` ADD `draft_uploader` text;--> statement-breakpoint
CREATE INDEX `attachments_draft_uploader_idx` ON `attachments` (`draft_uploader`);