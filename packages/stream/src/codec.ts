import { RegistryEvent, SyncJob } from '@geo/contracts';
import { StreamError } from './errors.js';

/** Serialises a registry event as protobuf, the form stored on the event stream. */
export function encodeEvent(event: RegistryEvent): Uint8Array {
  return RegistryEvent.encode(event).finish();
}

/** Parses a stored registry event; throws a StreamError `DECODE_FAILED` on bad bytes. */
export function decodeEvent(bytes: Uint8Array): RegistryEvent {
  const event = decode(() => RegistryEvent.decode(bytes), 'registry event');

  if (!event.id || !event.repository) {
    throw new StreamError('DECODE_FAILED', 'decode registry event: id or repository missing');
  }

  return event;
}

/** Serialises a sync job as protobuf, the form stored on a job stream. */
export function encodeJob(job: SyncJob): Uint8Array {
  return SyncJob.encode(job).finish();
}

/** Parses a stored sync job; throws a StreamError `DECODE_FAILED` on bad bytes. */
export function decodeJob(bytes: Uint8Array): SyncJob {
  const job = decode(() => SyncJob.decode(bytes), 'sync job');

  if (!job.jobId || !job.site || !job.repository) {
    throw new StreamError('DECODE_FAILED', 'decode sync job: job id, site or repository missing');
  }

  return job;
}

function decode<T>(parse: () => T, what: string): T {
  try {
    return parse();
  } catch (error) {
    throw StreamError.from(error, 'DECODE_FAILED', `decode ${what}`);
  }
}
