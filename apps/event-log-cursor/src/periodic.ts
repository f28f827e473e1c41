/** A task run every interval; see {@link runPeriodically}. */
export interface Periodic {
  /** Stops the timer and waits for the run in progress, if any. */
  stop(): Promise<void>;
}

/** Options of {@link runPeriodically}. */
export interface PeriodicOptions {
  /** Run once at once as well, not only after the first interval. */
  immediately?: boolean;
  /** Called with what a run threw; the next run goes ahead regardless. */
  onError(error: unknown): void;
}

/**
 * Runs `task` every `intervalMs` until stopped. A run still going when the
 * next is due is not doubled, so `stop` waits for the only one there is.
 */
export function runPeriodically(
  task: (signal: AbortSignal) => Promise<void>,
  intervalMs: number,
  options: PeriodicOptions,
): Periodic {
  const stopping = new AbortController();
  let running: Promise<void> | undefined;

  const tick = () => {
    if (running || stopping.signal.aborted) return;

    running = task(stopping.signal)
      .catch(options.onError)
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  if (options.immediately) tick();

  return {
    async stop() {
      clearInterval(timer);
      stopping.abort();
      await running;
    },
  };
}
