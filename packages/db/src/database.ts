import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema.js';

/** The Drizzle handle every query of this package takes. */
export type Database = PostgresJsDatabase<typeof schema>;

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Most connections in the pool; default 10. */
  max?: number;
}

/** Opens a connection pool on `url`; `close` ends it, letting running queries finish. */
export function openDatabase(
  url: string,
  options: OpenDatabaseOptions = {},
): { db: Database; close(): Promise<void> } {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const db = drizzle(client, { schema });

  return {
    db,
    close: () => client.end({ timeout: 5 }),
  };
}
