ALTER TABLE "bank_items" ADD COLUMN "qti_identifier" text;--> statement-breakpoint
ALTER TABLE "bank_items" ADD COLUMN "review_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bank_items" ADD COLUMN "review_requested_by" uuid;--> statement-breakpoint
ALTER TABLE "bank_items" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "bank_items" ADD CONSTRAINT "bank_items_review_requested_by_users_id_fk" FOREIGN KEY ("review_requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_items_qti_identifier_idx" ON "bank_items" USING btree ("qti_identifier");--> statement-breakpoint
ALTER TABLE "bank_items" ADD CONSTRAINT "bank_items_review_check" CHECK (("bank_items"."review_requested_at" IS NULL) = ("bank_items"."review_note" IS NULL));