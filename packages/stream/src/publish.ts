import type { RegistryEvent, SyncJob } from '@geo/contracts';
import type { JetStreamClient, PubAck } from 'nats';
import { encodeEvent, encodeJob } from './codec.js';
import { StreamError } from './errors.js';
import { EVENT_SUBJECT, jobSubject } from './names.js';

/** Options of {@link publishEvent}. */
export interface PublishEventOptions {
  /** How long to wait for JetStream's acknowledgement; default 5 s. */
  timeoutMs?: number;
}

/**
 * Stores a registry event, with its id as the de-duplication id. Resolves
 * only once JetStream acknowledged it; `duplicate` is set when it was stored
 * before.
 */
export async function publishEvent(
  js: JetStreamClient,
  event: RegistryEvent,
  options: PublishEventOptions = {},
): Promise<PubAck> {
  try {
    return await js.publish(EVENT_SUBJECT, encodeEvent(event), {
      msgID: event.id,
      timeout: options.timeoutMs ?? 5_000,
    });
  } catch (error) {
    throw StreamError.from(error, 'PUBLISH_FAILED', `publish event of ${event.repository}`, {
      subject: EVENT_SUBJECT,
    });
  }
}

/**
 * Puts a sync job on its site's work queue, with the job id as the
 * de-duplication id so a retried publish is stored once.
 */
export async function publishJob(js: JetStreamClient, job: SyncJob): Promise<PubAck> {
  const subject = jobSubject(job.site);

  try {
    return await js.publish(subject, encodeJob(job), { msgID: job.jobId });
  } catch (error) {
    throw StreamError.from(error, 'PUBLISH_FAILED', `publish job of ${job.repository}`, {
      subject,
    });
  }
}
