CREATE TABLE "accommodation_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"association_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accommodation_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"association_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"requested" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"granted" jsonb,
	"decline_reason" text,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid
);
--> statement-breakpoint
CREATE TABLE "check_in_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"association_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"content" "bytea" NOT NULL,
	"size_bytes" integer NOT NULL,
	"taken_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "check_ins" (
	"enrolment_id" uuid PRIMARY KEY NOT NULL,
	"association_id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"candidate_note" text,
	"decision_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accommodation_documents" ADD CONSTRAINT "accommodation_documents_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodation_documents" ADD CONSTRAINT "accommodation_documents_request_id_accommodation_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."accommodation_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodation_requests" ADD CONSTRAINT "accommodation_requests_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodation_requests" ADD CONSTRAINT "accommodation_requests_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodation_requests" ADD CONSTRAINT "accommodation_requests_candidate_id_users_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodation_requests" ADD CONSTRAINT "accommodation_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in_photos" ADD CONSTRAINT "check_in_photos_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in_photos" ADD CONSTRAINT "check_in_photos_enrolment_id_check_ins_enrolment_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."check_ins"("enrolment_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accommodation_documents_request_idx" ON "accommodation_documents" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "accommodation_requests_association_idx" ON "accommodation_requests" USING btree ("association_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "accommodation_requests_one_pending" ON "accommodation_requests" USING btree ("enrolment_id") WHERE "accommodation_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "check_in_photos_enrolment_idx" ON "check_in_photos" USING btree ("enrolment_id");--> statement-breakpoint
CREATE INDEX "check_ins_sitting_idx" ON "check_ins" USING btree ("sitting_id");--> statement-breakpoint
-- Row-level security: requests, documents, check-ins and photos belong to the sitting's association.
ALTER TABLE "accommodation_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "accommodation_requests" USING ("association_id" = acting_association() AND "enrolment_id" IN (SELECT "id" FROM "enrolments")) WITH CHECK ("association_id" = acting_association() AND "enrolment_id" IN (SELECT "id" FROM "enrolments"));--> statement-breakpoint
ALTER TABLE "accommodation_documents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "accommodation_documents" USING ("association_id" = acting_association() AND "request_id" IN (SELECT "id" FROM "accommodation_requests")) WITH CHECK ("association_id" = acting_association() AND "request_id" IN (SELECT "id" FROM "accommodation_requests"));--> statement-breakpoint
ALTER TABLE "check_ins" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "check_ins" USING ("association_id" = acting_association() AND "enrolment_id" IN (SELECT "id" FROM "enrolments")) WITH CHECK ("association_id" = acting_association() AND "enrolment_id" IN (SELECT "id" FROM "enrolments"));--> statement-breakpoint
ALTER TABLE "check_in_photos" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "check_in_photos" USING ("association_id" = acting_association() AND "enrolment_id" IN (SELECT "enrolment_id" FROM "check_ins")) WITH CHECK ("association_id" = acting_association() AND "enrolment_id" IN (SELECT "enrolment_id" FROM "check_ins"));
