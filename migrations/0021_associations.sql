CREATE TABLE "associations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"name" text NOT NULL,
	"short_name" text NOT NULL,
	"logo" text,
	"contact_email" text NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"application_deadlines" jsonb DEFAULT '["01-31","04-30","07-31","10-31"]'::jsonb NOT NULL,
	"retention_years" integer DEFAULT 7 NOT NULL,
	"mail_sender" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "associations_short_name_unique" UNIQUE("short_name")
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"exclude_own_association_graders" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "association_members" (
	"user_id" uuid NOT NULL,
	"association_id" uuid NOT NULL,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "association_members_user_id_association_id_pk" PRIMARY KEY("user_id","association_id")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "association_id" uuid;--> statement-breakpoint
-- Everything that existed before associations belongs to one default programme and association.
INSERT INTO "programmes" ("id", "name") VALUES ('00000000-0000-4000-8000-000000000001', 'Endorsement exam programme');--> statement-breakpoint
INSERT INTO "associations" ("id", "programme_id", "name", "short_name", "contact_email") VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'Default association', 'DEFAULT', 'endorsement@example.org');--> statement-breakpoint
ALTER TABLE "sittings" ADD COLUMN "association_id" uuid;--> statement-breakpoint
UPDATE "sittings" SET "association_id" = '00000000-0000-4000-8000-000000000002';--> statement-breakpoint
ALTER TABLE "sittings" ALTER COLUMN "association_id" SET NOT NULL;--> statement-breakpoint
-- Association roles move from the user to a membership of the default association.
INSERT INTO "association_members" ("user_id", "association_id", "roles")
  SELECT "id", '00000000-0000-4000-8000-000000000002',
         ARRAY(SELECT r FROM unnest("roles") r WHERE r IN ('candidate', 'proctor', 'coordinator'))
  FROM "users" WHERE "roles" && ARRAY['candidate', 'proctor', 'coordinator']::text[];--> statement-breakpoint
UPDATE "users" SET "roles" = ARRAY(SELECT r FROM unnest("roles") r WHERE r NOT IN ('candidate', 'proctor', 'coordinator'));--> statement-breakpoint
ALTER TABLE "associations" ADD CONSTRAINT "associations_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_members" ADD CONSTRAINT "association_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_members" ADD CONSTRAINT "association_members_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "association_members_association_idx" ON "association_members" USING btree ("association_id");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sittings" ADD CONSTRAINT "sittings_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sittings_association_idx" ON "sittings" USING btree ("association_id");--> statement-breakpoint
-- Row-level security: the second wall behind the repositories' association scope. A request
-- acting for an association runs its transaction as this role with app.association_id set
-- (SET LOCAL ROLE + set_config(..., true)); the connecting role (owner) bypasses the policies, as
-- the programme's own work (grading, the sweeper, group commit) must.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'exam_association_scope') THEN
    CREATE ROLE exam_association_scope NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created by a concurrent migration
END $$;--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('GRANT exam_association_scope TO %I', current_user);
EXCEPTION WHEN duplicate_object OR invalid_grant_operation THEN NULL; -- already a member
END $$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO exam_association_scope;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO exam_association_scope;--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO exam_association_scope;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO exam_association_scope;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO exam_association_scope;--> statement-breakpoint
CREATE FUNCTION acting_association() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.association_id', true), '')::uuid $$;--> statement-breakpoint
ALTER TABLE "sittings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "sittings" USING ("association_id" = acting_association()) WITH CHECK ("association_id" = acting_association());--> statement-breakpoint
ALTER TABLE "association_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "association_members" USING ("association_id" = acting_association()) WITH CHECK ("association_id" = acting_association());--> statement-breakpoint
ALTER TABLE "associations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "associations" FOR SELECT USING ("id" = acting_association());--> statement-breakpoint
ALTER TABLE "sitting_proctors" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "sitting_proctors" USING ("sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("sitting_id" IN (SELECT "id" FROM "sittings"));--> statement-breakpoint
ALTER TABLE "enrolments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "enrolments" USING ("sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("sitting_id" IN (SELECT "id" FROM "sittings"));--> statement-breakpoint
ALTER TABLE "incidents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "incidents" USING ("sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("sitting_id" IN (SELECT "id" FROM "sittings"));--> statement-breakpoint
ALTER TABLE "exam_results" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "exam_results" USING ("sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("sitting_id" IN (SELECT "id" FROM "sittings"));--> statement-breakpoint
ALTER TABLE "grading_intake" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "grading_intake" USING ("sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("sitting_id" IN (SELECT "id" FROM "sittings"));--> statement-breakpoint
ALTER TABLE "sitting_grading_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "sitting_grading_rules" USING ("sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("sitting_id" IN (SELECT "id" FROM "sittings"));--> statement-breakpoint
ALTER TABLE "grading_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "grading_items" USING ("sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("sitting_id" IN (SELECT "id" FROM "sittings"));--> statement-breakpoint
ALTER TABLE "feedback_edits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "feedback_edits" USING ("sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("sitting_id" IN (SELECT "id" FROM "sittings"));--> statement-breakpoint
ALTER TABLE "feedback_approvals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "feedback_approvals" USING ("sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("sitting_id" IN (SELECT "id" FROM "sittings"));--> statement-breakpoint
ALTER TABLE "attempts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "attempts" USING ("enrolment_id" IN (SELECT "id" FROM "enrolments")) WITH CHECK ("enrolment_id" IN (SELECT "id" FROM "enrolments"));--> statement-breakpoint
ALTER TABLE "attempt_parts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "attempt_parts" USING ("attempt_id" IN (SELECT "id" FROM "attempts")) WITH CHECK ("attempt_id" IN (SELECT "id" FROM "attempts"));--> statement-breakpoint
ALTER TABLE "clock_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "clock_events" USING ("attempt_id" IN (SELECT "id" FROM "attempts")) WITH CHECK ("attempt_id" IN (SELECT "id" FROM "attempts"));--> statement-breakpoint
ALTER TABLE "answer_saves" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "answer_saves" USING ("attempt_id" IN (SELECT "id" FROM "attempts")) WITH CHECK ("attempt_id" IN (SELECT "id" FROM "attempts"));--> statement-breakpoint
ALTER TABLE "answers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "answers" USING ("attempt_id" IN (SELECT "id" FROM "attempts")) WITH CHECK ("attempt_id" IN (SELECT "id" FROM "attempts"));--> statement-breakpoint
ALTER TABLE "attempt_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "attempt_events" USING ("attempt_id" IN (SELECT "id" FROM "attempts")) WITH CHECK ("attempt_id" IN (SELECT "id" FROM "attempts"));--> statement-breakpoint
ALTER TABLE "late_changes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "late_changes" USING ("attempt_id" IN (SELECT "id" FROM "attempts")) WITH CHECK ("attempt_id" IN (SELECT "id" FROM "attempts"));--> statement-breakpoint
ALTER TABLE "resume_codes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "resume_codes" USING ("attempt_id" IN (SELECT "id" FROM "attempts")) WITH CHECK ("attempt_id" IN (SELECT "id" FROM "attempts"));--> statement-breakpoint
ALTER TABLE "disconnect_credits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "disconnect_credits" USING ("attempt_id" IN (SELECT "id" FROM "attempts")) WITH CHECK ("attempt_id" IN (SELECT "id" FROM "attempts"));--> statement-breakpoint
ALTER TABLE "responses" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "responses" USING ("attempt_id" IN (SELECT "id" FROM "attempts")) WITH CHECK ("attempt_id" IN (SELECT "id" FROM "attempts"));--> statement-breakpoint
ALTER TABLE "response_snapshots" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "response_snapshots" USING ("attempt_id" IN (SELECT "id" FROM "attempts")) WITH CHECK ("attempt_id" IN (SELECT "id" FROM "attempts"));--> statement-breakpoint
ALTER TABLE "vignette_choices" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "vignette_choices" USING ("attempt_id" IN (SELECT "id" FROM "attempts")) WITH CHECK ("attempt_id" IN (SELECT "id" FROM "attempts"));--> statement-breakpoint
ALTER TABLE "draft_patches" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "draft_patches" USING ("attempt_id" IN (SELECT "id" FROM "attempts")) WITH CHECK ("attempt_id" IN (SELECT "id" FROM "attempts"));
