-- Per item version: whether options are shuffled for candidates, and which keep their place (QTI
-- shuffle and fixed). Existing versions get the behaviour they always had: all four shuffled.
ALTER TABLE "bank_item_versions" ADD COLUMN "shuffle" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "bank_item_versions" ADD COLUMN "fixed_options" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "bank_item_versions" ADD CONSTRAINT "bank_item_versions_fixed_options_check" CHECK ("bank_item_versions"."fixed_options" <@ ARRAY[0, 1, 2, 3] AND cardinality("bank_item_versions"."fixed_options") <= 4);