CREATE TABLE "exam_results" (
	"attempt_id" uuid PRIMARY KEY NOT NULL,
	"sitting_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"passed" boolean NOT NULL,
	"result" jsonb NOT NULL,
	"released_at" timestamp with time zone NOT NULL,
	"released_by" uuid
);
--> statement-breakpoint
CREATE TABLE "grader_conflicts" (
	"grader_id" uuid NOT NULL,
	"candidate_email" text NOT NULL,
	"reason" text NOT NULL,
	"declared_at" timestamp with time zone NOT NULL,
	"declared_by" uuid,
	CONSTRAINT "grader_conflicts_grader_id_candidate_email_pk" PRIMARY KEY("grader_id","candidate_email")
);
--> statement-breakpoint
CREATE TABLE "graders" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"variants" text[] DEFAULT '{}'::text[] NOT NULL,
	"adjudicator" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grading_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"grader_id" uuid NOT NULL,
	"role" text NOT NULL,
	"order_key" text NOT NULL,
	"status" text DEFAULT 'assigned' NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"flag_note" text DEFAULT '' NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "grading_assignments_item_grader" UNIQUE("item_id","grader_id")
);
--> statement-breakpoint
CREATE TABLE "grading_intake" (
	"attempt_id" uuid PRIMARY KEY NOT NULL,
	"sitting_id" uuid NOT NULL,
	"required" smallint NOT NULL,
	"gradable" smallint NOT NULL,
	"taken_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grading_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"attempt_id" uuid NOT NULL,
	"vignette" smallint NOT NULL,
	"sitting_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"variant" text NOT NULL,
	"rubric_id" uuid NOT NULL,
	"status" text DEFAULT 'reading' NOT NULL,
	"final" jsonb,
	"finalized_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "grading_items_code_unique" UNIQUE("code"),
	CONSTRAINT "grading_items_attempt_vignette" UNIQUE("attempt_id","vignette")
);
--> statement-breakpoint
CREATE TABLE "rubrics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"variant" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"criteria" jsonb NOT NULL,
	"passing_rule" jsonb NOT NULL,
	"scoring_started_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "rubrics_variant_version" UNIQUE("variant","version")
);
--> statement-breakpoint
CREATE TABLE "sitting_grading_rules" (
	"sitting_id" uuid PRIMARY KEY NOT NULL,
	"tolerance_per_criterion" integer NOT NULL,
	"tolerance_total" integer NOT NULL,
	"passing_rules" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "exam_results" ADD CONSTRAINT "exam_results_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_results" ADD CONSTRAINT "exam_results_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_results" ADD CONSTRAINT "exam_results_candidate_id_users_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_results" ADD CONSTRAINT "exam_results_released_by_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grader_conflicts" ADD CONSTRAINT "grader_conflicts_grader_id_users_id_fk" FOREIGN KEY ("grader_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grader_conflicts" ADD CONSTRAINT "grader_conflicts_declared_by_users_id_fk" FOREIGN KEY ("declared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "graders" ADD CONSTRAINT "graders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_assignments" ADD CONSTRAINT "grading_assignments_item_id_grading_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."grading_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_assignments" ADD CONSTRAINT "grading_assignments_grader_id_users_id_fk" FOREIGN KEY ("grader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_intake" ADD CONSTRAINT "grading_intake_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_intake" ADD CONSTRAINT "grading_intake_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_items" ADD CONSTRAINT "grading_items_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_items" ADD CONSTRAINT "grading_items_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_items" ADD CONSTRAINT "grading_items_candidate_id_users_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grading_items" ADD CONSTRAINT "grading_items_rubric_id_rubrics_id_fk" FOREIGN KEY ("rubric_id") REFERENCES "public"."rubrics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rubrics" ADD CONSTRAINT "rubrics_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sitting_grading_rules" ADD CONSTRAINT "sitting_grading_rules_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sitting_grading_rules" ADD CONSTRAINT "sitting_grading_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exam_results_candidate_idx" ON "exam_results" USING btree ("candidate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grading_assignments_one_adjudicator" ON "grading_assignments" USING btree ("item_id") WHERE "grading_assignments"."role" = 'adjudicator';--> statement-breakpoint
CREATE INDEX "grading_assignments_grader_idx" ON "grading_assignments" USING btree ("grader_id");--> statement-breakpoint
CREATE INDEX "grading_items_sitting_idx" ON "grading_items" USING btree ("sitting_id");