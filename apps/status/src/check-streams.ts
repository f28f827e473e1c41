import type { DiagnosticCheck } from '@geo/contracts';
import { cursorConsumerName, EVENT_STREAM, jobStreamName, type NatsConnection } from '@geo/stream';
import { failed, passed, warning } from './diagnostic-check.js';

/** The name of the JetStream check. */
export const STREAMS_CHECK = 'nats-streams';

/**
 * Whether the registry event stream, the site's job stream and the site's
 * cursor consumer exist. A missing consumer only warns: the
 * event-log-cursor creates it when it first starts.
 */
export async function checkStreams(nc: NatsConnection, site: string): Promise<DiagnosticCheck> {
  const jsm = await nc.jetstreamManager();
  const streams = [EVENT_STREAM, jobStreamName(site)];

  const missing: string[] = [];
  for (const stream of streams) {
    if (!(await exists(() => jsm.streams.info(stream)))) missing.push(stream);
  }
  if (missing.length > 0) {
    return failed(STREAMS_CHECK, `stream ${missing.join(' and ')} missing`);
  }

  const consumer = cursorConsumerName(site);
  if (!(await exists(() => jsm.consumers.info(EVENT_STREAM, consumer)))) {
    const detail = `${streams.join(' and ')} exist, but not the consumer ${consumer}`;
    return warning(STREAMS_CHECK, `${detail}: has the event-log-cursor started?`);
  }

  return passed(STREAMS_CHECK, `${streams.join(' and ')} exist, with consumer ${consumer}`);
}

/** True when `info` answers; false when JetStream says it does not know the name. */
async function exists(info: () => Promise<unknown>): Promise<boolean> {
  try {
    await info();
    return true;
  } catch (error) {
    if (/not found/i.test((error as Error).message)) return false;
    throw error;
  }
}
