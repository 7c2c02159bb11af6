CREATE TABLE "file_garbage" (
	"storage_key" text PRIMARY KEY NOT NULL,
	"since" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "files" ALTER COLUMN "data" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "storage_key" text;--> statement-breakpoint
CREATE INDEX "files_in_database_idx" ON "files" USING btree ("id") WHERE "files"."storage_key" is null;