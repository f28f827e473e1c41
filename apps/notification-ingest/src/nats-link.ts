import { setTimeout as sleep } from 'node:timers/promises';
import type { RegistryEvent } from '@geo/contracts';
import {
  connectNats,
  ensureEventStream,
  type JetStreamClient,
  type NatsConnection,
  publishEvent,
} from '@geo/stream';
import { IngestError } from './errors.js';
import type { EventPublisher } from './event-publisher.js';

/** What happened to the link, for the service to log. */
export type NatsLinkReport =
  | { type: 'ready' }
  | { type: 'connect_failed'; attempt: number; error: unknown }
  | { type: 'disconnected' }
  | { type: 'reconnected' }
  | { type: 'stream_failed'; error: unknown };

/** Options of {@link NatsLink}. */
export interface NatsLinkOptions {
  servers: string[];
  /** Connection name, shown in the server's monitoring. */
  name: string;
  /** How long to wait for each JetStream acknowledgement. */
  publishTimeoutMs: number;
  /** Pause between attempts while the first connection fails. */
  retryDelayMs?: number;
  /** Receives every change of the link's state; a library does not log. */
  onReport?: (report: NatsLinkReport) => void;
}

/**
 * The service's connection to JetStream. It connects in the background,
 * retrying until the server answers, so the HTTP endpoint can listen (and
 * answer 503) meanwhile; once connected, nats.js reconnects forever.
 */
export class NatsLink implements EventPublisher {
  readonly #options: NatsLinkOptions;
  readonly #stop = new AbortController();
  #connection: NatsConnection | undefined;
  #jetstream: JetStreamClient | undefined;
  #available = false;
  #started: Promise<void> | undefined;
  #ensuring: Promise<void> | undefined;

  /** @param options servers, connection name, publish timeout */
  constructor(options: NatsLinkOptions) {
    this.#options = options;
  }

  /** Starts connecting in the background; resolves nothing, reports instead. */
  start(): void {
    this.#started ??= this.#connect();
  }

  /** Whether the connection is up and the event stream exists. */
  isAvailable(): boolean {
    return this.#available;
  }

  /** Publishes every event concurrently and waits for all acknowledgements. */
  async publish(events: RegistryEvent[]): Promise<void> {
    const jetstream = this.#jetstream;
    if (!jetstream || !this.#available) {
      throw new IngestError('STREAM_UNAVAILABLE', 'not connected to NATS');
    }

    const timeoutMs = this.#options.publishTimeoutMs;
    const acks = events.map((event) =>
      publishEvent(jetstream, event, { timeoutMs }).catch((error: unknown) => {
        throw new IngestError(
          'STREAM_UNAVAILABLE',
          `publish event ${event.id}`,
          { eventId: event.id },
          { cause: error },
        );
      }),
    );
    await Promise.all(acks);
  }

  /** Stops retrying and closes the connection; the HTTP server has awaited its publishes. */
  async close(): Promise<void> {
    this.#stop.abort();
    this.#available = false;
    await this.#started;
    await this.#connection?.close();
  }

  async #connect(): Promise<void> {
    const connection = await this.#firstConnection();
    if (!connection) return;

    this.#connection = connection;
    this.#jetstream = connection.jetstream();
    void this.#watch(connection);
    await this.#ensureStream(connection);
  }

  /** Retries until a server answers, since nats.js only reconnects after a first success. */
  async #firstConnection(): Promise<NatsConnection | undefined> {
    for (let attempt = 1; !this.#stop.signal.aborted; attempt++) {
      try {
        return await connectNats(this.#options.servers, this.#options.name);
      } catch (error) {
        this.#report({ type: 'connect_failed', attempt, error });
      }
      await this.#pause();
    }
    return undefined;
  }

  /**
   * Declares the stream, retrying until it works; again after each reconnect,
   * since the server may have come back without it. One run at a time.
   */
  #ensureStream(connection: NatsConnection): Promise<void> {
    this.#ensuring ??= this.#ensureStreamLoop(connection).finally(() => {
      this.#ensuring = undefined;
    });
    return this.#ensuring;
  }

  async #ensureStreamLoop(connection: NatsConnection): Promise<void> {
    while (!this.#stop.signal.aborted && !connection.isClosed()) {
      try {
        await ensureEventStream(connection);
        this.#available = true;
        this.#report({ type: 'ready' });
        return;
      } catch (error) {
        this.#report({ type: 'stream_failed', error });
      }
      await this.#pause();
    }
  }

  async #watch(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect') {
        this.#available = false;
        this.#report({ type: 'disconnected' });
      } else if (status.type === 'reconnect') {
        this.#report({ type: 'reconnected' });
        void this.#ensureStream(connection);
      }
    }
  }

  async #pause(): Promise<void> {
    const delay = this.#options.retryDelayMs ?? 1_000;
    await sleep(delay, undefined, { signal: this.#stop.signal }).catch(() => undefined);
  }

  #report(report: NatsLinkReport): void {
    this.#options.onReport?.(report);
  }
}
