ALTER TABLE "registry_repositories" ADD COLUMN "missing_on_primary" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "site_cursors" ADD COLUMN "events_behind" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "site_cursors" ADD COLUMN "lag_measured_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "registry_repositories_outstanding" ON "registry_repositories" USING btree ("site") WHERE "registry_repositories"."job_queued" OR "registry_repositories"."state" = 1;