CREATE TABLE "scoring_corrections" (
	"sitting_id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"key_index" smallint,
	"reason" text NOT NULL,
	"corrected_by" uuid,
	"corrected_at" timestamp with time zone NOT NULL,
	CONSTRAINT "scoring_corrections_sitting_id_form_id_position_pk" PRIMARY KEY("sitting_id","form_id","position"),
	CONSTRAINT "scoring_corrections_kind_check" CHECK ("scoring_corrections"."kind" IN ('rekey','void')),
	CONSTRAINT "scoring_corrections_key_check" CHECK (("scoring_corrections"."kind" = 'rekey' AND "scoring_corrections"."key_index" BETWEEN 0 AND 3) OR ("scoring_corrections"."kind" = 'void' AND "scoring_corrections"."key_index" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "standard_setting_panelists" (
	"study_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "standard_setting_panelists_study_id_user_id_pk" PRIMARY KEY("study_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "standard_setting_ratings" (
	"study_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"round" smallint NOT NULL,
	"position" integer NOT NULL,
	"rating" double precision NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "standard_setting_ratings_study_id_user_id_round_position_pk" PRIMARY KEY("study_id","user_id","round","position"),
	CONSTRAINT "standard_setting_ratings_round_check" CHECK ("standard_setting_ratings"."round" IN (1, 2)),
	CONSTRAINT "standard_setting_ratings_rating_check" CHECK ("standard_setting_ratings"."rating" >= 0 AND "standard_setting_ratings"."rating" <= 1)
);
--> statement-breakpoint
CREATE TABLE "standard_setting_studies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"form_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'round1' NOT NULL,
	"impact_sitting_id" uuid,
	"adopted_cut" integer,
	"recommended_cut" integer,
	"adoption_reason" text,
	"adopted_by" uuid,
	"adopted_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "standard_setting_studies_status_check" CHECK ("standard_setting_studies"."status" IN ('round1','round2','adopted'))
);
--> statement-breakpoint
ALTER TABLE "bank_forms" ADD COLUMN "cut_score" integer DEFAULT 48 NOT NULL;--> statement-breakpoint
ALTER TABLE "scoring_corrections" ADD CONSTRAINT "scoring_corrections_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scoring_corrections" ADD CONSTRAINT "scoring_corrections_corrected_by_users_id_fk" FOREIGN KEY ("corrected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_setting_panelists" ADD CONSTRAINT "standard_setting_panelists_study_id_standard_setting_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."standard_setting_studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_setting_panelists" ADD CONSTRAINT "standard_setting_panelists_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_setting_ratings" ADD CONSTRAINT "standard_setting_ratings_study_id_standard_setting_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."standard_setting_studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_setting_ratings" ADD CONSTRAINT "standard_setting_ratings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_setting_studies" ADD CONSTRAINT "standard_setting_studies_form_id_bank_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."bank_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_setting_studies" ADD CONSTRAINT "standard_setting_studies_impact_sitting_id_sittings_id_fk" FOREIGN KEY ("impact_sitting_id") REFERENCES "public"."sittings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_setting_studies" ADD CONSTRAINT "standard_setting_studies_adopted_by_users_id_fk" FOREIGN KEY ("adopted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_setting_studies" ADD CONSTRAINT "standard_setting_studies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "standard_setting_panelists_user_idx" ON "standard_setting_panelists" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "standard_setting_studies_form_idx" ON "standard_setting_studies" USING btree ("form_id");--> statement-breakpoint
ALTER TABLE "bank_forms" ADD CONSTRAINT "bank_forms_cut_score_check" CHECK ("bank_forms"."cut_score" >= 1);