CREATE INDEX "dossiers_open_agency_due_idx" ON "dossiers" USING btree ("agency_id","due_at") WHERE "dossiers"."status" in (2, 4);--> statement-breakpoint
CREATE INDEX "dossiers_open_current_due_idx" ON "dossiers" USING btree ("current_agency_id","due_at") WHERE "dossiers"."status" in (2, 4);--> statement-breakpoint
CREATE INDEX "dossiers_name_from_word1_idx" ON "dossiers" USING btree ((regexp_replace(regexp_replace("search_text", '^[^ ]+-[0-9]{6}-[0-9]{4} ', ''), ' [0-9]+$', '')) text_pattern_ops);--> statement-breakpoint
CREATE INDEX "dossiers_name_from_word2_idx" ON "dossiers" USING btree ((regexp_replace(regexp_replace(regexp_replace("search_text", '^[^ ]+-[0-9]{6}-[0-9]{4} ', ''), ' [0-9]+$', ''), '^[^ ]+ ', '')) text_pattern_ops);--> statement-breakpoint
CREATE INDEX "dossiers_name_from_word3_idx" ON "dossiers" USING btree ((regexp_replace(regexp_replace(regexp_replace("search_text", '^[^ ]+-[0-9]{6}-[0-9]{4} ', ''), ' [0-9]+$', ''), '^[^ ]+ [^ ]+ ', '')) text_pattern_ops);--> statement-breakpoint
-- Expression indexes have no statistics until ANALYZE: without them the planner misjudges the name search.
ANALYZE "dossiers";