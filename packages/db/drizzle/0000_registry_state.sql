CREATE TABLE "registry_repositories" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"site" text NOT NULL,
	"name" text NOT NULL,
	"state" smallint DEFAULT 0 NOT NULL,
	"sync_again" boolean DEFAULT false NOT NULL,
	"job_queued" boolean DEFAULT false NOT NULL,
	"retry_count" integer DEFAULT 0 NOT NULL,
	"retry_at" timestamp with time zone,
	"last_sync_failure" text,
	"last_synced_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"claimed_by" text,
	"claim_expires_at" timestamp with time zone,
	"last_event_sequence" bigint DEFAULT 0 NOT NULL,
	"last_event_at" timestamp with time zone,
	"verification_checksum" text,
	"verified_at" timestamp with time zone,
	"tag_count" integer DEFAULT 0 NOT NULL,
	"blobs_copied" bigint DEFAULT 0 NOT NULL,
	"bytes_copied" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_cursors" (
	"site" text PRIMARY KEY NOT NULL,
	"stream_sequence" bigint DEFAULT 0 NOT NULL,
	"last_event_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"site" text NOT NULL,
	"repository" text NOT NULL,
	"job_id" text NOT NULL,
	"worker" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text,
	"blobs_copied" bigint DEFAULT 0 NOT NULL,
	"bytes_copied" bigint DEFAULT 0 NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "registry_repositories_site_name" ON "registry_repositories" USING btree ("site","name");--> statement-breakpoint
CREATE INDEX "registry_repositories_site_state" ON "registry_repositories" USING btree ("site","state");--> statement-breakpoint
CREATE INDEX "registry_repositories_retry_at" ON "registry_repositories" USING btree ("site","retry_at") WHERE "registry_repositories"."state" = 3;--> statement-breakpoint
CREATE INDEX "sync_attempts_site_repository" ON "sync_attempts" USING btree ("site","repository","id");