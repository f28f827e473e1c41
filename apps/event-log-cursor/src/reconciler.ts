import type { Logger } from '@geo/telemetry';
import { type Periodic, runPeriodically } from './periodic.js';
import { type ReconcileDeps, reconcilePass } from './reconcile.js';

/** Options of {@link startReconciler}. */
export interface ReconcilerOptions {
  intervalMs: number;
  /** Run a first pass at once: the backfill of a new secondary. */
  backfill: boolean;
}

/**
 * Runs {@link reconcilePass} every interval (and at once when backfilling),
 * logging what each pass found. A failed pass changes nothing and the next
 * one tries again.
 */
export function startReconciler(
  deps: Omit<ReconcileDeps, 'signal'>,
  options: ReconcilerOptions,
): Periodic {
  const logger: Logger = deps.logger;

  return runPeriodically(
    async (signal) => {
      const started = performance.now();
      const summary = await reconcilePass({ ...deps, signal });
      const seconds = (performance.now() - started) / 1000;
      logger.info({ ...summary, seconds }, 'reconciliation finished');
    },
    options.intervalMs,
    {
      immediately: options.backfill,
      onError: (error) => logger.error({ err: error }, 'reconciliation failed'),
    },
  );
}
