import { RegistryAction, SyncReason } from '@geo/contracts';
import { describe, expect, it } from 'vitest';
import { decodeEvent, decodeJob, encodeEvent, encodeJob } from './codec.js';
import { StreamError } from './errors.js';
import { newJob } from './new-job.js';

describe('codecs', () => {
  it('round-trips a registry event', () => {
    const event = {
      id: 'ev-1',
      action: RegistryAction.REGISTRY_ACTION_PUSH,
      repository: 'group/app',
      tag: 'latest',
      digest: 'sha256:abc',
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      occurredAt: new Date('2024-01-02T03:04:05Z'),
      receivedAt: new Date('2024-01-02T03:04:06Z'),
      sourceInstance: 'registry-1',
    };

    expect(decodeEvent(encodeEvent(event))).toEqual(event);
  });

  it('round-trips a sync job', () => {
    const job = newJob('eu-west', 'group/app', SyncReason.SYNC_REASON_EVENT, 42);

    expect(decodeJob(encodeJob(job))).toEqual(job);
  });

  it('rejects garbage with a DECODE_FAILED StreamError', () => {
    const garbage = new TextEncoder().encode('{"this is": "not protobuf"}');

    expect(() => decodeEvent(garbage)).toThrow(StreamError);
    expect(() => decodeEvent(garbage)).toThrow(expect.objectContaining({ code: 'DECODE_FAILED' }));
    expect(() => decodeJob(garbage)).toThrow(expect.objectContaining({ code: 'DECODE_FAILED' }));
  });

  it('rejects a message that decodes but names no repository', () => {
    expect(() => decodeEvent(new Uint8Array())).toThrow(
      expect.objectContaining({ code: 'DECODE_FAILED' }),
    );
  });
});
