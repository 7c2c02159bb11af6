CREATE TABLE "stats_coarse_staff" (
	"agency_id" uuid NOT NULL,
	"grain" text NOT NULL,
	"start" date NOT NULL,
	"field_code" text NOT NULL,
	"officer_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "stats_coarse_staff_agency_id_grain_start_field_code_officer_id_metric_pk" PRIMARY KEY("agency_id","grain","start","field_code","officer_id","metric")
);
--> statement-breakpoint
-- Backfill from the fine rollup (identical deltas, summed per grain); later changes are added by the job.
INSERT INTO "stats_coarse_staff" ("agency_id", "grain", "start", "field_code", "officer_id", "metric", "n")
SELECT "agency_id", g.grain, CASE g.grain WHEN 'day' THEN "day" ELSE date_trunc(g.grain, "day"::timestamp)::date END, "field_code", "officer_id", "metric", sum("n")
FROM "stats_daily" CROSS JOIN (VALUES ('day'), ('month'), ('year')) AS g(grain)
GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum("n") <> 0;
