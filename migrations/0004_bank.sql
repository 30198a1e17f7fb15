CREATE TABLE "bank_form_items" (
	"form_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"item_version_id" uuid NOT NULL,
	CONSTRAINT "bank_form_items_form_id_position_pk" PRIMARY KEY("form_id","position"),
	CONSTRAINT "bank_form_items_form_version_unique" UNIQUE("form_id","item_version_id"),
	CONSTRAINT "bank_form_items_position_check" CHECK ("bank_form_items"."position" >= 1)
);
--> statement-breakpoint
CREATE TABLE "bank_forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"endorsement" text NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"blueprint" jsonb NOT NULL,
	"seed" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bank_forms_status_check" CHECK (status IN ('draft', 'active', 'retired')),
	CONSTRAINT "bank_forms_endorsement_check" CHECK (endorsement IN ('IMH-E', 'ECMH-E'))
);
--> statement-breakpoint
CREATE TABLE "bank_item_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"stem" text NOT NULL,
	"options" text[] NOT NULL,
	"key_index" integer NOT NULL,
	"domain" text NOT NULL,
	"age_band" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	CONSTRAINT "bank_item_versions_item_version_unique" UNIQUE("item_id","version"),
	CONSTRAINT "bank_item_versions_version_check" CHECK ("bank_item_versions"."version" >= 1),
	CONSTRAINT "bank_item_versions_options_check" CHECK (cardinality("bank_item_versions"."options") = 4),
	CONSTRAINT "bank_item_versions_key_check" CHECK ("bank_item_versions"."key_index" BETWEEN 0 AND 3),
	CONSTRAINT "bank_item_versions_domain_check" CHECK (domain IN ('theoretical-foundations', 'law-regulation-policy', 'systems-expertise', 'direct-service-skills', 'working-with-others', 'communicating', 'thinking', 'reflection', 'administration', 'research-evaluation')),
	CONSTRAINT "bank_item_versions_age_band_check" CHECK (age_band IN ('prenatal', '0-3', '3-6'))
);
--> statement-breakpoint
CREATE TABLE "bank_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bank_items_status_check" CHECK (status IN ('draft', 'active', 'retired'))
);
--> statement-breakpoint
ALTER TABLE "bank_form_items" ADD CONSTRAINT "bank_form_items_form_id_bank_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."bank_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_form_items" ADD CONSTRAINT "bank_form_items_item_version_id_bank_item_versions_id_fk" FOREIGN KEY ("item_version_id") REFERENCES "public"."bank_item_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_forms" ADD CONSTRAINT "bank_forms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_item_versions" ADD CONSTRAINT "bank_item_versions_item_id_bank_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."bank_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_item_versions" ADD CONSTRAINT "bank_item_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_items" ADD CONSTRAINT "bank_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bank_form_items_version_idx" ON "bank_form_items" USING btree ("item_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_forms_one_active_idx" ON "bank_forms" USING btree ("endorsement") WHERE "bank_forms"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "bank_item_versions_one_draft_idx" ON "bank_item_versions" USING btree ("item_id") WHERE "bank_item_versions"."published_at" IS NULL;--> statement-breakpoint
CREATE INDEX "bank_item_versions_cell_idx" ON "bank_item_versions" USING btree ("domain","age_band");