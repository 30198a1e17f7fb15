CREATE TABLE "attempt_display_preferences" (
	"attempt_id" uuid PRIMARY KEY NOT NULL,
	"revision" integer NOT NULL,
	"large_text" boolean NOT NULL,
	"high_contrast" boolean NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attempt_item_tools" (
	"attempt_id" uuid NOT NULL,
	"target" text NOT NULL,
	"position" smallint NOT NULL,
	"revision" integer NOT NULL,
	"struck" jsonb NOT NULL,
	"highlights" jsonb NOT NULL,
	"note" text NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "attempt_item_tools_attempt_id_target_position_pk" PRIMARY KEY("attempt_id","target","position")
);
--> statement-breakpoint
CREATE TABLE "proctor_alert_acks" (
	"sitting_id" uuid NOT NULL,
	"alert_id" text NOT NULL,
	"acknowledged_by" uuid NOT NULL,
	"acknowledged_at" timestamp with time zone NOT NULL,
	CONSTRAINT "proctor_alert_acks_sitting_id_alert_id_pk" PRIMARY KEY("sitting_id","alert_id")
);
--> statement-breakpoint
ALTER TABLE "attempt_display_preferences" ADD CONSTRAINT "attempt_display_preferences_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempt_item_tools" ADD CONSTRAINT "attempt_item_tools_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proctor_alert_acks" ADD CONSTRAINT "proctor_alert_acks_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proctor_alert_acks" ADD CONSTRAINT "proctor_alert_acks_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Association-owned through its attempt, like every attempt child (see 0021).
ALTER TABLE "attempt_item_tools" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "attempt_item_tools" USING ("attempt_id" IN (SELECT "id" FROM "attempts")) WITH CHECK ("attempt_id" IN (SELECT "id" FROM "attempts"));--> statement-breakpoint
ALTER TABLE "attempt_display_preferences" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "attempt_display_preferences" USING ("attempt_id" IN (SELECT "id" FROM "attempts")) WITH CHECK ("attempt_id" IN (SELECT "id" FROM "attempts"));--> statement-breakpoint
-- Association-owned through its sitting (see 0025).
ALTER TABLE "proctor_alert_acks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "proctor_alert_acks" USING ("sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("sitting_id" IN (SELECT "id" FROM "sittings"));
