import { type JsMsg, jobStreamName, type NatsConnection, WORKER_CONSUMER } from '@geo/stream';

/** Options of {@link consumeJobs}. */
export interface ConsumeJobsOptions {
  nc: NatsConnection;
  site: string;
  /** Stops the loop; the job in hand is finished first. */
  signal: AbortSignal;
  handle(message: JsMsg): Promise<unknown>;
  /** Called when a pull fails; the loop goes on after a pause. */
  onError(error: unknown): void;
  /** Called once the consumer is found, before the first pull. */
  onReady?(): void;
  /** How long one pull waits for a job. */
  pullExpiresMs?: number;
}

/**
 * Pulls jobs one at a time from the site's shared worker consumer and
 * handles each before asking for the next, so no job waits in this
 * worker's buffer while its ack timer runs; more workers, more throughput.
 */
export async function consumeJobs(options: ConsumeJobsOptions): Promise<void> {
  const { nc, site, signal } = options;
  const consumer = await nc.jetstream().consumers.get(jobStreamName(site), WORKER_CONSUMER);
  options.onReady?.();

  while (!signal.aborted) {
    let message: JsMsg | null;
    try {
      message = await consumer.next({ expires: options.pullExpiresMs ?? 5_000 });
    } catch (error) {
      options.onError(error);
      await pause(1_000, signal);
      continue;
    }

    if (message && signal.aborted) {
      // Pulled while stopping: hand it straight back for another worker.
      message.nak();
    } else if (message) {
      await options.handle(message);
    }
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
