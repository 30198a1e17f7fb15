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
ALTER TABLE "attempt_display_preferences" ADD CONSTRAINT "attempt_display_preferences_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attempt_item_tools" ADD CONSTRAINT "attempt_item_tools_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Association-owned through its attempt, like every attempt child (see 0021).
ALTER TABLE "attempt_item_tools" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "attempt_item_tools" USING ("attempt_id" IN (SELECT "id" FROM "attempts")) WITH CHECK ("attempt_id" IN (SELECT "id" FROM "attempts"));--> statement-breakpoint
ALTER TABLE "attempt_display_preferences" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "attempt_display_preferences" USING ("attempt_id" IN (SELECT "id" FROM "attempts")) WITH CHECK ("attempt_id" IN (SELECT "id" FROM "attempts"));
