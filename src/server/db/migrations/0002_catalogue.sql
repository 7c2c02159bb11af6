CREATE TABLE "agency_procedures" (
	"agency_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"committed_time" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agency_procedures_agency_id_procedure_id_pk" PRIMARY KEY("agency_id","procedure_id")
);
--> statement-breakpoint
CREATE TABLE "publication_decision_items" (
	"decision_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"action" text NOT NULL,
	"procedure_code" text NOT NULL,
	"content" jsonb,
	CONSTRAINT "publication_decision_items_decision_id_position_pk" PRIMARY KEY("decision_id","position")
);
--> statement-breakpoint
CREATE TABLE "publication_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"signed_on" date NOT NULL,
	"effective_on" date NOT NULL,
	"issuer" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fields" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sector" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedure_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"effective_from" date NOT NULL,
	"decision_id" uuid,
	"field_code" text NOT NULL,
	"level" text NOT NULL,
	"content" jsonb NOT NULL,
	"search_text" text NOT NULL,
	"source" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"abolished_on" date,
	"abolished_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "procedures_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "agency_procedures" ADD CONSTRAINT "agency_procedures_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_procedures" ADD CONSTRAINT "agency_procedures_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_decision_items" ADD CONSTRAINT "publication_decision_items_decision_id_publication_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."publication_decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_decisions" ADD CONSTRAINT "publication_decisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD CONSTRAINT "procedure_versions_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD CONSTRAINT "procedure_versions_decision_id_publication_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."publication_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD CONSTRAINT "procedure_versions_field_code_fields_code_fk" FOREIGN KEY ("field_code") REFERENCES "public"."fields"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedures" ADD CONSTRAINT "procedures_abolished_by_publication_decisions_id_fk" FOREIGN KEY ("abolished_by") REFERENCES "public"."publication_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_procedures_proc_idx" ON "agency_procedures" USING btree ("procedure_id");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_versions_no_idx" ON "procedure_versions" USING btree ("procedure_id","version_no");--> statement-breakpoint
CREATE INDEX "procedure_versions_field_idx" ON "procedure_versions" USING btree ("field_code");--> statement-breakpoint
CREATE INDEX "procedure_versions_search_idx" ON "procedure_versions" USING gin ("search_text" gin_trgm_ops);