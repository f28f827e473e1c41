import type { ConsumerConfig, JetStreamManager, NatsError, StreamConfig } from 'nats';
import { StreamError } from './errors.js';

/** JetStream API error codes this package reacts to. */
const STREAM_NAME_IN_USE = 10058;
const STREAM_NOT_FOUND = 10059;
const CONSUMER_NOT_FOUND = 10014;

/** The JetStream API error code of `error`, if it carries one. */
export function apiErrorCode(error: unknown): number | undefined {
  return (error as Partial<NatsError> | undefined)?.api_error?.err_code;
}

/** True when `error` says the stream or consumer asked about does not exist. */
export function isNotFound(error: unknown): boolean {
  const code = apiErrorCode(error);
  return code === STREAM_NOT_FOUND || code === CONSUMER_NOT_FOUND;
}

/**
 * Creates the stream, or brings an existing one's mutable settings level with
 * `config`. Safe when several processes do it at once: creating a stream that
 * exists with the same settings succeeds on the server.
 */
export async function upsertStream(
  jsm: JetStreamManager,
  config: Partial<StreamConfig> & { name: string },
): Promise<void> {
  try {
    await jsm.streams.add(config);
    return;
  } catch (error) {
    if (apiErrorCode(error) !== STREAM_NAME_IN_USE) {
      throw StreamError.from(error, 'ENSURE_FAILED', `create stream ${config.name}`, {
        stream: config.name,
      });
    }
  }

  try {
    await jsm.streams.update(config.name, config);
  } catch (error) {
    throw StreamError.from(error, 'ENSURE_FAILED', `update stream ${config.name}`, {
      stream: config.name,
    });
  }
}

/**
 * Creates the durable consumer, or updates the settings of an existing one
 * (the server treats a create of an existing durable as an update).
 */
export async function upsertConsumer(
  jsm: JetStreamManager,
  stream: string,
  config: Partial<ConsumerConfig> & { durable_name: string },
): Promise<void> {
  try {
    await jsm.consumers.add(stream, config);
  } catch (error) {
    throw StreamError.from(
      error,
      'ENSURE_FAILED',
      `create consumer ${config.durable_name} on ${stream}`,
      { stream, consumer: config.durable_name },
    );
  }
}
