-- Search extensions used for diacritic-insensitive Vietnamese search (catalogue, people).
-- PGlite loads them from @electric-sql/pglite/contrib; Debian PostgreSQL ships them in contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
