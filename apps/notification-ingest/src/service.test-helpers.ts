import type { RegistryEvent } from '@geo/contracts';
import { connectNats, decodeEvent, EVENT_STREAM } from '@geo/stream';
import { freePort, type ManagedProcess, startService } from '@geo/testkit';

/** The secret every integration test configures. */
export const SECRET = 'notification-secret-9f2c';

/** The registry's own content type of a notification envelope. */
export const ENVELOPE_TYPE = 'application/vnd.docker.distribution.events.v1+json';

/** A notification-ingest process started for a test. */
export interface IngestService {
  /** Base URL of its HTTP endpoint. */
  url: string;
  /** URL of the notification endpoint. */
  eventsUrl: string;
  process: ManagedProcess;
}

/** Starts the built service against `natsUrl`, with `env` overriding the defaults. */
export async function startIngest(
  natsUrl: string,
  env: Record<string, string> = {},
): Promise<IngestService> {
  const port = await freePort();
  const process = await startService('notification-ingest', {
    GEO_INGEST_LISTEN: `127.0.0.1:${port}`,
    NATS_URL: natsUrl,
    GEO_NOTIFICATION_SECRET: SECRET,
    GEO_INGEST_PUBLISH_TIMEOUT_MS: '1000',
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  return { url, eventsUrl: `${url}/api/v4/container_registry_event/events`, process };
}

/** POSTs `body` to the notification endpoint and returns the status and JSON answer. */
export async function postEnvelope(
  service: IngestService,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(service.eventsUrl, {
    method: 'POST',
    headers: { authorization: SECRET, 'content-type': ENVELOPE_TYPE, ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : {} };
}

/** Every event stored in the registry event stream, oldest first. */
export async function storedEvents(natsUrl: string): Promise<RegistryEvent[]> {
  const nc = await connectNats([natsUrl], 'ingest-test');
  try {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info(EVENT_STREAM);
    const events: RegistryEvent[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      if (info.state.messages === 0) break;
      const message = await jsm.streams.getMessage(EVENT_STREAM, { seq });
      events.push(decodeEvent(message.data));
    }
    return events;
  } finally {
    await nc.close();
  }
}
