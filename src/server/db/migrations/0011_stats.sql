CREATE TABLE "stats_contributions" (
	"dossier_id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"field_code" text NOT NULL,
	"channel" text NOT NULL,
	"deltas" jsonb NOT NULL,
	"event_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_daily" (
	"agency_id" uuid NOT NULL,
	"day" date NOT NULL,
	"procedure_id" uuid NOT NULL,
	"field_code" text NOT NULL,
	"channel" text NOT NULL,
	"officer_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "stats_daily_agency_id_day_procedure_id_field_code_channel_officer_id_metric_pk" PRIMARY KEY("agency_id","day","procedure_id","field_code","channel","officer_id","metric")
);
--> statement-breakpoint
CREATE TABLE "stats_entered_inputs" (
	"agency_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"key" text NOT NULL,
	"value" integer NOT NULL,
	"note" text NOT NULL,
	"entered_by" uuid,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stats_entered_inputs_agency_id_period_from_period_to_key_pk" PRIMARY KEY("agency_id","period_from","period_to","key")
);
--> statement-breakpoint
CREATE TABLE "stats_monthly" (
	"agency_id" uuid NOT NULL,
	"month" date NOT NULL,
	"procedure_id" uuid NOT NULL,
	"field_code" text NOT NULL,
	"channel" text NOT NULL,
	"officer_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "stats_monthly_agency_id_month_procedure_id_field_code_channel_officer_id_metric_pk" PRIMARY KEY("agency_id","month","procedure_id","field_code","channel","officer_id","metric")
);
--> statement-breakpoint
CREATE TABLE "stats_watermark" (
	"name" text PRIMARY KEY NOT NULL,
	"consumed_below" "xid8" NOT NULL,
	"runs" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dossier_events" ADD COLUMN "txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "stats_entered_inputs" ADD CONSTRAINT "stats_entered_inputs_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_entered_inputs" ADD CONSTRAINT "stats_entered_inputs_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_events_txid_idx" ON "dossier_events" USING btree ("txid");