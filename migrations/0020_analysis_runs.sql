CREATE TABLE "analysis_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"form_id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"trigger" text NOT NULL,
	"candidates" integer NOT NULL,
	"alpha" double precision,
	"flagged_items" integer NOT NULL,
	"result" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analysis_runs" ADD CONSTRAINT "analysis_runs_form_id_bank_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."bank_forms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_runs" ADD CONSTRAINT "analysis_runs_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analysis_runs_scope_idx" ON "analysis_runs" USING btree ("form_id","sitting_id","computed_at");