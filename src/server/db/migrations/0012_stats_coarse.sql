CREATE TABLE "stats_coarse" (
	"agency_id" uuid NOT NULL,
	"grain" text NOT NULL,
	"start" date NOT NULL,
	"channel" text NOT NULL,
	"metric" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "stats_coarse_agency_id_grain_start_channel_metric_pk" PRIMARY KEY("agency_id","grain","start","channel","metric")
);
--> statement-breakpoint
CREATE TABLE "stats_coarse_procedure" (
	"agency_id" uuid NOT NULL,
	"grain" text NOT NULL,
	"start" date NOT NULL,
	"procedure_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "stats_coarse_procedure_agency_id_grain_start_procedure_id_metric_pk" PRIMARY KEY("agency_id","grain","start","procedure_id","metric")
);
--> statement-breakpoint
-- Backfill from the fine rollup (identical deltas, summed per grain); later changes are added by the job.
INSERT INTO "stats_coarse" ("agency_id", "grain", "start", "channel", "metric", "n")
SELECT "agency_id", g.grain, CASE g.grain WHEN 'day' THEN "day" ELSE date_trunc(g.grain, "day"::timestamp)::date END, "channel", "metric", sum("n")
FROM "stats_daily" CROSS JOIN (VALUES ('day'), ('month'), ('year')) AS g(grain)
GROUP BY 1, 2, 3, 4, 5 HAVING sum("n") <> 0;
--> statement-breakpoint
INSERT INTO "stats_coarse_procedure" ("agency_id", "grain", "start", "procedure_id", "metric", "n")
SELECT "agency_id", g.grain, CASE g.grain WHEN 'day' THEN "day" ELSE date_trunc(g.grain, "day"::timestamp)::date END, "procedure_id", "metric", sum("n")
FROM "stats_daily" CROSS JOIN (VALUES ('day'), ('month'), ('year')) AS g(grain)
GROUP BY 1, 2, 3, 4, 5 HAVING sum("n") <> 0;
--> statement-breakpoint
CREATE INDEX "dossiers_open_due_idx" ON "dossiers" USING btree ("due_at") WHERE "dossiers"."status" in (2, 4);--> statement-breakpoint
CREATE INDEX "dossiers_search_idx" ON "dossiers" USING gin ("search_text" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "dossiers_open_assignee_idx" ON "dossiers" USING btree ("assignee_id","due_at") WHERE "dossiers"."status" in (2, 4);
