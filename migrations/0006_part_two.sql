CREATE TABLE "vignette_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"variant" text NOT NULL,
	"endorsement" text,
	"audience" text NOT NULL,
	"required_count" smallint DEFAULT 2 NOT NULL,
	"instructions" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vignette_sets_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "vignettes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"set_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"case_text" text[] DEFAULT '{}'::text[] NOT NULL,
	"prompts" text[] DEFAULT '{}'::text[] NOT NULL,
	"domains" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "vignettes_slug_unique" UNIQUE("slug"),
	CONSTRAINT "vignettes_set_position" UNIQUE("set_id","position")
);
--> statement-breakpoint
CREATE TABLE "response_snapshots" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "response_snapshots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"attempt_id" uuid NOT NULL,
	"vignette" smallint NOT NULL,
	"revision" integer NOT NULL,
	"doc" jsonb NOT NULL,
	"words" integer NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"reason" text NOT NULL,
	"actor_id" uuid
);
--> statement-breakpoint
CREATE TABLE "responses" (
	"attempt_id" uuid NOT NULL,
	"vignette" smallint NOT NULL,
	"doc" jsonb NOT NULL,
	"revision" integer NOT NULL,
	"words" integer NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "responses_attempt_id_vignette_pk" PRIMARY KEY("attempt_id","vignette")
);
--> statement-breakpoint
CREATE TABLE "vignette_choices" (
	"attempt_id" uuid PRIMARY KEY NOT NULL,
	"chosen" smallint[] NOT NULL,
	"revision" integer NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sittings" ADD COLUMN "vignette_sets" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "attempts" ADD COLUMN "vignette_set_id" uuid;--> statement-breakpoint
ALTER TABLE "vignettes" ADD CONSTRAINT "vignettes_set_id_vignette_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."vignette_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_snapshots" ADD CONSTRAINT "response_snapshots_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vignette_choices" ADD CONSTRAINT "vignette_choices_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "response_snapshots_attempt_idx" ON "response_snapshots" USING btree ("attempt_id","vignette","at");