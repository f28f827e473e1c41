import { createDatabase, type TestDatabase } from '@geo/testkit';
import { type Database, openDatabase } from './database.js';
import { migrate } from './migrate.js';

/** A fresh, migrated database for one test file. */
export interface MigratedDatabase {
  db: Database;
  url: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** Creates a database, applies the migrations and opens a pool on it. */
export async function migratedDatabase(): Promise<MigratedDatabase> {
  const created: TestDatabase = await createDatabase();
  await migrate(created.url);
  const { db, close } = openDatabase(created.url);

  return {
    db,
    url: created.url,
    async drop() {
      await close();
      await created.drop();
    },
  };
}
