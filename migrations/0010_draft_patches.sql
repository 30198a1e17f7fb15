CREATE TABLE "draft_patches" (
	"attempt_id" uuid NOT NULL,
	"vignette" smallint NOT NULL,
	"revision" integer NOT NULL,
	"base" integer NOT NULL,
	"steps" jsonb NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "draft_patches_attempt_id_vignette_revision_pk" PRIMARY KEY("attempt_id","vignette","revision")
);
--> statement-breakpoint
ALTER TABLE "draft_patches" ADD CONSTRAINT "draft_patches_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE cascade ON UPDATE no action;