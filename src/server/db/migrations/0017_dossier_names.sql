-- Full-name search reads `dossier_names` (decision 0009): each dossier's folded applicant name from its 1st,
-- 2nd and 3rd word, with its agencies and creation time, on indexes holding every column a search reads.
CREATE TABLE "dossier_names" (
	"dossier_id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"current_agency_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"from_word1" text NOT NULL,
	"from_word2" text NOT NULL,
	"from_word3" text NOT NULL
);
--> statement-breakpoint
DROP INDEX IF EXISTS "dossiers_name_from_word1_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "dossiers_name_from_word2_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "dossiers_name_from_word3_idx";--> statement-breakpoint
-- Kept in the same transaction as every write of a dossier, whichever code writes it (intake, the history
-- generator, commands that move it to another agency): the name is read from the search text
-- `[code ]name[ ID number]`, all folded, and cut after its first one or two words.
CREATE FUNCTION "dossier_names_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	name text := regexp_replace(regexp_replace(NEW.search_text, '^[^ ]+-[0-9]{6}-[0-9]{4} ', ''), ' [0-9]+$', '');
BEGIN
	INSERT INTO "dossier_names" ("dossier_id", "agency_id", "current_agency_id", "created_at", "from_word1", "from_word2", "from_word3")
	VALUES (NEW.id, NEW.agency_id, NEW.current_agency_id, NEW.created_at, name,
		regexp_replace(name, '^[^ ]+ ', ''), regexp_replace(name, '^[^ ]+ [^ ]+ ', ''))
	ON CONFLICT ("dossier_id") DO UPDATE SET
		"agency_id" = EXCLUDED."agency_id", "current_agency_id" = EXCLUDED."current_agency_id",
		"created_at" = EXCLUDED."created_at", "from_word1" = EXCLUDED."from_word1",
		"from_word2" = EXCLUDED."from_word2", "from_word3" = EXCLUDED."from_word3";
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "dossier_names_on_insert" AFTER INSERT ON "dossiers"
	FOR EACH ROW EXECUTE FUNCTION "dossier_names_sync"();--> statement-breakpoint
CREATE TRIGGER "dossier_names_on_update" AFTER UPDATE OF "search_text", "agency_id", "current_agency_id" ON "dossiers"
	FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.agency_id IS DISTINCT FROM NEW.agency_id
		OR OLD.current_agency_id IS DISTINCT FROM NEW.current_agency_id)
	EXECUTE FUNCTION "dossier_names_sync"();--> statement-breakpoint
INSERT INTO "dossier_names" ("dossier_id", "agency_id", "current_agency_id", "created_at", "from_word1", "from_word2", "from_word3")
SELECT id, agency_id, current_agency_id, created_at, name,
	regexp_replace(name, '^[^ ]+ ', ''), regexp_replace(name, '^[^ ]+ [^ ]+ ', '')
FROM (SELECT *, regexp_replace(regexp_replace(search_text, '^[^ ]+-[0-9]{6}-[0-9]{4} ', ''), ' [0-9]+$', '') AS name
	FROM "dossiers") d;--> statement-breakpoint
ALTER TABLE "dossier_names" ADD CONSTRAINT "dossier_names_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_names_word1_idx" ON "dossier_names" USING btree ("from_word1" text_pattern_ops,"agency_id","current_agency_id","created_at","dossier_id");--> statement-breakpoint
CREATE INDEX "dossier_names_word2_idx" ON "dossier_names" USING btree ("from_word2" text_pattern_ops,"agency_id","current_agency_id","created_at","dossier_id");--> statement-breakpoint
CREATE INDEX "dossier_names_word3_idx" ON "dossier_names" USING btree ("from_word3" text_pattern_ops,"agency_id","current_agency_id","created_at","dossier_id");--> statement-breakpoint
-- An index-only scan skips the table only for pages marked all-visible, which VACUUM sets: let autovacuum come
-- after 1 % of new or changed rows (default 20 %: 2 M rows at 10 M dossiers, the newest left unmarked).
-- VACUUM cannot run in a migration's transaction; the statistics can.
ALTER TABLE "dossier_names" SET (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_vacuum_scale_factor = 0.01);--> statement-breakpoint
ANALYZE "dossier_names";
