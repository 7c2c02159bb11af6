CREATE TABLE "queue_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"field_code" text NOT NULL,
	"day" date NOT NULL,
	"slot_start" timestamp with time zone NOT NULL,
	"slot_end" timestamp with time zone NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"phone" text,
	"status" text DEFAULT 'booked' NOT NULL,
	"ticket_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"checked_in_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "queue_bookings_code_unique" UNIQUE("code"),
	CONSTRAINT "queue_bookings_status_check" CHECK ("queue_bookings"."status" in ('booked', 'checked_in', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "queue_counters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"name" text NOT NULL,
	"field_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"hours" jsonb,
	"appointment_capacity" integer DEFAULT 0 NOT NULL,
	"state" text DEFAULT 'closed' NOT NULL,
	"officer_id" uuid,
	"opened_at" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "queue_counters_state_check" CHECK ("queue_counters"."state" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "queue_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"ticket_id" uuid,
	"counter_id" uuid,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid
);
--> statement-breakpoint
CREATE TABLE "queue_sequences" (
	"agency_id" uuid NOT NULL,
	"day" date NOT NULL,
	"series" text DEFAULT '' NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "queue_sequences_agency_id_day_series_pk" PRIMARY KEY("agency_id","day","series")
);
--> statement-breakpoint
CREATE TABLE "queue_slot_counts" (
	"agency_id" uuid NOT NULL,
	"field_code" text NOT NULL,
	"slot_start" timestamp with time zone NOT NULL,
	"booked" integer NOT NULL,
	CONSTRAINT "queue_slot_counts_agency_id_field_code_slot_start_pk" PRIMARY KEY("agency_id","field_code","slot_start")
);
--> statement-breakpoint
CREATE TABLE "queue_tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"day" date NOT NULL,
	"number" integer NOT NULL,
	"label" text NOT NULL,
	"field_code" text NOT NULL,
	"kind" text DEFAULT 'walk_in' NOT NULL,
	"priority" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"counter_id" uuid,
	"officer_id" uuid,
	"booking_id" uuid,
	"appointment_at" timestamp with time zone,
	"issued_at" timestamp with time zone NOT NULL,
	"called_at" timestamp with time zone,
	"last_called_at" timestamp with time zone,
	"call_count" integer DEFAULT 0 NOT NULL,
	"serving_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"transferred_at" timestamp with time zone,
	"dossier_id" uuid,
	"dossier_code" text,
	CONSTRAINT "queue_tickets_status_check" CHECK ("queue_tickets"."status" in ('waiting', 'called', 'serving', 'done', 'no_show', 'transferred')),
	CONSTRAINT "queue_tickets_kind_check" CHECK ("queue_tickets"."kind" in ('walk_in', 'booked'))
);
--> statement-breakpoint
ALTER TABLE "queue_bookings" ADD CONSTRAINT "queue_bookings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_bookings" ADD CONSTRAINT "queue_bookings_field_code_fields_code_fk" FOREIGN KEY ("field_code") REFERENCES "public"."fields"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_bookings" ADD CONSTRAINT "queue_bookings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_counters" ADD CONSTRAINT "queue_counters_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_counters" ADD CONSTRAINT "queue_counters_officer_id_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_events" ADD CONSTRAINT "queue_events_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_events" ADD CONSTRAINT "queue_events_ticket_id_queue_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."queue_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_events" ADD CONSTRAINT "queue_events_counter_id_queue_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."queue_counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_sequences" ADD CONSTRAINT "queue_sequences_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_slot_counts" ADD CONSTRAINT "queue_slot_counts_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_field_code_fields_code_fk" FOREIGN KEY ("field_code") REFERENCES "public"."fields"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_counter_id_queue_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."queue_counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_officer_id_users_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_booking_id_queue_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."queue_bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "queue_bookings_slot_idx" ON "queue_bookings" USING btree ("agency_id","field_code","slot_start");--> statement-breakpoint
CREATE INDEX "queue_bookings_user_idx" ON "queue_bookings" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_counters_number_idx" ON "queue_counters" USING btree ("agency_id","number");--> statement-breakpoint
CREATE INDEX "queue_events_agency_idx" ON "queue_events" USING btree ("agency_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_tickets_number_idx" ON "queue_tickets" USING btree ("agency_id","day","number");--> statement-breakpoint
CREATE INDEX "queue_tickets_status_idx" ON "queue_tickets" USING btree ("agency_id","day","status");