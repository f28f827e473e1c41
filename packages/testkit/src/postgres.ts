import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/** A database created for one test run. */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * The server tests create their databases on. Override with
 * `GEO_TEST_POSTGRES_URL`; the default matches what `infra/setup.sh` ensures.
 */
export function postgresAdminUrl(): string {
  return (
    process.env.GEO_TEST_POSTGRES_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres'
  );
}

/** Creates an empty database with a unique name; `drop` removes it. */
export async function createDatabase(): Promise<TestDatabase> {
  const admin = postgresAdminUrl();
  const name = `geo_test_${randomBytes(6).toString('hex')}`;
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await sql.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;

  return {
    url: url.toString(),
    name,
    async drop() {
      const cleanup = postgres(admin, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
