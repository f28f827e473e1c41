import { createDatabase, freePort, type TestDatabase } from '@geo/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { migrate } from './migrate.js';

describe('migrate', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('applies every migration once, even when several processes migrate at once', async () => {
    await Promise.all([migrate(database.url), migrate(database.url), migrate(database.url)]);
    await migrate(database.url);

    const { db, close } = openDatabase(database.url, { max: 1 });
    try {
      const applied = await db.execute(
        sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
      );
      const tables = await db.execute(
        sql`SELECT count(*)::int AS n FROM pg_tables WHERE tablename IN
          ('registry_repositories', 'site_cursors', 'sync_attempts')`,
      );
      expect(applied[0]?.n).toBeGreaterThan(0);
      expect(tables[0]?.n).toBe(3);
    } finally {
      await close();
    }
  });

  it('fails with a MIGRATE_FAILED error that does not repeat the password of the URL', async () => {
    const url = new URL(database.url);
    url.port = String(await freePort());
    url.password = 'wrong-password-value';

    const attempt = migrate(url.toString());

    await expect(attempt).rejects.toMatchObject({ code: 'MIGRATE_FAILED' });
    await expect(attempt).rejects.not.toThrow(/wrong-password-value/);
  });
});
