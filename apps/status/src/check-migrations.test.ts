import { CheckResult } from '@geo/contracts';
import { migrate, openDatabase } from '@geo/db';
import { createDatabase, type TestDatabase } from '@geo/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMigrations } from './check-migrations.js';

describe('checkMigrations', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('fails on a database without migrations, and passes once they are applied', async () => {
    const { db, close } = openDatabase(database.url, { max: 1 });

    const before = await checkMigrations(db);
    await migrate(database.url);
    const after = await checkMigrations(db);
    await close();

    expect(before.result).toBe(CheckResult.CHECK_RESULT_FAILED);
    expect(before.detail).toMatch(/migrations not applied .*0000_registry_state/);
    expect(after.result).toBe(CheckResult.CHECK_RESULT_PASSED);
  });
});
