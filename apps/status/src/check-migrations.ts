import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiagnosticCheck } from '@geo/contracts';
import { type Database, migrationsFolder } from '@geo/db';
import { failed, passed } from './diagnostic-check.js';

/** The name of the database check. */
export const MIGRATIONS_CHECK = 'database-migrations';

interface Journal {
  entries: { tag: string; when: number }[];
}

/**
 * Whether the database has every migration this release ships. Drizzle
 * records each applied migration's folder time in `created_at`, and applies
 * one only when it is later than the last recorded, so the same comparison
 * tells what is pending.
 */
export async function checkMigrations(db: Database): Promise<DiagnosticCheck> {
  const journalFile = join(migrationsFolder, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalFile, 'utf8')) as Journal;

  const lastApplied = await lastAppliedAt(db);
  const pending = journal.entries.filter((entry) => entry.when > lastApplied);
  const total = journal.entries.length;

  if (pending.length > 0) {
    return failed(
      MIGRATIONS_CHECK,
      `${pending.length} of ${total} migrations not applied (${pending.map((e) => e.tag).join(', ')}); ` +
        'run pnpm db:migrate or restart a service that uses the database',
    );
  }

  const latest = journal.entries.at(-1)?.tag ?? 'none';
  return passed(MIGRATIONS_CHECK, `all ${total} migrations applied (latest ${latest})`);
}

async function lastAppliedAt(db: Database): Promise<number> {
  const exists = await db.execute<{ table: string | null }>(
    "SELECT to_regclass('drizzle.__drizzle_migrations')::text AS table",
  );
  if (!exists[0]?.table) return Number.NEGATIVE_INFINITY;

  const rows = await db.execute<{ last: string | null }>(
    'SELECT max(created_at)::text AS last FROM drizzle.__drizzle_migrations',
  );
  const last = rows[0]?.last;
  return last ? Number(last) : Number.NEGATIVE_INFINITY;
}
