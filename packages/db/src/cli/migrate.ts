#!/usr/bin/env node
import { databaseUrl, loadConfig, z } from '@geo/config';
import { migrate } from '../migrate.js';

/** `pnpm db:migrate`: applies pending migrations to `DATABASE_URL`, as services do at start. */
const config = loadConfig(
  z.object({
    DATABASE_URL: databaseUrl,
  }),
);

try {
  await migrate(config.DATABASE_URL);
  process.stdout.write('migrations applied\n');
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
