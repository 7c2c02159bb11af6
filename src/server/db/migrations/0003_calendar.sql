CREATE TABLE "official_schedules" (
	"year" integer PRIMARY KEY NOT NULL,
	"decision" text NOT NULL,
	"days_off" jsonb NOT NULL,
	"working_days" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "official_schedules" ADD CONSTRAINT "official_schedules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;