import type { RegistryEvent } from '@geo/contracts';

/** Where the HTTP endpoint hands relevant events; {@link NatsLink} in production. */
export interface EventPublisher {
  /** Whether publishing can succeed right now (connected, stream in place). */
  isAvailable(): boolean;
  /**
   * Resolves once every event is acknowledged as stored; rejects with an
   * `IngestError` `STREAM_UNAVAILABLE` otherwise.
   */
  publish(events: RegistryEvent[]): Promise<void>;
}
