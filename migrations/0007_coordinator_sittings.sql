CREATE TABLE "sitting_proctors" (
	"sitting_id" uuid NOT NULL,
	"proctor_id" uuid NOT NULL,
	CONSTRAINT "sitting_proctors_sitting_id_proctor_id_pk" PRIMARY KEY("sitting_id","proctor_id")
);
--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD COLUMN "breaks" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD COLUMN "large_text" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD COLUMN "high_contrast" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "enrolled_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "enrolled_by" uuid;--> statement-breakpoint
ALTER TABLE "sittings" ADD COLUMN "application_cycle" text;--> statement-breakpoint
ALTER TABLE "sittings" ADD COLUMN "start_window_minutes" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "sittings" ADD COLUMN "location" text;--> statement-breakpoint
ALTER TABLE "sittings" ADD COLUMN "remote" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sittings" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "sitting_proctors" ADD CONSTRAINT "sitting_proctors_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sitting_proctors" ADD CONSTRAINT "sitting_proctors_proctor_id_users_id_fk" FOREIGN KEY ("proctor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sitting_proctors_proctor_idx" ON "sitting_proctors" USING btree ("proctor_id");