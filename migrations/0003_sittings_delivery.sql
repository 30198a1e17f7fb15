CREATE TABLE "enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sitting_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"exam_endorsement" text NOT NULL,
	"category" text NOT NULL,
	"track" text,
	"admitted_at" timestamp with time zone,
	"admitted_by" uuid,
	CONSTRAINT "enrolments_sitting_candidate" UNIQUE("sitting_id","candidate_id")
);
--> statement-breakpoint
CREATE TABLE "sittings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"starts_at" timestamp with time zone,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"part1_minutes" integer DEFAULT 90 NOT NULL,
	"part2_minutes" integer DEFAULT 90 NOT NULL,
	"cut_score" integer DEFAULT 48 NOT NULL,
	"forms" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"policies" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "answer_saves" (
	"attempt_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"position" smallint NOT NULL,
	"choice" smallint,
	"flagged" boolean NOT NULL,
	"saved_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "answer_saves_attempt_id_seq_pk" PRIMARY KEY("attempt_id","seq")
);
--> statement-breakpoint
CREATE TABLE "answers" (
	"attempt_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"choice" smallint,
	"flagged" boolean NOT NULL,
	"seq" bigint NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "answers_attempt_id_position_pk" PRIMARY KEY("attempt_id","position")
);
--> statement-breakpoint
CREATE TABLE "attempt_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "attempt_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"attempt_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "attempt_parts" (
	"attempt_id" uuid NOT NULL,
	"part" smallint NOT NULL,
	"base_limit_ms" integer NOT NULL,
	"time_multiplier" double precision DEFAULT 1 NOT NULL,
	"extra_minutes" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp (3) with time zone,
	"deadline_at" timestamp (3) with time zone,
	"paused" boolean DEFAULT false NOT NULL,
	"closed_status" text,
	"closed_at" timestamp (3) with time zone,
	"closed_reason" text,
	"result" jsonb,
	CONSTRAINT "attempt_parts_attempt_id_part_pk" PRIMARY KEY("attempt_id","part")
);
--> statement-breakpoint
CREATE TABLE "attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"option_seed" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attempts_enrolment_id_unique" UNIQUE("enrolment_id")
);
--> statement-breakpoint
CREATE TABLE "clock_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "clock_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"attempt_id" uuid NOT NULL,
	"part" smallint NOT NULL,
	"type" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"ms" integer,
	"reason" text,
	"actor_id" uuid
);
--> statement-breakpoint
CREATE TABLE "server_heartbeat" (
	"id" smallint PRIMARY KEY NOT NULL,
	"last_beat_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD COLUMN "time_multiplier" double precision DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD COLUMN "extra_minutes_part1" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD COLUMN "extra_minutes_part2" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD COLUMN "accommodation_notes" text;--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD COLUMN "accommodation_approved_by" uuid;--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD COLUMN "accommodation_valid_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_candidate_id_users_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_saves" ADD CONSTRAINT "answer_saves_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempt_events" ADD CONSTRAINT "attempt_events_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempt_parts" ADD CONSTRAINT "attempt_parts_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_candidate_id_users_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clock_events" ADD CONSTRAINT "clock_events_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enrolments_candidate_idx" ON "enrolments" USING btree ("candidate_id");--> statement-breakpoint
CREATE INDEX "attempt_events_attempt_idx" ON "attempt_events" USING btree ("attempt_id");--> statement-breakpoint
CREATE INDEX "attempt_parts_open_deadline_idx" ON "attempt_parts" USING btree ("deadline_at");--> statement-breakpoint
CREATE INDEX "clock_events_attempt_idx" ON "clock_events" USING btree ("attempt_id","part");