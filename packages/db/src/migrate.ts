import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as applyMigrations } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { DbError } from './errors.js';

/** The SQL migrations `drizzle-kit generate` wrote, shipped with the package. */
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/** Advisory lock key of migrations ("geo-mig" in ASCII), held only while migrating. */
const MIGRATION_LOCK = 0x67_65_6f_2d_6d_69_67n;

/**
 * Applies the pending migrations of `drizzle/`. Every service does this at
 * start-up, so several may run it at once: each takes the same advisory
 * lock on its own single connection first, and the later ones find nothing
 * left to apply.
 */
export async function migrate(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });

  try {
    await client`SELECT pg_advisory_lock(${MIGRATION_LOCK.toString()}::bigint)`;
    try {
      await applyMigrations(drizzle(client), { migrationsFolder });
    } finally {
      await client`SELECT pg_advisory_unlock(${MIGRATION_LOCK.toString()}::bigint)`;
    }
  } catch (error) {
    throw DbError.from(error, 'MIGRATE_FAILED', 'apply database migrations');
  } finally {
    await client.end({ timeout: 5 });
  }
}
