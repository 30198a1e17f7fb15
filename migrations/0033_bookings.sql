CREATE TABLE "authorisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"association_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"exam_endorsement" text NOT NULL,
	"category" text NOT NULL,
	"track" text,
	"parts" smallint[] DEFAULT '{1,2}'::smallint[] NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"reference" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "booking_settings" (
	"association_id" uuid PRIMARY KEY NOT NULL,
	"window_kind" text DEFAULT 'months' NOT NULL,
	"window_months" integer DEFAULT 12 NOT NULL,
	"window_sittings" integer DEFAULT 2 NOT NULL,
	"reminder_days" integer[] DEFAULT '{30,7}'::integer[] NOT NULL,
	"no_show_counts_as_attempt" boolean DEFAULT true NOT NULL,
	"accommodation_request_days" integer DEFAULT 14 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"association_id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"authorisation_id" uuid NOT NULL,
	"status" text NOT NULL,
	"arrival" integer NOT NULL,
	"enrolment_id" uuid,
	"over_capacity_reason" text,
	"placed_by" uuid,
	"no_show_counts_as_attempt" boolean,
	"created_at" timestamp with time zone NOT NULL,
	"status_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sitting_seats" (
	"sitting_id" uuid PRIMARY KEY NOT NULL,
	"association_id" uuid NOT NULL,
	"capacity" integer,
	"seats_taken" integer DEFAULT 0 NOT NULL,
	"arrivals" integer DEFAULT 0 NOT NULL,
	"last_claim_seated" boolean DEFAULT false NOT NULL,
	"booking_opens_at" timestamp with time zone,
	"booking_closes_at" timestamp with time zone,
	"cancel_cutoff_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "authorisations" ADD CONSTRAINT "authorisations_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorisations" ADD CONSTRAINT "authorisations_candidate_id_users_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_settings" ADD CONSTRAINT "booking_settings_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_candidate_id_users_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_authorisation_id_authorisations_id_fk" FOREIGN KEY ("authorisation_id") REFERENCES "public"."authorisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sitting_seats" ADD CONSTRAINT "sitting_seats_sitting_id_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sitting_seats" ADD CONSTRAINT "sitting_seats_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "authorisations_association_idx" ON "authorisations" USING btree ("association_id");--> statement-breakpoint
CREATE INDEX "authorisations_candidate_idx" ON "authorisations" USING btree ("candidate_id");--> statement-breakpoint
CREATE INDEX "bookings_sitting_idx" ON "bookings" USING btree ("sitting_id","arrival");--> statement-breakpoint
CREATE INDEX "bookings_candidate_idx" ON "bookings" USING btree ("candidate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_live_authorisation" ON "bookings" USING btree ("authorisation_id") WHERE "bookings"."status" in ('booked', 'waiting');--> statement-breakpoint
ALTER TABLE "booking_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "booking_settings" USING ("association_id" = acting_association()) WITH CHECK ("association_id" = acting_association());--> statement-breakpoint
ALTER TABLE "authorisations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "authorisations" USING ("association_id" = acting_association()) WITH CHECK ("association_id" = acting_association());--> statement-breakpoint
ALTER TABLE "sitting_seats" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "sitting_seats" USING ("association_id" = acting_association() AND "sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("association_id" = acting_association() AND "sitting_id" IN (SELECT "id" FROM "sittings"));--> statement-breakpoint
ALTER TABLE "bookings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY association_scope ON "bookings" USING ("association_id" = acting_association() AND "sitting_id" IN (SELECT "id" FROM "sittings")) WITH CHECK ("association_id" = acting_association() AND "sitting_id" IN (SELECT "id" FROM "sittings"));
