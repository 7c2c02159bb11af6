CREATE TABLE "procedure_workflows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"agency_id" uuid,
	"version_no" integer NOT NULL,
	"workflow" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "submitter" jsonb;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "form_data" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "components" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "step" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "step_role" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "current_agency_id" uuid;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "assignee_id" uuid;--> statement-breakpoint
ALTER TABLE "procedure_workflows" ADD CONSTRAINT "procedure_workflows_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_workflows" ADD CONSTRAINT "procedure_workflows_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_workflows" ADD CONSTRAINT "procedure_workflows_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "procedure_workflows_proc_idx" ON "procedure_workflows" USING btree ("procedure_id","agency_id","version_no");--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_current_agency_id_agencies_id_fk" FOREIGN KEY ("current_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossiers_current_agency_idx" ON "dossiers" USING btree ("current_agency_id","status");--> statement-breakpoint
CREATE INDEX "dossiers_assignee_idx" ON "dossiers" USING btree ("assignee_id");