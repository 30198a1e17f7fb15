CREATE TABLE "grading_benchmarks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"variant" text NOT NULL,
	"rubric_id" uuid NOT NULL,
	"vignette" jsonb NOT NULL,
	"response_doc" jsonb NOT NULL,
	"words" integer NOT NULL,
	"agreed" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grading_calibration_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"qualification_set_size" integer DEFAULT 10 NOT NULL,
	"qualification_exact_percent" integer DEFAULT 70 NOT NULL,
	"qualification_adjacent_percent" integer DEFAULT 95 NOT NULL,
	"qualification_valid_days" integer DEFAULT 365 NOT NULL,
	"seed_every" integer DEFAULT 10 NOT NULL,
	"seed_window" integer DEFAULT 20 NOT NULL,
	"seed_minimum" integer DEFAULT 5 NOT NULL,
	"seed_exact_percent" integer DEFAULT 70 NOT NULL,
	"seed_adjacent_percent" integer DEFAULT 95 NOT NULL,
	"updated_at" timestamp with time zone,
	"updated_by" uuid,
	CONSTRAINT "grading_calibration_settings_one_row" CHECK ("grading_calibration_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "grading_grader_pauses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grader_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"details" jsonb NOT NULL,
	"paused_at" timestamp with time zone NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" uuid,
	"lift_note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grading_grader_qualifications" (
	"grader_id" uuid NOT NULL,
	"rubric_id" uuid NOT NULL,
	"variant" text NOT NULL,
	"qualified" boolean NOT NULL,
	"source" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"decided_by" uuid,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "grading_grader_qualifications_grader_id_rubric_id_pk" PRIMARY KEY("grader_id","rubric_id")
);
--> statement-breakpoint
CREATE TABLE "grading_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"grader_id" uuid,
	"message" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "grading_qualification_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grader_id" uuid NOT NULL,
	"rubric_id" uuid NOT NULL,
	"variant" text NOT NULL,
	"round" smallint NOT NULL,
	"benchmark_ids" uuid[] NOT NULL,
	"levels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"exact_percent" integer,
	"adjacent_percent" integer,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "grading_seed_readings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"grader_id" uuid NOT NULL,
	"benchmark_id" uuid NOT NULL,
	"order_key" text NOT NULL,
	"status" text DEFAULT 'assigned' NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"flag_note" text DEFAULT '' NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "grading_seed_readings_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "grading_benchmarks" ADD CONSTRAINT "grading_benchmarks_rubric_id_rubrics_id_fk" FOREIGN KEY ("rubric_id") REFERENCES "public"."rubrics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_benchmarks" ADD CONSTRAINT "grading_benchmarks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_calibration_settings" ADD CONSTRAINT "grading_calibration_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_grader_pauses" ADD CONSTRAINT "grading_grader_pauses_grader_id_users_id_fk" FOREIGN KEY ("grader_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_grader_pauses" ADD CONSTRAINT "grading_grader_pauses_lifted_by_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_grader_qualifications" ADD CONSTRAINT "grading_grader_qualifications_grader_id_users_id_fk" FOREIGN KEY ("grader_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_grader_qualifications" ADD CONSTRAINT "grading_grader_qualifications_rubric_id_rubrics_id_fk" FOREIGN KEY ("rubric_id") REFERENCES "public"."rubrics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_grader_qualifications" ADD CONSTRAINT "grading_grader_qualifications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_notifications" ADD CONSTRAINT "grading_notifications_grader_id_users_id_fk" FOREIGN KEY ("grader_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_qualification_rounds" ADD CONSTRAINT "grading_qualification_rounds_grader_id_users_id_fk" FOREIGN KEY ("grader_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_qualification_rounds" ADD CONSTRAINT "grading_qualification_rounds_rubric_id_rubrics_id_fk" FOREIGN KEY ("rubric_id") REFERENCES "public"."rubrics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_seed_readings" ADD CONSTRAINT "grading_seed_readings_grader_id_users_id_fk" FOREIGN KEY ("grader_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_seed_readings" ADD CONSTRAINT "grading_seed_readings_benchmark_id_grading_benchmarks_id_fk" FOREIGN KEY ("benchmark_id") REFERENCES "public"."grading_benchmarks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grading_benchmarks_rubric_idx" ON "grading_benchmarks" USING btree ("rubric_id");--> statement-breakpoint
CREATE INDEX "grading_grader_pauses_grader_idx" ON "grading_grader_pauses" USING btree ("grader_id");--> statement-breakpoint
CREATE INDEX "grading_qualification_rounds_grader_idx" ON "grading_qualification_rounds" USING btree ("grader_id","rubric_id");--> statement-breakpoint
CREATE INDEX "grading_seed_readings_grader_idx" ON "grading_seed_readings" USING btree ("grader_id");