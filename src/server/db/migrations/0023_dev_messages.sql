CREATE TABLE "dev_messages" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"topic" text NOT NULL,
	"channel" text NOT NULL,
	"to" text NOT NULL,
	"name" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "dev_messages_to_idx" ON "dev_messages" USING btree ("to","seq");