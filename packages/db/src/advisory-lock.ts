import postgres from 'postgres';
import { DbError } from './errors.js';

/** An advisory lock held on a dedicated connection; see {@link holdAdvisoryLock}. */
export interface HeldLock {
  /** Resolves when the lock is lost because its connection broke. */
  readonly lost: Promise<Error>;
  /** Releases the lock and closes its connection. */
  release(): Promise<void>;
}

/** Options of {@link holdAdvisoryLock}. */
export interface HoldAdvisoryLockOptions {
  /** How often the connection is checked while the lock is held; default 5 s. */
  checkIntervalMs?: number;
}

/**
 * Waits until this process holds the session advisory lock named `name`
 * (hashed to a key), on a connection of its own. Postgres releases the lock
 * when that connection ends, so a standby waiting for it takes over when the
 * holder dies; `lost` tells the holder it must stop.
 */
export async function holdAdvisoryLock(
  url: string,
  name: string,
  options: HoldAdvisoryLockOptions = {},
): Promise<HeldLock> {
  const client = postgres(url, { max: 1, idle_timeout: 0, onnotice: () => {} });

  try {
    await client`SELECT pg_advisory_lock(hashtextextended(${name}, 0))`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw DbError.from(error, 'LOCK_FAILED', `take advisory lock ${name}`);
  }

  let timer: NodeJS.Timeout | undefined;
  const lost = new Promise<Error>((resolve) => {
    const fail = (error: Error) => {
      clearInterval(timer);
      resolve(error);
    };
    timer = setInterval(() => {
      // A session lock dies with its connection, and postgres.js would
      // silently reconnect without it, so the holding backend is checked.
      client`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
        AND granted LIMIT 1`.then(
        (rows) => {
          if (rows.length === 0) fail(new DbError('LOCK_FAILED', `advisory lock ${name} lost`));
        },
        (error) => fail(DbError.from(error, 'LOCK_FAILED', `advisory lock ${name} lost`)),
      );
    }, options.checkIntervalMs ?? 5_000);
    timer.unref();
  });

  return {
    lost,
    async release() {
      clearInterval(timer);
      await client`SELECT pg_advisory_unlock_all()`.catch(() => {});
      await client.end({ timeout: 5 });
    },
  };
}
